import { describe, expect, it } from 'vitest';
import type { PathAnswer } from '../../../client/src/api/types';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { openSharedSettings, restoredStep, sharedState } from '../../../client/src/state/share';
import {
  decodeViewState,
  encodeViewState,
  MAX_SHARED_POSITIONS,
} from '../../../client/src/state/url-state';
import {
  createView,
  setAsOf,
  showPaths,
  toggleHidden,
  toggleKind,
  toggleLinkType,
} from '../../../client/src/state/view';
import { entity, link } from './fixtures';

const lei = entity('lei', 'PERSON', 'Lei Jun');
const xiaomi = entity('xiaomi', 'COMPANY', 'Xiaomi');
const answer: PathAnswer = {
  paths: [{ entityIds: ['lei', 'xiaomi'], linkIds: ['leads'] }],
  hasMore: false,
  entities: [lei, xiaomi],
  links: [link('leads', 'lei', 'xiaomi')],
};

describe('the view in a shared link', () => {
  it('survives the address bar: filters, time, path search and step, positions', () => {
    const store = createStore();
    addToStore(store, 'seed', { entities: [lei, xiaomi], links: answer.links });
    const view = createView();
    toggleKind(view, 'AWARD', false);
    toggleLinkType(view, 'FOUNDED', false);
    toggleHidden(view, 'xiaomi');
    setAsOf(view, '2021-06-01');
    view.layout = 'concentric';
    view.selected = { type: 'link', id: 'leads' };
    const query = {
      from: lei,
      to: xiaomi,
      maxHops: 3,
      linkTypes: [],
      mode: 'ALL' as const,
      assertedOnly: true,
      asOf: '2021-06-01',
      asOfTo: null,
    };
    showPaths(view, query, answer, 0);
    const positions = { lei: { x: 10, y: -20 }, xiaomi: { x: 130.5, y: 44 } };
    const shared = sharedState(view, store, () => positions);
    const { state, problems } = decodeViewState(`?${encodeViewState(shared)}`);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({
      entityIds: ['lei', 'xiaomi'],
      selected: { type: 'link', id: 'leads' },
      asOf: '2021-06-01',
      hiddenKinds: ['AWARD'],
      hiddenLinkTypes: ['FOUNDED'],
      hiddenEntityIds: ['xiaomi'],
      layout: 'concentric',
      path: { from: 'lei', to: 'xiaomi', maxHops: 3, mode: 'ALL', assertedOnly: true, step: 0 },
    });
    expect(state.positions.lei?.x).toBeCloseTo(10, 0);
    expect(state.positions.xiaomi?.y).toBeCloseTo(44, 0);

    const reopened = createView();
    openSharedSettings(reopened, state);
    expect(reopened.layout).toBe('concentric');
    expect(reopened.filters.asOf).toBe('2021-06-01');
    expect([...reopened.filters.hiddenKinds]).toEqual(['AWARD']);
    expect([...reopened.filters.hiddenLinkTypes]).toEqual(['FOUNDED']);
    // Hidden entities wait for the entities themselves.
    expect(reopened.filters.hiddenEntityIds.size).toBe(0);
  });

  it('leaves positions out of views too large to keep them', () => {
    const store = createStore();
    const many = Array.from({ length: MAX_SHARED_POSITIONS + 1 }, (_, i) =>
      entity(`e${i}`, 'COMPANY'),
    );
    addToStore(store, 'many', { entities: many, links: [] });
    let asked = false;
    const shared = sharedState(createView(), store, () => {
      asked = true;
      return {};
    });
    expect(shared.positions).toEqual({});
    expect(asked).toBe(false);
  });

  it('reopens the path step the link names, or the first when fewer paths come back', () => {
    expect(restoredStep(2, 3)).toBe(2);
    expect(restoredStep(null, 3)).toBe(0);
    expect(restoredStep(5, 3)).toBe(0);
    expect(restoredStep(0, 0)).toBeNull();
  });
});
