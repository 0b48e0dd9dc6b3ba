import { describe, expect, it } from 'vitest';
import {
  buildBatchStatements,
  buildCreateStatements,
  combineEntities,
  combineLinks,
} from '../../../server/import/batch-writer';
import type { EntityWrite, LinkWrite } from '../../../server/import/types';

const cite = (excerpt: string) => ({ sourceId: 'source:s', excerpt, locator: 'line 1' });
const entity = (over: Partial<EntityWrite>): EntityWrite => ({
  id: 'e1',
  kind: 'Company',
  name: 'Acme',
  aliases: [],
  properties: {},
  citations: [cite('Name: Acme')],
  line: 2,
  ...over,
});
const link = (over: Partial<LinkWrite>): LinkWrite => ({
  id: 'l1',
  type: 'OWNS',
  fromId: 'a',
  toId: 'b',
  status: 'asserted',
  since: null,
  until: null,
  on: null,
  validFrom: null,
  validTo: null,
  properties: {},
  citations: [cite('x')],
  line: 2,
  ...over,
});

describe('combining a batch', () => {
  it('folds repeated entities: first name kept, other spellings become aliases, citations deduplicated', () => {
    const { combined, conflicts } = combineEntities([
      entity({}),
      entity({ name: 'ACME', aliases: ['Acme Co'], citations: [cite('Name: ACME')], line: 3 }),
      entity({ citations: [cite('Name: Acme')], line: 4 }),
      entity({ kind: 'Person', line: 5 }),
    ]);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ name: 'Acme', aliases: ['ACME', 'Acme Co'], line: 2 });
    expect(combined[0]?.citations.map((c) => c.excerpt)).toEqual(['Name: Acme', 'Name: ACME']);
    expect(conflicts).toEqual([{ id: 'e1', outcome: 'kind:Company', line: 5 }]);
  });

  it("lets the newest row set a link's fields and keeps every distinct citation", () => {
    const [combined] = combineLinks([
      link({}),
      link({ until: '2023', citations: [cite('y')], line: 9 }),
    ]);
    expect(combined).toMatchObject({ until: '2023', line: 2 });
    expect(combined?.citations.map((c) => c.excerpt)).toEqual(['x', 'y']);
  });

  it('writes labels and types only from the vocabulary, and every value as a parameter', () => {
    const stamp = { now: '2026-11-26T00:00:00Z', by: 'test' };
    const statements = buildBatchStatements(
      [entity({ name: 'O\'Brien" }) MATCH (n) DETACH DELETE n //' })],
      [link({})],
      stamp,
    );
    const text = statements.map((s) => s.cypher).join('\n');
    expect(text).not.toContain("O'Brien");
    expect(statements.map((s) => s.returns)).toEqual(['entities', 'links']);
    expect(statements[0]?.cypher).toContain('CREATE (e:Entity:$(kind) {id: id})');
    expect(statements[0]?.params).toMatchObject({
      batch: { rows: [expect.arrayContaining(['Company'])] },
    });
    expect(statements[1]?.cypher).toContain('CREATE (a)-[r:OWNS {id: id}]->(b)');
    expect(statements.map((s) => Object.keys(s.params).join())).toEqual([
      'batch,now,by',
      'batch,ends,now,by',
    ]);
    expect(() => buildBatchStatements([entity({ kind: 'Robot' as never })], [], stamp)).toThrow(
      /Not an entity kind/,
    );
  });

  it('gives a kind or a type the same statement text in every batch, so its plan is reused', () => {
    const stamp = { now: '2026-11-26T00:00:00Z', by: 'test' };
    const one = buildBatchStatements([entity({ id: 'a' })], [link({ id: 'x' })], stamp);
    const other = buildBatchStatements(
      [entity({ id: 'b', name: 'Other' }), entity({ id: 'c' })],
      [link({ id: 'y' })],
      stamp,
    );
    expect(other.map((s) => s.cypher)).toEqual(one.map((s) => s.cypher));
  });

  it('creates new records of every kind and type with two statement texts, kinds and types checked first', () => {
    const stamp = { now: '2026-11-26T00:00:00Z', by: 'test' };
    const one = buildCreateStatements([entity({})], [link({})], stamp);
    const many = buildCreateStatements(
      [entity({ id: 'p', kind: 'Person' }), entity({ id: 'm', kind: 'Ministry' })],
      [link({ id: 'x', type: 'LEADS' }), link({ id: 'y', type: 'FAMILY_OF' })],
      stamp,
    );
    expect(many.map((s) => s.cypher)).toEqual(one.map((s) => s.cypher));
    expect(many.map((s) => s.returns)).toEqual(['entities', 'links']);
    // The kind and type travel as values; no kind or type name is in the text.
    const text = many.map((s) => s.cypher).join('\n');
    for (const name of ['Person', 'Ministry', 'LEADS', 'FAMILY_OF'])
      expect(text).not.toContain(name);
    expect(JSON.stringify(many[1]?.params)).toContain(
      '"FAMILY_OF":{"from":["Person"],"to":["Person"]',
    );
    expect(() =>
      buildCreateStatements([entity({ kind: 'Robot" }) DETACH DELETE (n' as never })], [], stamp),
    ).toThrow(/Not an entity kind/);
    expect(() => buildCreateStatements([], [link({ type: 'KNOWS' as never })], stamp)).toThrow(
      /Not a link type/,
    );
  });
});
