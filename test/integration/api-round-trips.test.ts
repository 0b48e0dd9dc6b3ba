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

  it('nested links of every entity are batched: one query per nesting level', async () => {
    // Level 0: search. Level 1: links of every hit. Level 2: LISTED_ON links of every neighbour.
    expect(
      await countQueries(`{ search(text: "ministry", first: 10) { entity {
        links { to { name links(types: [LISTED_ON]) { type to { name } } } from { name } citations { source { title } } }
      } } }`),
    ).toBe(3);
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
});
