/** Reading links: one by id, and the links of many entities at once (for nested selections). */

import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import { LINK_TYPES, type LinkType, relationshipTypeExpression } from '../model/vocabulary';
import { linkByIdCypher } from '../model/write-rules';
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
  /** With a nested query: the links of every entity at either end, by that entity's id. */
  nested: Map<string, EntityLinks>;
  sources: SourceRecord[];
}

const NESTED_PARAMS = 'nested_';

/**
 * A subquery giving `entity`'s links (`rels`) and the entities at their other ends (`others`),
 * newest first, at most $<paramPrefix>first of them.
 */
function linksOfSubquery(
  entity: string,
  query: LinksQuery,
  paramPrefix: string,
  out: { rels: string; others: string },
): string {
  const pattern = DIRECTION_PATTERNS[query.direction](
    relationshipTypeExpression(query.types ?? []),
    linkPredicate('r', paramPrefix),
  );
  return `CALL (${entity}) {
       MATCH (${entity})${pattern}(o:Entity)
       WITH r, o ORDER BY coalesce(r.validFrom, r.validTo, '') DESC, r.id
       LIMIT toInteger($${paramPrefix}first)
       RETURN collect(r) AS ${out.rels}, collect(DISTINCT o) AS ${out.others}
     }`;
}

function queryParams(query: LinksQuery, paramPrefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ first: query.first, ...linkFilterParams(query) }).map(([k, v]) => [
      paramPrefix + k,
      v,
    ]),
  );
}

/**
 * Links of every entity in `ids`, newest first, at most `first` each: one query. With `nested`,
 * the same query also gives the links (by `nested`) of every entity at their ends, the entity
 * itself included, so a two-level selection (entity → links → from/to → links) costs one round
 * trip.
 */
export async function linksOfEntities(
  db: Database,
  ids: readonly string[],
  query: LinksQuery,
  nested?: LinksQuery,
): Promise<LinksBatch> {
  const nestedPart = nested
    ? `CALL (e, others) {
       UNWIND [e] + others AS n
       ${linksOfSubquery('n', nested, NESTED_PARAMS, { rels: 'nRels', others: 'nOthers' })}
       RETURN collect({id: n.id, links: [r IN nRels | ${linkProjection('r')}],
                       others: [o IN nOthers | ${entityProjection('o')}]}) AS nested,
              reduce(all = [], x IN collect(nRels) | all + x) AS nestedRels
     }`
    : 'WITH *, [] AS nested, [] AS nestedRels';
  const rows = await db.read<{
    id: string;
    links: Record<string, unknown>[];
    others: Record<string, unknown>[];
    nested: { id: string; links: Record<string, unknown>[]; others: Record<string, unknown>[] }[];
    sources: Record<string, unknown>[];
  }>(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     ${linksOfSubquery('e', query, '', { rels: 'rels', others: 'others' })}
     ${nestedPart}
     WITH id, rels, others, nested, rels + nestedRels AS citedRels
     ${citedSourcesSubquery('citedRels')}
     RETURN id, [r IN rels | ${linkProjection('r')}] AS links,
            [o IN others | ${entityProjection('o')}] AS others, nested, sources`,
    { ids, ...queryParams(query), ...(nested ? queryParams(nested, NESTED_PARAMS) : {}) },
  );
  const toEntityLinks = (row: {
    links: Record<string, unknown>[];
    others: Record<string, unknown>[];
  }) => ({
    links: row.links.map(toLink),
    others: row.others.map(toEntity),
  });
  const byEntity = new Map<string, EntityLinks>();
  const nestedByEntity = new Map<string, EntityLinks>();
  const sources = new Map<string, SourceRecord>();
  for (const row of rows) {
    byEntity.set(row.id, toEntityLinks(row));
    for (const inner of row.nested) nestedByEntity.set(inner.id, toEntityLinks(inner));
    for (const source of row.sources.map(toSource)) sources.set(source.id, source);
  }
  return { byEntity, nested: nestedByEntity, sources: [...sources.values()] };
}

export interface LinkWithEnds {
  link: LinkRecord;
  ends: EntityRecord[];
  sources: SourceRecord[];
}

const LINK_ID_LOOKUP = linkByIdCypher('id', 'r', ['a', 'b']);

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

/** Every link with both ends among `ids`, retracted ones included (a canvas, a report). */
export async function linksAmong(db: Database, ids: readonly string[]): Promise<LinkRecord[]> {
  const rows = await db.read<{ r: Record<string, unknown> }>(
    `UNWIND $ids AS id
     MATCH (a:Entity {id: id})-[r:${LINK_TYPES.join('|')}]->(b:Entity)
     WHERE b.id IN $ids
     RETURN ${linkProjection('r')} AS r`,
    { ids },
  );
  return rows.map((row) => toLink(row.r));
}
