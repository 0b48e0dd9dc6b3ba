/** Reading links: one by id, and the links of many entities at once (for nested selections). */

import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import { LINK_TYPES, type LinkType, relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type LinkFilter, linkFilterParams, linkPredicate } from './link-filter';
import {
  citedSourcesSubquery,
  entityProjection,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** Relationship pattern text per direction; the only three shapes that ever reach Cypher. */
export const DIRECTION_PATTERNS: Record<Direction, (types: string, where: string) => string> = {
  OUTGOING: (types, where) => `-[r:${types} WHERE ${where}]->`,
  INCOMING: (types, where) => `<-[r:${types} WHERE ${where}]-`,
  BOTH: (types, where) => `-[r:${types} WHERE ${where}]-`,
};

export interface LinksQuery extends LinkFilter {
  types?: readonly LinkType[] | null;
  direction: Direction;
  first: number;
}

export interface EntityLinks {
  links: LinkRecord[];
  /** The entities at the other ends, so `from`/`to` need no further query. */
  others: EntityRecord[];
}

export interface LinksBatch {
  byEntity: Map<string, EntityLinks>;
  sources: SourceRecord[];
}

/** Links of every entity in `ids`, newest first, at most `first` each: one query. */
export async function linksOfEntities(
  db: Database,
  ids: readonly string[],
  query: LinksQuery,
): Promise<LinksBatch> {
  const pattern = DIRECTION_PATTERNS[query.direction](
    relationshipTypeExpression(query.types ?? []),
    linkPredicate('r'),
  );
  const rows = await db.read<{
    id: string;
    links: Record<string, unknown>[];
    others: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     CALL (e) {
       MATCH (e)${pattern}(o:Entity)
       WITH r, o ORDER BY coalesce(r.validFrom, r.validTo, '') DESC, r.id
       LIMIT toInteger($first)
       RETURN collect(r) AS rels, collect(DISTINCT o) AS others
     }
     ${citedSourcesSubquery('rels')}
     RETURN id, [r IN rels | ${linkProjection('r')}] AS links,
            [o IN others | ${entityProjection('o')}] AS others, sources`,
    { ids, first: query.first, ...linkFilterParams(query) },
  );
  const byEntity = new Map<string, EntityLinks>();
  const sources = new Map<string, SourceRecord>();
  for (const row of rows) {
    byEntity.set(row.id, { links: row.links.map(toLink), others: row.others.map(toEntity) });
    for (const source of row.sources.map(toSource)) sources.set(source.id, source);
  }
  return { byEntity, sources: [...sources.values()] };
}

export interface LinkWithEnds {
  link: LinkRecord;
  ends: EntityRecord[];
  sources: SourceRecord[];
}

// One index seek per type (each type has an index on id); a type-less match would scan them all.
const LINK_ID_LOOKUP = LINK_TYPES.map(
  (type) => `MATCH (a:Entity)-[r:${type} {id: id}]->(b:Entity) RETURN a, r, b`,
).join(' UNION ALL ');

export async function linksByIds(db: Database, ids: readonly string[]): Promise<LinkWithEnds[]> {
  const rows = await db.read<{
    r: Record<string, unknown>;
    ends: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(
    `UNWIND $ids AS id
     CALL (id) { ${LINK_ID_LOOKUP} }
     WITH a, b, r, [r] AS rels
     ${citedSourcesSubquery('rels')}
     RETURN ${linkProjection('r')} AS r, [${entityProjection('a')}, ${entityProjection('b')}] AS ends, sources`,
    { ids },
  );
  return rows.map((row) => ({
    link: toLink(row.r),
    ends: row.ends.map(toEntity),
    sources: row.sources.map(toSource),
  }));
}
