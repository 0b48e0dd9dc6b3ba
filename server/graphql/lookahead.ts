/**
 * Looks one level down a `links` selection: finds `links(...)` asked of the entities at the
 * links' ends (`from { links }`, `to { links }`, through fragments too), so that both levels
 * can be fetched in one statement. Only a hint: when it finds nothing usable, or several
 * different argument sets, the inner resolvers fetch their own links as usual.
 */
import {
  type FieldNode,
  type GraphQLResolveInfo,
  getArgumentValues,
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

/**
 * The arguments of the `links` field selected on the ends of the links this resolver returns,
 * when there is exactly one distinct set of them; otherwise null.
 */
export function nestedLinksArguments(info: GraphQLResolveInfo): Record<string, unknown> | null {
  const linksField = info.parentType.getFields()[info.fieldName];
  if (!linksField) return null;
  const ends = info.fieldNodes.flatMap((node) =>
    fieldsNamed(node.selectionSet, (n) => END_FIELDS.has(n), info),
  );
  const nested = ends.flatMap((end) => fieldsNamed(end.selectionSet, (n) => n === 'links', info));
  // Every entity type declares `links` with the same arguments as the field resolved here.
  const argumentSets = new Map(
    nested.map((node) => {
      const args = getArgumentValues(linksField, node, info.variableValues);
      return [JSON.stringify(args), args] as const;
    }),
  );
  const [only] = argumentSets.values();
  return argumentSets.size === 1 && only ? only : null;
}
