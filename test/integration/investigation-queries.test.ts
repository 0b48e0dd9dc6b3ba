/**
 * What the explorer needs beyond the saved canvas (issue 20, items 1 and 5): GraphQL queries
 * kept in an investigation with their variables, and `Investigation.graph`, the canvas's
 * entities with the links among them in one answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { accessClient } from '../support/access';
import { connectTestDatabase } from '../support/database';

let db: Database;
let execute: ReturnType<typeof accessClient>;
const created: string[] = [];

const SAVE = `mutation($input: InvestigationInput!) {
  saveInvestigation(input: $input) { id version canvas { queries { name query variables } } }
}`;
const PATHS_QUERY = `query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 3) { paths { entities { id } links { id } } }
}`;

interface Saved {
  id: string;
  version: number;
  canvas: { queries: { name: string; query: string; variables: string }[] };
}

async function save(canvas: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const answer = await execute<{ saveInvestigation: Saved }>(SAVE, {
    input: { title: 'Saved queries', canvas, ...extra },
  });
  const saved = answer.body.data?.saveInvestigation;
  if (saved && !created.includes(saved.id)) created.push(saved.id);
  return answer;
}

beforeAll(() => {
  db = connectTestDatabase();
  execute = accessClient(db);
});

afterAll(async () => {
  await db.write('UNWIND $ids AS id MATCH (n:Investigation {id: id}) DETACH DELETE n', {
    ids: created,
  });
  await db.close();
});

describe('saved queries', () => {
  it('keeps a query with its variables, across reopening and duplication', async () => {
    const queries = [
      {
        name: 'Lei Jun to the DoD list',
        // Windows line endings and a tab, as pasted from an editor, survive unchanged.
        query: PATHS_QUERY.replaceAll('\n', '\r\n\t'),
        variables: '{ "from": "person:lei-jun",\n "to": "list:us-dod-blacklist" }',
      },
      { name: 'No variables', query: '{ entity(id: "company:xiaomi") { id } }' },
    ];
    const answer = await save({ entities: [], queries });
    expect(answer.body.errors).toBeUndefined();
    const saved = answer.body.data?.saveInvestigation as Saved;
    expect(saved.canvas.queries).toEqual([
      {
        name: 'Lei Jun to the DoD list',
        query: PATHS_QUERY.replaceAll('\n', '\r\n\t'),
        variables: '{"from":"person:lei-jun","to":"list:us-dod-blacklist"}',
      },
      { name: 'No variables', query: '{ entity(id: "company:xiaomi") { id } }', variables: '{}' },
    ]);
    const copy = await execute<{ duplicateInvestigation: Saved }>(
      `mutation($id: ID!) { duplicateInvestigation(id: $id) { id version canvas { queries { name query variables } } } }`,
      { id: saved.id },
    );
    const duplicate = copy.body.data?.duplicateInvestigation as Saved;
    created.push(duplicate.id);
    expect(duplicate.canvas.queries).toEqual(saved.canvas.queries);

    // The saved text runs as it was stored, with its variables.
    const [first] = saved.canvas.queries;
    const rerun = await execute<{ paths: { paths: { entities: { id: string }[] }[] } }>(
      first?.query ?? '',
      JSON.parse(first?.variables ?? '{}'),
      null,
    );
    expect(rerun.body.errors).toBeUndefined();
    const ends = rerun.body.data?.paths.paths.map((p) => [
      p.entities[0]?.id,
      p.entities.at(-1)?.id,
    ]);
    expect(ends?.length).toBeGreaterThan(0);
    for (const pair of ends ?? [])
      expect(pair).toEqual(['person:lei-jun', 'list:us-dod-blacklist']);
  });

  it('refuses variables that are not one JSON object, a repeated name and too many queries', async () => {
    const refusal = async (queries: unknown[]) =>
      (await save({ entities: [], queries })).body.errors?.[0]?.message;
    expect(await refusal([{ name: 'a', query: '{ a }', variables: '[1, 2]' }])).toContain(
      'input.canvas.queries[0].variables": must be JSON text of one object',
    );
    expect(await refusal([{ name: 'a', query: '{ a }', variables: '{"id": ' }])).toContain(
      'must be JSON text of one object',
    );
    expect(
      await refusal([
        { name: 'same', query: '{ a }' },
        { name: 'same', query: '{ b }' },
      ]),
    ).toContain('input.canvas.queries[1].name": "same" is used twice');
    expect(await refusal([{ name: 'blank', query: '   ' }])).toContain(
      'input.canvas.queries[0].query": must not be empty',
    );
    expect(await refusal([{ name: 'huge', query: `{ ${'a '.repeat(10_001)}}` }])).toContain(
      'must be at most 20000 characters',
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `q${i}`, query: '{ a }' }));
    expect(await refusal(many)).toContain('allows at most 50 items, got 51');
  });
});

describe('Investigation.graph', () => {
  it('answers the canvas entities and every link among them, not links leaving the canvas', async () => {
    const ids = ['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist', 'entity:gone'];
    const saved = (await save({ entities: ids.map((id, i) => ({ id, x: i * 10, y: 0 })) })).body
      .data?.saveInvestigation as Saved;
    const answer = await execute<{
      investigation: {
        graph: {
          entities: { id: string }[];
          links: { id: string; from: { id: string }; to: { id: string } }[];
        };
      };
    }>(
      `query($id: ID!) { investigation(id: $id) { graph { entities { id } links { id from { id } to { id } } } } }`,
      { id: saved.id },
      null,
    );
    expect(answer.body.errors).toBeUndefined();
    const graph = answer.body.data?.investigation.graph;
    expect(graph?.entities.map((e) => e.id).sort()).toEqual(ids.slice(0, 3).sort());
    // The same links the database holds among the three, computed here independently.
    const expected = await db.read<{ id: string }>(
      `MATCH (a:Entity)-[r]->(b:Entity)
       WHERE a.id IN $ids AND b.id IN $ids AND r.id IS NOT NULL
       RETURN r.id AS id`,
      { ids },
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(graph?.links.map((l) => l.id).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const link of graph?.links ?? []) {
      expect(ids).toContain(link.from.id);
      expect(ids).toContain(link.to.id);
    }
  });
});
