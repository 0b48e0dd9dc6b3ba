/**
 * Enum lists in arguments (kinds, linkTypes, types, statuses) are sets: repetition and order
 * change neither the answer nor the Cypher text (so one plan serves them all), and a list longer
 * than its vocabulary is refused before any query runs. 2,000 repeated kinds once kept Neo4j's
 * planner busy for 8–16 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, LINK_STATUSES, LINK_TYPES } from '../../server/model/vocabulary';
import type { Database } from '../../server/neo4j/database';
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

/** Runs the operation and returns its answer with the Cypher texts it sent. */
async function withStatements(query: string, variables: Record<string, unknown>) {
  const statements: string[] = [];
  const stop = db.onQuery((event) => statements.push(event.cypher));
  try {
    const result = await execute(query, variables);
    return { result, statements };
  } finally {
    stop();
  }
}

const NEIGHBORHOOD = `query($types: [LinkType!], $kinds: [EntityKind!], $statuses: [LinkStatus!]) {
  neighborhood(id: "company:xiaomi", depth: 2, linkTypes: $types, kinds: $kinds, statuses: $statuses) {
    entities { id } links { id } } }`;

const PATHS = `query($types: [LinkType!], $kinds: [EntityKind!]) {
  paths(from: "person:lei-jun", to: "list:us-dod-blacklist", linkTypes: $types, kinds: $kinds) {
    paths { entities { id } } } }`;

const LINKS = `query($types: [LinkType!]) {
  entity(id: "company:xiaomi") { links(types: $types) { id from { links(types: $types) { id } } } } }`;

describe('the same set gives the same statement', () => {
  it.each([
    [
      'neighborhood',
      NEIGHBORHOOD,
      {
        types: ['LEADS', 'RECEIVED', 'LISTED_ON'],
        kinds: ['PERSON', 'COMPANY', 'AWARD', 'GOVERNMENT_LIST'],
        statuses: ['ASSERTED', 'DISPUTED'],
      },
      {
        types: ['LISTED_ON', 'LEADS', 'LISTED_ON', 'RECEIVED'],
        kinds: ['GOVERNMENT_LIST', 'AWARD', 'PERSON', 'COMPANY', 'PERSON'],
        statuses: ['DISPUTED', 'ASSERTED', 'DISPUTED'],
      },
    ],
    [
      'paths',
      PATHS,
      {
        types: ['LEADS', 'RECEIVED', 'CONFERRED_BY', 'MAINTAINS', 'LISTED_ON'],
        kinds: ['PERSON', 'COMPANY', 'AWARD', 'MINISTRY'],
      },
      {
        types: ['MAINTAINS', 'LISTED_ON', 'LEADS', 'CONFERRED_BY', 'RECEIVED', 'LEADS'],
        kinds: ['MINISTRY', 'MINISTRY', 'AWARD', 'COMPANY', 'PERSON'],
      },
    ],
    [
      'entity links',
      LINKS,
      { types: ['LEADS', 'LISTED_ON'] },
      { types: ['LISTED_ON', 'LEADS', 'LISTED_ON'] },
    ],
  ])('%s', async (_name, query, canonical, shuffled) => {
    const a = await withStatements(query, canonical);
    const b = await withStatements(query, shuffled);
    expect(a.statements.length).toBeGreaterThan(0);
    expect(b.statements).toEqual(a.statements);
    expect(dataOf(b.result)).toEqual(dataOf(a.result));
  });
});

describe('a list longer than its vocabulary', () => {
  it.each([
    [
      'search',
      'query($l: [EntityKind!]) { search(text: "xiaomi", kinds: $l) { score } }',
      'kinds',
      'PERSON',
      ENTITY_KINDS.length,
    ],
    [
      'neighborhood',
      'query($l: [EntityKind!]) { neighborhood(id: "company:xiaomi", kinds: $l) { entities { id } } }',
      'kinds',
      'PERSON',
      ENTITY_KINDS.length,
    ],
    [
      'neighborhood',
      'query($l: [LinkType!]) { neighborhood(id: "company:xiaomi", linkTypes: $l) { entities { id } } }',
      'linkTypes',
      'LEADS',
      LINK_TYPES.length,
    ],
    [
      'neighborhood',
      'query($l: [LinkStatus!]) { neighborhood(id: "company:xiaomi", statuses: $l) { entities { id } } }',
      'statuses',
      'ASSERTED',
      LINK_STATUSES.length,
    ],
    [
      'paths',
      'query($l: [EntityKind!]) { paths(from: "person:lei-jun", to: "company:xiaomi", kinds: $l) { hasMore } }',
      'kinds',
      'COMPANY',
      ENTITY_KINDS.length,
    ],
    [
      'paths',
      'query($l: [LinkType!]) { paths(from: "person:lei-jun", to: "company:xiaomi", linkTypes: $l) { hasMore } }',
      'linkTypes',
      'LEADS',
      LINK_TYPES.length,
    ],
    [
      'connect',
      'query($l: [LinkType!]) { connect(ids: ["person:lei-jun", "company:xiaomi"], linkTypes: $l) { entities { id } } }',
      'linkTypes',
      'LEADS',
      LINK_TYPES.length,
    ],
    [
      'Entity.links',
      'query($l: [LinkType!]) { entity(id: "company:xiaomi") { links(types: $l) { id } } }',
      'types',
      'LEADS',
      LINK_TYPES.length,
    ],
  ])(
    '%s(%s) is refused naming the argument and the maximum, before any query',
    async (field, query, argument, value, max) => {
      const started = Date.now();
      const { result, statements } = await withStatements(query, { l: Array(2000).fill(value) });
      expect(Date.now() - started).toBeLessThan(2000);
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.argument).toBe(argument);
      expect(error?.message).toBe(
        `Argument "${argument}": allows at most ${max} values (each value once), got 2000.`,
      );
      // Only Entity.links reads something first: the entity whose links were asked for.
      expect(statements).toHaveLength(field === 'Entity.links' ? 1 : 0);
    },
  );
});
