/**
 * The explorer's state and its one redraw: the store, the view, the canvas, and `refresh()`,
 * which applies them to Cytoscape, lets every listener render its part, then writes the view
 * into the address bar.
 */
import { createApi } from '../api/graphql-api';
import type { EntityDetails } from '../api/types';
import { pathElementIds, storeToElements } from '../graph/elements';
import { computeVisibility } from '../graph/visibility';
import { createStore, UndoStack } from '../state/graph-store';
import { sharedState } from '../state/share';
import { encodeViewState } from '../state/url-state';
import { createView, forgetMissing, type PathView } from '../state/view';
import { createActivity } from '../ui/activity';
import { type CanvasEvents, createCanvas } from '../ui/canvas';
import { byId } from '../ui/dom';
import type { ExplorerCore, RefreshInfo } from './context';

/** Ids of the entities and links of the path(s) shown: one step, or all of them. */
export function highlightedIds(shown: PathView): Set<string> {
  const paths =
    shown.step === null
      ? shown.answer.paths
      : [shown.answer.paths[shown.step]].filter((p) => p !== undefined);
  return pathElementIds(paths);
}

export function createExplorerCore(canvasEvents: CanvasEvents): ExplorerCore {
  // `?renderer=webgl` opts into Cytoscape's experimental renderer; kept in shared links.
  const useWebGL = new URLSearchParams(location.search).get('renderer') === 'webgl';
  const canvas = createCanvas(byId('cy'), canvasEvents, useWebGL);
  // For the browser console and the end-to-end tests: the live Cytoscape instance.
  (window as unknown as { cy: unknown }).cy = canvas.cy;
  window.addEventListener('resize', () => canvas.resize());

  const store = createStore();
  const view = createView();
  const listeners: ((info: RefreshInfo) => void)[] = [];

  function writeUrl() {
    const query = encodeViewState(sharedState(view, store, () => canvas.positions()));
    const keep = useWebGL ? `${query ? '&' : ''}renderer=webgl` : '';
    const next = `${location.pathname}${query || keep ? `?${query}${keep}` : ''}`;
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
  }

  function refresh(around: string | null = null) {
    const added = canvas.sync(storeToElements(store), around);
    for (const id of added) if (view.pinned.has(id)) canvas.setPinned(id, true);
    forgetMissing(view, store);
    const highlighted = view.path ? highlightedIds(view.path) : null;
    const visibility = computeVisibility(store, view.filters, highlighted ?? undefined);
    canvas.applyVisibility(visibility);
    canvas.highlight(highlighted, view.spared);
    for (const listener of listeners) listener({ visibility, highlighted });
    writeUrl();
  }

  return {
    api: createApi(),
    activity: createActivity(byId('activity'), byId('banner')),
    store,
    undo: new UndoStack(),
    view,
    canvas,
    detailsCache: new Map<string, EntityDetails>(),
    refresh,
    onRefresh: (listener) => listeners.push(listener),
    writeUrl,
  };
}
