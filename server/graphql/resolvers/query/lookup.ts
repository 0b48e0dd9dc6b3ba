/** Query.entity, entities, link, source, sources, search and schemaInfo. */
import type { GraphQLResolveInfo } from 'graphql';
import { entityPage, searchEntities } from '../../../data/entities';
import { schemaInfo } from '../../../data/schema-info';
import { allSources } from '../../../data/sources';
import { badInput } from '../../../errors';
import { LIMITS } from '../../../model/limits';
import { ENTITY_KINDS, type EntityKind } from '../../../model/vocabulary';
import { enumSet, intInRange, nonEmptyText } from '../../arguments';
import type { GraphQLContext } from '../../context';
import { prefetchEntityLinks } from '../entity';

const encodeCursor = (id: string) => Buffer.from(`entity:${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('entity:')) {
    throw badInput('after', 'is not a cursor from a previous page (use pageInfo.endCursor).');
  }
  return text.slice('entity:'.length);
}

export const lookupQueries = {
  entity: (
    _: unknown,
    args: { id: string; joinIdentities?: boolean | null },
    { loaders }: GraphQLContext,
    info: GraphQLResolveInfo,
  ) => {
    // Links start loading beside the entity; for an identity's id the records' links load
    // once the view names them.
    prefetchEntityLinks(args.id, loaders, info);
    return args.joinIdentities === false
      ? loaders.entity.load(args.id)
      : loaders.node.load(args.id);
  },

  link: (_: unknown, args: { id: string }, { loaders }: GraphQLContext) =>
    loaders.link.load(args.id),

  source: async (_: unknown, args: { id: string }, { loaders }: GraphQLContext) => {
    const source = await loaders.source.load(args.id);
    return source;
  },

  sources: (_: unknown, _args: unknown, { db }: GraphQLContext) => allSources(db, LIMITS.sources),

  async entities(
    _: unknown,
    args: { kind?: EntityKind | null; first?: number | null; after?: string | null },
    { db, loaders }: GraphQLContext,
  ) {
    const first = intInRange('first', args.first, LIMITS.pageFirst);
    const after = args.after ? decodeCursor(args.after) : null;
    const page = await entityPage(db, args.kind ?? null, first, after);
    loaders.prime({ entities: page.entities });
    const edges = page.entities.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  },

  async search(
    _: unknown,
    args: {
      text: string;
      kinds?: EntityKind[] | null;
      first?: number | null;
      joinIdentities?: boolean | null;
    },
    { db, loaders }: GraphQLContext,
  ) {
    const text = nonEmptyText('text', args.text, LIMITS.searchText.max);
    const first = intInRange('first', args.first, LIMITS.searchFirst);
    const kinds = enumSet('kinds', args.kinds, ENTITY_KINDS);
    const hits = await searchEntities(db, text, kinds, first, args.joinIdentities !== false);
    loaders.prime({ entities: hits.map((h) => h.entity) });
    return hits;
  },

  schemaInfo: (_: unknown, _args: unknown, { db }: GraphQLContext) => schemaInfo(db),
};
