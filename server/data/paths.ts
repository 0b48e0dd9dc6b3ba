/**
 * Relationship paths between two entities, in one Cypher round trip. Uses Neo4j 5's path
 * selectors (ALL SHORTEST / SHORTEST k) over a quantified path pattern, so with both ends bound
 * the planner runs a bidirectional search, and every filter is applied during the search.
 */

import type { EntityRecord, LinkRecord, PathRecord, SourceRecord } from '../model/types';
import type { EntityKind, LinkType } from '../model/vocabulary';
import { kindLabels, relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type NodeRow, nodeProjection, recordsOfId, toNodes } from './identity-view';
import { type LinkFilter, linkFilterParams, linkPredicate } from './link-filter';
import { DIRECTION_PATTERNS, type Direction } from './links';
import {
  citedSourcesSubquery,
  entityProjection,
  linkDegree,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export type PathMode = 'SHORTEST' | 'ALL_SHORTEST' | 'ALL';

/**
 * How paths are ordered. LENGTH: shortest first. HUB_PENALTY: by `hubCost` (the sum, over the
 * entities between the ends, of ln(1 + links)), then length, so that paths through specific
 * entities come before paths through hubs that link everything to everything.
 */
export type PathRank = 'LENGTH' | 'HUB_PENALTY';

/** An entity's links of any type, status and direction: the degree that makes a hub. */
const degree = linkDegree;

/** The hub cost of path `p`; its ends do not count. Same formula as docs/api.md. */
const hubCostOf = (p: string) =>
  `reduce(c = 0.0, n IN nodes(${p})[1..-1] | c + log(1 + ${degree('n')}))`;

export interface PathQuery extends LinkFilter {
  from: string;
  to: string;
  /** A validated integer within LIMITS.maxHops: it is written into the pattern's quantifier. */
  maxHops: number;
  linkTypes?: readonly LinkType[] | null;
  /** Kinds allowed for the entities between the ends (labels from the allowlist). */
  kinds?: readonly EntityKind[] | null;
  avoid?: readonly string[] | null;
  mode: PathMode;
  direction: Direction;
  /** A validated integer within LIMITS.pathLimit. */
  limit: number;
  /** Leave out entities between the ends with more links than this (any type or status). */
  avoidHubsOver?: number | null;
  rank?: PathRank | null;
  /**
   * Treat each identity as one node (docs/decisions.md): a path may step from a record to
   * another record of its identity over SAME_AS, a crossing that counts against maxHops like a
   * link but is no link; the ends may be records or identities.
   */
  joinIdentities?: boolean;
}

export interface PathsResult {
  fromFound: boolean;
  toFound: boolean;
  /** Joined only: `from` and `to` are records of one identity, so one node. */
  sameNode?: boolean;
  paths: PathRecord[];
  hasMore: boolean;
  entities: EntityRecord[];
  links: LinkRecord[];
  sources: SourceRecord[];
}

/** `y = b OR y:Person OR y:Company`: the end may be of any kind, the steps between may not. */
function kindPredicate(kinds: readonly EntityKind[] | null | undefined): string {
  const labels = kindLabels(kinds);
  if (labels.length === 0) return 'true';
  return `(y = b OR ${labels.map((kind) => `y:${kind}`).join(' OR ')})`;
}

/** The MATCH clause: selector, pattern and the simple-path rule. Exported for the benchmarks. */
export function pathPattern(query: PathQuery): string {
  const types = relationshipTypeExpression(query.linkTypes ?? []);
  const hubs =
    query.avoidHubsOver == null ? '' : ` AND (y = b OR ${degree('y')} <= $avoidHubsOver)`;
  const entity = `${kindPredicate(query.kinds)}${hubs}`;
  const maxHops = Math.trunc(query.maxHops);
  let quantified: string;
  if (query.joinIdentities) {
    // SAME_AS (between two records of one identity) is walked both ways and is a step like a
    // link, so the search is as deep as the raw one (docs/decisions.md); the link's direction,
    // when asked, is checked against the step's start.
    const directed =
      query.direction === 'OUTGOING'
        ? ' WHERE r:SAME_AS OR startNode(r) = x'
        : query.direction === 'INCOMING'
          ? ' WHERE r:SAME_AS OR endNode(r) = x'
          : '';
    const step = DIRECTION_PATTERNS.BOTH(`${types}|SAME_AS`, linkPredicate('r', '', 'SAME_AS'));
    const node = `(y:Entity WHERE NOT y.id IN avoidIds AND ${entity})`;
    quantified = `(a)((x)${step}${node}${directed}){1,${maxHops}}(b)`;
  } else {
    const step = DIRECTION_PATTERNS[query.direction](types, linkPredicate('r'));
    const node = `(y:Entity WHERE NOT y.id IN $avoid AND ${entity})`;
    quantified = `(a)((x)${step}${node}){1,${maxHops}}(b)`;
  }
  // Shortest paths are simple already; SHORTEST k over trails needs the no-repeat rule inside
  // the parenthesised pattern, so it applies before the k are chosen (a WHERE after the pattern
  // filters the k chosen: trails through an entity twice took places from simple paths). Over
  // the group variables: each step's entity y[i] is none of those before it, x[0..i].
  const byHubs = query.rank === 'HUB_PENALTY';
  // Ranked by hub cost, SHORTEST picks the cheapest of all shortest paths, and ALL has to see
  // every simple path (the k shortest need not hold the k cheapest): no selector then.
  const selector =
    query.mode === 'ALL_SHORTEST' || (byHubs && query.mode === 'SHORTEST')
      ? 'ALL SHORTEST'
      : byHubs
        ? ''
        : `SHORTEST ${query.mode === 'SHORTEST' ? 1 : Math.trunc(query.limit) + 1}`;
  if (query.mode !== 'ALL') return `MATCH p = ${selector} ${quantified}`;
  const simple = 'all(i IN range(0, size(y) - 1) WHERE NOT y[i] IN x[0..i + 1])';
  return `MATCH p = ${selector} (${quantified} WHERE ${simple})`;
}

export function pathsCypher(query: PathQuery): string {
  if (query.joinIdentities) return joinedPathsCypher(query);
  return `OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  ${pathPattern(query)}
  WITH p, ${hubCostOf('p')} AS hubCost
  ${pathOrder(query)}
  RETURN collect(p) AS found, collect(hubCost) AS hubCosts
}
WITH a, b, found, hubCosts, reduce(rs = [], p IN found | rs + relationships(p)) AS allRels
${citedSourcesSubquery('allRels')}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       [i IN range(0, size(found) - 1) | {entityIds: [n IN nodes(found[i]) | n.id],
         linkIds: [r IN relationships(found[i]) | r.id], hubCost: hubCosts[i]}] AS paths,
       [n IN reduce(ns = [], p IN found | ns + nodes(p)) | ${entityProjection('n')}] AS entities,
       [r IN allRels | ${linkProjection('r')}] AS links,
       sources`;
}

/** Cypher: `avoidedIds`, the ids in $avoid with, for each record or identity, its identity's records. */
export const AVOID_IDS = `CALL () {
  UNWIND $avoid AS avoidId
  ${recordsOfId('avoidId', 'avoided', 'avoidedIdentity')}
  WITH [m IN avoided | m.id] + [i IN [avoidedIdentity] WHERE i IS NOT NULL | i.id] AS ids
  RETURN $avoid + reduce(acc = [], x IN collect(ids) | acc + x) AS avoidedIds
}`;

/**
 * Paths over the joined view: the search runs from every record of `from`'s node to every
 * record of `to`'s, over links and SAME_AS crossings, never through another record of either
 * end. Paths come back ordered by links; findPaths collapses them to nodes and cuts them. Each
 * record is projected once: its projection reads its identity and siblings.
 */
function joinedPathsCypher(query: PathQuery): string {
  // Over-fetched where collapsing may drop paths. A shortest path never visits a node twice in
  // the view (one SAME_AS step between the two records would be shorter) and its links fix its
  // crossings, so SHORTEST and ALL_SHORTEST by length need only one more than the limit.
  const byHubs = query.rank === 'HUB_PENALTY';
  const keep =
    byHubs || query.mode === 'ALL' ? 'toInteger($limit) * 4 + 4' : 'toInteger($limit) + 1';
  const order = byHubs ? 'ORDER BY hubCost, hops, length(p)' : 'ORDER BY hops, length(p)';
  return `${recordsOfId('$from', 'starts', 'fromIdentity')}
${recordsOfId('$to', 'ends', 'toIdentity')}
${AVOID_IDS}
CALL (starts, ends, avoidedIds) {
  UNWIND starts AS a
  UNWIND ends AS b
  WITH a, b, ${avoidOtherEndRecords('avoidedIds')} WHERE NOT a IN ends AND NOT b IN starts
  ${pathPattern(query)}
  WITH p, size([s IN relationships(p) WHERE NOT s:SAME_AS]) AS hops, ${hubCostOf('p')} AS hubCost
  ${order} LIMIT ${keep}
  RETURN collect(p) AS found, collect(hubCost) AS hubCosts
}
WITH starts, ends, found, hubCosts,
     reduce(rs = [], p IN found | rs + [r IN relationships(p) WHERE NOT r:SAME_AS AND NOT r IN rs]) AS allRels
${citedSourcesSubquery('allRels')}
RETURN size(starts) > 0 AS fromFound, size(ends) > 0 AS toFound,
       any(x IN starts WHERE x IN ends) AS sameNode,
       [i IN range(0, size(found) - 1) | {entityIds: [n IN nodes(found[i]) | n.id],
         linkIds: [r IN relationships(found[i]) WHERE NOT r:SAME_AS | r.id], hubCost: hubCosts[i]}] AS paths,
       [n IN reduce(ns = [], p IN found | ns + [m IN nodes(p) WHERE NOT m IN ns])
         | ${nodeProjection('n')}] AS entities,
       [r IN allRels | ${linkProjection('r')}] AS links,
       sources`;
}

/**
 * Cypher: `avoidIds` for the search from record `a` to record `b`, given `starts` and `ends`:
 * the other records of the ends' identities join the avoided, since a path through one would
 * visit an end's node twice.
 */
export function avoidOtherEndRecords(avoided: string): string {
  return `${avoided} + [x IN starts + ends WHERE x <> a AND x <> b | x.id] AS avoidIds`;
}

/**
 * Joined paths as the view shows them: each run of records of one identity becomes its node;
 * a path visiting a node twice is not simple and goes; twins (the same links) go. Then the
 * mode's cut: ALL_SHORTEST keeps the fewest links, SHORTEST the first.
 */
export function collapsePaths(
  paths: readonly PathRecord[],
  nodeOf: ReadonlyMap<string, string>,
  mode: PathMode,
): PathRecord[] {
  const seen = new Set<string>();
  const kept: PathRecord[] = [];
  for (const path of paths) {
    const nodes: string[] = [];
    for (const id of path.entityIds) {
      const node = nodeOf.get(id) ?? id;
      if (nodes.at(-1) !== node) nodes.push(node);
    }
    const key = path.linkIds.join('\u0000');
    if (new Set(nodes).size !== nodes.length || seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...path, entityIds: nodes });
  }
  if (mode === 'SHORTEST') return kept.slice(0, 1);
  if (mode === 'ALL_SHORTEST') {
    const fewest = Math.min(...kept.map((p) => p.linkIds.length));
    return kept.filter((p) => p.linkIds.length === fewest);
  }
  return kept;
}

/** ORDER BY and LIMIT over the found paths `p` with their `hubCost`. */
function pathOrder(query: PathQuery): string {
  if (query.rank !== 'HUB_PENALTY') return 'ORDER BY length(p) LIMIT toInteger($limit) + 1';
  const keep = query.mode === 'SHORTEST' ? '1' : 'toInteger($limit) + 1';
  return `ORDER BY hubCost, length(p) LIMIT ${keep}`;
}

export function pathParams(query: PathQuery) {
  return {
    from: query.from,
    to: query.to,
    avoid: [...(query.avoid ?? [])],
    limit: query.limit,
    avoidHubsOver: query.avoidHubsOver ?? null,
    ...linkFilterParams(query),
  };
}

export async function findPaths(db: Database, query: PathQuery): Promise<PathsResult> {
  const [row] = await db.read<{
    fromFound: boolean;
    toFound: boolean;
    sameNode?: boolean;
    paths: PathRecord[];
    entities: Record<string, unknown>[];
    links: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(pathsCypher(query), pathParams(query));
  if (!row) throw new Error('The paths query returned no row.');
  if (query.joinIdentities) {
    const { nodes, nodeOf } = toNodes(row.entities as unknown as NodeRow[]);
    const paths = collapsePaths(row.paths, nodeOf, query.mode);
    return {
      fromFound: row.fromFound,
      toFound: row.toFound,
      sameNode: row.sameNode === true,
      paths: paths.slice(0, query.limit),
      hasMore: paths.length > query.limit,
      entities: nodes,
      links: dedupe(row.links.map(toLink)),
      sources: row.sources.map(toSource),
    };
  }
  return {
    fromFound: row.fromFound,
    toFound: row.toFound,
    paths: row.paths.slice(0, query.limit),
    hasMore: row.paths.length > query.limit,
    entities: dedupe(row.entities.map(toEntity)),
    links: dedupe(row.links.map(toLink)),
    sources: row.sources.map(toSource),
  };
}

export function dedupe<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
