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

/**
 * A record's degree as the joined view shows it: its links plus those of the other records of
 * its identity, so that `avoidHubsOver` and the hub cost judge the node, not one of its records.
 */
const viewDegree = (n: string) =>
  `(${degree(n)} + COUNT { (${n})-[:RECORD_OF]->(:Identity)<-[:RECORD_OF]-(:Entity)-[hubLink]-()
     WHERE NOT hubLink:RECORD_OF AND NOT hubLink:SAME_AS })`;

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
function kindPredicate(kinds: readonly EntityKind[] | null | undefined, isEnd: string): string {
  const labels = kindLabels(kinds);
  if (labels.length === 0) return 'true';
  return `(${isEnd} OR ${labels.map((kind) => `y:${kind}`).join(' OR ')})`;
}

/**
 * The selector: SHORTEST 1, ALL SHORTEST or SHORTEST k. Ranked by hub cost, SHORTEST picks the
 * cheapest of all shortest paths, and ALL has to see every simple path (the k shortest need not
 * hold the k cheapest): no selector then.
 */
function selectorOf(query: PathQuery): string {
  const byHubs = query.rank === 'HUB_PENALTY';
  if (query.mode === 'ALL_SHORTEST' || (byHubs && query.mode === 'SHORTEST')) return 'ALL SHORTEST';
  if (byHubs) return '';
  return `SHORTEST ${query.mode === 'SHORTEST' ? 1 : Math.trunc(query.limit) + 1}`;
}

// Shortest paths are simple already; SHORTEST k over trails needs the no-repeat rule inside the
// parenthesised pattern, so it applies before the k are chosen (a WHERE after the pattern filters
// the k chosen: trails through an entity twice took places from simple paths). Over the group
// variables: each step's entity y[i] is none of those before it, x[0..i].
const SIMPLE_PATH = 'all(i IN range(0, size(y) - 1) WHERE NOT y[i] IN x[0..i + 1])';

/** The MATCH clause over raw records: selector, pattern and the simple-path rule. */
export function pathPattern(query: PathQuery): string {
  const types = relationshipTypeExpression(query.linkTypes ?? []);
  const hubs =
    query.avoidHubsOver == null ? '' : ` AND (y = b OR ${degree('y')} <= $avoidHubsOver)`;
  const step = DIRECTION_PATTERNS[query.direction](types, linkPredicate('r'));
  const node = `(y:Entity WHERE NOT y.id IN $avoid AND ${kindPredicate(query.kinds, 'y = b')}${hubs})`;
  const quantified = `(a)((x)${step}${node}){1,${Math.trunc(query.maxHops)}}(b)`;
  if (query.mode !== 'ALL') return `MATCH p = ${selectorOf(query)} ${quantified}`;
  return `MATCH p = ${selectorOf(query)} (${quantified} WHERE ${SIMPLE_PATH})`;
}

/**
 * Cypher: a CALL that binds `p` to each path of the joined view between `s` and `t` (each an
 * identity, or a record in none), with `starts` and `ends` (their records) and `avoidedIds` in
 * scope. One search, however many records the ends have: an identity end is left or entered
 * over one RECORD_OF, a step that every path from it has, so the selector still compares steps
 * (links plus SAME_AS crossings, docs/decisions.md). An optional step (`{0,1}`) would serve
 * both kinds of end in one pattern but made the search about 10 % slower, so a UNION runs the
 * one branch that fits the ends.
 */
export function joinedPathSearch(query: PathQuery): string {
  const branches = [false, true].flatMap((fromJoined) =>
    [false, true].map((toJoined) => joinedBranch(query, fromJoined, toJoined)),
  );
  return `CALL (s, t, starts, ends, avoidedIds) {
    ${branches.join('\n    UNION ALL\n    ')}
  }`;
}

/**
 * One branch of joinedPathSearch. A shortest path never runs through another record of an end's
 * identity, nor crosses twice in a row (SAME_AS joins every two records of an identity): leaving
 * those steps out is shorter. SHORTEST k (mode ALL) sees longer paths, so the rules are written.
 */
function joinedBranch(query: PathQuery, fromJoined: boolean, toJoined: boolean): string {
  const types = relationshipTypeExpression(query.linkTypes ?? []);
  const all = query.mode === 'ALL';
  // An empty list keeps the search from reading each entity's id: only ALL adds to it.
  const avoidIds = all && fromJoined ? 'avoidedIds + [m IN starts | m.id]' : 'avoidedIds';
  const hubs =
    query.avoidHubsOver == null ? '' : ` AND (y IN ends OR ${viewDegree('y')} <= $avoidHubsOver)`;
  // SAME_AS is walked both ways; a link's direction, when asked, is checked against the step's start.
  const directed =
    query.direction === 'OUTGOING'
      ? ' WHERE r:SAME_AS OR startNode(r) = x'
      : query.direction === 'INCOMING'
        ? ' WHERE r:SAME_AS OR endNode(r) = x'
        : '';
  const step = DIRECTION_PATTERNS.BOTH(`${types}|SAME_AS`, linkPredicate('r', '', 'SAME_AS'));
  const node = `(y:Entity WHERE NOT y.id IN avoidIds AND ${kindPredicate(query.kinds, 'y IN ends')}${hubs})`;
  const head = fromJoined ? '<-[:RECORD_OF]-(:Entity)' : '';
  const tail = toJoined ? '(:Entity)-[:RECORD_OF]->' : '';
  let pattern = `(s)${head}((x)${step}${node}${directed}){1,${Math.trunc(query.maxHops)}}${tail}(t)`;
  if (all) {
    const rules = [
      SIMPLE_PATH,
      'none(i IN range(0, size(r) - 2) WHERE r[i]:SAME_AS AND r[i + 1]:SAME_AS)',
    ];
    if (toJoined) rules.push('none(i IN range(0, size(y) - 2) WHERE y[i] IN ends)');
    pattern = `(${pattern} WHERE ${rules.join(' AND ')})`;
  }
  // SHORTEST k: k as large as the paths kept (joinedPathsCypher), since collapsing may drop some.
  const selector =
    all && query.rank !== 'HUB_PENALTY'
      ? `SHORTEST ${Math.trunc(query.limit) * 4 + 4}`
      : selectorOf(query);
  return `WITH s, t, starts, ends, ${avoidIds} AS avoidIds
    WHERE s:${fromJoined ? 'Identity' : 'Entity'} AND t:${toJoined ? 'Identity' : 'Entity'}
    MATCH p = ${selector} ${pattern}
    RETURN p`;
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
 * Paths over the joined view: one search from `from`'s node to `to`'s (joinedPathSearch).
 * Paths come back ordered by steps, then links; findPaths collapses them to nodes. The hub cost
 * counts each node between the ends once, by its view degree: a record reached by a crossing
 * adds nothing. Each record is projected once: its projection reads its identity and siblings.
 */
function joinedPathsCypher(query: PathQuery): string {
  // Over-fetched where collapsing may drop paths: only SHORTEST k and the hub ranking see paths
  // that are not shortest, and those may come back to an identity they left.
  const byHubs = query.rank === 'HUB_PENALTY';
  const keep =
    byHubs || query.mode === 'ALL' ? 'toInteger($limit) * 4 + 4' : 'toInteger($limit) + 1';
  const order = byHubs ? 'ORDER BY hubCost, size(steps), hops' : 'ORDER BY size(steps), hops';
  return `${recordsOfId('$from', 'starts', 'fromIdentity')}
${recordsOfId('$to', 'ends', 'toIdentity')}
${AVOID_IDS}
CALL (starts, ends, fromIdentity, toIdentity, avoidedIds) {
  WITH starts, ends, avoidedIds, coalesce(fromIdentity, head(starts)) AS s,
       coalesce(toIdentity, head(ends)) AS t
  WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
  ${joinedPathSearch(query)}
  WITH [n IN nodes(p) WHERE n:Entity] AS records, [r IN relationships(p) WHERE NOT r:RECORD_OF] AS steps
  WITH records, steps, [n IN records | ${viewDegree('n')}] AS degrees
  WITH records, steps, size([s IN steps WHERE NOT s:SAME_AS]) AS hops,
       reduce(c = 0.0, i IN range(1, size(records) - 2) |
         c + CASE WHEN steps[i - 1]:SAME_AS THEN 0.0 ELSE log(1 + degrees[i]) END) AS hubCost
  ${order} LIMIT ${keep}
  RETURN collect(records) AS foundRecords, collect(steps) AS foundSteps, collect(hubCost) AS hubCosts
}
WITH starts, ends, foundRecords, foundSteps, hubCosts,
     reduce(rs = [], steps IN foundSteps | rs + [r IN steps WHERE NOT r:SAME_AS AND NOT r IN rs]) AS allRels
${citedSourcesSubquery('allRels')}
RETURN size(starts) > 0 AS fromFound, size(ends) > 0 AS toFound,
       any(x IN starts WHERE x IN ends) AS sameNode,
       [i IN range(0, size(foundRecords) - 1) | {entityIds: [n IN foundRecords[i] | n.id],
         linkIds: [r IN foundSteps[i] WHERE NOT r:SAME_AS | r.id], hubCost: hubCosts[i]}] AS paths,
       [n IN reduce(ns = [], records IN foundRecords | ns + [m IN records WHERE NOT m IN ns])
         | ${nodeProjection('n')}] AS entities,
       [r IN allRels | ${linkProjection('r')}] AS links,
       sources`;
}

/**
 * Joined paths as the view shows them: each run of records of one identity becomes its node;
 * a path visiting a node twice is not simple and goes; twins (the same links) go. SHORTEST
 * keeps the first (the search found paths of the fewest steps, ordered by links).
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
  return mode === 'SHORTEST' ? kept.slice(0, 1) : kept;
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
