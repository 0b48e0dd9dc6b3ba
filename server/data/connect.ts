/**
 * "How are these entities connected?": the union of all shortest paths between every pair of
 * the given entities, in one Cypher round trip.
 */

import { LIMITS } from '../model/limits';
import type { SubgraphRecord } from '../model/types';
import type { LinkType } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type NodeRow, nodeProjection, recordsOfId, toNodes } from './identity-view';
import type { LinkFilter } from './link-filter';
import { joinedPathSearch, type PathQuery, pathParams, pathPattern } from './paths';
import {
  citedSourcesSubquery,
  entityProjection,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export interface ConnectQuery extends LinkFilter {
  ids: readonly string[];
  maxHops: number;
  linkTypes?: readonly LinkType[] | null;
  /** Each identity one node: ids may be records or identities, paths step between records. */
  joinIdentities?: boolean;
}

export interface ConnectResult extends SubgraphRecord {
  missingIds: string[];
}

export async function connect(db: Database, query: ConnectQuery): Promise<ConnectResult> {
  const pathQuery: PathQuery = {
    from: '',
    to: '',
    maxHops: query.maxHops,
    linkTypes: query.linkTypes ?? null,
    mode: 'ALL_SHORTEST',
    direction: 'BOTH',
    limit: LIMITS.connectPathsPerPair,
    joinIdentities: query.joinIdentities ?? false,
  };
  const pairs: [string, string][] = [];
  query.ids.forEach((a, i) => {
    for (const b of query.ids.slice(i + 1)) pairs.push([a, b]);
  });
  const [row] = await db.read<{
    foundIds: string[];
    entities: Record<string, unknown>[];
    links: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(
    query.joinIdentities
      ? joinedConnectCypher(joinedPathSearch(pathQuery))
      : `CALL () {
       UNWIND $ids AS id
       MATCH (e:Entity {id: id})
       RETURN collect(e) AS found
     }
     CALL () {
       UNWIND $pairs AS pair
       MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
       CALL (a, b) {
         ${pathPattern(pathQuery)}
         WITH p LIMIT toInteger($perPair)
         RETURN nodes(p) AS ns, relationships(p) AS rs
       }
       UNWIND ns AS n
       WITH collect(DISTINCT n) AS pathNodes, collect(rs) AS relLists
       RETURN pathNodes, reduce(acc = [], rs IN relLists | acc + rs) AS rels
     }
     WITH found, pathNodes, rels
     ${citedSourcesSubquery('rels')}
     WITH found, pathNodes, rels, sources
     RETURN [n IN found | n.id] AS foundIds,
            [n IN found + [m IN pathNodes WHERE NOT m IN found] | ${entityProjection('n')}] AS entities,
            [r IN rels | ${linkProjection('r')}] AS links, sources`,
    {
      ...pathParams({
        ...query,
        from: '',
        to: '',
        avoid: [],
        mode: 'ALL_SHORTEST',
        direction: 'BOTH',
        limit: 1,
      }),
      ids: query.ids,
      pairs,
      perPair: LIMITS.connectPathsPerPair,
    },
  );
  const foundIds = new Set(row?.foundIds ?? []);
  const links = new Map((row?.links ?? []).map((l) => [String(l.id), toLink(l)]));
  const rows = row?.entities ?? [];
  return {
    entities: query.joinIdentities
      ? toNodes(rows as unknown as NodeRow[]).nodes
      : rows.map(toEntity),
    links: [...links.values()],
    truncated: [],
    sources: (row?.sources ?? []).map(toSource),
    missingIds: query.ids.filter((id) => !foundIds.has(id)),
  };
}

/**
 * Joined: each id stands for its node (an identity, or a record in none); the shortest paths of
 * every pair run in one search between the two nodes (paths.ts joinedPathSearch), a SAME_AS step
 * between two records of one identity being a crossing that counts against maxHops like a link.
 */
function joinedConnectCypher(search: string): string {
  return `CALL () {
       UNWIND $ids AS id
       ${recordsOfId('id', 'records', 'identity')}
       WITH id, records WHERE size(records) > 0
       RETURN collect(id) AS foundIds, reduce(acc = [], rs IN collect(records) | acc + rs) AS found
     }
     CALL () {
       UNWIND $pairs AS pair
       WITH pair[0] AS fromId, pair[1] AS toId
       ${recordsOfId('fromId', 'starts', 'fromIdentity')}
       ${recordsOfId('toId', 'ends', 'toIdentity')}
       CALL (starts, ends, fromIdentity, toIdentity) {
         WITH starts, ends, [] AS avoidedIds, coalesce(fromIdentity, head(starts)) AS s,
              coalesce(toIdentity, head(ends)) AS t
         WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
         ${search}
         WITH p, [r IN relationships(p) WHERE NOT r:RECORD_OF] AS steps
         ORDER BY size(steps), size([r IN steps WHERE NOT r:SAME_AS]) LIMIT toInteger($perPair)
         RETURN [n IN nodes(p) WHERE n:Entity] AS ns, [r IN steps WHERE NOT r:SAME_AS] AS rs
       }
       UNWIND ns AS n
       WITH collect(DISTINCT n) AS pathNodes, collect(rs) AS relLists
       RETURN pathNodes, reduce(acc = [], rs IN relLists | acc + rs) AS rels
     }
     WITH foundIds, found, pathNodes, rels
     ${citedSourcesSubquery('rels')}
     RETURN foundIds,
            [n IN found + [m IN pathNodes WHERE NOT m IN found] | ${nodeProjection('n')}] AS entities,
            [r IN rels | ${linkProjection('r')}] AS links, sources`;
}
