import { describe, expect, it } from 'vitest';
import type { PathAnswer } from '../../../client/src/api/types';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import {
  clearPath,
  createView,
  forgetMissing,
  hiddenOnPath,
  noteExpanded,
  type PathQuery,
  pathSearchIsStale,
  setAsOf,
  setAsOfTo,
  showPaths,
  stepPath,
  toggleHidden,
  toggleKind,
  togglePinned,
} from '../../../client/src/state/view';
import { entity, link } from './fixtures';

const lei = entity('lei', 'PERSON', 'Lei Jun');
const xiaomi = entity('xiaomi', 'COMPANY', 'Xiaomi');
const list = entity('list', 'GOVERNMENT_LIST', 'DoD list');

const query: PathQuery = {
  from: lei,
  to: list,
  maxHops: 4,
  linkTypes: [],
  mode: 'ALL_SHORTEST',
  assertedOnly: false,
  asOf: null,
  asOfTo: null,
};

const twoPaths: PathAnswer = {
  paths: [
    { entityIds: ['lei', 'xiaomi', 'list'], linkIds: ['leads', 'listed'] },
    { entityIds: ['lei', 'xiaomi', 'list'], linkIds: ['founded', 'listed'] },
  ],
  hasMore: false,
  entities: [lei, xiaomi, list],
  links: [
    link('leads', 'lei', 'xiaomi'),
    link('founded', 'lei', 'xiaomi', { type: 'FOUNDED' }),
    link('listed', 'xiaomi', 'list', { type: 'LISTED_ON' }),
  ],
};

function storeWith(...ids: string[]) {
  const store = createStore();
  addToStore(store, 'seed', {
    entities: [lei, xiaomi, list].filter((e) => ids.includes(e.id)),
    links: twoPaths.links,
  });
  return store;
}

describe('the view state and its actions', () => {
  it('steps through the paths found, wrapping round, and toggles all or one', () => {
    const view = createView();
    expect(stepPath(view, 'next')).toBe(false);
    showPaths(view, query, twoPaths, 0);
    stepPath(view, 'next');
    expect(view.path?.step).toBe(1);
    stepPath(view, 'next');
    expect(view.path?.step).toBe(0);
    stepPath(view, 'previous');
    expect(view.path?.step).toBe(1);
    stepPath(view, 'all-or-one');
    expect(view.path?.step).toBeNull();
    stepPath(view, 'previous');
    expect(view.path?.step).toBe(1);
    stepPath(view, 7);
    expect(view.path?.step).toBe(1);
  });

  it('remembers a search with no answer, without a highlight', () => {
    const view = createView();
    showPaths(view, query, { ...twoPaths, paths: [] }, null);
    expect(view.path).toBeNull();
    expect(view.pathQuery).toBe(query);
    clearPath(view, true);
    expect(view.pathQuery).toBeNull();
  });

  it('keeps one time for the view: a range end must follow its start, and the search follows', () => {
    const view = createView();
    showPaths(view, query, twoPaths, 0);
    expect(pathSearchIsStale(view)).toBe(false);
    setAsOf(view, '2021-01-01');
    expect(pathSearchIsStale(view)).toBe(true);
    setAsOfTo(view, '2020-01-01');
    expect(view.filters.asOfTo).toBeNull();
    setAsOfTo(view, '2021-06-01');
    expect(view.filters.asOfTo).toBe('2021-06-01');
    setAsOf(view, '2021-07-01');
    expect(view.filters.asOfTo).toBeNull();
    setAsOf(view, null);
    expect(view.filters).toMatchObject({ asOf: null, asOfTo: null });
  });

  it('spares what is expanded during a highlight, and forgets it with the highlight', () => {
    const view = createView();
    noteExpanded(view, ['hkex']);
    expect(view.spared.size).toBe(0);
    showPaths(view, query, twoPaths, 0);
    noteExpanded(view, ['hkex', 'link:hkex']);
    expect([...view.spared]).toEqual(['hkex', 'link:hkex']);
    clearPath(view, false);
    expect(view.spared.size).toBe(0);
  });

  it('hides and pins by hand; a hidden entity is no longer selected', () => {
    const view = createView();
    view.selected = { type: 'entity', id: 'xiaomi' };
    toggleHidden(view, 'xiaomi');
    expect(view.filters.hiddenEntityIds.has('xiaomi')).toBe(true);
    expect(view.selected).toBeNull();
    toggleHidden(view, 'xiaomi');
    expect(view.filters.hiddenEntityIds.size).toBe(0);
    expect(togglePinned(view, 'lei')).toBe(true);
    expect(togglePinned(view, 'lei')).toBe(false);
  });

  it('forgets pins, hidden entities and a highlight whose entities left the canvas', () => {
    const view = createView();
    togglePinned(view, 'list');
    toggleHidden(view, 'list');
    showPaths(view, query, twoPaths, 0);
    forgetMissing(view, storeWith('lei', 'xiaomi'));
    expect(view.pinned.size).toBe(0);
    expect(view.filters.hiddenEntityIds.size).toBe(0);
    expect(view.path).toBeNull();
    expect(view.pathQuery).toBe(query);
  });

  it('names the link types and entities of the path that filters would hide', () => {
    const view = createView();
    toggleKind(view, 'COMPANY', false);
    view.filters.hiddenLinkTypes.add('LEADS');
    const hidden = hiddenOnPath(
      view,
      storeWith('lei', 'xiaomi', 'list'),
      new Set(['leads', 'xiaomi']),
    );
    expect(hidden).toEqual({ linkTypes: ['LEADS'], entities: ['Xiaomi'] });
  });
});
