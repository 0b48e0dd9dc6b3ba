/**
 * Graph analytics with Neo4j Graph Data Science: centrality (PageRank, betweenness, degree),
 * communities (Louvain) and connected components (WCC).
 *
 * Each request is ONE read statement: a Cypher aggregation projection (`gds.graph.project` as a
 * function) of the entities and links the filters allow, the algorithm in stream mode, and the
 * drop of the projection. Nothing is written to the store, so it runs in a read transaction and,
 * on a cluster, on any member that has GDS. Projections are per request, not cached: see
 * docs/decisions.md ("Analytics: a projection per request").
 */
import { randomUUID } from 'node:crypto';
import { AnalyticsUnavailableError } from '../model/domain-errors';
import type { EntityRecord } from '../model/types';
import type { EntityKind, LinkType } from '../model/vocabulary';
import { relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type LinkFilter, linkFilterParams, linkPredicate } from './link-filter';
import { entityProjection, toEntity } from './projections';

export type CentralityMeasure = 'PAGE_RANK' | 'BETWEENNESS' | 'DEGREE';
export type Grouping = 'COMMUNITIES' | 'COMPONENTS';

export interface AnalyticsScope extends LinkFilter {
  /** Only the subgraph these entities induce ("who matters here?"); null: the whole graph. */
  within?: readonly string[] | null;
  kinds?: readonly EntityKind[] | null;
  linkTypes?: readonly LinkType[] | null;
}

export interface ProjectionSize {
  /** Entities in the projection. */
  entities: number;
  /** Links in the projection (each counted once, though projected in both directions). */
  links: number;
}

export interface ScoredEntity {
  entity: EntityRecord;
  score: number;
  /** 1 for the highest score; ties are ordered by entity id. */
  rank: number;
}

export interface CentralityResult extends ProjectionSize {
  measure: CentralityMeasure;
  /** True when betweenness was estimated from a sample of start entities. */
  sampled: boolean;
  /** Betweenness: the start entities its shortest paths were counted from; null otherwise. */
  starts: number | null;
  scores: ScoredEntity[];
}

export interface EntityGroup {
  /** 1 for the largest group; ties are ordered by their smallest member id. */
  id: number;
  size: number;
  /** The first members by id. */
  members: EntityRecord[];
}

export interface GroupingResult extends ProjectionSize {
  /** How many groups there are in all (more than `groups` holds when cut by `first`). */
  count: number;
  groups: EntityGroup[];
}

/**
 * Betweenness is a breadth-first search from every start entity, each search visiting about every
 * projected entity and relationship once, so its work is starts × (entities + relationships).
 * Starts are all entities while that fits `BETWEENNESS_WORK_BUDGET`; above, GDS samples as many
 * starts as fit (Brandes–Pich estimation: GDS's `samplingSize`, a fixed seed so answers repeat),
 * but never fewer than `BETWEENNESS_MIN_STARTS`, below which even the first ranks drift. The
 * budget is about 50 searches of the 100k-entity benchmark graph: there the algorithm then costs
 * about what the projection costs, as PageRank does (docs/api.md, docs/benchmarks.md §7).
 */
export const BETWEENNESS_WORK_BUDGET = 35_000_000;
export const BETWEENNESS_MIN_STARTS = 50;
export const BETWEENNESS_SEED = 42;

/** Binds `starts`: how many start entities betweenness searches from, by the projection's size. */
const BETWEENNESS_STARTS = `WITH g, toInteger($workBudget) AS budget, toInteger($minStarts) AS least
WITH g, CASE
    WHEN g.nodeCount * (g.nodeCount + g.relationshipCount) <= budget THEN g.nodeCount
    WHEN budget / (g.nodeCount + g.relationshipCount) >= least
      THEN budget / (g.nodeCount + g.relationshipCount)
    WHEN g.nodeCount < least THEN g.nodeCount
    ELSE least
  END AS starts`;

/** The algorithm's call per measure; each yields nodeId and score. */
const CENTRALITY_CALLS: Record<CentralityMeasure, string> = {
  PAGE_RANK: 'CALL gds.pageRank.stream(g.graphName, {})',
  // Sampled on one thread: with more, GDS's seeded choice of starts varies from run to run.
  BETWEENNESS: `CALL gds.betweenness.stream(g.graphName, CASE WHEN starts < g.nodeCount
      THEN {samplingSize: starts, samplingSeed: ${BETWEENNESS_SEED}, concurrency: 1} ELSE {} END)`,
  DEGREE: 'CALL gds.degree.stream(g.graphName, {})',
};

/** The algorithm's call per grouping; each yields nodeId and a group id. */
const GROUPING_CALLS: Record<Grouping, string> = {
  // One thread: Louvain's result then depends only on the graph, so equal requests agree.
  COMMUNITIES:
    'CALL gds.louvain.stream(g.graphName, {concurrency: 1}) YIELD nodeId, communityId AS groupId',
  COMPONENTS: 'CALL gds.wcc.stream(g.graphName, {}) YIELD nodeId, componentId AS groupId',
};

function kindTest(variable: string, kinds: readonly EntityKind[] | null | undefined): string {
  if (!kinds || kinds.length === 0) return 'true';
  return `(${kinds.map((kind) => `${variable}:${kind}`).join(' OR ')})`;
}

/**
 * Binds `g` to the projection (graph name, nodeCount, relationshipCount) of the entities in
 * scope and the links among them that pass the filters, undirected. Entities without such links
 * are projected too (they count for ranks and components). Exported for the benchmarks and for
 * tests that call GDS directly on the same projection.
 */
export function projectionCypher(scope: AnalyticsScope): string {
  const source = scope.within
    ? 'UNWIND $within AS wid MATCH (s:Entity {id: wid})'
    : 'MATCH (s:Entity)';
  return `${source}
WHERE ${kindTest('s', scope.kinds)}
OPTIONAL MATCH (s)-[r:${relationshipTypeExpression(scope.linkTypes ?? [])} WHERE ${linkPredicate('r')}]->(t:Entity)
  WHERE ${kindTest('t', scope.kinds)}${scope.within ? ' AND t.id IN $within' : ''}
WITH gds.graph.project($graphName, s, t, {}, {undirectedRelationshipTypes: ['*']}) AS g
WITH g WHERE g IS NOT NULL`;
}

export function projectionParams(scope: AnalyticsScope, graphName: string) {
  return {
    graphName,
    within: scope.within ? [...new Set(scope.within)] : null,
    ...linkFilterParams(scope),
  };
}

const SIZE = 'g.nodeCount AS entities, g.relationshipCount / 2 AS links';
const DROP = 'CALL gds.graph.drop(g.graphName, false) YIELD graphName';

export function centralityCypher(measure: CentralityMeasure, scope: AnalyticsScope): string {
  return `${projectionCypher(scope)}
${measure === 'BETWEENNESS' ? BETWEENNESS_STARTS : 'WITH g, null AS starts'}
CALL (g, starts) {
  ${CENTRALITY_CALLS[measure]} YIELD nodeId, score
  WITH gds.util.asNode(nodeId) AS e, score
  ORDER BY score DESC, e.id
  LIMIT toInteger($first)
  RETURN collect({entity: ${entityProjection('e')}, score: score}) AS scores
}
${DROP}
RETURN ${SIZE}, starts, scores`;
}

export function groupingCypher(grouping: Grouping, scope: AnalyticsScope): string {
  return `${projectionCypher(scope)}
CALL (g) {
  ${GROUPING_CALLS[grouping]}
  WITH groupId, gds.util.asNode(nodeId) AS e
  ORDER BY e.id
  WITH groupId, count(e) AS size, collect(e)[0..toInteger($membersFirst)] AS members
  ORDER BY size DESC, members[0].id
  RETURN count(*) AS count,
    collect({size: size, members: [m IN members | ${entityProjection('m')}]})[0..toInteger($first)] AS groups
}
${DROP}
RETURN ${SIZE}, count, groups`;
}

function graphName(): string {
  return `threadline-${randomUUID()}`;
}

/** Whether an error says GDS is not installed (its functions or procedures are unknown). */
function isGdsMissing(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return false;
  return (
    (code === 'Neo.ClientError.Statement.SyntaxError' && /Unknown function 'gds\./.test(message)) ||
    (code === 'Neo.ClientError.Procedure.ProcedureNotFound' && message.includes('gds.'))
  );
}

/**
 * Runs one analytics statement; drops the projection should the statement fail midway. Null
 * when no entity is in scope (nothing was projected).
 */
async function runAnalytics<T>(
  db: Database,
  cypher: string,
  params: Record<string, unknown> & { graphName: string },
): Promise<T | null> {
  try {
    const [row] = await db.read(cypher, params);
    return (row as T | undefined) ?? null;
  } catch (error) {
    if (isGdsMissing(error)) throw new AnalyticsUnavailableError();
    // A timeout or a failed algorithm leaves the projection in GDS's memory: drop it.
    await db
      .read('CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName', {
        graphName: params.graphName,
      })
      .catch(() => undefined);
    throw error;
  }
}

export interface CentralityOptions {
  /** Betweenness's work budget (starts × (entities + relationships)). @default BETWEENNESS_WORK_BUDGET */
  betweennessBudget?: number;
}

export async function centrality(
  db: Database,
  measure: CentralityMeasure,
  scope: AnalyticsScope,
  first: number,
  options: CentralityOptions = {},
): Promise<CentralityResult> {
  const name = graphName();
  const row = await runAnalytics<{
    entities: number;
    links: number;
    starts: number | null;
    scores: { entity: Record<string, unknown>; score: number }[];
  }>(db, centralityCypher(measure, scope), {
    ...projectionParams(scope, name),
    first,
    workBudget: options.betweennessBudget ?? BETWEENNESS_WORK_BUDGET,
    minStarts: BETWEENNESS_MIN_STARTS,
  });
  if (!row) {
    const starts = measure === 'BETWEENNESS' ? 0 : null;
    return { measure, entities: 0, links: 0, sampled: false, starts, scores: [] };
  }
  return {
    measure,
    entities: row.entities,
    links: row.links,
    sampled: row.starts !== null && row.starts < row.entities,
    starts: row.starts,
    scores: row.scores.map((s, i) => ({ entity: toEntity(s.entity), score: s.score, rank: i + 1 })),
  };
}

export async function grouping(
  db: Database,
  kind: Grouping,
  scope: AnalyticsScope,
  first: number,
  membersFirst: number,
): Promise<GroupingResult> {
  const name = graphName();
  const row = await runAnalytics<{
    entities: number;
    links: number;
    count: number;
    groups: { size: number; members: Record<string, unknown>[] }[];
  }>(db, groupingCypher(kind, scope), { ...projectionParams(scope, name), first, membersFirst });
  if (!row) return { entities: 0, links: 0, count: 0, groups: [] };
  return {
    entities: row.entities,
    links: row.links,
    count: row.count,
    groups: row.groups.map((g, i) => ({
      id: i + 1,
      size: g.size,
      members: g.members.map(toEntity),
    })),
  };
}

export interface AnalyticsInfo {
  available: boolean;
  version: string | null;
}

/** Whether GDS is installed, for the explorer to show or hide its analytics. */
export async function analyticsInfo(db: Database): Promise<AnalyticsInfo> {
  try {
    const [row] = await db.read<{ version: string }>('RETURN gds.version() AS version');
    return { available: true, version: row?.version ?? null };
  } catch (error) {
    if (isGdsMissing(error)) return { available: false, version: null };
    throw error;
  }
}
