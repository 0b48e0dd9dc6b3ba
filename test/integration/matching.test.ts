/**
 * Candidates and judgements against a real Neo4j, through GraphQL: candidates ranked and
 * explained, judgements token-guarded and recorded, SAME joins two records into one identity
 * without changing them, DIFFERENT keeps a pair out of the queue, and undoing restores the
 * graph exactly (a checksum of every node and relationship).
 */

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorNow } from '../../server/data/curation';
import { identityOf } from '../../server/data/identities';
import { judge, reconcileIdentities, undoJudgement } from '../../server/data/judgements';
import { matchCandidates } from '../../server/data/match-candidates';
import type { Database } from '../../server/neo4j/database';
import { accessClient, READ_TOKEN } from '../support/access';
import { connectTestDatabase, testDatabaseEnv } from '../support/database';
import { wholeGraphChecksum } from '../support/graph-checksum';

const P = 'matching-test';
const SOURCE = `source:${P}-memo`;
const SOURCE_TEXT =
  'Alpha Widgets Company is listed. Alpha Widgets Co., Ltd. is listed. Alpha Widgets (Beijing) Co., Ltd. is a subsidiary. Beta Gears Corporation is listed. Beta Gears Limited is listed.';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE_CSV = `${ROOT}test/fixtures/import/match.csv`;
const FIXTURE_MAPPING = `${ROOT}test/fixtures/import/match.mapping.json`;
const NORDLYS = 'fixture-match:entity:nordlys-holding-ab';

let db: Database;
let execute: ReturnType<typeof accessClient>;

const id = (name: string) => `${P}:${name}`;

async function cleanUp() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id STARTS WITH $source
        OR n.id STARTS WITH 'fixture-match:' OR n.id = 'source:dataset:fixture-import-match'
        OR (n:Judgement AND (n.aId STARTS WITH $prefix OR n.bId STARTS WITH $prefix))
        OR (n:Identity AND n.id STARTS WITH $identity)
     DETACH DELETE n`,
    { prefix: `${P}:`, source: `source:${P}`, identity: `identity:${P}:` },
  );
}

const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }`;
const CANDIDATES = `query($entity: ID, $kind: EntityKind, $minScore: Float, $first: Int, $after: String) {
  matchCandidates(entity: $entity, kind: $kind, minScore: $minScore, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { a { id } b { id } score autoJoinable
      features { name value contribution detail } judgement { id decision } } }
  }
}`;
const JUDGE = `mutation($a: ID!, $b: ID!, $decision: Decision!, $note: String) {
  judge(a: $a, b: $b, decision: $decision, note: $note) {
    id aId bId decision note score judgedBy judgedAt machine features { name contribution }
    a { id name } b { id name }
  }
}`;
const UNDO = `mutation($id: ID!) { undoJudgement(id: $id) { id decision } }`;
const IDENTITY = `query($id: ID!) { identity(id: $id) { id records { id name } judgements { id decision } } }`;

type CandidatesAnswer = {
  matchCandidates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: {
        a: { id: string };
        b: { id: string };
        score: number;
        autoJoinable: boolean;
        features: { name: string; value: number; contribution: number; detail: string }[];
        judgement: { id: string; decision: string } | null;
      };
    }[];
  };
};
type JudgeAnswer = {
  judge: {
    id: string;
    aId: string;
    bId: string;
    decision: string;
    score: number;
    judgedBy: string;
    machine: boolean;
  };
};

async function company(key: string, name: string, excerpt: string, extra: object = {}) {
  const answer = await execute(UPSERT, {
    input: {
      id: id(key),
      kind: 'COMPANY',
      name,
      citations: [{ sourceId: SOURCE, excerpt, locator: 'sentence 1' }],
      ...extra,
    },
  });
  expect(answer.body.errors).toBeUndefined();
}

async function candidatesOf(entity: string, minScore = 0.5) {
  const answer = await execute<CandidatesAnswer>(CANDIDATES, { entity, minScore }, null);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.matchCandidates as CandidatesAnswer['matchCandidates'];
}

const partner = (edge: { node: { a: { id: string }; b: { id: string } } }, self: string) =>
  edge.node.a.id === self ? edge.node.b.id : edge.node.a.id;

beforeAll(async () => {
  db = connectTestDatabase();
  execute = accessClient(db);
  await cleanUp();
  const added = await execute(
    `mutation($input: SourceInput!) { addSource(input: $input) { id } }`,
    { input: { id: SOURCE, title: 'Memo on widgets', kind: 'article', text: SOURCE_TEXT } },
  );
  expect(added.body.errors).toBeUndefined();
  await company('alpha-company', 'Alpha Widgets Company', 'Alpha Widgets Company is listed.');
  await company('alpha-ltd', 'Alpha Widgets Co., Ltd.', 'Alpha Widgets Co., Ltd. is listed.', {
    country: 'China',
  });
  await company(
    'alpha-beijing',
    'Alpha Widgets (Beijing) Co., Ltd.',
    'Alpha Widgets (Beijing) Co., Ltd. is a subsidiary.',
  );
  await company('beta-corp', 'Beta Gears Corporation', 'Beta Gears Corporation is listed.');
  await company('beta-ltd', 'Beta Gears Limited', 'Beta Gears Limited is listed.');
});

afterAll(async () => {
  await cleanUp();
  await db.close();
});

describe('matchCandidates', () => {
  it("ranks an entity's true twin first and explains the score", async () => {
    const result = await candidatesOf(id('alpha-company'), 0.1);
    const first = result.edges[0];
    expect(first && partner(first, id('alpha-company'))).toBe(id('alpha-ltd'));
    expect(first?.node.score).toBe(1);
    expect(first?.node.features[0]?.detail).toContain('legal forms are folded');
    // The regional subsidiary is proposed lower, with the qualifier held against it.
    const beijing = result.edges.find(
      (e) => partner(e, id('alpha-company')) === id('alpha-beijing'),
    );
    expect(beijing?.node.features.map((f) => f.name)).toContain('qualifierConflict');
    expect(beijing?.node.score).toBeLessThan(first?.node.score ?? 0);
  });

  it('pages through the candidates of a kind with stable cursors', async () => {
    const all = await execute<CandidatesAnswer>(
      CANDIDATES,
      { kind: 'COMPANY', minScore: 0.5, first: 200 },
      null,
    );
    const mine = all.body.data?.matchCandidates.edges.filter((e) =>
      e.node.a.id.startsWith(`${P}:`),
    );
    expect(mine?.map((e) => [e.node.a.id, e.node.b.id])).toEqual(
      expect.arrayContaining([
        [id('alpha-company'), id('alpha-ltd')],
        [id('beta-corp'), id('beta-ltd')],
      ]),
    );
    const page1 = await execute<CandidatesAnswer>(CANDIDATES, { kind: 'COMPANY', first: 1 }, null);
    const cursor = page1.body.data?.matchCandidates.pageInfo.endCursor;
    expect(page1.body.data?.matchCandidates.pageInfo.hasNextPage).toBe(true);
    const page2 = await execute<CandidatesAnswer>(
      CANDIDATES,
      { kind: 'COMPANY', first: 1, after: cursor },
      null,
    );
    expect(page2.body.data?.matchCandidates.edges[0]).toEqual(
      all.body.data?.matchCandidates.edges[1],
    );
  });

  it('refuses to score a whole kind beyond the cap, pointing to what works instead', async () => {
    await expect(
      matchCandidates(db, {
        entityId: null,
        kind: 'Company',
        minScore: 0.5,
        first: 5,
        offset: 0,
        maxRecords: 1,
      }),
    ).rejects.toThrow(
      /records of Company; candidates for more than 1 at once .*"entity".*npm run match/,
    );
  });

  it('answers bad arguments with what is allowed', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ minScore: 1.5 }, /minScore.*from 0 to 1/],
      [{ first: 0 }, /first.*from 1 to 200/],
      [{ after: 'not-a-cursor' }, /after.*cursor/],
      [{ entity: `${P}:nobody` }, /No entity with id/],
    ];
    for (const [variables, message] of cases) {
      const answer = await execute(CANDIDATES, variables, null);
      expect(answer.body.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('judgements', () => {
  it('are refused without a write token', async () => {
    const variables = { a: id('alpha-company'), b: id('alpha-ltd'), decision: 'SAME' };
    const anonymous = await execute(JUDGE, variables, null);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await execute(JUDGE, variables, READ_TOKEN);
    expect(reader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('SAME joins two records into one identity, and undo restores the graph exactly', async () => {
    const before = await wholeGraphChecksum(db);
    const judged = await execute<JudgeAnswer>(JUDGE, {
      a: id('alpha-ltd'),
      b: id('alpha-company'),
      decision: 'SAME',
      note: 'Same name up to the legal form.',
    });
    expect(judged.body.errors).toBeUndefined();
    const judgement = judged.body.data?.judge;
    expect(judgement).toMatchObject({
      aId: id('alpha-company'),
      bId: id('alpha-ltd'),
      decision: 'SAME',
      score: 1,
      judgedBy: 'curator-ada',
      machine: false,
    });
    const identity = await execute<{ identity: { id: string; records: { id: string }[] } }>(
      IDENTITY,
      { id: id('alpha-ltd') },
      null,
    );
    expect(identity.body.data?.identity.id).toBe(`identity:${id('alpha-company')}`);
    expect(identity.body.data?.identity.records.map((r) => r.id)).toEqual([
      id('alpha-company'),
      id('alpha-ltd'),
    ]);
    // Each record shows the identity and, through it, every record with its own source.
    const viaEntity = await execute<{
      entity: { identity: { records: { id: string; citations: { source: { id: string } }[] }[] } };
    }>(
      `query($id: ID!) { entity(id: $id) { identity { records { id citations { source { id } } } } } }`,
      { id: id('alpha-company') },
      null,
    );
    expect(viaEntity.body.data?.entity.identity.records).toEqual([
      { id: id('alpha-company'), citations: [{ source: { id: SOURCE } }] },
      { id: id('alpha-ltd'), citations: [{ source: { id: SOURCE } }] },
    ]);
    // Neither record changed: its name, country and citations are its own.
    const [record] = await db.read<{ name: string; country: string | null }>(
      'MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.country AS country',
      { id: id('alpha-company') },
    );
    expect(record).toEqual({ name: 'Alpha Widgets Company', country: null });
    // A joined pair is not proposed again.
    const after = await candidatesOf(id('alpha-company'));
    expect(after.edges.map((e) => partner(e, id('alpha-company')))).not.toContain(id('alpha-ltd'));

    const again = await execute(JUDGE, {
      a: id('alpha-company'),
      b: id('alpha-ltd'),
      decision: 'DIFFERENT',
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.body.errors?.[0]?.message).toMatch(/already judged SAME.*undo/);

    const undone = await execute(UNDO, { id: judgement?.id });
    expect(undone.body.errors).toBeUndefined();
    expect(await wholeGraphChecksum(db)).toEqual(before);
  });

  it('joins three records through two judgements and splits them again on undo', async () => {
    const before = await wholeGraphChecksum(db);
    await company('alpha-inc', 'Alpha Widgets Inc.', 'Alpha Widgets Company is listed.');
    const withThird = await wholeGraphChecksum(db);
    const first = await execute<JudgeAnswer>(JUDGE, {
      a: id('alpha-company'),
      b: id('alpha-ltd'),
      decision: 'SAME',
    });
    const second = await execute<JudgeAnswer>(JUDGE, {
      a: id('alpha-inc'),
      b: id('alpha-ltd'),
      decision: 'SAME',
    });
    const identity = await execute<{
      identity: { records: { id: string }[]; judgements: unknown[] };
    }>(IDENTITY, { id: id('alpha-inc') }, null);
    expect(identity.body.data?.identity.records).toHaveLength(3);
    expect(identity.body.data?.identity.judgements).toHaveLength(2);
    // Undoing the first leaves alpha-inc and alpha-ltd joined, under the smaller id.
    await execute(UNDO, { id: first.body.data?.judge.id });
    const rest = await execute<{ identity: { id: string; records: { id: string }[] } }>(
      IDENTITY,
      { id: id('alpha-ltd') },
      null,
    );
    expect(rest.body.data?.identity.id).toBe(`identity:${id('alpha-inc')}`);
    expect(rest.body.data?.identity.records.map((r) => r.id)).toEqual([
      id('alpha-inc'),
      id('alpha-ltd'),
    ]);
    await execute(UNDO, { id: second.body.data?.judge.id });
    expect(await wholeGraphChecksum(db)).toEqual(withThird);
    await db.write('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: id('alpha-inc') });
    expect(await wholeGraphChecksum(db)).toEqual(before);
  });

  it('DIFFERENT keeps a pair out of the queue; UNSURE keeps it in, with the judgement', async () => {
    const different = await execute<JudgeAnswer>(JUDGE, {
      a: id('beta-corp'),
      b: id('beta-ltd'),
      decision: 'DIFFERENT',
      note: 'Two registrations.',
    });
    expect(different.body.errors).toBeUndefined();
    const afterDifferent = await candidatesOf(id('beta-corp'));
    expect(afterDifferent.edges.map((e) => partner(e, id('beta-corp')))).not.toContain(
      id('beta-ltd'),
    );
    await execute(UNDO, { id: different.body.data?.judge.id });

    const unsure = await execute<JudgeAnswer>(JUDGE, {
      a: id('beta-corp'),
      b: id('beta-ltd'),
      decision: 'UNSURE',
    });
    const afterUnsure = await candidatesOf(id('beta-corp'));
    const edge = afterUnsure.edges.find((e) => partner(e, id('beta-corp')) === id('beta-ltd'));
    expect(edge?.node.judgement).toEqual({ id: unsure.body.data?.judge.id, decision: 'UNSURE' });
    await execute(UNDO, { id: unsure.body.data?.judge.id });
  });

  it('survive a record being removed and written again, as a re-import does', async () => {
    const judged = await execute<JudgeAnswer>(JUDGE, {
      a: id('alpha-company'),
      b: id('alpha-ltd'),
      decision: 'SAME',
    });
    // The record disappears (an edition without it) and comes back under the same key.
    await db.write('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: id('alpha-ltd') });
    await company('alpha-ltd', 'Alpha Widgets Co., Ltd.', 'Alpha Widgets Co., Ltd. is listed.');
    await reconcileIdentities(db, null);
    const identity = await execute<{ identity: { records: { id: string }[] } }>(
      IDENTITY,
      { id: id('alpha-ltd') },
      null,
    );
    expect(identity.body.data?.identity.records.map((r) => r.id)).toEqual([
      id('alpha-company'),
      id('alpha-ltd'),
    ]);
    await execute(UNDO, { id: judged.body.data?.judge.id });
  });

  it('rejoins a record that an import writes again under a judged id', async () => {
    const importCli = () =>
      spawnSync('npx', ['tsx', 'server/import/cli.ts', FIXTURE_CSV, '--mapping', FIXTURE_MAPPING], {
        cwd: ROOT,
        encoding: 'utf8',
        env: testDatabaseEnv(),
      });
    const imported = importCli();
    expect(imported.status, imported.stderr).toBe(0);
    await company('nordlys', 'Nordlys Holding AB', 'Alpha Widgets Company is listed.');
    const judged = await judge(
      db,
      { a: id('nordlys'), b: NORDLYS, decision: 'same', note: null },
      authorNow('test-curator'),
    );
    // The imported record is lost (a store rebuilt, a list re-imported from scratch) ...
    await db.write('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: NORDLYS });
    expect((await identityOf(db, id('nordlys')))?.recordIds).toEqual([id('nordlys')]);
    // ... and the next import writes it again: it is back in its identity.
    const again = importCli();
    expect(again.status, again.stderr).toBe(0);
    expect((await identityOf(db, NORDLYS))?.recordIds).toEqual([NORDLYS, id('nordlys')].sort());
    await undoJudgement(db, judged.id);
  });

  it('refuses a pair that cannot be judged, saying why', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { a: id('alpha-company'), b: id('alpha-company'), decision: 'SAME' },
        'BAD_USER_INPUT',
        /different entity/,
      ],
      [{ a: id('alpha-company'), b: id('nobody'), decision: 'SAME' }, 'NOT_FOUND', /No entity/],
      [
        { a: id('alpha-company'), b: id('alpha-ltd'), decision: 'SAME', note: 'x'.repeat(5000) },
        'BAD_USER_INPUT',
        /note/,
      ],
    ];
    for (const [variables, code, message] of cases) {
      const answer = await execute(JUDGE, variables);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(answer.body.errors?.[0]?.message).toMatch(message);
    }
    const unknown = await execute(UNDO, { id: 'judgement:none' });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
