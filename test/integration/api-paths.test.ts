import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/data/generate-graph';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { createRandomGraph, loadGraph as loadGeneratedGraph } from '../support/generated-graph';
import { dataOf, graphqlClient } from '../support/graphql';
import {
  allSimplePaths,
  type RefQuery,
  shortestLength,
  sweepQuery,
} from '../support/reference-paths';

let db: Database;
let execute: ReturnType<typeof graphqlClient>;

beforeAll(() => {
  db = connectTestDatabase();
  execute = graphqlClient(db);
});

afterAll(async () => {
  await db.close();
});

interface PathsData {
  paths: {
    hasMore: boolean;
    paths: { length: number; entities: { id: string }[]; links: { id: string }[] }[];
  };
}

const PATHS = `query($from: ID!, $to: ID!, $maxHops: Int, $linkTypes: [LinkType!], $kinds: [EntityKind!], $statuses: [LinkStatus!],
  $asOf: Date, $avoid: [ID!], $mode: PathMode, $direction: Direction, $limit: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, linkTypes: $linkTypes, kinds: $kinds, statuses: $statuses,
        asOf: $asOf, avoid: $avoid, mode: $mode, direction: $direction, limit: $limit) {
    hasMore
    paths { length entities { id } links { id } }
  }
}`;

async function apiPaths(variables: Record<string, unknown>) {
  return dataOf(await execute<PathsData>(PATHS, variables)).paths;
}

/** The API's variables for a reference query (enum names are upper case in GraphQL). */
function toVariables(q: RefQuery, mode: string, limit: number) {
  return {
    from: q.from,
    to: q.to,
    maxHops: q.maxHops,
    linkTypes: q.linkTypes ?? null,
    kinds: q.kinds?.map((k) => k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()) ?? null,
    statuses: q.statuses?.map((s) => s.toUpperCase()) ?? null,
    asOf: q.asOf ?? null,
    avoid: q.avoid ?? null,
    direction: q.direction ?? 'BOTH',
    mode,
    limit,
  };
}

const loadGraph = (prefix: string) => loadGeneratedGraph(db, prefix);

/** Checks one query in every mode against the reference search. */
async function compare(graph: Awaited<ReturnType<typeof loadGraph>>, q: RefQuery) {
  const label = JSON.stringify(q);
  const shortest = shortestLength(graph.links, graph.entities, q);
  // Every simple path no longer than the shortest length is a shortest path.
  const shortestPaths =
    shortest === null
      ? []
      : allSimplePaths(graph.links, graph.entities, { ...q, maxHops: shortest }).map((p) =>
          p.join(' '),
        );

  const allShortest = await apiPaths(toVariables(q, 'ALL_SHORTEST', 100));
  if (shortestPaths.length <= 100) {
    expect(allShortest.paths.map((p) => p.links.map((l) => l.id).join(' ')).sort(), label).toEqual(
      shortestPaths.sort(),
    );
  }
  const one = await apiPaths(toVariables(q, 'SHORTEST', 1));
  expect(
    one.paths.map((p) => p.length),
    label,
  ).toEqual(shortest === null ? [] : [shortest]);

  // ALL enumerates every simple path, so keep its hop count where the reference stays small.
  const qAll = { ...q, maxHops: Math.min(q.maxHops, 3) };
  const all = allSimplePaths(graph.links, graph.entities, qAll);
  const every = await apiPaths(toVariables(qAll, 'ALL', 100));
  const lengths = every.paths.map((p) => p.length);
  expect(
    [...lengths].sort((a, b) => a - b),
    `${label}: ordered by length`,
  ).toEqual(lengths);
  for (const path of every.paths) {
    expect(new Set(path.entities.map((e) => e.id)).size, `${label}: simple`).toBe(
      path.entities.length,
    );
  }
  if (all.length <= 100) {
    expect(every.hasMore, label).toBe(false);
    expect(every.paths.map((p) => p.links.map((l) => l.id).join(' ')).sort(), label).toEqual(
      all.map((p) => p.join(' ')).sort(),
    );
  } else {
    expect(every.hasMore, label).toBe(true);
  }
  return shortest !== null;
}

describe('paths on the seed graph', () => {
  it('finds both shortest paths from Lei Jun to the list, with ends in order', async () => {
    const result = await apiPaths({ from: 'person:lei-jun', to: 'list:us-dod-blacklist' });
    expect(result.paths).toHaveLength(2);
    for (const path of result.paths) {
      expect(path.length).toBe(2);
      expect(path.entities.map((e) => e.id)).toEqual([
        'person:lei-jun',
        'company:xiaomi',
        'list:us-dod-blacklist',
      ]);
    }
  });

  it('respects direction: following links forwards reaches the list, backwards does not', async () => {
    expect(
      (
        await apiPaths({
          from: 'person:lei-jun',
          to: 'list:us-dod-blacklist',
          direction: 'OUTGOING',
        })
      ).paths,
    ).toHaveLength(2);
    expect(
      (
        await apiPaths({
          from: 'person:lei-jun',
          to: 'list:us-dod-blacklist',
          direction: 'INCOMING',
        })
      ).paths,
    ).toEqual([]);
  });

  it('returns no path when the only way is avoided or outside maxHops', async () => {
    expect(
      (
        await apiPaths({
          from: 'person:lei-jun',
          to: 'list:us-dod-blacklist',
          avoid: ['company:xiaomi'],
        })
      ).paths,
    ).toEqual([]);
    expect(
      (await apiPaths({ from: 'person:lei-jun', to: 'ministry:us-dod', maxHops: 2 })).paths,
    ).toEqual([]);
    expect(
      (await apiPaths({ from: 'person:lei-jun', to: 'ministry:us-dod', maxHops: 3 })).paths[0]
        ?.length,
    ).toBe(3);
  });

  it('agrees with the reference search for every pair of seed entities', async () => {
    const graph = await loadGraph('');
    const seedIds = [...graph.entities.keys()]
      .filter((id) => !id.includes(':gen-'))
      .filter((id) =>
        [
          'person:lei-jun',
          'company:xiaomi',
          'ministry:cn-miit',
          'ministry:us-dod',
          'org:chinese-government',
          'topic:5g-technologies',
        ].includes(id),
      );
    for (const from of seedIds) {
      for (const to of seedIds) {
        if (from !== to) await compare(graph, { from, to, maxHops: 4 });
      }
    }
  });
});

// A generated graph of a few thousand entities: the same checks, with filters, in bulk.
describe('paths on a generated graph, against an independent search', () => {
  const PREFIX = 'bfs-test:';
  const KINDS = ['Person', 'Company', 'Ministry', 'Organization', 'GovernmentList'];
  const TYPES = ['LEADS', 'OWNS', 'MEMBER_OF', 'LISTED_ON', 'AFFILIATED_WITH'];
  const STATUSES = ['asserted', 'asserted', 'asserted', 'disputed', 'denied', 'retracted'];
  const ENTITIES = 3000;
  const LINKS = 6000;
  let graph: Awaited<ReturnType<typeof loadGraph>>;

  // Seeded, so that failures can be replayed.
  const random = seededRandom(20260126);
  const id = (i: number) => `${PREFIX}${i}`;

  beforeAll(async () => {
    await createRandomGraph(db, {
      prefix: PREFIX,
      entities: ENTITIES,
      links: LINKS,
      kinds: KINDS,
      types: TYPES,
      statuses: STATUSES,
      random,
    });
    graph = await loadGraph(PREFIX);
    expect(graph.entities.size).toBe(ENTITIES);
    expect(graph.links.length).toBe(LINKS);
  }, 120_000);

  afterAll(async () => {
    await db.write('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', {
      prefix: PREFIX,
    });
  });

  it('matches the reference for random pairs, with and without filters', async () => {
    const queries: RefQuery[] = [];
    for (let i = 0; i < 24; i++) {
      const from = id(Math.floor(random() * 200));
      const to = id(200 + Math.floor(random() * (ENTITIES - 200)));
      const q = sweepQuery(i, from, to, [id(0), id(1), id(2), id(3)]);
      queries.push(q);
    }
    let connected = 0;
    for (const q of queries) {
      if (await compare(graph, q)) connected += 1;
    }
    // The generator must produce both reachable and unreachable pairs, or the test proves little.
    expect(connected).toBeGreaterThan(4);
    expect(connected).toBeLessThan(queries.length);
  }, 240_000);
});

describe('connect', () => {
  it('links three entities through the union of their shortest paths', async () => {
    const data = dataOf(
      await execute<{ connect: { entities: { id: string }[]; links: { type: string }[] } }>(
        '{ connect(ids: ["person:lei-jun", "ministry:cn-miit", "ministry:us-dod"]) { entities { id } links { type } } }',
      ),
    );
    expect(data.connect.entities.map((e) => e.id).sort()).toEqual(
      [
        'award:miit-2019-distinction',
        'company:xiaomi',
        'list:us-dod-blacklist',
        'ministry:cn-miit',
        'ministry:us-dod',
        'person:lei-jun',
      ].sort(),
    );
    expect(data.connect.links.map((l) => l.type).sort()).toEqual(
      ['CONFERRED_BY', 'FOUNDED', 'LEADS', 'LISTED_ON', 'MAINTAINS', 'RECEIVED'].sort(),
    );
  });
});
