/**
 * Hostile input against every argument of every query and mutation, generated from the schema
 * itself (a new argument is fuzzed without touching this file). Every answer must be a GraphQL
 * error or valid data: never a 5xx, never a masked internal error, never a crash. Afterwards the
 * graph must be exactly what it was (a checksum over every node and relationship with all its
 * properties), once the harmless data the token-holding part wrote is removed.
 */
import { createHash } from 'node:crypto';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessSettings } from '../../server/config';
import { createThreadlineServer } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';

const FUZZER = 'fuzz-writer';
const FUZZ_TOKEN = 'fuzz-token-0123456789abcdef0123';
const ACCESS: AccessSettings = {
  writeTokens: [{ name: FUZZER, token: FUZZ_TOKEN }],
  readTokens: [],
  readsRequireToken: false,
};
const SEED_SOURCE = 'source:article-xiaomi-dod-blacklist';

// ---- payloads ------------------------------------------------------------------------------

const HOSTILE_STRINGS: string[] = [
  "'",
  '"',
  '`',
  '\\',
  "'}) DETACH DELETE n //",
  '"}) DETACH DELETE n //',
  '`}) DETACH DELETE n //',
  "x' OR 1=1 //",
  "company:xiaomi'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  '}) DETACH DELETE n //',
  '*/ MATCH (n) DETACH DELETE n /*',
  '$id',
  '$params',
  '{id: $id}',
  '$(label)',
  '` MATCH (n) SET n.pwned = true //',
  'Entity`:`Person',
  ':Entity',
  'CALL db.labels()',
  'CALL dbms.killQueries([])',
  'LOAD CSV FROM "file:///etc/passwd" AS l RETURN l',
  '\u0000',
  '\u0000\u0001\u001f',
  '\ud800',
  '\udfff\ud800',
  '\u202egnp.exe',
  '\ufeff\u200b\u200d',
  '\\u0027) DETACH DELETE n //',
  '\u0027}) DETACH DELETE n //',
  'Ｍ Ａ Ｔ Ｃ Ｈ',
  '💥'.repeat(300),
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%27',
  'name:* OR id:*',
  '*',
  '~',
  '((((((((((',
  'AND OR NOT',
  '',
  ' ',
  '\n\t',
  'null',
  'true',
  '-1',
  '2021-02-30',
  '9999-99-99T99:99:99Z',
  '0000',
  'x'.repeat(201),
  'y'.repeat(5_000),
  'z'.repeat(100_000),
];

const WRONG_TYPES: unknown[] = [
  0,
  -1,
  2 ** 31,
  -(2 ** 31) - 1,
  1.5,
  1e308,
  true,
  null,
  [],
  {},
  { $gt: '' },
  ['a', 'b'],
  Array.from({ length: 5_000 }, (_, i) => `id-${i}`),
  nested(200),
];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

// ---- the graph's fingerprint ---------------------------------------------------------------

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function fingerprint(db: Database) {
  const nodes = await db.read<{ labels: string[]; props: Record<string, unknown> }>(
    'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props',
  );
  const rels = await db.read<Record<string, unknown>>(
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
  );
  const lines = [
    ...nodes.map((n) => `N${canonical([[...n.labels].sort(), n.props])}`),
    ...rels.map((r) => `R${canonical(r)}`),
  ].sort();
  return {
    nodes: nodes.length,
    relationships: rels.length,
    checksum: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}

// ---- operations generated from the schema ---------------------------------------------------

interface Case {
  label: string;
  query: string;
  variables: Record<string, unknown>;
  token: string | null;
  kind: 'query' | 'mutation-anonymous' | 'mutation-writer' | 'raw';
}

const VALID_QUERY_ARGS: Record<string, unknown> = {
  id: 'company:xiaomi',
  from: 'person:lei-jun',
  to: 'list:us-dod-blacklist',
  ids: ['company:xiaomi', 'person:lei-jun'],
  text: 'xiaomi',
  date: '2021-02-01',
};

function selectionFor(type: GraphQLNamedType): string {
  if (!isObjectType(type) && !('getFields' in type)) return '';
  const fields = (type as { getFields(): Record<string, unknown> }).getFields();
  if ('id' in fields) return '{ __typename id }';
  if ('paths' in fields) return '{ hasMore paths { length entities { id } links { id } } }';
  if ('entities' in fields) return '{ entities { id } links { id } truncated { omitted } }';
  if ('edges' in fields) return '{ totalCount edges { cursor node { id } } }';
  if ('entity' in fields) return '{ entity { id } }';
  if ('link' in fields) return '{ date link { id } }';
  return '{ __typename }';
}

function typeName(type: GraphQLInputType): string {
  return String(type);
}

/** Hostile values suited to an argument's type, plus a sample of everything else. */
function payloadsFor(type: GraphQLInputType, next: () => number, count: number): unknown[] {
  const named = getNamedType(type);
  const own: unknown[] = [];
  if (isScalarType(named) && ['Int', 'Float'].includes(named.name)) {
    own.push(2 ** 31, -(2 ** 31) - 1, 1.5, '1', -1, 0, 1e308, Number.MAX_SAFE_INTEGER);
  }
  if (isEnumType(named)) own.push('DETACH_DELETE', 'person', 'Person', "PERSON'", 1);
  if (isListType(getNullableType(type))) own.push([null], [[]], ['a', 1, true]);
  const pool = [...HOSTILE_STRINGS, ...WRONG_TYPES];
  const sample = Array.from({ length: count }, () => pool[Math.floor(next() * pool.length)]);
  return [...own, ...sample];
}

function fieldCases(
  field: GraphQLField<unknown, unknown>,
  root: 'query' | 'mutation',
  base: Record<string, unknown>,
  next: () => number,
  perArgument: number,
): { label: string; query: string; variables: Record<string, unknown> }[] {
  const selection = selectionFor(getNamedType(field.type));
  const args = field.args;
  const definitions = args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${root}${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  const cases: { label: string; query: string; variables: Record<string, unknown> }[] = [];
  const fuzzArgument = (arg: GraphQLArgument) => {
    const inputType = getNamedType(arg.type);
    if (isInputObjectType(inputType)) {
      // Fuzz each field of the input object in turn, the others valid.
      const valid = base[arg.name] as Record<string, unknown>;
      for (const name of Object.keys(inputType.getFields())) {
        const fieldType = inputType.getFields()[name]?.type;
        if (!fieldType) continue;
        for (const value of payloadsFor(fieldType, next, perArgument)) {
          cases.push({
            label: `${field.name}.${arg.name}.${name}`,
            query,
            variables: { ...base, [arg.name]: { ...valid, [name]: value } },
          });
        }
      }
      for (const value of WRONG_TYPES.slice(0, 6)) {
        cases.push({
          label: `${field.name}.${arg.name}`,
          query,
          variables: { ...base, [arg.name]: value },
        });
      }
      return;
    }
    for (const value of payloadsFor(arg.type, next, perArgument)) {
      cases.push({
        label: `${field.name}.${arg.name}`,
        query,
        variables: { ...base, [arg.name]: value },
      });
    }
    // The same hostile strings written into the document as literals, not variables.
    for (const value of HOSTILE_STRINGS.slice(0, 9)) {
      const literalArgs = args
        .map((a) =>
          a.name === arg.name
            ? `${a.name}: ${JSON.stringify(value)}`
            : base[a.name] !== undefined
              ? `${a.name}: $${a.name}`
              : '',
        )
        .filter(Boolean)
        .join(', ');
      const otherDefs = args
        .filter((a) => a.name !== arg.name && base[a.name] !== undefined)
        .map((a) => `$${a.name}: ${typeName(a.type)}`)
        .join(', ');
      cases.push({
        label: `${field.name}.${arg.name} (literal)`,
        query: `${root}${otherDefs ? `(${otherDefs})` : ''} { ${field.name}(${literalArgs}) ${selection} }`,
        variables: Object.fromEntries(
          Object.entries(base).filter(([k]) => k !== arg.name && args.some((a) => a.name === k)),
        ),
      });
    }
  };
  for (const arg of args) fuzzArgument(arg);
  return cases;
}

function mutationBase(field: string, n: number): Record<string, unknown> {
  const citations = [{ sourceId: SEED_SOURCE, excerpt: 'Xiaomi', locator: 'paragraph 1' }];
  switch (field) {
    case 'upsertEntity':
      return {
        input: { id: `fuzz:e${n}`, kind: 'TOPIC', name: 'Fuzz topic', citations },
      };
    case 'upsertLink':
      return {
        input: {
          id: `fuzz:l${n}`,
          type: 'AFFILIATED_WITH',
          fromId: 'fuzz:anchor-a',
          toId: 'fuzz:anchor-b',
          citations,
        },
      };
    case 'addSource':
      return { input: { id: `fuzz:s${n}`, title: 'Fuzz source' } };
    case 'retractLink':
      return { id: 'fuzz:anchor-link', reason: 'fuzzing' };
    case 'mergeEntities':
      return { keepId: 'fuzz:anchor-a', mergeId: 'fuzz:anchor-c' };
    default:
      return {};
  }
}

/** Documents that are not valid GraphQL, or abuse its shape. */
function rawCases(): Case[] {
  const raw = (label: string, query: string, variables: Record<string, unknown> = {}): Case => ({
    label,
    query,
    variables,
    token: null,
    kind: 'raw',
  });
  const aliasFlood = Array.from(
    { length: 500 },
    (_, i) => `a${i}: entity(id: "company:xiaomi") { id }`,
  );
  const deep = `{ entity(id: "company:xiaomi") { ${'links { to { '.repeat(40)}id${' } }'.repeat(40)} } }`;
  const fragmentBomb = `query { ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { schemaInfo { sources } ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`;
  return [
    raw('alias flood', `{ ${aliasFlood.join(' ')} }`),
    raw('alias flood, small', `{ ${aliasFlood.slice(0, 16).join(' ')} }`),
    raw('deep nesting', deep),
    raw('fragment bomb', fragmentBomb),
    raw(
      'fragment cycle',
      'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    ),
    raw('directive flood', `{ __typename ${'@include(if: true) '.repeat(100)}}`),
    raw('unclosed', '{ entity(id: "company:xiaomi") { id '),
    raw('cypher as document', 'MATCH (n) DETACH DELETE n'),
    raw('injection in document', '{ entity(id: "x") { id } }) DETACH DELETE n //'),
    raw('unknown field', '{ entity(id: "company:xiaomi") { password } }'),
    raw('two operations, no name', 'query A { __typename } query B { __typename }'),
    raw('subscription', 'subscription { entity(id: "x") { id } }'),
    raw('mutation over introspection', 'mutation { __typename }'),
    raw('empty', ''),
    raw('huge document', `{ ${'__typename '.repeat(60_000)}}`),
    raw('null bytes', '{ entity(id: "\u0000") { id } }'),
    raw('variables not an object', 'query($id: ID!) { entity(id: $id) { id } }', ['x'] as never),
    raw('deep variables', 'query($ids: [ID!]!) { connect(ids: $ids) { entities { id } } }', {
      ids: nested(3_000),
    }),
  ];
}

// ---- the run ------------------------------------------------------------------------------

let db: Database;
let before: Awaited<ReturnType<typeof fingerprint>>;
const problems: string[] = [];
const tally = {
  total: 0,
  data: 0,
  errors: 0,
  writesAccepted: 0,
  writesRefused: 0,
  byStatus: {} as Record<number, number>,
};

async function cleanUp() {
  await db.write(`MATCH (n) WHERE n.createdBy = $who OR n.mergedBy = $who DETACH DELETE n`, {
    who: FUZZER,
  });
  await db.write('MATCH ()-[r]->() WHERE r.createdBy = $who DELETE r', { who: FUZZER });
}

beforeAll(async () => {
  db = connectTestDatabase();
  before = await fingerprint(db);
});

afterAll(async () => {
  await cleanUp();
  await db.close();
});

describe('fuzzing every argument of every operation', () => {
  it('answers every hostile request with an error or valid data, and leaves the graph as it was', async () => {
    const { yoga, schema } = createThreadlineServer(db, { introspection: true, access: ACCESS });
    const send = async (c: Case) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      const response = await yoga.fetch('http://threadline/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: c.query, variables: c.variables }),
      });
      const text = await response.text();
      tally.total++;
      tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
      const where = `${c.kind} ${c.label} ${JSON.stringify(c.variables).slice(0, 120)}`;
      if (response.status >= 500) problems.push(`${where}: HTTP ${response.status}`);
      let body: {
        data?: Record<string, unknown> | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${where}: not JSON: ${text.slice(0, 100)}`);
        return;
      }
      const errors = body.errors ?? [];
      if (errors.length === 0 && (body.data === undefined || body.data === null)) {
        problems.push(`${where}: neither data nor errors`);
      }
      for (const error of errors) {
        if (
          error.message === 'Unexpected error.' ||
          error.extensions?.code === 'INTERNAL_SERVER_ERROR'
        ) {
          problems.push(`${where}: masked internal error`);
        }
      }
      if (errors.length > 0) tally.errors++;
      else tally.data++;
      if (c.kind === 'mutation-anonymous') {
        const executed = body.data && Object.values(body.data).some((v) => v !== null);
        if (executed) problems.push(`${where}: a write without a token was executed`);
      }
      if (c.kind === 'mutation-writer') {
        const accepted =
          errors.length === 0 && body.data && Object.values(body.data).some((v) => v !== null);
        if (accepted) tally.writesAccepted++;
        else tally.writesRefused++;
      }
    };

    // Anchors the token-holding part writes next to (removed with everything else it wrote).
    const writer = async (query: string, variables: Record<string, unknown>) => {
      const response = await yoga.fetch('http://threadline/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FUZZ_TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
    };
    const citations = [{ sourceId: SEED_SOURCE, excerpt: 'Xiaomi' }];
    for (const id of ['fuzz:anchor-a', 'fuzz:anchor-b', 'fuzz:anchor-c']) {
      await writer('mutation($i: EntityInput!) { upsertEntity(input: $i) { id } }', {
        i: { id, kind: 'ORGANIZATION', name: id, citations },
      });
    }
    await writer('mutation($i: LinkInput!) { upsertLink(input: $i) { id } }', {
      i: {
        id: 'fuzz:anchor-link',
        type: 'AFFILIATED_WITH',
        fromId: 'fuzz:anchor-a',
        toId: 'fuzz:anchor-b',
        citations,
      },
    });

    const next = rng(20261126);
    const cases: Case[] = [];
    const queryType = schema.getQueryType();
    const mutationType = schema.getMutationType();
    expect(queryType && mutationType).toBeTruthy();
    for (const field of Object.values(queryType?.getFields() ?? {})) {
      for (const c of fieldCases(field, 'query', VALID_QUERY_ARGS, next, 16)) {
        cases.push({ ...c, token: null, kind: 'query' });
      }
    }
    let n = 0;
    for (const field of Object.values(mutationType?.getFields() ?? {})) {
      for (const c of fieldCases(field, 'mutation', mutationBase(field.name, 0), next, 12)) {
        cases.push({ ...c, token: null, kind: 'mutation-anonymous' });
      }
      for (const c of fieldCases(field, 'mutation', mutationBase(field.name, 0), next, 6)) {
        // Each write aims at its own new id, so an accepted one cannot touch another's data.
        n++;
        const variables = { ...c.variables };
        const own = mutationBase(field.name, n);
        if (
          field.name === 'upsertEntity' ||
          field.name === 'upsertLink' ||
          field.name === 'addSource'
        ) {
          const input = variables.input;
          if (input && typeof input === 'object' && !Array.isArray(input)) {
            const id = (input as { id?: unknown }).id;
            const baseId = (mutationBase(field.name, 0).input as { id: string }).id;
            variables.input = {
              ...input,
              id: id === baseId ? (own.input as { id: string }).id : id,
            };
          }
        }
        cases.push({ ...c, variables, token: FUZZ_TOKEN, kind: 'mutation-writer' });
      }
    }
    cases.push(...rawCases());
    // A wrong token must be refused for a read too.
    cases.push({
      label: 'wrong token',
      query: '{ schemaInfo { sources } }',
      variables: {},
      token: 'x'.repeat(40),
      kind: 'raw',
    });

    const started = Date.now();
    // Reads and refusals run 16 at a time; writes one after another, as curators' would race
    // only on the same few anchor entities here.
    const parallel = cases.filter((c) => c.kind !== 'mutation-writer');
    for (let i = 0; i < parallel.length; i += 16) {
      await Promise.all(parallel.slice(i, i + 16).map(send));
    }
    for (const c of cases.filter((c) => c.kind === 'mutation-writer')) await send(c);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${tally.total} requests in ${seconds.toFixed(1)} s; ${tally.data} with data, ${tally.errors} with errors; HTTP ${JSON.stringify(tally.byStatus)}; token-holding writes accepted ${tally.writesAccepted}, refused ${tally.writesRefused}`,
    );

    expect(cases.length).toBeGreaterThanOrEqual(2_000);
    expect(problems.slice(0, 20)).toEqual([]);

    // Still answering normally.
    const health = await yoga.fetch('http://threadline/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "company:xiaomi") { name } }' }),
    });
    expect(await health.json()).toEqual({ data: { entity: { name: 'Xiaomi' } } });

    // Everything the fuzzer wrote was created by it (nothing pre-existing changed): once it is
    // removed, the graph is byte for byte what it was.
    await cleanUp();
    expect(await fingerprint(db)).toEqual(before);
  }, 240_000);
});
