/**
 * Joined paths against an independent search (test/support/reference-paths.ts): a random graph
 * whose records are joined into identities of two and three by SAME judgements, reconciled as
 * `judge` does. A crossing between two records of one identity is a step that counts against
 * maxHops like a link (docs/decisions.md), so a joined path exists exactly when the reference's
 * breadth-first search over links plus crossings finds one, and none is shorter, in every mode
 * and with every filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/data/generate-graph';
import { reconcileIdentities } from '../../server/data/judgements';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { createRandomGraph, loadGraph } from '../support/generated-graph';
import { dataOf, graphqlClient } from '../support/graphql';
import {
  degreesOf,
  joinedShortestSteps,
  joinedSimplePaths,
  type RefQuery,
  sweepQuery,
} from '../support/reference-paths';

const PREFIX = 'idpaths:';
const KINDS = ['Person', 'Company', 'Organization', 'GovernmentList'];
const TYPES = ['LEADS', 'OWNS', 'MEMBER_OF', 'LISTED_ON'];
const STATUSES = ['asserted', 'asserted', 'asserted', 'disputed', 'retracted'];
const ENTITIES = 1500;
const LINKS = 4000;

let db: Database;
let execute: ReturnType<typeof graphqlClient>;
let graph: Awaited<ReturnType<typeof loadGraph>>;
const groups: string[][] = [];

// Seeded, so that a failure can be replayed.
const random = seededRandom(20261201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const id = (i: number) => `${PREFIX}${i}`;

async function removeAll() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH $p OR n.id STARTS WITH 'identity:' + $p
                 OR (n:Judgement AND n.aId STARTS WITH $p)
     DETACH DELETE n`,
    { p: PREFIX },
  );
}

beforeAll(async () => {
  db = connectTestDatabase(120_000);
  execute = graphqlClient(db);
  await removeAll();
  await createRandomGraph(db, {
    prefix: PREFIX,
    entities: ENTITIES,
    links: LINKS,
    kinds: KINDS,
    types: TYPES,
    statuses: STATUSES,
    random,
  });
  // Disjoint identities: 90 pairs and 15 triples (about 15 % of the records joined).
  const pool = Array.from({ length: ENTITIES }, (_, i) => id(i));
  const take = () => pool.splice(Math.floor(random() * pool.length), 1)[0] as string;
  for (let i = 0; i < 105; i++) groups.push(Array.from({ length: i < 90 ? 2 : 3 }, take).sort());
  const pairs = groups.flatMap((g) => g.slice(1).map((b) => ({ aId: g[0], bId: b })));
  await db.write(
    `UNWIND $pairs AS pair
     CREATE (:Judgement {id: 'judgement:' + pair.aId + ':' + pair.bId, aId: pair.aId, bId: pair.bId,
       pairKey: pair.aId + '\\u0000' + pair.bId, decision: 'same', note: null, score: null,
       features: '[]', judgedBy: 'test', judgedAt: '2026-12-01T00:00:00Z', machine: false})`,
    { pairs },
  );
  await reconcileIdentities(db, groups.flat());
  graph = await loadGraph(db, PREFIX);
  expect(graph.links.length).toBe(LINKS);
}, 180_000);

afterAll(async () => {
  await removeAll();
  await db.close();
});

interface PathsData {
  paths: {
    hasMore: boolean;
    paths: {
      length: number;
      entities: { id: string; records: { id: string }[] | null }[];
      links: { id: string; from: { id: string }; to: { id: string } }[];
    }[];
  };
}

const PATHS = `query($from: ID!, $to: ID!, $maxHops: Int, $linkTypes: [LinkType!], $kinds: [EntityKind!],
  $statuses: [LinkStatus!], $asOf: Date, $avoid: [ID!], $mode: PathMode, $direction: Direction, $limit: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, linkTypes: $linkTypes, kinds: $kinds,
        statuses: $statuses, asOf: $asOf, avoid: $avoid, mode: $mode, direction: $direction, limit: $limit) {
    hasMore
    paths { length entities { id records { id } } links { id from { id } to { id } } }
  }
}`;

/**
 * Steps of a joined path as the API gives it: its links, plus one for each node entered on one
 * record and left from another (a crossing). Also checks that the path is simple in the view.
 */
function stepsOf(path: PathsData['paths']['paths'][number]): number {
  const recordsOf = path.entities.map((e) => new Set(e.records?.map((r) => r.id) ?? [e.id]));
  expect(new Set(path.entities.map((e) => e.id)).size).toBe(path.entities.length);
  let crossings = 0;
  for (let i = 1; i < path.links.length; i++) {
    const node = recordsOf[i] as Set<string>;
    const [before, after] = [path.links[i - 1], path.links[i]];
    const arrived = [before?.from.id, before?.to.id].find((r) => r && node.has(r));
    const left = [after?.from.id, after?.to.id].find((r) => r && node.has(r));
    expect(arrived && left, `link ${i} touches node ${path.entities[i]?.id}`).toBeTruthy();
    if (arrived !== left) crossings += 1;
  }
  return path.links.length + crossings;
}

describe('joined paths against an independent search', () => {
  it('writes one SAME_AS between every two records of an identity', async () => {
    const [row] = await db.read<{ sameAs: number; identities: number }>(
      `MATCH (a:Entity)-[:SAME_AS]->(b:Entity) WHERE a.id STARTS WITH $p AND a.id < b.id
       WITH count(*) AS sameAs
       MATCH (i:Identity) WHERE i.id STARTS WITH 'identity:' + $p
       RETURN sameAs, count(i) AS identities`,
      { p: PREFIX },
    );
    expect(row).toEqual({ sameAs: 90 * 1 + 15 * 3, identities: 105 });
  });

  it('finds a path exactly when the reference finds one within maxHops steps (links and crossings)', async () => {
    const joined = groups.flat();
    const queries: RefQuery[] = [];
    for (let i = 0; i < 36; i++) {
      // Ends on joined records half of the time, so that they stand for several records.
      const from = i % 2 === 0 ? pick(joined) : id(Math.floor(random() * 150));
      let to = i % 4 < 2 ? pick(joined) : id(150 + Math.floor(random() * (ENTITIES - 150)));
      while (groups.some((g) => g.includes(from) && g.includes(to)) || to === from)
        to = pick(joined);
      const q = sweepQuery(i, from, to, [id(0), id(1), id(2), pick(joined)]);
      queries.push(q);
    }
    let connected = 0;
    let crossed = 0;
    let cut = 0;
    for (const q of queries) {
      const label = JSON.stringify(q);
      if (
        q.avoid?.some((a) =>
          groups.some((g) => g.includes(a) && (g.includes(q.from) || g.includes(q.to))),
        )
      ) {
        continue;
      }
      const expected = joinedShortestSteps(graph.links, graph.entities, groups, q);
      const ask = async (mode: string, limit: number) =>
        dataOf(
          await execute<PathsData>(PATHS, {
            ...q,
            kinds: q.kinds?.map((k) => k.toUpperCase()) ?? null,
            statuses: q.statuses?.map((s) => s.toUpperCase()) ?? null,
            mode,
            limit,
          }),
        ).paths;
      for (const mode of ['SHORTEST', 'ALL_SHORTEST']) {
        const answer = (await ask(mode, 50)).paths;
        // A path exactly when the reference has one within maxHops steps; none shorter than it.
        expect(answer.length > 0, `${label} ${mode}`).toBe(expected !== null);
        // Every path has the fewest steps there are (links and crossings).
        for (const path of answer) {
          expect(path.length, label).toBe(path.links.length);
          expect(stepsOf(path), label).toBe(expected);
        }
        if (mode === 'SHORTEST') {
          expect(answer.length, label).toBeLessThanOrEqual(1);
          if (answer[0] && stepsOf(answer[0]) > answer[0].length) crossed += 1;
        } else {
          // A limit below the count: that many of the same paths, and hasMore.
          const cut = await ask(mode, 2);
          const all = answer.map((p) => p.links.map((l) => l.id).join(' '));
          expect(cut.paths.length, label).toBe(Math.min(2, answer.length));
          expect(cut.hasMore, label).toBe(answer.length > 2);
          for (const path of cut.paths) {
            expect(all, label).toContain(path.links.map((l) => l.id).join(' '));
          }
        }
      }
      // ALL: every simple path of the view, each once, as long as the limit allows.
      const simple = joinedSimplePaths(graph.links, graph.entities, groups, q).map((p) =>
        p.join(' '),
      );
      const every = await ask('ALL', 20);
      const got = every.paths.map((p) => p.links.map((l) => l.id).join(' '));
      expect(new Set(got).size, label).toBe(got.length);
      for (const path of every.paths) expect(stepsOf(path), label).toBeLessThanOrEqual(q.maxHops);
      expect(simple, label).toEqual(expect.arrayContaining(got));
      expect(got.length, label).toBe(Math.min(20, simple.length));
      expect(every.hasMore, label).toBe(simple.length > 20);
      if (simple.length > 20) cut += 1;
      if (expected !== null) connected += 1;
    }
    expect(cut).toBeGreaterThan(0);
    // Reachable and unreachable pairs, and paths that cross an identity, or the test proves little.
    expect(connected).toBeGreaterThan(4);
    expect(connected).toBeLessThan(queries.length);
    expect(crossed).toBeGreaterThan(0);
  }, 240_000);

  it('judges hubs by the degree of the node, its records’ links together, and costs each node once', async () => {
    // The view degree of each record: the links of all records of its identity.
    const linkDegrees = degreesOf(graph.links);
    const viewDegrees = new Map<string, number>();
    for (const [record, links] of linkDegrees) viewDegrees.set(record, links);
    for (const group of groups) {
      const sum = group.reduce((n, record) => n + (linkDegrees.get(record) ?? 0), 0);
      for (const record of group) viewDegrees.set(record, sum);
    }
    const nodeDegree = (e: { id: string; records: { id: string }[] | null }) =>
      viewDegrees.get(e.records?.[0]?.id ?? e.id) ?? 0;
    const HUBS = `query($from: ID!, $to: ID!, $maxHops: Int, $mode: PathMode, $avoidHubsOver: Int, $rank: PathRank) {
      paths(from: $from, to: $to, maxHops: $maxHops, mode: $mode, limit: 50,
            avoidHubsOver: $avoidHubsOver, rank: $rank) {
        paths { length hubCost entities { id records { id } } links { id from { id } to { id } } }
      }
    }`;
    const joined = groups.flat();
    let connected = 0;
    let joinedHubsLeftOut = 0;
    for (let i = 0; i < 24; i++) {
      const from = pick(joined);
      let to = i % 2 === 0 ? pick(joined) : id(Math.floor(random() * ENTITIES));
      while (groups.some((g) => g.includes(from) && g.includes(to)) || to === from)
        to = pick(joined);
      const q: RefQuery = { from, to, maxHops: 5, avoidHubsOver: 7, degrees: viewDegrees };
      const label = JSON.stringify({ from, to });
      const expected = joinedShortestSteps(graph.links, graph.entities, groups, q);
      const perRecord = joinedShortestSteps(graph.links, graph.entities, groups, {
        ...q,
        degrees: linkDegrees,
      });
      if (expected !== perRecord) joinedHubsLeftOut += 1;
      const ask = async (mode: string, rank: string | null) =>
        dataOf(
          await execute<{
            paths: { paths: (PathsData['paths']['paths'][number] & { hubCost: number })[] };
          }>(HUBS, { from, to, maxHops: 5, mode, avoidHubsOver: 7, rank }),
        ).paths.paths;
      const shortest = await ask('SHORTEST', null);
      expect(shortest.length > 0, label).toBe(expected !== null);
      for (const path of shortest) {
        expect(stepsOf(path), label).toBe(expected);
        for (const e of path.entities.slice(1, -1))
          expect(nodeDegree(e), label).toBeLessThanOrEqual(7);
      }
      const ranked = await ask('ALL_SHORTEST', 'HUB_PENALTY');
      const costs = ranked.map((p) => p.hubCost);
      expect(costs, label).toEqual([...costs].sort((a, b) => a - b));
      for (const path of ranked) {
        const cost = path.entities
          .slice(1, -1)
          .reduce((sum, e) => sum + Math.log(1 + nodeDegree(e)), 0);
        expect(path.hubCost, label).toBeCloseTo(cost, 6);
      }
      if (expected !== null) connected += 1;
    }
    expect(connected).toBeGreaterThan(4);
    // Pairs where judging hubs per record would have let a path through a joined hub.
    expect(joinedHubsLeftOut).toBeGreaterThan(0);
  }, 120_000);

  it('writes the SAME_AS of identities from before it existed on a whole reconcile', async () => {
    const count = async () =>
      (
        await db.read<{ n: number }>(
          'MATCH (a:Entity)-[s:SAME_AS]->() WHERE a.id STARTS WITH $p RETURN count(s) AS n',
          { p: PREFIX },
        )
      )[0]?.n;
    await db.write('MATCH (a:Entity)-[s:SAME_AS]->() WHERE a.id STARTS WITH $p DELETE s', {
      p: PREFIX,
    });
    expect(await count()).toBe(0);
    await reconcileIdentities(db, null);
    expect(await count()).toBe(90 + 15 * 3);
  });

  it('removes every SAME_AS and identity again when the judgements go', async () => {
    await db.write('MATCH (j:Judgement) WHERE j.aId STARTS WITH $p DELETE j', { p: PREFIX });
    await reconcileIdentities(db, groups.flat());
    const [row] = await db.read<{ rels: number }>(
      `MATCH (a:Entity)-[r:SAME_AS|RECORD_OF]->() WHERE a.id STARTS WITH $p RETURN count(r) AS rels`,
      { p: PREFIX },
    );
    expect(row?.rels).toBe(0);
  });
});
