/**
 * Estimates how many fields an operation can resolve, with the variables it is run with, and
 * refuses it above a budget before any resolver runs. Each list multiplies what is selected
 * inside it by the most items it can hold: its `first`/`limit` argument (clamped to the server's
 * cap, which the resolvers enforce anyway) or a size from the table below. This is what stops
 * `links { to { links { to { links ... } } } }` from fanning out to millions of objects.
 *
 * GraphQL Armor's cost rule is not used for this: it reads only literal `first` values (a
 * variable slips through) and multiplies by unchecked values, which would pre-empt the clearer
 * "must be from 0 to 500" argument errors.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  Kind,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { userError } from '../errors';
import { type IntArgument, LIMITS } from '../model/limits';
import { ENTITY_KINDS, LINK_TYPES } from '../model/vocabulary';

/**
 * Fields an operation may resolve at most, counting every item of every list. The explorer's
 * largest request, opening an investigation (a whole subgraph with every link's evidence and
 * the identities of its ends), estimates about 309,000; test/unit/security/query-limits.test.ts
 * sends the client's own operations through this limit.
 */
export const MAX_QUERY_COST = 350_000;

/** List size used for a list field that has no entry below. */
const DEFAULT_LIST_SIZE = 10;

type Args = Record<string, unknown>;

/** The argument's value clamped to its range, or its default: the most the resolver allows. */
function capped(value: unknown, limit: IntArgument): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : limit.default;
  return Math.max(0, Math.min(n, limit.max));
}

/**
 * How many items a field can multiply its selection by, keyed by field name (and parent type
 * where the name alone is ambiguous). Numbers are the server's hard caps.
 */
const MULTIPLIERS: Record<string, (args: Args) => number> = {
  'Query.search': (a) => capped(a.first, LIMITS.searchFirst),
  'Query.entities': (a) => capped(a.first, LIMITS.pageFirst),
  'Query.paths': (a) => capped(a.limit, LIMITS.pathLimit),
  'Query.sources': () => LIMITS.sources,
  'Query.timeline': (a) => capped(a.first, LIMITS.timelineFirst),
  'EntityConnection.edges': () => 1,
  'Query.matchCandidates': (a) => capped(a.first, LIMITS.matchFirst),
  'MatchCandidateConnection.edges': () => 1,
  // A pair has at most one feature of each kind (server/match/score.ts).
  features: () => 16,
  'PathResult.paths': () => 1,
  'Path.entities': () => LIMITS.maxHops.max + 1,
  'Path.links': () => LIMITS.maxHops.max,
  // A subgraph's size follows from its parent's arguments (see subgraphSize).
  'Subgraph.entities': () => 1,
  'Subgraph.links': () => 1,
  'Subgraph.truncated': () => 1,
  'SchemaInfo.kinds': () => ENTITY_KINDS.length,
  'SchemaInfo.linkTypes': () => LINK_TYPES.length,
  links: (a) => capped(a.first, LIMITS.linksFirst),
  citations: () => 10,
};

/**
 * Most entities (and, about as many, links) a Subgraph can hold: a neighbourhood shows at most
 * `limit` neighbours per entity on each of `depth` levels; everything is capped server-side.
 */
function subgraphSize(field: string, args: Args): number {
  const cap = LIMITS.maxSubgraphEntities;
  if (field !== 'neighborhood') return cap;
  const depth = capped(args.depth, LIMITS.depth);
  const limit = capped(args.limit, LIMITS.neighbourLimit);
  let total = 1;
  for (let level = 1; level <= depth; level++) total += limit ** level;
  return Math.min(total, cap);
}

/** Items in the field's list arguments: each is work for the resolver and the database. */
function listItems(args: Args): number {
  let items = 0;
  for (const value of Object.values(args)) if (Array.isArray(value)) items += value.length;
  return items;
}

function multiplier(parent: string, field: GraphQLField<unknown, unknown>, args: Args): number {
  const rule = MULTIPLIERS[`${parent}.${field.name}`] ?? MULTIPLIERS[field.name];
  if (rule) return rule(args);
  if (getNamedType(field.type).name === 'Subgraph') return subgraphSize(field.name, args);
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_SIZE : 1;
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  fragmentCosts: Map<string, number>;
  variables: Record<string, unknown>;
}

function argumentValues(
  field: GraphQLField<unknown, unknown>,
  node: { arguments?: readonly { name: { value: string }; value: import('graphql').ValueNode }[] },
  variables: Record<string, unknown>,
): Args {
  const args: Args = {};
  for (const arg of node.arguments ?? []) {
    const definition = field.args.find((a) => a.name === arg.name.value);
    if (definition) args[arg.name.value] = valueFromAST(arg.value, definition.type, variables);
  }
  return args;
}

function selectionCost(
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  context: CostContext,
  seen: ReadonlySet<string>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__') || !('getFields' in type)) {
        cost += 1;
        continue;
      }
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      const inner =
        selection.selectionSet && isCompositeType(named)
          ? selectionCost(selection.selectionSet, named, context, seen)
          : 0;
      const args = argumentValues(field, selection, context.variables);
      cost += 1 + listItems(args) + multiplier(type.name, field, args) * inner;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? context.schema.getType(selection.typeCondition.name.value)
        : type;
      if (condition && isCompositeType(condition)) {
        cost += selectionCost(selection.selectionSet, condition, context, seen);
      }
    } else {
      const name = selection.name.value;
      if (!seen.has(name)) cost += fragmentCost(name, context, seen);
    }
  }
  return cost;
}

// A fragment costs the same wherever it is spread. Remembering it keeps the estimate linear for
// a "fragment bomb" (each fragment spreading the next twice), which would otherwise take
// exponential time here; its cost still doubles per level, so the bomb is refused.
function fragmentCost(name: string, context: CostContext, seen: ReadonlySet<string>): number {
  const known = context.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = context.fragments.get(name);
  const condition = fragment && context.schema.getType(fragment.typeCondition.name.value);
  const cost =
    fragment && condition && isCompositeType(condition)
      ? selectionCost(fragment.selectionSet, condition, context, new Set([...seen, name]))
      : 0;
  context.fragmentCosts.set(name, cost);
  return cost;
}

/** The estimated number of fields the operation resolves with these variables. */
export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return selectionCost(
    operation.selectionSet,
    root,
    { schema, fragments, fragmentCosts: new Map(), variables },
    new Set(),
  );
}

export function useQueryCost(maxCost = MAX_QUERY_COST): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = estimateQueryCost(
        args.schema,
        args.document,
        args.operationName,
        (args.variableValues ?? {}) as Record<string, unknown>,
      );
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          userError(
            'QUERY_TOO_COMPLEX',
            `This query could resolve about ${cost} fields; the server allows ${maxCost}. Ask for fewer items (first, limit) or nest lists such as links less deeply.`,
            { cost, maxCost, http: { status: 400 } },
          ),
        ],
      });
    },
  };
}
