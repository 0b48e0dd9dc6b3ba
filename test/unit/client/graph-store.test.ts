import { describe, expect, it } from 'vitest';
import {
  addToStore,
  createStore,
  revertChange,
  UndoStack,
} from '../../../client/src/state/graph-store';
import { entity, link } from './fixtures';

describe('the canvas store', () => {
  it('records only what an expansion added, and undo removes exactly that', () => {
    const store = createStore();
    addToStore(store, 'add Lei Jun', { entities: [entity('lei', 'PERSON')], links: [] });
    const expansion = addToStore(store, 'expand Lei Jun', {
      entities: [entity('lei', 'PERSON'), entity('xiaomi', 'COMPANY'), entity('award', 'AWARD')],
      links: [
        link('leads', 'lei', 'xiaomi'),
        link('received', 'lei', 'award', { type: 'RECEIVED' }),
      ],
      expanded: ['lei'],
      truncated: [],
    });
    expect(expansion.entityIds).toEqual(['xiaomi', 'award']);
    expect(expansion.linkIds).toEqual(['leads', 'received']);

    revertChange(store, expansion);
    expect([...store.entities.keys()]).toEqual(['lei']);
    expect(store.links.size).toBe(0);
  });

  it('restores a hub\'s "+N more" when its loading of more is undone', () => {
    const store = createStore();
    addToStore(store, 'expand', {
      entities: [entity('hub', 'COMPANY'), entity('a', 'PERSON')],
      links: [link('l1', 'a', 'hub')],
      expanded: ['hub'],
      truncated: [{ entityId: 'hub', omitted: 40 }],
      expansion: { linkTypes: null, limit: 25 },
    });
    const more = addToStore(store, 'load more', {
      entities: [entity('hub', 'COMPANY'), entity('b', 'PERSON')],
      links: [link('l2', 'b', 'hub')],
      expanded: ['hub'],
      truncated: [],
      expansion: { linkTypes: null, limit: 100 },
    });
    expect(store.more.has('hub')).toBe(false);
    revertChange(store, more);
    expect(store.more.get('hub')).toEqual({ omitted: 40, linkTypes: null, limit: 25 });
    expect(store.entities.has('b')).toBe(false);
  });

  it('leaves out links whose other end is not on the canvas', () => {
    const store = createStore();
    const change = addToStore(store, 'add', {
      entities: [entity('a', 'PERSON')],
      links: [link('dangling', 'a', 'elsewhere')],
    });
    expect(change.linkIds).toEqual([]);
    expect(store.links.size).toBe(0);
  });

  it('undoes a later link that touches an entity the undone step brought', () => {
    const store = createStore();
    addToStore(store, 'a', { entities: [entity('a', 'PERSON')], links: [] });
    const step = addToStore(store, 'b', { entities: [entity('b', 'PERSON')], links: [] });
    addToStore(store, 'link', { entities: [], links: [link('ab', 'a', 'b')] });
    revertChange(store, step);
    expect(store.links.has('ab')).toBe(false);
  });
});

describe('UndoStack', () => {
  it('gives back changes last first, ignores empty ones and keeps a bounded history', () => {
    const stack = new UndoStack(2);
    const change = (label: string) => ({ label, entityIds: [label], linkIds: [], moreBefore: [] });
    stack.push({ label: 'nothing', entityIds: [], linkIds: [], moreBefore: [] });
    expect(stack.size).toBe(0);
    stack.push(change('one'));
    stack.push(change('two'));
    stack.push(change('three'));
    expect(stack.size).toBe(2);
    expect(stack.pop()?.label).toBe('three');
    expect(stack.pop()?.label).toBe('two');
    expect(stack.pop()).toBeUndefined();
  });
});
