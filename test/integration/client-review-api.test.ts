/**
 * The review panel's and the analytics panel's operations (client/src/api/matching-api.ts and
 * analytics-api.ts) against the real server and Neo4j, without a browser: batches of canvas
 * entities past the alias cap, an entity that vanished meanwhile, the token check for each kind
 * of token, and a judgement's round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsApi } from '../../client/src/api/analytics-api';
import { createApi } from '../../client/src/api/graphql-api';
import { checkWriteToken, createMatchingApi } from '../../client/src/api/matching-api';
import type { Database } from '../../server/neo4j/database';
import { READ_TOKEN, TEST_ACCESS, WRITE_TOKEN } from '../support/access';
import { connectTestDatabase } from '../support/database';
import {
  fixtureRecords,
  recordId,
  removeReviewFixture,
  writeReviewFixture,
} from '../support/review-fixture';
import { listen, type RunningServer } from '../support/server';

let db: Database;
let running: RunningServer;
let endpoint: string;

beforeAll(async () => {
  db = connectTestDatabase();
  await removeReviewFixture(db);
  await writeReviewFixture(db);
  running = await listen(db, { access: TEST_ACCESS });
  endpoint = `${running.url}/graphql`;
}, 120_000);

afterAll(async () => {
  await running?.close();
  if (db) await removeReviewFixture(db);
  await db?.close();
});

const HUAWEI_889 = recordId('section_889', 'Huawei Technologies Company');
const HUAWEI_1260H = recordId('dod_1260h', 'Huawei Technologies Co., Ltd.');

describe('the review operations against the real API', () => {
  it('asks for 25 canvas entities in batches under the alias cap, each with its own list', async () => {
    const matching = createMatchingApi(createApi({ endpoint }));
    const ids = [...fixtureRecords()]
      .flatMap(([list, names]) => names.map((name) => recordId(list, name)))
      .slice(0, 25);
    expect(ids).toContain(HUAWEI_889);
    const lists = await matching.candidatesOf(ids, { minScore: 0.5, first: 10 });
    expect(lists).toHaveLength(25);
    const huawei = lists[ids.indexOf(HUAWEI_889)] ?? [];
    expect(huawei.map((c) => [c.a.id, c.b.id].sort())).toContainEqual(
      [HUAWEI_889, HUAWEI_1260H].sort(),
    );
    for (const candidate of huawei) expect(candidate.features.length).toBeGreaterThan(0);
  });

  it('gives an entity that left the graph an empty list instead of failing its batch', async () => {
    const matching = createMatchingApi(createApi({ endpoint }));
    const lists = await matching.candidatesOf(['review-fixture:gone:no-such-record', HUAWEI_889], {
      minScore: 0.5,
      first: 10,
    });
    expect(lists[0]).toEqual([]);
    expect(lists[1]?.length).toBeGreaterThan(0);
  });

  it('tells a write token from a read token and from one the server does not know', async () => {
    expect(await checkWriteToken(WRITE_TOKEN, { endpoint })).toBe('write');
    expect(await checkWriteToken(READ_TOKEN, { endpoint })).toBe('read-only');
    expect(await checkWriteToken('an-unknown-token-0123456789', { endpoint })).toBe('unknown');
    // The probe changed nothing: no judgement exists.
    const matching = createMatchingApi(createApi({ endpoint }));
    expect(await matching.joinedRecordIds()).toEqual(new Set());
  });

  it('judges, reads the identity with both records and their sources, and undoes it', async () => {
    const matching = createMatchingApi(createApi({ endpoint, token: () => WRITE_TOKEN }));
    const [a, b] = await matching.pairRecords(HUAWEI_889, HUAWEI_1260H);
    expect(a.neighbours).toEqual([
      expect.objectContaining({ type: 'LISTED_ON', direction: 'out' }),
    ]);
    expect(b.citations[0]?.excerpt).toBe('Huawei Technologies Co., Ltd.');
    const judgement = await matching.judge(HUAWEI_889, HUAWEI_1260H, 'SAME', '  same legal form  ');
    expect(judgement).toMatchObject({
      decision: 'SAME',
      judgedBy: 'curator-ada',
      note: 'same legal form',
    });
    const identity = await matching.identity(HUAWEI_1260H);
    expect(identity?.records.map((r) => r.id).sort()).toEqual([HUAWEI_889, HUAWEI_1260H].sort());
    expect(identity?.records[0]?.sources[0]?.title).toContain('Labelled pairs');
    expect(await matching.joinedRecordIds()).toEqual(new Set([HUAWEI_889, HUAWEI_1260H]));
    const [joined] = await matching.pairRecords(HUAWEI_889, HUAWEI_1260H);
    expect(joined.identity?.recordIds.sort()).toEqual([HUAWEI_889, HUAWEI_1260H].sort());
    await matching.undoJudgement(judgement.id);
    expect(await matching.identity(HUAWEI_1260H)).toBeNull();
  });

  it('draws a joined company as one node with both lists linked to it, and as two after a split', async () => {
    const api = createApi({ endpoint });
    const matching = createMatchingApi(createApi({ endpoint, token: () => WRITE_TOKEN }));
    const judgement = await matching.judge(HUAWEI_889, HUAWEI_1260H, 'SAME', null);
    try {
      // The API answers the joined records as their identity while each link stays on its own
      // record: every link end must be a node of the answer, or the canvas cannot draw the edge.
      const joined = await api.neighborhood(HUAWEI_1260H, { limit: 25 });
      const nodes = new Set(joined.entities.map((e) => e.id));
      const identity = joined.entities.find((e) => e.id.startsWith('identity:'));
      expect(identity).toBeDefined();
      expect(nodes.has(HUAWEI_1260H) || nodes.has(HUAWEI_889)).toBe(false);
      expect(joined.links.length).toBeGreaterThanOrEqual(2);
      for (const link of joined.links) {
        expect(nodes.has(link.from) && nodes.has(link.to)).toBe(true);
        expect([link.from, link.to]).toContain(identity?.id);
      }
      const details = await api.entityDetails(HUAWEI_889);
      expect(details.id).toBe(identity?.id);
      expect(details.neighbours.map((n) => n.id)).not.toContain(identity?.id);
      for (const link of details.links) expect([link.from, link.to]).toContain(identity?.id);
    } finally {
      await matching.undoJudgement(judgement.id);
    }
    const split = await api.neighborhood(HUAWEI_1260H, { limit: 25 });
    expect(split.entities.map((e) => e.id)).toContain(HUAWEI_1260H);
    expect(split.entities.some((e) => e.id.startsWith('identity:'))).toBe(false);
  });

  it('refuses a judgement without a token with a code the panel explains', async () => {
    const matching = createMatchingApi(createApi({ endpoint, token: () => null }));
    await expect(matching.judge(HUAWEI_889, HUAWEI_1260H, 'SAME', null)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const reader = createMatchingApi(createApi({ endpoint, token: () => READ_TOKEN }));
    await expect(reader.judge(HUAWEI_889, HUAWEI_1260H, 'SAME', null)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('ranks the canvas and groups it, every entity asked for scored', async () => {
    const analytics = createAnalyticsApi(createApi({ endpoint }));
    expect(await analytics.available()).toBe(true);
    const ids = [
      'person:lei-jun',
      'company:xiaomi',
      'list:us-dod-blacklist',
      'award:miit-2019-distinction',
    ];
    const scores = await analytics.centrality('DEGREE', ids);
    expect(scores.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(scores[0]).toMatchObject({ id: 'company:xiaomi', rank: 1 });
    const groups = await analytics.communities(ids);
    expect(groups.flatMap((g) => g.memberIds).sort()).toEqual([...ids].sort());
  });
});
