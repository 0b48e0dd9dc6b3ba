/**
 * Hostile input against every argument of every query and mutation, generated from the schema
 * itself (a new argument is fuzzed without touching this file): hostile strings, wrong types,
 * null for every argument, list-length bombs, and property-based runs (fast-check). Then URL
 * variants and malformed HTTP over a real socket. Every answer must be a GraphQL error or valid
 * data: never a 5xx, never a masked internal error, never a stack trace or file path, and each
 * within 2 s. Afterwards the graph must be exactly what it was (a checksum over every node and
 * relationship with all its properties), once the harmless data the token-holding part wrote is
 * removed.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
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
import { type AccessSettings, loadConfig } from '../../server/config';
import { createThreadlineServer } from '../../server/create-server';
import { ENTITY_KINDS, LINK_STATUSES, LINK_TYPES } from '../../server/model/vocabulary';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { type RawResponse, rawRequest, sendRaw } from '../support/raw-http';

const FUZZER = 'fuzz-writer';
const FUZZ_TOKEN = 'fuzz-token-0123456789abcdef0123';
const ACCESS: AccessSettings = {
  writeTokens: [{ name: FUZZER, token: FUZZ_TOKEN }],
  readTokens: [],
  readsRequireToken: false,
};
const SEED_SOURCE = 'source:article-xiaomi-dod-blacklist';
/**
 * The slowest answer any request may take. The machine running the tests may be shared and
 * busy, so a request over it is sent once more, alone; only one slow both times fails.
 */
const MAX_MS = 2_000;
/** A stack frame, an absolute path of ours, or a module path: none may reach a client. */
const LEAK = /\bat \S+ \(|\bat (?:file|node):|\/work\/|node_modules|\.ts:\d+/;

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
  if (isListType(getNullableType(type))) {
    own.push([null], [[]], ['a', 1, true]);
    // List-length bombs: one valid value repeated, then many distinct ones.
    const valid = isEnumType(named) ? named.getValues()[0]?.name : 'company:xiaomi';
    own.push(Array(10_000).fill(valid), Array(2_000).fill(valid));
    if (!isEnumType(named)) own.push(Array.from({ length: 10_000 }, (_, i) => `id:${i}`));
  }
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
  // null for each argument in turn, then for all of them at once.
  for (const arg of args) {
    cases.push({
      label: `${field.name}.${arg.name} = null`,
      query,
      variables: { ...base, [arg.name]: null },
    });
  }
  if (args.length > 0) {
    cases.push({
      label: `${field.name}(all null)`,
      query,
      variables: Object.fromEntries(args.map((a) => [a.name, null])),
    });
  }
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

// ---- what every answer must be -------------------------------------------------------------

interface Answer {
  status: number;
  text: string;
  ms: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
}

async function ask(
  yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> },
  payload: unknown,
  headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  },
): Promise<Answer> {
  const started = performance.now();
  const response = await yoga.fetch('http://threadline/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Reported by answerProblems.
  }
  return { status: response.status, text, ms: performance.now() - started, body };
}

/** Runs `attempt` again when it took over MAX_MS; returns the problem if it is slow twice. */
async function slownessProblem(
  where: string,
  firstMs: number,
  attempt: () => Promise<number>,
): Promise<{ ms: number; problem: string | null }> {
  if (firstMs <= MAX_MS) return { ms: firstMs, problem: null };
  const againMs = await attempt();
  return {
    ms: againMs,
    problem:
      againMs > MAX_MS
        ? `${where}: answered in ${Math.round(firstMs)} ms, then ${Math.round(againMs)} ms`
        : null,
  };
}

/** What is wrong with an answer: a 5xx, a leak, a masked internal error, no shape. */
function answerProblems(where: string, answer: Answer): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`${where}: HTTP ${answer.status}`);
  if (LEAK.test(answer.text)) found.push(`${where}: leaks ${LEAK.exec(answer.text)?.[0]}`);
  if (!answer.body) return [...found, `${where}: not JSON: ${answer.text.slice(0, 100)}`];
  const errors = answer.body.errors ?? [];
  if (errors.length === 0 && (answer.body.data === undefined || answer.body.data === null)) {
    found.push(`${where}: neither data nor errors`);
  }
  for (const error of errors) {
    if (
      error.message === 'Unexpected error.' ||
      error.extensions?.code === 'INTERNAL_SERVER_ERROR'
    ) {
      found.push(`${where}: masked internal error`);
    } else if (!error.extensions?.code) {
      found.push(`${where}: an error without a code: ${error.message.slice(0, 100)}`);
    }
  }
  return found;
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
  slowestMs: 0,
  retried: 0,
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
  it('answers every hostile request with an error or valid data, within 2 s', async () => {
    const { yoga, schema } = createThreadlineServer(db, { introspection: true, access: ACCESS });
    const send = async (c: Case) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      const payload = { query: c.query, variables: c.variables };
      const answer = await ask(yoga, payload, headers);
      tally.total++;
      tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
      const where = `${c.kind} ${c.label} ${JSON.stringify(c.variables).slice(0, 120)}`;
      problems.push(...answerProblems(where, answer));
      if (answer.ms > MAX_MS) tally.retried++;
      const timing = await slownessProblem(where, answer.ms, async () => {
        return (await ask(yoga, payload, headers)).ms;
      });
      tally.slowestMs = Math.max(tally.slowestMs, timing.ms);
      if (timing.problem) problems.push(timing.problem);
      const { body } = answer;
      if (!body) return;
      const errors = body.errors ?? [];
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
    // One request at a time, so each one's time is its own (2 s at most), not a queue's.
    for (const c of cases) await send(c);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${tally.total} requests in ${seconds.toFixed(1)} s (slowest ${Math.round(tally.slowestMs)} ms; ${tally.retried} sent again after over ${MAX_MS} ms); ${tally.data} with data, ${tally.errors} with errors; HTTP ${JSON.stringify(tally.byStatus)}; token-holding writes accepted ${tally.writesAccepted}, refused ${tally.writesRefused}`,
    );

    expect(cases.length).toBeGreaterThanOrEqual(2_000);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(tally.slowestMs).toBeLessThan(MAX_MS);

    // Still answering normally.
    const health = await yoga.fetch('http://threadline/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "company:xiaomi") { name } }' }),
    });
    expect(await health.json()).toEqual({ data: { entity: { name: 'Xiaomi' } } });
  }, 600_000);

  it('holds for arbitrary values (property-based, fast-check)', async () => {
    const { yoga } = createThreadlineServer(db, { introspection: true, access: ACCESS });
    const found: string[] = [];
    const check = async (label: string, query: string, variables: Record<string, unknown>) => {
      const answer = await ask(yoga, { query, variables });
      const where = `${label} ${JSON.stringify(variables).slice(0, 160)}`;
      found.push(...answerProblems(where, answer));
      const timing = await slownessProblem(where, answer.ms, async () => {
        return (await ask(yoga, { query, variables })).ms;
      });
      if (timing.problem) found.push(timing.problem);
      return answer;
    };
    const screaming = (v: string) => v.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const kinds = fc.array(fc.constantFrom(...ENTITY_KINDS.map(screaming)), { maxLength: 12 });
    const types = fc.array(fc.constantFrom(...LINK_TYPES), { maxLength: 24 });
    const statuses = fc.array(fc.constantFrom(...LINK_STATUSES.map((v) => v.toUpperCase())), {
      maxLength: 6,
    });
    const ids = fc.oneof(
      fc.constantFrom('company:xiaomi', 'person:lei-jun', 'list:us-dod-blacklist'),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    const text = fc.string({ unit: 'binary', maxLength: 400 });
    const small = fc.integer({ min: -3, max: 12 });
    const runs = { numRuns: 60, seed: 20261201 };

    await fc.assert(
      fc.asyncProperty(text, kinds, fc.integer({ min: -5, max: 150 }), async (t, k, f) => {
        await check(
          'search',
          'query($t: String!, $k: [EntityKind!], $f: Int) { search(text: $t, kinds: $k, first: $f) { score entity { id } } }',
          { t, k, f },
        );
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        ids,
        types,
        kinds,
        statuses,
        text,
        small,
        small,
        async (id, lt, k, st, a, d, l) => {
          await check(
            'neighborhood',
            'query($id: ID!, $lt: [LinkType!], $k: [EntityKind!], $st: [LinkStatus!], $a: Date, $d: Int, $l: Int) { neighborhood(id: $id, linkTypes: $lt, kinds: $k, statuses: $st, asOf: $a, depth: $d, limit: $l) { entities { id } links { id } } }',
            { id, lt, k, st, a, d, l },
          );
        },
      ),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        ids,
        ids,
        types,
        fc.array(ids, { maxLength: 120 }),
        small,
        fc.constantFrom('SHORTEST', 'ALL_SHORTEST', 'ALL', null),
        fc.constantFrom('BOTH', 'OUTGOING', 'INCOMING', null),
        async (f, t, lt, av, h, m, d) => {
          await check(
            'paths',
            'query($f: ID!, $t: ID!, $lt: [LinkType!], $av: [ID!], $h: Int, $m: PathMode, $d: Direction) { paths(from: $f, to: $t, linkTypes: $lt, avoid: $av, maxHops: $h, mode: $m, direction: $d) { hasMore paths { length } } }',
            { f, t, lt, av, h, m, d },
          );
        },
      ),
      runs,
    );
    // An enum list is a set: any repetition and order gives the answer of the set itself.
    await fc.assert(
      fc.asyncProperty(
        types.filter((t) => t.length <= LINK_TYPES.length),
        async (lt) => {
          const query =
            'query($lt: [LinkType!]) { entity(id: "company:xiaomi") { links(types: $lt) { id } } }';
          const set = LINK_TYPES.filter((t) => lt.includes(t));
          const asked = await check('links as a list', query, { lt });
          const canonical = await check('links as a set', query, { lt: set });
          expect(asked.body).toEqual(canonical.body);
        },
      ),
      runs,
    );
    expect(found.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('answers URL variants and malformed HTTP on a real socket: 4xx, headers, no stack', async () => {
    const { server } = createThreadlineServer(db, {
      introspection: true,
      access: ACCESS,
      // Hundreds of requests from one address: the limiter is tested on its own elsewhere.
      http: { ...loadConfig({}).http, rateLimitPerSecond: 0 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const found: string[] = [];
    let requests = 0;
    const judge = async (
      label: string,
      response: RawResponse,
      ms: number,
      again: () => Promise<unknown>,
    ) => {
      requests++;
      if (response.status === 0) found.push(`${label}: no answer`);
      if (response.status >= 500) found.push(`${label}: HTTP ${response.status}`);
      const timing = await slownessProblem(label, ms, async () => {
        const started = performance.now();
        await again();
        return performance.now() - started;
      });
      if (timing.problem) found.push(timing.problem);
      if (response.status !== 0 && response.headers['x-content-type-options'] !== 'nosniff') {
        found.push(`${label}: no security headers`);
      }
      if (LEAK.test(response.raw)) found.push(`${label}: leaks ${LEAK.exec(response.raw)?.[0]}`);
    };
    const query = encodeURIComponent('{ entity(id: "company:xiaomi") { name } }');
    const targets = [
      `/graphql?query=${query}`,
      `/x?/graphql&query=${query}`,
      `/anything/graphql?query=${query}`,
      `/%ZZ?query=${query}&x=/graphql`,
      `//graphql?query=${query}`,
      `/graphql/?query=${query}`,
      `/GRAPHQL?query=${query}`,
      `/graphql%00?query=${query}`,
      `/./graphql?query=${query}`,
      `/../graphql?query=${query}`,
      `/graphq%6C?query=${query}`,
      '/graphql?query=%E0%A4%A',
      '/graphql?query=%',
      `/graphql?${'a=1&'.repeat(2_000)}`,
      `/${'a/'.repeat(3_000)}`,
      '/health?x=/graphql',
      '/livez/graphql',
      '/assets/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5cetc%5cpasswd',
      '/index.html%00.js',
    ];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'X'];
    for (const target of targets) {
      for (const method of methods) {
        const body = JSON.stringify({ query: '{ __typename }' });
        const send = () =>
          rawRequest(port, {
            method,
            target,
            host: 'localhost',
            ...(method === 'POST' || method === 'PUT' ? { body } : {}),
          });
        const started = performance.now();
        const response = await send();
        const label = `${method} ${target.slice(0, 60)}`;
        await judge(label, response, performance.now() - started, send);
        // Only the exact path serves GraphQL.
        if (!target.startsWith('/graphql?') && response.body.includes('"data"')) {
          found.push(`${label}: served GraphQL`);
        }
      }
    }
    const malformed = [
      'GET http://localhost/graphql HTTP/1.1\r\nHost: localhost\r\n',
      'GET https://attacker.example/ HTTP/1.1\r\nHost: localhost\r\n',
      'OPTIONS * HTTP/1.1\r\nHost: localhost\r\n',
      'CONNECT localhost:443 HTTP/1.1\r\nHost: localhost\r\n',
      'GET /graphql HTTP/1.1\r\nHost: x:99999\r\n',
      'GET /graphql HTTP/1.1\r\nHost: [bad\r\n',
      'GET /graphql HTTP/1.1\r\nHost: [::1\r\n',
      'GET /graphql HTTP/1.1\r\nHost: localhost:\r\n',
      'GET /graphql HTTP/1.1\r\nHost: localhost:-1\r\n',
      'GET /graphql HTTP/1.1\r\nHost: \r\n',
      'GET /graphql HTTP/1.1\r\nHost: a\r\nHost: b\r\n',
      'GET /graphql HTTP/1.0\r\n',
      'GET /graphql HTTP/1.1\r\n',
      'GET /graphql HTTP/2.0\r\nHost: localhost\r\n',
      'GET /graphql\r\n',
      'GET\r\n',
      '\r\n\r\n',
      '\u0000\u0001\u0002\r\n',
      `GET /${'x'.repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n`,
      `GET / HTTP/1.1\r\nHost: localhost\r\n${'X-A: b\r\n'.repeat(3_000)}`,
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{"q',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json; charset=utf-16\r\nContent-Length: 2\r\n\r\n{}',
      'GET /graphql HTTP/1.1\r\nHost: localhost\r\nAccept: \u00ff\r\n',
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: 2\r\n\r\n{}',
    ];
    for (const head of malformed) {
      // Requests without a body end their head here, asking the server to close afterwards.
      const text = head.includes('\r\n\r\n')
        ? head.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')
        : `${head}Connection: close\r\n\r\n`;
      const started = performance.now();
      const response = await sendRaw(port, text, 5_000).catch((error: Error) => error);
      const label = JSON.stringify(head.slice(0, 60));
      if (response instanceof Error) {
        found.push(`${label}: ${response.message}`);
        continue;
      }
      await judge(label, response, performance.now() - started, () => sendRaw(port, text, 5_000));
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    console.log(`fuzz over HTTP: ${requests} raw requests, ${found.length} problems`);
    expect(found.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('leaves the graph exactly as it was', async () => {
    // Everything the fuzzer wrote was created by it (nothing pre-existing changed): once it is
    // removed, the graph is byte for byte what it was.
    await cleanUp();
    expect(await fingerprint(db)).toEqual(before);
  });
});
