import { describe, expect, it } from 'vitest';
import {
  diffElements,
  edgeLabel,
  nodeLabel,
  pathElementIds,
  storeToElements,
} from '../../../client/src/graph/elements';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { entity, link } from './fixtures';

function seededStore() {
  const store = createStore();
  addToStore(store, 'seed', {
    entities: [
      entity('person:lei-jun', 'PERSON', 'Lei Jun'),
      entity('company:xiaomi', 'COMPANY', 'Xiaomi'),
    ],
    links: [
      link('link:leads', 'person:lei-jun', 'company:xiaomi'),
      // Its far end is not on the canvas: it must not become a dangling edge.
      link('link:listed', 'company:xiaomi', 'list:us-dod-blacklist', { type: 'LISTED_ON' }),
    ],
    truncated: [{ entityId: 'company:xiaomi', omitted: 3 }],
    expanded: ['company:xiaomi'],
    expansion: { linkTypes: null, limit: 25 },
  });
  return store;
}

describe('storeToElements', () => {
  it('maps entities to nodes with kind and links to edges between them', () => {
    const elements = storeToElements(seededStore());
    const byId = new Map(elements.map((e) => [e.data.id, e]));
    expect(byId.get('person:lei-jun')).toMatchObject({
      group: 'nodes',
      data: { label: 'Lei Jun', kind: 'PERSON', more: 0 },
    });
    expect(byId.get('link:leads')).toMatchObject({
      group: 'edges',
      data: {
        source: 'person:lei-jun',
        target: 'company:xiaomi',
        type: 'LEADS',
        status: 'ASSERTED',
      },
    });
    expect(byId.has('link:listed')).toBe(false);
  });

  it('gives a hub a "+N more" badge joined to it', () => {
    const elements = storeToElements(seededStore());
    const badge = elements.find((e) => e.data.id === 'more:company:xiaomi');
    expect(badge?.data).toMatchObject({ label: '+3 more', hub: 'company:xiaomi' });
    expect(badge?.classes).toBe('more');
    const joint = elements.find((e) => e.data.id === 'more-edge:company:xiaomi');
    expect(joint?.data).toMatchObject({ source: 'company:xiaomi', target: 'more:company:xiaomi' });
    expect(elements.find((e) => e.data.id === 'company:xiaomi')?.data.more).toBe(3);
  });

  it('names the link types a filtered expansion asked for in the badge', () => {
    const store = seededStore();
    store.more.set('company:xiaomi', { omitted: 2, linkTypes: ['LISTED_ON'], limit: 25 });
    const badge = storeToElements(store).find((e) => e.data.id === 'more:company:xiaomi');
    expect(badge?.data.label).toBe('+2 more (listed on)');
  });
});

describe('labels', () => {
  it('cuts long names with an ellipsis and keeps short ones whole', () => {
    expect(nodeLabel('Xiaomi')).toBe('Xiaomi');
    const long =
      'Distinction for service to China (Ministry of Industry and Information Technology)';
    const label = nodeLabel(long);
    expect(label.length).toBeLessThanOrEqual(48);
    expect(label.endsWith('…')).toBe(true);
  });

  it('puts type, date and a non-asserted status on edges', () => {
    expect(edgeLabel(link('a', 'x', 'y', { type: 'LISTED_ON', since: '2021-01-14' }))).toBe(
      'listed on · since 2021-01-14',
    );
    expect(edgeLabel(link('b', 'x', 'y', { type: 'AFFILIATED_WITH', status: 'DENIED' }))).toBe(
      'denied: affiliated with',
    );
    expect(edgeLabel(link('c', 'x', 'y', { type: 'RECEIVED', on: '2019' }))).toBe(
      'received · 2019',
    );
  });
});

describe('pathElementIds', () => {
  it('collects the entities and links of the paths', () => {
    const ids = pathElementIds([
      { entityIds: ['a', 'b', 'c'], linkIds: ['ab', 'bc'] },
      { entityIds: ['a', 'd', 'c'], linkIds: ['ad', 'dc'] },
    ]);
    expect([...ids].sort()).toEqual(['a', 'ab', 'ad', 'b', 'bc', 'c', 'd', 'dc']);
  });
});

describe('diffElements', () => {
  it('adds the new, removes the gone and updates the rest', () => {
    const desired = storeToElements(seededStore());
    const diff = diffElements(new Set(['person:lei-jun', 'gone:node']), desired);
    expect(diff.remove).toEqual(['gone:node']);
    expect(diff.update.map((e) => e.data.id)).toEqual(['person:lei-jun']);
    expect(diff.add.map((e) => e.data.id)).toContain('company:xiaomi');
    expect(diff.add.map((e) => e.data.id)).not.toContain('person:lei-jun');
  });
});
