import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, LINK_TYPES } from '../../server/model/vocabulary';
import type { Database } from '../../server/neo4j/database';
import { accessClient } from '../support/access';
import { connectTestDatabase } from '../support/database';
import { dataOf, graphqlClient } from '../support/graphql';

let db: Database;
let execute: ReturnType<typeof graphqlClient>;

beforeAll(() => {
  db = connectTestDatabase();
  execute = graphqlClient(db);
});

afterAll(async () => {
  await db.close();
});

type Hits = { search: { score: number; entity: { id: string; kind: string } }[] };

async function firstHit(text: string, kinds?: string[]): Promise<string | undefined> {
  const data = dataOf(
    await execute<Hits>(
      'query($t: String!, $k: [EntityKind!]) { search(text: $t, kinds: $k) { score entity { id kind } } }',
      {
        t: text,
        k: kinds ?? null,
      },
    ),
  );
  return data.search[0]?.entity.id;
}

describe('search', () => {
  it('finds the right entity first for the researcher’s words', async () => {
    expect(await firstHit('lei jun')).toBe('person:lei-jun');
    expect(await firstHit('xiaomi')).toBe('company:xiaomi');
    expect(await firstHit('industry ministry')).toBe('ministry:cn-miit');
  });

  it('ignores case and accents, and matches prefixes and small typos', async () => {
    expect(await firstHit('LÉI JÚN')).toBe('person:lei-jun');
    expect(await firstHit('xiao')).toBe('company:xiaomi');
    expect(await firstHit('xiaomy')).toBe('company:xiaomi');
    expect(await firstHit('hong kong exchange')).toBe('org:hong-kong-stock-exchange');
  });

  it('searches aliases too, and filters by kind', async () => {
    expect(await firstHit('defense ministry list of foreign companies')).toBe(
      'list:us-dod-blacklist',
    );
    expect(await firstHit('defense', ['MINISTRY'])).toBe('ministry:us-dod');
  });

  it('finds a name by the initials of its significant words (MIIT), in any case', async () => {
    expect(await firstHit('MIIT')).toBe('ministry:cn-miit');
    expect(await firstHit('miit')).toBe('ministry:cn-miit');
    expect(await firstHit('CMIIT')).toBe('ministry:cn-miit');
    expect(await firstHit('HKSE')).toBe('org:hong-kong-stock-exchange');
  });

  it('finds the initials of a name written through the API, and of its new name after a rename', async () => {
    const write = accessClient(db);
    const id = 'api-explore:bis';
    const upsert = async (name: string) => {
      const answer = await write(
        'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }',
        {
          input: {
            id,
            kind: 'MINISTRY',
            name,
            citations: [{ sourceId: 'source:article-xiaomi-dod-blacklist', excerpt: 'Xiaomi' }],
          },
        },
      );
      expect(answer.body.errors).toBeUndefined();
    };
    try {
      await upsert('Bureau of Industry and Security');
      expect(await firstHit('BIS')).toBe(id);
      await upsert('Office of Foreign Assets Control');
      expect(await firstHit('OFAC')).toBe(id);
      // The old initials went with the old name.
      expect(await firstHit('BIS')).not.toBe(id);
    } finally {
      await db.write('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id });
    }
  });

  it('ranks hits by score, best first', async () => {
    const data = dataOf(
      await execute<Hits>('{ search(text: "ministry", first: 10) { score entity { id kind } } }'),
    );
    const scores = data.search.map((h) => h.score);
    expect(scores.length).toBeGreaterThan(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('entity and entities', () => {
  it('returns an entity of its own type with kind-specific fields and citations', async () => {
    const data = dataOf(
      await execute<{
        entity: {
          __typename: string;
          recurrence: string;
          citations: { excerpt: string; source: { id: string } }[];
        };
      }>(
        '{ entity(id: "award:miit-2019-distinction") { __typename ... on Award { recurrence } citations { excerpt source { id } } } }',
      ),
    );
    expect(data.entity.__typename).toBe('Award');
    expect(data.entity.recurrence).toBe('every five years');
    expect(data.entity.citations.map((c) => c.excerpt)).toContain(
      'That year, 100 Chinese leaders had been decorated.',
    );
  });

  it('returns null for an unknown id', async () => {
    expect(dataOf(await execute('{ entity(id: "person:nobody") { id } }'))).toEqual({
      entity: null,
    });
  });

  it('pages through every entity once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page++) {
      const data: {
        entities: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string } }[];
        };
      } = dataOf(
        await execute(
          'query($after: String) { entities(kind: PERSON, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
          { after },
        ),
      );
      total = data.entities.totalCount;
      seen.push(...data.entities.edges.map((e) => e.node.id));
      if (!data.entities.pageInfo.hasNextPage) break;
      after = data.entities.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toEqual(
      expect.arrayContaining(['person:lei-jun', 'person:joe-biden', 'person:donald-trump']),
    );
  });
});

describe('neighborhood', () => {
  type Sub = {
    neighborhood: {
      entities: { id: string }[];
      links: { id: string; type: string; from: { id: string }; to: { id: string } }[];
      truncated: { entity: { id: string }; omitted: number }[];
    };
  };

  it('returns the direct neighbours with the links among them', async () => {
    const data = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "person:lei-jun") { entities { id } links { id type from { id } to { id } } truncated { entity { id } omitted } } }',
      ),
    );
    expect(data.neighborhood.entities.map((e) => e.id).sort()).toEqual(
      ['award:miit-2019-distinction', 'company:xiaomi', 'person:lei-jun'].sort(),
    );
    expect(data.neighborhood.links.map((l) => l.type).sort()).toEqual([
      'FOUNDED',
      'LEADS',
      'RECEIVED',
    ]);
    expect(data.neighborhood.truncated).toEqual([]);
  });

  it('caps neighbours per entity and says how many were left out', async () => {
    const data = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "company:xiaomi", limit: 2) { entities { id } truncated { entity { id } omitted } } }',
      ),
    );
    // Xiaomi has 5 distinct neighbours: Lei Jun, the list, the exchange, 5G, the government.
    expect(data.neighborhood.entities).toHaveLength(3);
    expect(data.neighborhood.truncated).toEqual([{ entity: { id: 'company:xiaomi' }, omitted: 3 }]);
  });

  it('walks two levels, and filters by link type and kind', async () => {
    const two = dataOf(
      await execute<Sub>('{ neighborhood(id: "person:lei-jun", depth: 2) { entities { id } } }'),
    );
    expect(two.neighborhood.entities.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'list:us-dod-blacklist',
        'ministry:cn-miit',
        'org:chinese-government',
      ]),
    );
    const typed = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "company:xiaomi", linkTypes: [LISTED_ON, INVESTS_IN]) { entities { id } } }',
      ),
    );
    expect(typed.neighborhood.entities.map((e) => e.id).sort()).toEqual(
      ['company:xiaomi', 'list:us-dod-blacklist', 'topic:5g-technologies'].sort(),
    );
    const kinds = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "company:xiaomi", kinds: [PERSON]) { entities { id } } }',
      ),
    );
    expect(kinds.neighborhood.entities.map((e) => e.id).sort()).toEqual([
      'company:xiaomi',
      'person:lei-jun',
    ]);
  });

  it('leaves out links not yet valid on the as-of day, and denied claims when asked', async () => {
    const before = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "company:xiaomi", asOf: "2020-06-01") { entities { id } } }',
      ),
    );
    expect(before.neighborhood.entities.map((e) => e.id)).not.toContain('list:us-dod-blacklist');
    const asserted = dataOf(
      await execute<Sub>(
        '{ neighborhood(id: "company:xiaomi", statuses: [ASSERTED]) { entities { id } } }',
      ),
    );
    expect(asserted.neighborhood.entities.map((e) => e.id)).not.toContain('org:chinese-government');
  });
});

describe('timeline and schemaInfo', () => {
  it('lists an entity’s dated links in order', async () => {
    const data = dataOf(
      await execute<{ timeline: { date: string; moment: string; link: { type: string } }[] }>(
        '{ timeline(id: "person:lei-jun") { date moment link { type } } }',
      ),
    );
    expect(data.timeline).toEqual([{ date: '2019', moment: 'ON', link: { type: 'RECEIVED' } }]);
    const january = dataOf(
      await execute<{ timeline: unknown[] }>(
        '{ timeline(id: "company:xiaomi", from: "2021-01-01", to: "2021-01-31") { date } }',
      ),
    );
    expect(january.timeline).toEqual([{ date: '2021-01-14' }]);
    const later = dataOf(
      await execute<{ timeline: unknown[] }>(
        '{ timeline(id: "company:xiaomi", from: "2021-02-01") { date } }',
      ),
    );
    expect(later.timeline).toEqual([]);
  });

  it('counts every kind and link type, zeros included', async () => {
    const data = dataOf(
      await execute<{
        schemaInfo: {
          kinds: { kind: string; count: number }[];
          linkTypes: { type: string; count: number }[];
        };
      }>('{ schemaInfo { kinds { kind count } linkTypes { type count } } }'),
    );
    expect(data.schemaInfo.kinds).toHaveLength(ENTITY_KINDS.length);
    expect(data.schemaInfo.linkTypes).toHaveLength(LINK_TYPES.length);
    expect(data.schemaInfo.kinds).toContainEqual({ kind: 'ADDRESS', count: expect.any(Number) });
    expect(data.schemaInfo.linkTypes).toContainEqual({ type: 'PAID', count: expect.any(Number) });
    expect(data.schemaInfo.kinds.find((k) => k.kind === 'PERSON')?.count).toBeGreaterThanOrEqual(3);
  });
});

describe('the example operations in docs/queries', () => {
  const dir = new URL('../../docs/queries/', import.meta.url);
  const files = readdirSync(dir).filter((name) => name.endsWith('.graphql'));

  it('exist for search, neighbourhood, paths, as-of, connect and timeline', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'search.graphql',
        'neighborhood.graphql',
        'paths.graphql',
        'paths-as-of.graphql',
        'connect.graphql',
        'timeline.graphql',
      ]),
    );
  });

  it.each(files)('%s runs without errors and returns data', async (file) => {
    const result = await execute(readFileSync(new URL(file, dir), 'utf8'));
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it('paths-as-of.graphql shows the listing only after it happened', async () => {
    const data = dataOf(
      await execute<{ after: { paths: unknown[] }; before: { paths: unknown[] } }>(
        readFileSync(new URL('paths-as-of.graphql', dir), 'utf8'),
      ),
    );
    expect(data.after.paths.length).toBeGreaterThan(0);
    expect(data.before.paths).toEqual([]);
  });
});

describe('timeline limits and dates', () => {
  // Three dated links on entities of this test's own, removed afterwards.
  beforeAll(async () => {
    await db.write(`
      CREATE (a:Entity:Person {id: 'test-timeline:a', kind: 'Person', name: 'Timeline A'}),
             (b:Entity:Company {id: 'test-timeline:b', kind: 'Company', name: 'Timeline B'}),
             (c:Entity:Award {id: 'test-timeline:c', kind: 'Award', name: 'Timeline C'}),
             (a)-[:LEADS {id: 'test-timeline:leads', status: 'asserted', since: '2020-03', until: '2021-05-02'}]->(b),
             (a)-[:RECEIVED {id: 'test-timeline:received', status: 'disputed', on: '2020'}]->(c),
             (a)-[:FOUNDED {id: 'test-timeline:retracted', status: 'retracted', on: '2019'}]->(b)`);
  });
  afterAll(async () => {
    await db.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-timeline:' DETACH DELETE n");
  });

  type Events = { timeline: { date: string; moment: string; link: { id: string } }[] };
  const events = async (args: string) =>
    dataOf(
      await execute<Events>(
        `{ timeline(id: "test-timeline:a"${args}) { date moment link { id } } }`,
      ),
    ).timeline.map((e) => `${e.date} ${e.moment} ${e.link.id.slice('test-timeline:'.length)}`);

  it('orders events, leaves retracted links out and keeps the earliest `first`', async () => {
    expect(await events('')).toEqual([
      '2020 ON received',
      '2020-03 SINCE leads',
      '2021-05-02 UNTIL leads',
    ]);
    expect(await events(', first: 2')).toEqual(['2020 ON received', '2020-03 SINCE leads']);
  });

  it('keeps a partial date when its span overlaps [from, to]', async () => {
    // 2020 (a year) overlaps April 2020 onwards; March 2020 ends before it.
    expect(await events(', from: "2020-04-01", to: "2021-12-31"')).toEqual([
      '2020 ON received',
      '2021-05-02 UNTIL leads',
    ]);
    expect(await events(', from: "2020-03-31", to: "2020-03-31"')).toEqual([
      '2020 ON received',
      '2020-03 SINCE leads',
    ]);
    expect(await events(', to: "2019-12-31"')).toEqual([]);
  });

  it('refuses a first outside 1–500', async () => {
    const refused = await execute('{ timeline(id: "test-timeline:a", first: 501) { date } }');
    expect(refused.errors?.[0]?.message).toBe(
      'Argument "first": must be an integer from 1 to 500, got 501.',
    );
  });
});
