import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { dataOf, graphqlClient } from '../support/graphql';

let db: Database;
let execute: ReturnType<typeof graphqlClient>;
let queries: string[] = [];

beforeAll(() => {
  db = connectTestDatabase();
  db.onQuery((event) => queries.push(event.cypher));
  execute = graphqlClient(db);
});

afterAll(async () => {
  await db.close();
});

async function countQueries(query: string): Promise<number> {
  queries = [];
  dataOf(await execute(query));
  return queries.length;
}

describe('Cypher round trips per request', () => {
  it('paths with entities, links, ends and cited sources: one', async () => {
    expect(
      await countQueries(`{ paths(from: "person:lei-jun", to: "ministry:us-dod", mode: ALL, maxHops: 5) {
        paths { entities { id name } links { type from { name } to { name } citations { excerpt source { title url } } } }
      } }`),
    ).toBe(1);
  });

  it('neighborhood depth 2 with links, ends, citations and truncation: one', async () => {
    expect(
      await countQueries(`{ neighborhood(id: "company:xiaomi", depth: 2) {
        entities { id name kind }
        links { type from { id } to { id } citations { excerpt source { title } } }
        truncated { entity { name } omitted }
      } }`),
    ).toBe(1);
  });

  it('two levels of nested links cost one query, a third level one more', async () => {
    // Search, then the links of every hit together with the LISTED_ON links of every neighbour.
    expect(
      await countQueries(`{ search(text: "ministry", first: 10) { entity {
        links { to { name links(types: [LISTED_ON]) { type to { name } } } from { name } citations { source { title } } }
      } } }`),
    ).toBe(2);
    // The third level (links of the neighbours' neighbours) is one more batched query.
    expect(
      await countQueries(`{ entity(id: "person:lei-jun") { ... on Person {
        links { to { ...Deeper } }
      } } }
      fragment Deeper on Entity { links(direction: OUTGOING) { to { links { type } } } }`),
    ).toBe(3);
  });

  it('nested links answer the same whether fetched with their parent level or on their own', async () => {
    const nested = (extra: string) => `{ entity(id: "person:lei-jun") {
      links(direction: BOTH) { id from { id links(direction: OUTGOING, first: 3) { id type to { id } } ${extra} }
                               to { id links(direction: OUTGOING, first: 3) { id type to { id } } ${extra} } }
    } }`;
    queries = [];
    const together = dataOf(await execute(nested('')));
    const togetherQueries = queries.length;
    // A second, different nested selection leaves each level to fetch its own links.
    queries = [];
    const apart = dataOf(await execute(nested('incoming: links(direction: INCOMING) { id }')));
    expect([togetherQueries, queries.length]).toEqual([2, 4]);
    const strip = (data: unknown) =>
      JSON.stringify(data, (key, value) => (key === 'incoming' ? undefined : value));
    expect(strip(apart)).toEqual(strip(together));
    expect(strip(together)).toContain('LISTED_ON');
  });

  it('connect and timeline: one each', async () => {
    expect(
      await countQueries(
        '{ connect(ids: ["person:lei-jun", "ministry:us-dod", "org:chinese-government"]) { links { from { name } to { name } } } }',
      ),
    ).toBe(1);
    expect(
      await countQueries(
        '{ timeline(id: "company:xiaomi") { link { from { name } to { name } citations { source { title } } } } }',
      ),
    ).toBe(1);
  });

  it('asks for an entity and its links at the same time, not one after the other', async () => {
    // Each read waits until a second one has started (or 300 ms have passed), so a request
    // that sends its queries side by side sees two in flight at once.
    let inFlight = 0;
    let most = 0;
    let secondStarted: () => void = () => {};
    const second = new Promise<void>((resolve) => {
      secondStarted = resolve;
    });
    const sideBySide: Database = {
      ...db,
      read: async (cypher, params) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        if (inFlight === 2) secondStarted();
        await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 300))]);
        try {
          return await db.read(cypher, params);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const data = dataOf(
      await graphqlClient(sideBySide)<{ entity: { links: { to: { links: unknown[] } }[] } }>(
        `{ entity(id: "person:lei-jun") { name links(direction: OUTGOING) { type to { name links { type } } } } }`,
      ),
    );
    expect(data.entity.links.length).toBeGreaterThan(0);
    expect(most).toBe(2);
  });
});
