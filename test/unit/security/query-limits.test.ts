/**
 * The request limits against the queries people actually send: the GraphiQL example and
 * docs/queries must pass; floods must not. No database is needed: a query that passes the
 * limits reaches a resolver and fails there with SERVICE_UNAVAILABLE (nothing listens).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_FIELDS, LINK_FIELDS } from '../../../client/src/api/graphql-api';
import { createThreadlineSchema, createThreadlineServer } from '../../../server/create-server';
import { EXAMPLE_QUERY } from '../../../server/graphql/example-query';
import { estimateQueryCost, MAX_QUERY_COST } from '../../../server/http/query-cost';
import { ARMOR_LIMITS } from '../../../server/http/security';
import { createDatabase } from '../../../server/neo4j/database';

// Port 9 (discard) on loopback: nothing answers Bolt there, so every query fails fast.
const nowhere = createDatabase(
  { uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: '', database: 'neo4j' },
  { queryTimeoutMs: 1000 },
);
const { yoga } = createThreadlineServer(nowhere, { introspection: true });
afterAll(() => nowhere.close());

async function codesOf(query: string, variables: Record<string, unknown> = {}) {
  const response = await yoga.fetch('http://threadline/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBeLessThan(500);
  const body = (await response.json()) as {
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return (body.errors ?? []).map((e) => e.extensions?.code ?? e.message);
}

const DOC_QUERIES = readdirSync('docs/queries')
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => [f, readFileSync(`docs/queries/${f}`, 'utf8')] as const);

// The client's heaviest requests, built from its own fragments (client/src/api/): ten aliased
// entities, each with 200 links and their evidence ("RestoreView"), and a saved investigation's
// whole subgraph ("OpenInvestigation").
const RESTORE_VIEW = `query RestoreView($first: Int) {
  ${Array.from({ length: 10 }, (_, i) => `e${i}: entity(id: "company:xiaomi") { ...EntityFields links(first: $first) { ...LinkFields } }`).join('\n')}
} ${ENTITY_FIELDS} ${LINK_FIELDS}`;
const OPEN_INVESTIGATION = `query OpenInvestigation {
  investigation(id: "investigation:none") {
    id graph { entities { ...EntityFields } links { ...LinkFields } }
  }
} ${ENTITY_FIELDS} ${LINK_FIELDS}`;

describe('queries people send pass every limit', () => {
  it("the GraphiQL example, every docs/queries file and the client's heaviest requests", async () => {
    expect(DOC_QUERIES.length).toBeGreaterThan(0);
    const all = [
      ['GraphiQL example', EXAMPLE_QUERY],
      ...DOC_QUERIES,
      ['RestoreView', RESTORE_VIEW],
      ['OpenInvestigation', OPEN_INVESTIGATION],
    ];
    // In parallel: each waits for the unreachable database's fast failure.
    const answers = await Promise.all(
      all.map(async ([name, query]) => [name, await codesOf(String(query), { first: 200 })]),
    );
    for (const [name, codes] of answers) {
      expect(
        (codes as string[]).filter((c) => c !== 'SERVICE_UNAVAILABLE'),
        String(name),
      ).toEqual([]);
    }
  });
});

describe('floods are refused with QUERY_TOO_COMPLEX before any resolver runs', () => {
  it('too deep', async () => {
    const deep =
      '{ entity(id: "a") { links { to { links { to { links { to { links { id } } } } } } } } }';
    const codes = await codesOf(deep);
    expect(codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('counts the fields inside fragments, not the fragments themselves', async () => {
    const hidden = `{ entity(id: "a") { ...A } }
      fragment A on Entity { links { to { ... on Person { links { to { ...B } } } } } }
      fragment B on Entity { links { to { links { id } } } }`;
    expect(await codesOf(hidden)).toEqual(['QUERY_TOO_COMPLEX']);
    const factored = `{ entity(id: "a") { ...A } }
      fragment A on Entity { links { to { ... on Person { links { ...B } } } } }
      fragment B on Link { citations { source { title } } }`;
    expect((await codesOf(factored)).filter((c) => c === 'QUERY_TOO_COMPLEX')).toEqual([]);
  });

  // Estimating it used to take exponential time (the test then times out).
  it('a fragment bomb (each fragment spreading the next twice)', async () => {
    const bomb = `query { ...F0 } ${Array.from(
      { length: 30 },
      (_, i) =>
        `fragment F${i} on Query { schemaInfo { sources } ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
    ).join(' ')}`;
    expect(await codesOf(bomb)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('too many aliases', async () => {
    const aliases = Array.from(
      { length: ARMOR_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: entity(id: "x") { id }`,
    );
    expect(await codesOf(`{ ${aliases.join(' ')} }`)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('too many tokens', async () => {
    const fields = Array.from({ length: ARMOR_LIMITS.maxTokens }, () => '__typename').join(' ');
    expect(await codesOf(`{ ${fields} }`)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('too many directives', async () => {
    const directives = Array.from(
      { length: ARMOR_LIMITS.maxDirectives + 1 },
      () => '@include(if: true)',
    );
    expect(await codesOf(`{ __typename ${directives.join(' ')} }`)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('fan-out hidden in a variable', async () => {
    const query = `query($n: Int) { entity(id: "a") { links(first: $n) { to { links(first: $n) { to { name } } } } } }`;
    expect(await codesOf(query, { n: 10 })).toEqual(['SERVICE_UNAVAILABLE']);
    const codes = await codesOf(query, { n: 500 });
    expect(codes).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('refusals read like every other validation error', () => {
  async function answer(query: string, accept: string, variables: Record<string, unknown> = {}) {
    const response = await yoga.fetch('http://threadline/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return { status: response.status, error: body.errors?.[0] };
  }

  const floods: [string, string][] = [
    [
      'depth',
      '{ entity(id: "a") { links { to { links { to { links { to { links { id } } } } } } } } }',
    ],
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: entity(id: "x") { id }`).join(' ')} }`,
    ],
    ['tokens', `{ ${Array(ARMOR_LIMITS.maxTokens).fill('__typename').join(' ')} }`],
    ['directives', `{ __typename ${Array(11).fill('@include(if: true)').join(' ')} }`],
  ];

  it.each(floods)(
    '%s: 400 under application/graphql-response+json, a code, no "Syntax Error"',
    async (_name, query) => {
      const strict = await answer(query, 'application/graphql-response+json');
      expect(strict.status).toBe(400);
      expect(strict.error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(strict.error?.message).not.toMatch(/Syntax Error/);
      expect(strict.error?.message).toMatch(/limit of \d+ exceeded/);
      // Under application/json the GraphQL-over-HTTP spec keeps validation errors at 200.
      const legacy = await answer(query, 'application/json');
      expect(legacy.status).toBe(200);
      expect(legacy.error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    },
  );

  it('counts aliases of __typename like any other', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ');
    const refused = await answer(`{ ${aliases} }`, 'application/graphql-response+json');
    expect(refused.error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.error?.message).toBe('Aliases limit of 15 exceeded, found 200.');
  });

  it('gives variables of the wrong type BAD_USER_INPUT', async () => {
    const query =
      'query($n: Int, $k: [EntityKind!]) { search(text: "x", first: $n, kinds: $k) { score } }';
    for (const variables of [{ n: 'abc' }, { n: 1.5 }, { k: ['NOT_A_KIND'] }, { k: [null] }]) {
      const refused = await answer(query, 'application/graphql-response+json', variables);
      expect(refused.status, JSON.stringify(variables)).toBe(400);
      expect(refused.error?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(refused.error?.message).toMatch(/^Variable "\$[nk]"/);
    }
  });
});

describe('estimateQueryCost', () => {
  const schema = createThreadlineSchema();
  const cost = (query: string, variables = {}) =>
    estimateQueryCost(schema, parse(query), undefined, variables);

  it('multiplies by the list sizes, clamped to the server caps', () => {
    expect(cost('{ entity(id: "a") { id name } }')).toBe(3);
    expect(cost('{ entity(id: "a") { links(first: 10) { id } } }')).toBe(1 + 1 + 10);
    // 9999 is out of range: the resolver refuses it with BAD_USER_INPUT; cost counts the cap.
    expect(cost('{ entity(id: "a") { links(first: 9999) { id } } }')).toBe(1 + 1 + 500);
  });

  it('counts the items of list arguments, at every place the field runs', () => {
    const search = 'query($k: [EntityKind!]) { search(text: "x", kinds: $k, first: 10) { score } }';
    expect(cost(search, { k: [] })).toBe(1 + 10 * 1);
    expect(cost(search, { k: Array(2000).fill('PERSON') })).toBe(1 + 2000 + 10 * 1);
    const nested = `query($t: [LinkType!]) { search(text: "x", first: 10) {
      entity { links(types: $t, first: 1) { id } } } }`;
    // Each of the 10 hits runs links(types: …) once: 10 × (1 + 3 items + 1 × id).
    expect(cost(nested, { t: ['OWNS', 'LEADS', 'OWNS'] }) - cost(nested, { t: [] })).toBe(10 * 3);
  });

  it('sizes a neighbourhood by its depth and limit', () => {
    const small = cost('{ neighborhood(id: "a", depth: 1, limit: 10) { entities { id } } }');
    const big = cost('{ neighborhood(id: "a", depth: 3, limit: 500) { entities { id } } }');
    expect(small).toBe(1 + 11 * 2);
    expect(big).toBeLessThanOrEqual(MAX_QUERY_COST);
    expect(big).toBe(1 + 3000 * 2);
  });
});
