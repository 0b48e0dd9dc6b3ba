import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { freePort } from '../../server/neo4j/local-neo4j';
import { connectTestDatabase } from '../support/database';
import { graphqlClient } from '../support/graphql';

let db: Database;
let execute: ReturnType<typeof graphqlClient>;

beforeAll(() => {
  db = connectTestDatabase();
  execute = graphqlClient(db);
});

afterAll(async () => {
  await db.close();
});

async function errorOf(query: string, variables: Record<string, unknown> = {}) {
  const result = await execute(query, variables);
  expect(result.errors, `expected an error from ${query}`).toBeDefined();
  return result.errors?.[0];
}

describe('unknown ids', () => {
  it.each([
    [
      'paths from',
      '{ paths(from: "person:nobody", to: "company:xiaomi") { hasMore } }',
      'person:nobody',
    ],
    [
      'paths to',
      '{ paths(from: "company:xiaomi", to: "list:nothing") { hasMore } }',
      'list:nothing',
    ],
    ['neighborhood', '{ neighborhood(id: "company:none") { entities { id } } }', 'company:none'],
    ['timeline', '{ timeline(id: "person:none") { date } }', 'person:none'],
    [
      'connect',
      '{ connect(ids: ["company:xiaomi", "x:missing"]) { entities { id } } }',
      'x:missing',
    ],
  ])('%s → NOT_FOUND naming the id', async (_name, query, id) => {
    const error = await errorOf(query);
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toBe(`No entity with id "${id}".`);
  });
});

describe('arguments out of range', () => {
  it.each([
    [
      '{ paths(from: "person:lei-jun", to: "company:xiaomi", maxHops: 9) { hasMore } }',
      'maxHops',
      'from 1 to 6, got 9',
    ],
    [
      '{ paths(from: "person:lei-jun", to: "company:xiaomi", maxHops: 0) { hasMore } }',
      'maxHops',
      'from 1 to 6, got 0',
    ],
    [
      '{ paths(from: "person:lei-jun", to: "company:xiaomi", limit: 1000) { hasMore } }',
      'limit',
      'from 1 to 100, got 1000',
    ],
    [
      '{ neighborhood(id: "company:xiaomi", depth: 0) { truncated { omitted } } }',
      'depth',
      'from 1 to 3, got 0',
    ],
    [
      '{ neighborhood(id: "company:xiaomi", depth: 4) { truncated { omitted } } }',
      'depth',
      'from 1 to 3, got 4',
    ],
    [
      '{ neighborhood(id: "company:xiaomi", limit: 100000) { truncated { omitted } } }',
      'limit',
      'from 1 to 500, got 100000',
    ],
    ['{ search(text: "x", first: -1) { score } }', 'first', 'from 1 to 100, got -1'],
    ['{ entities(first: -5) { totalCount } }', 'first', 'from 1 to 500, got -5'],
    [
      '{ entity(id: "company:xiaomi") { links(first: 9999) { id } } }',
      'first',
      'from 0 to 500, got 9999',
    ],
    [
      '{ connect(ids: ["company:xiaomi"]) { truncated { omitted } } }',
      'ids',
      'from 2 to 10 distinct ids, got 1',
    ],
    [
      '{ connect(ids: ["company:xiaomi", "person:lei-jun"], maxHops: 7) { truncated { omitted } } }',
      'maxHops',
      'from 1 to 6, got 7',
    ],
    ['{ search(text: "   ") { score } }', 'text', 'must not be empty'],
    ['{ paths(from: "company:xiaomi", to: "company:xiaomi") { hasMore } }', 'to', 'must differ'],
    [
      '{ paths(from: "company:xiaomi", to: "person:lei-jun", avoid: ["person:lei-jun"]) { hasMore } }',
      'avoid',
      'must not contain the ends',
    ],
    ['{ entities(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after', 'is not a cursor'],
    [
      '{ timeline(id: "company:xiaomi", from: "2022-01-01", to: "2021-01-01") { date } }',
      'to',
      'must not be before from',
    ],
  ])('%s → BAD_USER_INPUT naming %s and the allowed range', async (query, argument, words) => {
    const error = await errorOf(query);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argument).toBe(argument);
    expect(error?.message).toContain(`Argument "${argument}"`);
    expect(error?.message).toContain(words);
  });

  it('refuses a search string longer than the cap', async () => {
    const error = await errorOf('query($t: String!) { search(text: $t) { score } }', {
      t: 'x'.repeat(5000),
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('at most 200 characters');
  });
});

describe('malformed dates', () => {
  it.each(['2021-02-30', '2021-13-01', '01/02/2021', '2021', 'yesterday'])(
    'asOf "%s" → BAD_USER_INPUT that says the format',
    async (asOf) => {
      for (const [query, variables] of [
        [
          `{ paths(from: "person:lei-jun", to: "company:xiaomi", asOf: "${asOf}") { hasMore } }`,
          {},
        ],
        [
          'query($d: Date) { neighborhood(id: "company:xiaomi", asOf: $d) { truncated { omitted } } }',
          { d: asOf },
        ],
      ] as const) {
        const error = await errorOf(query, variables);
        expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error?.message).toContain(`"${asOf}" is not a valid Date`);
        expect(error?.message).toContain('YYYY-MM-DD');
      }
    },
  );
});

describe('a database that does not answer', () => {
  it('fails fast with SERVICE_UNAVAILABLE', async () => {
    const dead = createDatabase(
      {
        uri: `bolt://127.0.0.1:${await freePort()}`,
        user: 'neo4j',
        password: '',
        database: 'neo4j',
      },
      { queryTimeoutMs: 5000 },
    );
    try {
      const started = Date.now();
      const result = await graphqlClient(dead)('{ search(text: "xiaomi") { score } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(result.errors?.[0]?.message).toContain('not reachable');
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await dead.close();
    }
  });
});

describe('anything unexpected', () => {
  it('is masked, so internals never reach the client', async () => {
    // A database whose reads fail with a plain error, as a bug in our own code would.
    const failing: Database = {
      ...db,
      read: () => Promise.reject(new Error('secret internal detail: /var/lib/neo4j')),
    };
    const result = await graphqlClient(failing)('{ schemaInfo { sources } }');
    expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(result)).not.toContain('secret internal detail');
  });
});

describe('an explicit null for an argument with a default means the default', () => {
  it('links(direction: null) answers like links() instead of a masked error', async () => {
    const query = `query($d: Direction) { entity(id: "company:xiaomi") { name
      links(direction: $d, types: null, asOf: null, first: null) { id } } }`;
    const withNull = await execute(query, { d: null });
    expect(withNull.errors).toBeUndefined();
    const implicit = await execute('{ entity(id: "company:xiaomi") { name links { id } } }');
    expect(withNull.data).toEqual(implicit.data);
    expect((withNull.data as { entity: { links: unknown[] } }).entity.links.length).toBeGreaterThan(
      0,
    );
  });

  it('paths and neighborhood with every optional argument null', async () => {
    const paths = await execute(`{ paths(from: "person:lei-jun", to: "list:us-dod-blacklist",
      maxHops: null, linkTypes: null, kinds: null, statuses: null, asOf: null, avoid: null,
      mode: null, direction: null, limit: null) { paths { length } } }`);
    expect(paths.errors).toBeUndefined();
    const neighborhood = await execute(`{ neighborhood(id: "company:xiaomi", depth: null,
      linkTypes: null, kinds: null, statuses: null, asOf: null, limit: null) { entities { id } } }`);
    expect(neighborhood.errors).toBeUndefined();
  });
});
