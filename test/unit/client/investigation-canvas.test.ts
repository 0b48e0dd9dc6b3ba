import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, LINK_TYPES } from '../../../client/src/api/types';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import {
  canvasFromView,
  savedPathsAnswer,
  viewFromCanvas,
} from '../../../client/src/state/investigation-canvas';
import {
  createView,
  type PathFinderForm,
  type PathQuery,
  setAsOf,
  setAsOfTo,
  showPaths,
  toggleHidden,
  toggleKind,
  toggleLinkType,
  togglePinned,
} from '../../../client/src/state/view';
import { entity, link } from './fixtures';

const lei = entity('lei', 'PERSON', 'Lei Jun');
const xiaomi = entity('xiaomi', 'COMPANY', 'Xiaomi');
const list = entity('list', 'GOVERNMENT_LIST', 'DoD list');
const leads = link('leads', 'lei', 'xiaomi');
const listed = link('listed', 'xiaomi', 'list', { type: 'LISTED_ON' });

const positions = {
  lei: { x: -120.25, y: 33.125 },
  xiaomi: { x: 0.30000000000000004, y: 1e-7 },
  list: { x: 9_999_999.5, y: -4.75 },
};
const viewport = { zoom: 1.75, pan: { x: 12.5, y: -40 } };
const emptyFinder: PathFinderForm = {
  from: null,
  to: null,
  maxHops: 4,
  linkTypes: [],
  mode: 'ALL_SHORTEST',
  assertedOnly: false,
};

function storeWithStory() {
  const store = createStore();
  addToStore(store, 'story', { entities: [lei, xiaomi, list], links: [leads, listed] });
  return store;
}

function pathQuery(): PathQuery {
  return {
    from: lei,
    to: list,
    maxHops: 4,
    linkTypes: [],
    mode: 'ALL_SHORTEST',
    assertedOnly: false,
    asOf: null,
    asOfTo: null,
  };
}

const present = {
  entities: new Set(['lei', 'xiaomi', 'list']),
  links: new Set(['leads', 'listed']),
};

describe('an investigation canvas', () => {
  it('round-trips positions, pins, hidden entities, filters, the date range and layout exactly', () => {
    const store = storeWithStory();
    const view = createView();
    togglePinned(view, 'lei');
    toggleHidden(view, 'list');
    toggleKind(view, 'AWARD', false);
    toggleLinkType(view, 'FOUNDED', false);
    setAsOf(view, '2020-01-01');
    setAsOfTo(view, '2021-06-30');
    view.layout = 'concentric';
    const canvas = canvasFromView(
      store.entities.keys(),
      view,
      { positions, viewport, pathFinder: emptyFinder },
      [{ name: 'q', query: '{ a }', variables: '{}' }],
    );
    expect(canvas.entities).toEqual([
      { id: 'lei', ...positions.lei, pinned: true, hidden: false },
      { id: 'xiaomi', ...positions.xiaomi, pinned: false, hidden: false },
      { id: 'list', ...positions.list, pinned: false, hidden: true },
    ]);
    // The saved lists name what is shown, as the API's "empty means no filter" reads.
    expect(canvas.filters.kinds).toEqual(ENTITY_KINDS.filter((k) => k !== 'AWARD'));
    expect(canvas.filters.linkTypes).toEqual(LINK_TYPES.filter((t) => t !== 'FOUNDED'));
    expect(canvas.asOf).toBeNull();
    expect(canvas.asOfRange).toEqual({ from: '2020-01-01', to: '2021-06-30' });
    expect(canvas.layout).toEqual({ name: 'concentric', zoom: 1.75, panX: 12.5, panY: -40 });

    const opened = viewFromCanvas(canvas, present);
    expect(opened.problems).toEqual([]);
    expect(opened.state.entityIds).toEqual(['lei', 'xiaomi', 'list']);
    expect(opened.state.positions).toEqual(positions);
    expect(opened.pinned).toEqual(['lei']);
    expect(opened.state.hiddenEntityIds).toEqual(['list']);
    expect(opened.state.hiddenKinds).toEqual(['AWARD']);
    expect(opened.state.hiddenLinkTypes).toEqual(['FOUNDED']);
    expect([opened.state.asOf, opened.state.asOfTo]).toEqual(['2020-01-01', '2021-06-30']);
    expect(opened.state.layout).toBe('concentric');
    expect(opened.viewport).toEqual(viewport);
    expect(opened.queries).toEqual([{ name: 'q', query: '{ a }', variables: '{}' }]);
  });

  it('keeps the path finder as it was left: ends by id, hops, mode, link types, asserted only', () => {
    const view = createView();
    const form: PathFinderForm = {
      from: lei,
      to: null,
      maxHops: 6,
      linkTypes: ['OWNS', 'LISTED_ON'],
      mode: 'ALL',
      assertedOnly: true,
    };
    const canvas = canvasFromView(['lei'], view, { positions, viewport, pathFinder: form }, []);
    const saved = canvas.pathFinder;
    expect(saved).toEqual({
      from: 'lei',
      to: null,
      maxHops: 6,
      mode: 'ALL',
      linkTypes: ['OWNS', 'LISTED_ON'],
      statuses: ['ASSERTED'],
    });
    expect(viewFromCanvas(canvas, present).pathFinder).toEqual({
      fromId: 'lei',
      toId: null,
      maxHops: 6,
      linkTypes: ['OWNS', 'LISTED_ON'],
      mode: 'ALL',
      assertedOnly: true,
    });
    // Saved before the path finder was kept, or through the API with statuses the form lacks.
    expect(viewFromCanvas({ ...canvas, pathFinder: null }, present).pathFinder).toBeNull();
    const wider = viewFromCanvas(
      {
        ...canvas,
        pathFinder: saved && { ...saved, mode: 'SHORTEST', statuses: ['ASSERTED', 'DISPUTED'] },
      },
      present,
    ).pathFinder;
    expect([wider?.mode, wider?.assertedOnly]).toEqual(['ALL_SHORTEST', false]);
  });

  it('saves no filter when nothing is hidden, and one day as asOf', () => {
    const view = createView();
    setAsOf(view, '2021-02-01');
    const canvas = canvasFromView(
      ['lei'],
      view,
      { positions, viewport, pathFinder: emptyFinder },
      [],
    );
    expect(canvas.filters).toEqual({ kinds: [], linkTypes: [], statuses: [] });
    expect([canvas.asOf, canvas.asOfRange]).toEqual(['2021-02-01', null]);
    const opened = viewFromCanvas(canvas, present);
    expect(opened.state.hiddenKinds).toEqual([]);
    expect([opened.state.asOf, opened.state.asOfTo]).toEqual(['2021-02-01', null]);
  });

  it('saves the path shown alone, or all shown together, and reopens them the same way', () => {
    const store = storeWithStory();
    const view = createView();
    const one = { entityIds: ['lei', 'xiaomi', 'list'], linkIds: ['leads', 'listed'] };
    const other = { entityIds: ['lei', 'xiaomi'], linkIds: ['leads'] };
    const answer = { paths: [one, other], hasMore: false, entities: [], links: [] };
    showPaths(view, pathQuery(), answer, 1);
    expect(
      canvasFromView(
        store.entities.keys(),
        view,
        { positions, viewport, pathFinder: emptyFinder },
        [],
      ).selectedPaths,
    ).toEqual([other]);
    showPaths(view, pathQuery(), answer, null);
    const canvas = canvasFromView(
      store.entities.keys(),
      view,
      { positions, viewport, pathFinder: emptyFinder },
      [],
    );
    expect(canvas.selectedPaths).toEqual([one, other]);

    const opened = viewFromCanvas(canvas, present);
    const shown = savedPathsAnswer(opened.paths, store.entities, store.links, {
      asOf: null,
      asOfTo: null,
    });
    expect(shown?.step).toBeNull();
    expect(shown?.query.from.id).toBe('lei');
    expect(shown?.query.to.id).toBe('list');
    expect(shown?.query.maxHops).toBe(2);
    expect(shown?.query.mode).toBe('ALL');
    expect(shown?.answer.links.map((l) => l.id).sort()).toEqual(['leads', 'listed']);
    const single = savedPathsAnswer([one], store.entities, store.links, {
      asOf: null,
      asOfTo: null,
    });
    expect(single?.step).toBe(0);
    expect(single?.query.mode).toBe('ALL_SHORTEST');
    expect(
      savedPathsAnswer([], store.entities, store.links, { asOf: null, asOfTo: null }),
    ).toBeNull();
  });

  it('leaves out what the graph no longer has and says so', () => {
    const view = createView();
    const canvas = canvasFromView(
      ['lei', 'xiaomi', 'list'],
      view,
      { positions, viewport, pathFinder: emptyFinder },
      [],
    );
    canvas.selectedPaths = [{ entityIds: ['lei', 'xiaomi', 'list'], linkIds: ['leads', 'listed'] }];
    canvas.layout = { name: 'cola', zoom: null, panX: null, panY: null };
    const opened = viewFromCanvas(canvas, {
      entities: new Set(['lei', 'xiaomi']),
      links: new Set(['leads']),
    });
    expect(opened.state.entityIds).toEqual(['lei', 'xiaomi']);
    expect(opened.paths).toEqual([]);
    expect(opened.problems).toEqual([
      '1 entity is no longer in the graph (list)',
      '1 of the saved paths run through links or entities no longer in the graph',
    ]);
    // A layout the explorer does not offer falls back to its default; no zoom: fit instead.
    expect(opened.state.layout).toBe('fcose');
    expect(opened.viewport).toBeNull();
  });
});
