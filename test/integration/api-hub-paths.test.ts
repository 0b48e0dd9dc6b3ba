/**
 * Hub-aware paths (`avoidHubsOver`, `rank: HUB_PENALTY`) on a generated graph, checked against
 * the independent search in test/support/reference-paths.ts, whose degrees and costs are computed
 * in TypeScript from the links alone.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/data/generate-graph';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { deleteGraph, importGeneratedGraph, loadGraph } from '../support/generated-graph';
import { dataOf, graphqlClient } from '../support/graphql';
import {
  allSimplePaths,
  degreesOf,
  hubCost,
  pathEntities,
  type RefLink,
  type RefQuery,
  shortestLength,
} from '../support/reference-paths';

const PREFIX = 'hubs:';
let db: Database;
let execute: ReturnType<typeof graphqlClient>;
let graph: Awaited<ReturnType<typeof loadGraph>>;
let degrees: Map<string, number>;
let linksById: Map<string, RefLink>;

beforeAll(async () => {
  db = connectTestDatabase();
  execute = graphqlClient(db);
  await deleteGraph(db, PREFIX);
  await importGeneratedGraph(db, 1500, PREFIX);
  graph = await loadGraph(db, PREFIX);
  degrees = degreesOf(graph.links);
  linksById = new Map(graph.links.map((l) => [l.id, l]));
}, 300_000);

afterAll(async () => {
  await deleteGraph(db, PREFIX);
  await db.close();
});

interface ApiPath {
  length: number;
  hubCost: number;
  entities: { id: string }[];
  links: { id: string }[];
}

const PATHS = `query($from: ID!, $to: ID!, $maxHops: Int, $mode: PathMode, $limit: Int,
  $avoidHubsOver: Int, $rank: PathRank) {
  paths(from: $from, to: $to, maxHops: $maxHops, mode: $mode, limit: $limit,
        avoidHubsOver: $avoidHubsOver, rank: $rank) {
    hasMore
    paths { length hubCost entities { id } links { id } }
  }
}`;

async function apiPaths(variables: Record<string, unknown>) {
  return dataOf(await execute<{ paths: { hasMore: boolean; paths: ApiPath[] } }>(PATHS, variables))
    .paths;
}

const key = (p: { links: { id: string }[] }) => p.links.map((l) => l.id).join(' ');
const refCost = (q: RefQuery, linkIds: string[]) =>
  hubCost(pathEntities(linkIds, q.from, linksById), degrees);

/** The reference's shortest paths (as link-id lists) under q, or [] when none is in reach. */
function refShortest(q: RefQuery): string[][] {
  const length = shortestLength(graph.links, graph.entities, q);
  return length === null
    ? []
    : allSimplePaths(graph.links, graph.entities, { ...q, maxHops: length });
}

function expectCosts(actual: readonly number[], expected: readonly number[], label: string) {
  expect(actual.length, label).toBe(expected.length);
  for (const [i, cost] of actual.entries()) {
    expect(cost, `${label} #${i}`).toBeCloseTo(expected[i] ?? -1, 9);
  }
}

describe('hub-aware paths on a generated graph, against an independent search', () => {
  it('agrees on 24 random pairs: hubs left out, and ranked by hub cost', async () => {
    const random = seededRandom(2026_12_01);
    const ids = [...graph.entities.keys()].sort();
    const sortedDegrees = [...degrees.values()].sort((a, b) => a - b);
    // A threshold that leaves out the best-connected 5% of entities.
    const threshold = sortedDegrees[Math.floor(sortedDegrees.length * 0.95)] ?? 1;
    let connected = 0;
    let changedByHubs = 0;
    let reordered = 0;
    for (let i = 0; i < 24; i++) {
      const from = ids[Math.floor(random() * ids.length)] as string;
      let to = ids[Math.floor(random() * ids.length)] as string;
      if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length] as string;
      const q: RefQuery = { from, to, maxHops: 4, degrees, avoidHubsOver: threshold };
      const label = `${from} -> ${to} (avoidHubsOver ${threshold})`;

      // 1. avoidHubsOver: exactly the reference's shortest paths without hubs between the ends.
      const expected = refShortest(q).map((p) => p.join(' '));
      const avoiding = await apiPaths({
        from,
        to,
        maxHops: 4,
        mode: 'ALL_SHORTEST',
        limit: 100,
        avoidHubsOver: threshold,
      });
      if (expected.length <= 100) {
        expect(avoiding.paths.map(key).sort(), label).toEqual(expected.sort());
      }
      for (const path of avoiding.paths) {
        for (const entity of path.entities.slice(1, -1)) {
          expect(degrees.get(entity.id), label).toBeLessThanOrEqual(threshold);
        }
      }
      const unrestricted = refShortest({ ...q, avoidHubsOver: undefined });
      if (
        unrestricted
          .map((p) => p.join(' '))
          .sort()
          .join('|') !== expected.sort().join('|')
      ) {
        changedByHubs += 1;
      }
      if (expected.length > 0) connected += 1;

      // 2. HUB_PENALTY over all shortest paths: the cheapest ten, cheapest first, right costs.
      const ranked = await apiPaths({
        from,
        to,
        maxHops: 4,
        mode: 'ALL_SHORTEST',
        limit: 10,
        rank: 'HUB_PENALTY',
      });
      const refCosts = unrestricted.map((p) => refCost(q, p)).sort((a, b) => a - b);
      expectCosts(
        ranked.paths.map((p) => p.hubCost),
        refCosts.slice(0, 10),
        `${label} ranked`,
      );
      expect(ranked.hasMore, label).toBe(refCosts.length > 10);
      for (const path of ranked.paths) {
        expect(path.hubCost, label).toBeCloseTo(
          refCost(
            q,
            path.links.map((l) => l.id),
          ),
          9,
        );
      }
      const byLength = await apiPaths({ from, to, maxHops: 4, mode: 'ALL_SHORTEST', limit: 10 });
      if (byLength.paths.map(key).join('|') !== ranked.paths.map(key).join('|')) reordered += 1;

      // 3. SHORTEST with HUB_PENALTY: the cheapest shortest path.
      const one = await apiPaths({ from, to, maxHops: 4, mode: 'SHORTEST', rank: 'HUB_PENALTY' });
      expectCosts(
        one.paths.map((p) => p.hubCost),
        refCosts.slice(0, 1),
        `${label} shortest`,
      );

      // 4. ALL with HUB_PENALTY, up to 3 hops: every simple path ranked by cost, then length.
      const all = allSimplePaths(graph.links, graph.entities, {
        ...q,
        maxHops: 3,
        avoidHubsOver: undefined,
      })
        .map((p) => ({ cost: refCost(q, p), length: p.length }))
        .sort((a, b) => a.cost - b.cost || a.length - b.length);
      const every = await apiPaths({
        from,
        to,
        maxHops: 3,
        mode: 'ALL',
        limit: 10,
        rank: 'HUB_PENALTY',
      });
      expectCosts(
        every.paths.map((p) => p.hubCost),
        all.slice(0, 10).map((p) => p.cost),
        `${label} all`,
      );
      expect(every.hasMore, label).toBe(all.length > 10);
    }
    // The sample must exercise each behaviour, or it proves little.
    expect(connected, 'pairs with a path').toBeGreaterThan(4);
    expect(changedByHubs, 'pairs whose answer avoidHubsOver changed').toBeGreaterThan(2);
    expect(reordered, 'pairs whose order the hub penalty changed').toBeGreaterThan(0);
  }, 600_000);

  it('refuses a threshold below 1, naming the argument', async () => {
    const result = await execute(PATHS, {
      from: 'person:lei-jun',
      to: 'company:xiaomi',
      avoidHubsOver: 0,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'avoidHubsOver',
    });
    expect(result.errors?.[0]?.message).toMatch(/avoidHubsOver.*from 1/);
  });

  it('keeps the ends even when they are hubs: a threshold of 1 still joins neighbours', async () => {
    const hub = [...degrees.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const neighbour = graph.links.find((l) => l.from === hub || l.to === hub);
    const other = neighbour?.from === hub ? neighbour.to : (neighbour?.from as string);
    const result = await apiPaths({ from: hub, to: other, maxHops: 2, avoidHubsOver: 1 });
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.paths.every((p) => p.length === 1)).toBe(true);
  });
});
