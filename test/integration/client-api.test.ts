/**
 * Every operation the explorer sends, run against the real server and seeded Neo4j, so a
 * change of the API's limits (depth, aliases, cost) or schema cannot break the client unseen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, RESTORE_BATCH_SIZE } from '../../client/src/api/graphql-api';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

let db: Database;
let running: RunningServer;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  db = connectTestDatabase();
  running = await listen(db);
  api = createApi({ endpoint: `${running.url}/graphql` });
});

afterAll(async () => {
  await running.close();
  await db.close();
});

describe("the explorer's operations against the real API", () => {
  it('search suggests Lei Jun first, with his kind', async () => {
    const [first] = await api.search('lei jun');
    expect(first?.entity).toMatchObject({ id: 'person:lei-jun', kind: 'PERSON' });
  });

  it('entity details carry links with citations and the neighbours at their ends', async () => {
    const details = await api.entityDetails('company:xiaomi');
    expect(details.kind).toBe('COMPANY');
    const listed = details.links.find((l) => l.type === 'LISTED_ON');
    expect(listed).toMatchObject({
      from: 'company:xiaomi',
      to: 'list:us-dod-blacklist',
      since: '2021-01-14',
    });
    expect(listed?.citations[0]?.excerpt.length).toBeGreaterThan(10);
    expect(details.neighbours.map((n) => n.id)).toContain('list:us-dod-blacklist');
    expect(details.links.find((l) => l.type === 'AFFILIATED_WITH')?.status).toBe('DENIED');
  });

  it('an unknown entity is a NOT_FOUND error naming it', async () => {
    await expect(api.entityDetails('person:nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reopening a view of more entities than one batch holds finds them all and their links', async () => {
    const ids = [
      'person:lei-jun',
      'company:xiaomi',
      'award:miit-2019-distinction',
      'ministry:cn-miit',
      'ministry:us-dod',
      'list:us-dod-blacklist',
      'person:joe-biden',
      'person:donald-trump',
      'org:hong-kong-stock-exchange',
      'org:chinese-government',
      'topic:5g-technologies',
      'person:nobody',
    ];
    expect(ids.length).toBeGreaterThan(RESTORE_BATCH_SIZE);
    const view = await api.entitiesWithLinks(ids);
    expect(view.missing).toEqual(['person:nobody']);
    expect(view.entities).toHaveLength(11);
    expect(view.links.map((l) => l.id)).toEqual(
      expect.arrayContaining([
        'link:xiaomi-listed-on-us-dod-blacklist',
        'link:joe-biden-succeeded-donald-trump',
      ]),
    );
  });

  it('a neighbourhood with a small limit reports the neighbours left out', async () => {
    const all = await api.neighborhood('company:xiaomi', { limit: 500 });
    const cut = await api.neighborhood('company:xiaomi', { limit: 2 });
    const neighbours = all.entities.length - 1;
    expect(cut.truncated).toEqual([{ entityId: 'company:xiaomi', omitted: neighbours - 2 }]);
    const leads = await api.neighborhood('company:xiaomi', { limit: 500, linkTypes: ['LEADS'] });
    expect(leads.links.every((l) => l.type === 'LEADS')).toBe(true);
  });

  it('paths reach the Department of Defense list, and not before the listing date', async () => {
    const found = await api.paths({
      from: 'person:lei-jun',
      to: 'list:us-dod-blacklist',
      maxHops: 4,
    });
    expect(found.paths.length).toBeGreaterThanOrEqual(2);
    for (const path of found.paths) expect(path.entityIds.at(-1)).toBe('list:us-dod-blacklist');
    const before = await api.paths({
      from: 'person:lei-jun',
      to: 'list:us-dod-blacklist',
      maxHops: 4,
      asOf: '2020-06-01',
    });
    expect(before.paths).toEqual([]);
  });
});
