/**
 * Graph analytics through GraphQL on a generated graph: PageRank, betweenness and Louvain agree
 * with Graph Data Science called directly (its own projection, written here); degree and
 * connected components agree with a computation in TypeScript over the links read plainly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BETWEENNESS_MIN_STARTS,
  BETWEENNESS_SEED,
  centrality,
  projectionCypher,
  projectionParams,
} from '../../server/data/analytics';
import { LINK_STATUSES } from '../../server/model/vocabulary';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { deleteGraph, importGeneratedGraph, loadGraph } from '../support/generated-graph';
import { dataOf, graphqlClient } from '../support/graphql';
import type { RefLink } from '../support/reference-paths';
import { openScratchNeo4j, type ScratchNeo4j } from '../support/scratch-neo4j';

const PREFIX = 'gds:';
const ALL_STATUSES = ['ASSERTED', 'DISPUTED', 'DENIED', 'RETRACTED'];
let db: Database;
let execute: ReturnType<typeof graphqlClient>;
let graph: Awaited<ReturnType<typeof loadGraph>>;
let ids: string[];

beforeAll(async () => {
  db = connectTestDatabase(120_000);
  execute = graphqlClient(db);
  await deleteGraph(db, PREFIX);
  await importGeneratedGraph(db, 1500, PREFIX);
  graph = await loadGraph(db, PREFIX);
  ids = [...graph.entities.keys()].sort();
}, 300_000);

afterAll(async () => {
  await deleteGraph(db, PREFIX);
  await db.close();
});

interface Scored {
  rank: number;
  score: number;
  entity: { id: string };
}

const CENTRALITY = `query($measure: CentralityMeasure!, $within: [ID!], $kinds: [EntityKind!], $linkTypes: [LinkType!],
  $statuses: [LinkStatus!], $asOf: Date, $first: Int) {
  centrality(measure: $measure, within: $within, kinds: $kinds, linkTypes: $linkTypes, statuses: $statuses,
             asOf: $asOf, first: $first) {
    measure entityCount linkCount sampled starts scores { rank score entity { id } }
  }
}`;

const GROUPS = (
  field: string,
) => `query($within: [ID!], $kinds: [EntityKind!], $linkTypes: [LinkType!],
  $statuses: [LinkStatus!], $asOf: Date, $first: Int, $membersFirst: Int) {
  ${field}(within: $within, kinds: $kinds, linkTypes: $linkTypes, statuses: $statuses, asOf: $asOf,
           first: $first, membersFirst: $membersFirst) {
    entityCount linkCount count groups { id size members { id } }
  }
}`;

interface GroupingData {
  entityCount: number;
  linkCount: number;
  count: number;
  groups: { id: number; size: number; members: { id: string }[] }[];
}

async function centralityOf(variables: Record<string, unknown>) {
  return dataOf(
    await execute<{
      centrality: {
        entityCount: number;
        linkCount: number;
        sampled: boolean;
        starts: number | null;
        scores: Scored[];
      };
    }>(CENTRALITY, variables),
  ).centrality;
}

async function groupsOf(field: 'communities' | 'components', variables: Record<string, unknown>) {
  const data = dataOf(await execute<Record<string, GroupingData>>(GROUPS(field), variables));
  return data[field] as GroupingData;
}

/** Runs a GDS algorithm directly on a native projection of every entity and link. */
async function directScores(algorithm: string): Promise<Map<string, number>> {
  const name = `direct-${algorithm}`;
  await db.write(
    `CALL gds.graph.project($name, 'Entity', {ALL: {type: '*', orientation: 'UNDIRECTED'}}) YIELD graphName RETURN graphName`,
    { name },
  );
  try {
    const rows = await db.read<{ id: string; score: number }>(
      `CALL gds.${algorithm}.stream($name) YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score`,
      { name },
    );
    return new Map(rows.map((r) => [r.id, r.score]));
  } finally {
    await db.write('CALL gds.graph.drop($name) YIELD graphName RETURN graphName', { name });
  }
}

/** The API's top scores must be the direct ones, in order, and no higher direct score left out. */
function expectSameRanking(api: Scored[], direct: Map<string, number>, first: number) {
  expect(api).toHaveLength(Math.min(first, direct.size));
  for (const [i, s] of api.entries()) {
    expect(s.rank).toBe(i + 1);
    expect(s.score, s.entity.id).toBeCloseTo(direct.get(s.entity.id) ?? Number.NaN, 6);
    if (i > 0) expect(s.score).toBeLessThanOrEqual((api[i - 1] as Scored).score);
  }
  const last = (api.at(-1) as Scored).score;
  const higher = [...direct.values()].filter((v) => v > last + 1e-6).length;
  expect(higher).toBeLessThan(api.length);
}

/** The filters of the scope as a reference predicate over a link (independent of the server). */
function passes(link: RefLink, scope: { types?: string[]; kinds?: string[]; asOf?: string }) {
  const kindOk = (id: string) =>
    !scope.kinds || scope.kinds.includes(graph.entities.get(id)?.kind ?? '');
  return (
    link.status !== 'retracted' &&
    (!scope.types || scope.types.includes(link.type)) &&
    kindOk(link.from) &&
    kindOk(link.to) &&
    (!scope.asOf ||
      ((link.validFrom === null || link.validFrom <= scope.asOf) &&
        (link.validTo === null || link.validTo >= scope.asOf)))
  );
}

/** Union-find components over the entities that pass the kind filter. */
function referenceComponents(links: RefLink[], members: string[]): string[][] {
  const parent = new Map(members.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const link of links) parent.set(find(link.from), find(link.to));
  const groups = new Map<string, string[]>();
  for (const id of members) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((g) => g.sort());
}

describe('centrality through GraphQL', () => {
  it('PageRank over the whole graph agrees with GDS called directly', async () => {
    const api = await centralityOf({ measure: 'PAGE_RANK', statuses: ALL_STATUSES, first: 50 });
    const direct = await directScores('pageRank');
    expect(api.entityCount).toBe(direct.size);
    expectSameRanking(api.scores, direct, 50);
  });

  it('betweenness over a graph that fits the work budget is exact and agrees with GDS called directly', async () => {
    const api = await centralityOf({ measure: 'BETWEENNESS', statuses: ALL_STATUSES, first: 50 });
    expect(api.sampled).toBe(false);
    expect(api.starts).toBe(api.entityCount);
    expectSameRanking(api.scores, await directScores('betweenness'), 50);
  });

  it('betweenness over a graph beyond the budget says it was sampled, from how many starts, and agrees with GDS sampling the same way', async () => {
    const scope = { statuses: LINK_STATUSES };
    const exact = await centrality(db, 'BETWEENNESS', scope, 50);
    // Room for 300 searches over this graph (each visits every entity and both directions of a link).
    const budget = 300 * (exact.entities + 2 * exact.links);
    const api = await centrality(db, 'BETWEENNESS', scope, 50, { betweennessBudget: budget });
    expect(api.sampled).toBe(true);
    expect(api.starts).toBe(300);
    expect(api.entities).toBe(exact.entities);

    // GDS directly, on the request's projection, with the sampling the answer reports.
    const name = 'direct-sampled-betweenness';
    const rows = await db.read<{ id: string; score: number }>(
      `${projectionCypher(scope)}
       CALL gds.betweenness.stream(g.graphName,
         {samplingSize: toInteger($starts), samplingSeed: toInteger($seed), concurrency: 1})
         YIELD nodeId, score
       WITH g, collect({id: gds.util.asNode(nodeId).id, score: score}) AS scores
       CALL gds.graph.drop(g.graphName, false) YIELD graphName
       UNWIND scores AS s RETURN s.id AS id, s.score AS score`,
      { ...projectionParams(scope, name), starts: api.starts, seed: BETWEENNESS_SEED },
    );
    const direct = new Map(rows.map((r) => [r.id, r.score]));
    expectSameRanking(api.scores, direct, 50);
    // A sample, not the exact answer under another name: some top score differs from exact.
    const exactScore = new Map(exact.scores.map((s) => [s.entity.id, s.score]));
    expect(
      api.scores.some((s) => Math.abs((exactScore.get(s.entity.id) ?? 0) - s.score) > 1e-6),
    ).toBe(true);
    // Asked again, the same sample: the same answer.
    const again = await centrality(db, 'BETWEENNESS', scope, 50, { betweennessBudget: budget });
    expect(again.scores).toEqual(api.scores);
  });

  it('betweenness never samples fewer starts than the minimum, however small the budget', async () => {
    const api = await centrality(db, 'BETWEENNESS', { statuses: LINK_STATUSES }, 5, {
      betweennessBudget: 1,
    });
    expect(api.sampled).toBe(true);
    expect(api.starts).toBe(BETWEENNESS_MIN_STARTS);
  });

  it('degree with kinds, link types and an as-of day agrees with a count of the links', async () => {
    const scope = {
      kinds: ['Person', 'Company'],
      types: ['OWNS', 'EMPLOYED_BY', 'FOUNDED'],
      asOf: '2005-06-30',
    };
    const api = await centralityOf({
      measure: 'DEGREE',
      within: ids,
      kinds: ['PERSON', 'COMPANY'],
      linkTypes: scope.types,
      asOf: scope.asOf,
      first: 5000,
    });
    const members = ids.filter((id) => scope.kinds.includes(graph.entities.get(id)?.kind ?? ''));
    const degree = new Map(members.map((id) => [id, 0]));
    const links = graph.links.filter((l) => passes(l, scope));
    for (const l of links) {
      degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
      degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
    }
    expect(api.entityCount).toBe(members.length);
    expect(api.linkCount).toBe(links.length);
    expect(new Map(api.scores.map((s) => [s.entity.id, s.score]))).toEqual(degree);
    // Ranked: highest first, equal scores by id.
    const order = [...degree]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => id);
    expect(api.scores.map((s) => s.entity.id)).toEqual(order);
  });

  it('within a set of entities, ranks only those, on the links among them', async () => {
    const within = ['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist'];
    const api = await centralityOf({ measure: 'DEGREE', within: [...within, 'no:such-entity'] });
    const links = await db.read<{ from: string; to: string }>(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $within AND b.id IN $within AND r.status <> 'retracted'
       RETURN a.id AS from, b.id AS to`,
      { within },
    );
    const degree = new Map(within.map((id) => [id, 0]));
    for (const l of links) {
      degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
      degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
    }
    expect(links.length).toBeGreaterThan(1);
    expect(api.entityCount).toBe(3);
    expect(api.linkCount).toBe(links.length);
    expect(api.scores.map((s) => [s.entity.id, s.score])).toEqual(
      [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    );
  });

  it('answers empty, not an error, when no entity is in scope', async () => {
    const api = await centralityOf({ measure: 'PAGE_RANK', within: ['no:such-entity'] });
    expect(api).toMatchObject({ entityCount: 0, linkCount: 0, scores: [] });
  });
});

describe('groups through GraphQL', () => {
  it('connected components agree with union-find over the same filtered links', async () => {
    const scope = { types: ['OWNS', 'SUBSIDIARY_OF', 'FOUNDED'], asOf: '2015-01-01' };
    const api = await groupsOf('components', {
      within: ids,
      linkTypes: scope.types,
      asOf: scope.asOf,
      first: 1000,
      membersFirst: 5000,
    });
    const reference = referenceComponents(
      graph.links.filter((l) => passes(l, scope)),
      ids,
    );
    expect(api.count).toBe(reference.length);
    expect(api.count).toBeGreaterThan(10);
    const expected = reference
      .sort((a, b) => b.length - a.length || ((a[0] as string) < (b[0] as string) ? -1 : 1))
      .slice(0, 1000);
    expect(api.groups.map((g) => g.members.map((m) => m.id))).toEqual(expected);
    expect(api.groups.map((g) => g.size)).toEqual(expected.map((g) => g.length));
    expect(api.groups.map((g) => g.id)).toEqual(expected.map((_, i) => i + 1));
  });

  it('Louvain communities agree with GDS called directly, and never span two components', async () => {
    const api = await groupsOf('communities', { within: ids, first: 1000, membersFirst: 5000 });
    const name = 'direct-louvain';
    const rows = await db.read<{ members: string[] }>(
      `UNWIND $ids AS id MATCH (s:Entity {id: id})
       OPTIONAL MATCH (s)-[r WHERE r.status <> 'retracted']->(t:Entity) WHERE t.id IN $ids
       WITH gds.graph.project($name, s, t, {}, {undirectedRelationshipTypes: ['*']}) AS g
       CALL gds.louvain.stream(g.graphName, {concurrency: 1}) YIELD nodeId, communityId
       WITH g, communityId, collect(gds.util.asNode(nodeId).id) AS members
       WITH g, collect(members) AS all
       CALL gds.graph.drop(g.graphName) YIELD graphName
       UNWIND all AS members RETURN members`,
      { ids, name },
    );
    const direct = rows
      .map((r) => r.members.sort())
      .sort((a, b) => b.length - a.length || ((a[0] as string) < (b[0] as string) ? -1 : 1));
    expect(api.count).toBe(direct.length);
    expect(api.groups.map((g) => g.members.map((m) => m.id))).toEqual(direct);
    const component = new Map<string, number>();
    for (const [i, members] of referenceComponents(
      graph.links.filter((l) => l.status !== 'retracted'),
      ids,
    ).entries()) {
      for (const id of members) component.set(id, i);
    }
    for (const group of api.groups) {
      expect(new Set(group.members.map((m) => component.get(m.id))).size).toBe(1);
    }
    expect(api.count).toBeGreaterThan(3);
  });

  it('cuts groups and members at first and membersFirst, and counts them all', async () => {
    const api = await groupsOf('communities', { within: ids, first: 2, membersFirst: 3 });
    expect(api.groups).toHaveLength(2);
    expect(api.count).toBeGreaterThan(2);
    expect(api.groups.every((g) => g.members.length === 3 && g.size > 3)).toBe(true);
  });
});

describe('analytics requests', () => {
  it('run as reads (so a cluster routes them to any member) and leave no projection behind', async () => {
    const modes: string[] = [];
    const stop = db.onQuery((event) => modes.push(event.mode));
    await centralityOf({ measure: 'PAGE_RANK', first: 1 });
    await groupsOf('components', { first: 1 });
    stop();
    expect(modes).toEqual(['READ', 'READ']);
    const [row] = await db.read<{ n: number }>(
      'CALL gds.graph.list() YIELD graphName RETURN count(*) AS n',
    );
    expect(row?.n).toBe(0);
  });

  it('refuse bad arguments with the argument named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ measure: 'PAGE_RANK', first: 0 }, 'first'],
      [{ measure: 'PAGE_RANK', within: [] }, 'within'],
      [
        { measure: 'PAGE_RANK', within: Array.from({ length: 5001 }, (_, i) => `x:${i}`) },
        'within',
      ],
    ];
    for (const [variables, argument] of cases) {
      const result = await execute(CENTRALITY, variables);
      expect(result.errors?.[0]?.extensions, argument).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument,
      });
    }
    const groups = await execute(GROUPS('communities'), { membersFirst: -1 });
    expect(groups.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'membersFirst',
    });
  });
});

describe('a database without Graph Data Science', () => {
  let scratch: ScratchNeo4j;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-no-gds-'));
    scratch = await openScratchNeo4j(dataDir, { graphDataScience: false });
  }, 180_000);

  afterAll(async () => {
    await scratch?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says analytics are unavailable, with a code the explorer can act on', async () => {
    const run = graphqlClient(scratch.db);
    expect(dataOf(await run('{ analyticsInfo { available version } }'))).toEqual({
      analyticsInfo: { available: false, version: null },
    });
    for (const query of [
      '{ centrality(measure: PAGE_RANK) { entityCount } }',
      '{ communities { count } }',
      '{ components { count } }',
    ]) {
      const result = await run(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('ANALYTICS_UNAVAILABLE');
      expect(result.errors?.[0]?.message).toMatch(/Graph Data Science/);
    }
  });
});
