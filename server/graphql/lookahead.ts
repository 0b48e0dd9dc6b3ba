/**
 * Looks one level down a `links` selection: finds `links(...)` asked of the entities at the
 * links' ends (`from { links }`, `to { links }`, through fragments too), so that both levels
 * can be fetched in one statement; and, for `entity(id)`, the `links` asked of the entity, so
 * they can be requested alongside it. Only a hint: when it finds nothing usable, or several
 * different argument sets, the resolvers fetch their own links as usual.
 */
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  getArgumentValues,
  isInterfaceType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

const END_FIELDS = new Set(['from', 'to']);

/**
 * Field nodes named `name` in a selection set, looking through inline fragments and spreads.
 * Each named fragment is expanded once (`expanded`), as graphql-js does, so a fragment spread
 * twice at every level cannot make this exponential.
 */
function fieldsNamed(
  selectionSet: SelectionSetNode | undefined,
  name: (fieldName: string) => boolean,
  info: GraphQLResolveInfo,
  expanded: Set<string> = new Set(),
): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return name(selection.name.value) ? [selection] : [];
      case Kind.INLINE_FRAGMENT:
        return fieldsNamed(selection.selectionSet, name, info, expanded);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = selection.name.value;
        if (expanded.has(fragment)) return [];
        expanded.add(fragment);
        return fieldsNamed(info.fragments[fragment]?.selectionSet, name, info, expanded);
      }
      default:
        return [];
    }
  });
}

/** The arguments of the `links` fields among `nodes`, when they share exactly one set; else null. */
function oneArgumentSet(
  nodes: readonly FieldNode[],
  linksField: GraphQLField<unknown, unknown>,
  info: GraphQLResolveInfo,
): Record<string, unknown> | null {
  const argumentSets = new Map(
    nodes.map((node) => {
      const args = getArgumentValues(linksField, node, info.variableValues);
      return [JSON.stringify(args), args] as const;
    }),
  );
  const [only] = argumentSets.values();
  return argumentSets.size === 1 && only ? only : null;
}

/** `links` selected on the `from`/`to` ends below these `links` field nodes. */
function linksOnEnds(linksNodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const ends = linksNodes.flatMap((node) =>
    fieldsNamed(node.selectionSet, (n) => END_FIELDS.has(n), info),
  );
  return ends.flatMap((end) => fieldsNamed(end.selectionSet, (n) => n === 'links', info));
}

/**
 * The arguments of the `links` field selected on the ends of the links this resolver returns,
 * when there is exactly one distinct set of them; otherwise null.
 */
export function nestedLinksArguments(info: GraphQLResolveInfo): Record<string, unknown> | null {
  // Every entity type declares `links` with the same arguments as the field resolved here.
  const linksField = info.parentType.getFields()[info.fieldName];
  if (!linksField) return null;
  return oneArgumentSet(linksOnEnds(info.fieldNodes, info), linksField, info);
}

/**
 * For a field that returns one entity: the arguments of the `links` selected on it and of the
 * `links` selected on their ends (each null unless exactly one set), so both can be requested
 * before the entity itself has arrived.
 */
export function entityLinksArguments(
  info: GraphQLResolveInfo,
): { links: Record<string, unknown>; nested: Record<string, unknown> | null } | null {
  const entityType = info.schema.getType('Entity');
  const linksField = isInterfaceType(entityType) ? entityType.getFields().links : undefined;
  if (!linksField) return null;
  const linksNodes = info.fieldNodes.flatMap((node) =>
    fieldsNamed(node.selectionSet, (n) => n === 'links', info),
  );
  const links = oneArgumentSet(linksNodes, linksField, info);
  if (!links) return null;
  return { links, nested: oneArgumentSet(linksOnEnds(linksNodes, info), linksField, info) };
}
