/** The joined view's pure parts: an identity built from its records, and paths collapsed to nodes. */
import { describe, expect, it } from 'vitest';
import { identityView, toNodes } from '../../../server/data/identity-view';
import { collapsePaths } from '../../../server/data/paths';
import type { EntityRecord } from '../../../server/model/types';

const record = (id: string, extra: Partial<EntityRecord> = {}): EntityRecord => ({
  id,
  kind: 'Company',
  name: id.toUpperCase(),
  aliases: [],
  description: null,
  country: null,
  citations: [{ sourceId: `source:${id}`, excerpt: `${id} says so`, locator: null }],
  degree: 2, // links only: entityProjection leaves RECORD_OF and SAME_AS out
  properties: { id },
  ...extra,
});

describe('identityView', () => {
  it('leads with the smallest record, keeps every citation and adds up its records’ links', () => {
    const view = identityView('identity:a', [
      record('b', { aliases: ['Bee'], country: 'CN', properties: { id: 'b', founded: '1987' } }),
      record('a', { description: 'From list A.' }),
    ]);
    expect(view).toMatchObject({
      id: 'identity:a',
      name: 'A',
      aliases: ['B', 'Bee'],
      description: 'From list A.',
      country: 'CN',
      degree: 4,
    });
    expect(view.properties.founded).toBe('1987');
    expect(view.citations.map((c) => c.sourceId)).toEqual(['source:a', 'source:b']);
    expect(view.records?.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('maps every record of an identity to one node, first met first', () => {
    const { nodes, nodeOf } = toNodes([
      { record: { id: 'x', kind: 'Person', name: 'X' }, identity: null },
      {
        record: { id: 'b', kind: 'Company', name: 'B' },
        identity: { id: 'identity:a', siblings: [{ id: 'a', kind: 'Company', name: 'A' }] },
      },
      {
        record: { id: 'a', kind: 'Company', name: 'A' },
        identity: { id: 'identity:a', siblings: [{ id: 'b', kind: 'Company', name: 'B' }] },
      },
    ]);
    expect(nodes.map((n) => n.id)).toEqual(['x', 'identity:a']);
    expect(Object.fromEntries(nodeOf)).toEqual({ x: 'x', a: 'identity:a', b: 'identity:a' });
  });
});

describe('collapsePaths', () => {
  const nodeOf = new Map([
    ['h1', 'identity:h'],
    ['h2', 'identity:h'],
  ]);

  it('turns a run of records of one identity into its node; SHORTEST keeps the first path', () => {
    const found = [
      { entityIds: ['l1', 'h1', 'h2', 'l2'], linkIds: ['x', 'y'] },
      { entityIds: ['l1', 'm', 'l2'], linkIds: ['p', 'q'] },
    ];
    expect(collapsePaths(found, nodeOf, 'ALL_SHORTEST')).toEqual([
      { entityIds: ['l1', 'identity:h', 'l2'], linkIds: ['x', 'y'] },
      { entityIds: ['l1', 'm', 'l2'], linkIds: ['p', 'q'] },
    ]);
    expect(collapsePaths(found, nodeOf, 'SHORTEST')).toEqual([
      { entityIds: ['l1', 'identity:h', 'l2'], linkIds: ['x', 'y'] },
    ]);
  });

  it('drops a path that comes back to an identity it left, and twins with the same links', () => {
    const paths = collapsePaths(
      [
        { entityIds: ['h1', 'm', 'h2', 'l2'], linkIds: ['a', 'b', 'c'] },
        { entityIds: ['l1', 'h1', 'l2'], linkIds: ['d', 'e'] },
        { entityIds: ['l1', 'h2', 'h1', 'l2'], linkIds: ['d', 'e'] },
      ],
      nodeOf,
      'ALL',
    );
    expect(paths.map((p) => p.linkIds)).toEqual([['d', 'e']]);
  });
});
