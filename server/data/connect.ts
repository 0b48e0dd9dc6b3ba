/**
 * "How are these entities connected?": the union of all shortest paths between every pair of
 * the given entities, in one Cypher round trip.
 */

import { LIMITS } from '../model/limits';
import type { SubgraphRecord } from '../model/types';
import type { LinkType } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import type { LinkFilter } from './link-filter';
import { pathParams, pathPattern } from './paths';
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
}

export interface ConnectResult extends SubgraphRecord {
  missingIds: string[];
}

export async function connect(db: Database, query: ConnectQuery): Promise<ConnectResult> {
  const pattern = pathPattern({
    from: '',
    to: '',
    maxHops: query.maxHops,
    linkTypes: query.linkTypes ?? null,
    mode: 'ALL_SHORTEST',
    direction: 'BOTH',
    limit: LIMITS.connectPathsPerPair,
  });
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
    `CALL () {
       UNWIND $ids AS id
       MATCH (e:Entity {id: id})
       RETURN collect(e) AS found
     }
     CALL () {
       UNWIND $pairs AS pair
       MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
       CALL (a, b) {
         ${pattern}
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
  return {
    entities: (row?.entities ?? []).map(toEntity),
    links: [...links.values()],
    truncated: [],
    sources: (row?.sources ?? []).map(toSource),
    missingIds: query.ids.filter((id) => !foundIds.has(id)),
  };
}
