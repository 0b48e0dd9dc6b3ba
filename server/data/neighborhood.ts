/**
 * The entities within `depth` links of one entity, in one Cypher round trip. Each expanded
 * entity contributes at most `limit` neighbours (the best connected first); how many were left
 * out is reported per entity, so a client can offer "+N more". The answer holds every link
 * among the entities it returns, not only the ones walked.
 */

import { LIMITS } from '../model/limits';
import type { EntityRecord, LinkRecord, SubgraphRecord, Truncation } from '../model/types';
import type { EntityKind, LinkType } from '../model/vocabulary';
import { kindLabels, relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type NodeRow, nodeProjection, recordsOfId, SIBLINGS_JOIN, toNodes } from './identity-view';
import { type LinkFilter, linkFilterParams, linkPredicate } from './link-filter';
import {
  citedSourcesSubquery,
  entityProjection,
  linkDegree,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export interface NeighborhoodQuery extends LinkFilter {
  id: string;
  /** A validated integer within LIMITS.depth: the levels are unrolled in the query text. */
  depth: number;
  linkTypes?: readonly LinkType[] | null;
  kinds?: readonly EntityKind[] | null;
  limit: number;
  /** Each identity one node: its records expand together, at no cost in depth. */
  joinIdentities?: boolean;
}

function kindPredicate(kinds: readonly EntityKind[] | null | undefined, n: string): string {
  const labels = kindLabels(kinds);
  if (labels.length === 0) return 'true';
  return `(${labels.map((kind) => `${n}:${kind}`).join(' OR ')})`;
}

/**
 * One level: expand every frontier entity, count its neighbours, keep up to `limit` of those
 * not seen yet (best connected first), then add new ones while the entity budget lasts.
 */
function level(types: string, kinds: string): string {
  return `CALL (frontier, seen) {
    UNWIND frontier AS f
    CALL (f, seen) {
      MATCH (f)-[r:${types} WHERE ${linkPredicate('r')}]-(n:Entity WHERE ${kinds})
      WITH DISTINCT n
      WITH n ORDER BY ${linkDegree('n')} DESC, n.id
      WITH collect(n) AS ns
      RETURN size(ns) AS total, [n IN ns WHERE NOT n IN seen][..toInteger($limit)] AS kept
    }
    RETURN collect({id: f.id, total: total}) AS counts, collect(kept) AS keptLists
  }
  CALL (keptLists) {
    UNWIND keptLists AS kept
    UNWIND kept AS n
    WITH DISTINCT n
    RETURN collect(n) AS candidates
  }
  WITH expanded + counts AS expanded, seen,
       CASE WHEN $budget > size(seen) THEN candidates[..toInteger($budget) - size(seen)] ELSE [] END AS added
  WITH expanded, seen + added AS seen, added AS frontier`;
}

export function neighborhoodCypher(query: NeighborhoodQuery): string {
  const types = relationshipTypeExpression(query.linkTypes ?? []);
  const join = query.joinIdentities ? `\n${SIBLINGS_JOIN}` : '';
  const levels = Array.from(
    { length: Math.trunc(query.depth) },
    () => level(types, kindPredicate(query.kinds, 'n')) + join,
  );
  const start = query.joinIdentities
    ? `${recordsOfId('$id', 'roots', 'rootIdentity')}
WITH roots WHERE size(roots) > 0
WITH roots AS seen, roots AS frontier, [] AS expanded`
    : `MATCH (root:Entity {id: $id})
WITH [root] AS seen, [root] AS frontier, [] AS expanded`;
  return `${start}
${levels.join('\n')}
CALL (seen) {
  UNWIND seen AS x
  MATCH (x)-[r:${types} WHERE ${linkPredicate('r')}]->(y:Entity)
  WHERE y IN seen
  RETURN collect(r) AS rels
}
${citedSourcesSubquery('rels')}
RETURN [n IN seen | ${query.joinIdentities ? nodeProjection('n') : entityProjection('n')}] AS entities,
       [r IN rels | ${linkProjection('r')}] AS links,
       expanded, sources`;
}

/**
 * "+N more": for each expanded entity, its matching neighbours minus those in the answer.
 * Counted here from the returned links, which hold every link among the returned entities.
 */
export function truncations(
  expanded: readonly { id: string; total: number }[],
  links: readonly LinkRecord[],
  entities: readonly EntityRecord[],
  kinds: readonly EntityKind[] | null | undefined,
): Truncation[] {
  const kindOf = new Map(entities.map((e) => [e.id, e.kind]));
  const shown = new Map<string, Set<string>>();
  for (const link of links) {
    for (const [self, other] of [
      [link.fromId, link.toId],
      [link.toId, link.fromId],
    ] as const) {
      const kind = kindOf.get(other);
      if (kinds && kinds.length > 0 && (!kind || !kinds.includes(kind))) continue;
      if (!shown.has(self)) shown.set(self, new Set());
      shown.get(self)?.add(other);
    }
  }
  return expanded
    .map(({ id, total }) => ({ entityId: id, omitted: total - (shown.get(id)?.size ?? 0) }))
    .filter((t) => t.omitted > 0);
}

export async function neighborhood(
  db: Database,
  query: NeighborhoodQuery,
): Promise<SubgraphRecord | null> {
  const [row] = await db.read<{
    entities: Record<string, unknown>[];
    links: Record<string, unknown>[];
    expanded: { id: string; total: number }[];
    sources: Record<string, unknown>[];
  }>(neighborhoodCypher(query), {
    id: query.id,
    limit: query.limit,
    budget: LIMITS.maxSubgraphEntities,
    ...linkFilterParams(query),
  });
  if (!row) return null;
  const links = row.links.map(toLink);
  if (!query.joinIdentities) {
    const entities = row.entities.map(toEntity);
    return {
      entities,
      links,
      truncated: truncations(row.expanded, links, entities, query.kinds),
      sources: row.sources.map(toSource),
    };
  }
  // Joined: "+N more" is counted per record, then summed per node.
  const { nodes, nodeOf } = toNodes(row.entities as unknown as NodeRow[]);
  const records = nodes.flatMap((n) => n.records ?? [n]);
  const omitted = new Map<string, number>();
  for (const t of truncations(row.expanded, links, records, query.kinds)) {
    const node = nodeOf.get(t.entityId) ?? t.entityId;
    omitted.set(node, (omitted.get(node) ?? 0) + t.omitted);
  }
  return {
    entities: nodes,
    links,
    truncated: [...omitted].map(([entityId, n]) => ({ entityId, omitted: n })),
    sources: row.sources.map(toSource),
  };
}
