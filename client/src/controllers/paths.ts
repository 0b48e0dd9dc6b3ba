/**
 * The path finder: searches at the view's date (or range), shows the answer on the canvas and
 * in its panel, steps through the paths, and after an empty answer probes whether a path exists
 * beyond the hops or at another date.
 */
import type { EntitySummary, PathAnswer, SearchSuggestion } from '../api/types';
import { pathsDuring } from '../graph/path-time';
import { addToStore } from '../state/graph-store';
import { pathRequest } from '../state/path-request';
import { restoredStep } from '../state/share';
import { MAX_HOPS, type PathState } from '../state/url-state';
import {
  clearPath,
  hiddenOnPath,
  type PathFinderForm,
  type PathQuery,
  pathSearchIsStale,
  type StepMove,
  showPaths,
  stepPath,
} from '../state/view';
import type { Outcome } from '../ui/activity';
import { byId } from '../ui/dom';
import { createPathPanel, type NoPathHints } from '../ui/path-panel';
import type { ExplorerActions, ExplorerCore } from './context';
import { highlightedIds } from './explorer-core';

export interface PathsDeps {
  search(text: string, signal: AbortSignal): Promise<Outcome<SearchSuggestion[]> | undefined>;
  selectEntity: ExplorerActions['selectEntity'];
  selectLink: ExplorerActions['selectLink'];
  runLayout(incremental: boolean): Promise<void>;
}

export function createPaths(core: ExplorerCore, deps: PathsDeps) {
  const { store, view, canvas, activity } = core;
  const panel = createPathPanel({
    search: deps.search,
    find: (query) => void findPaths(query),
    step: (index) => void showStep(index),
    clear: () => {
      clearPath(view, true);
      core.refresh();
    },
    selectLink: (id) => deps.selectLink(id),
    selectEntity: (id) => void deps.selectEntity(id),
  });

  /** Counts searches, so an answer that arrives after a newer search began is dropped. */
  let searches = 0;

  /** The API's answer for `query`; a date range is filtered here (the API takes one day). */
  async function fetchPaths(query: PathQuery, signal: AbortSignal, probe?: Partial<PathQuery>) {
    const request = pathRequest(query, probe);
    const answer = await core.api.paths(request.args, signal);
    if (!request.range) return answer;
    return pathsDuring(answer, request.range.from, request.range.to, request.shortestOnly);
  }

  const track = (query: PathQuery) =>
    activity.track(`Finding paths from ${query.from.name} to ${query.to.name}`, (signal) =>
      fetchPaths(query, signal),
    );

  /** Searches at the view's time and shows the answer. */
  async function findPaths(request: PathQuery) {
    const query = { ...request, asOf: view.filters.asOf, asOfTo: view.filters.asOfTo };
    view.pathQuery = query;
    const search = ++searches;
    panel.setBusy(true);
    const answer = await track(query);
    if (search !== searches) return;
    panel.setBusy(false);
    if (!answer) {
      panel.showMessage('The path search failed (see the message above); the canvas is unchanged.');
      return;
    }
    await applyPaths(query, answer, answer.paths.length ? 0 : null);
  }

  /** After an empty answer: is there a path with more hops, or at another date? */
  async function explainNoPath(query: PathQuery): Promise<NoPathHints> {
    const shortest = (probe: Partial<PathQuery>) =>
      activity
        .track('Looking for paths beyond the limits', (signal) => fetchPaths(query, signal, probe))
        .then((answer) => (answer ? (answer.paths[0]?.linkIds.length ?? null) : undefined));
    const [beyondHops, anyDate] = await Promise.all([
      query.maxHops < MAX_HOPS.max ? shortest({ maxHops: MAX_HOPS.max }) : undefined,
      query.asOf ? shortest({ asOf: null, asOfTo: null, maxHops: MAX_HOPS.max }) : undefined,
    ]);
    return { beyondHops, anyDate };
  }

  async function applyPaths(query: PathQuery, answer: PathAnswer, step: number | null) {
    let added = 0;
    if (answer.paths.length) {
      const change = addToStore(store, `Paths ${query.from.name} → ${query.to.name}`, {
        entities: answer.entities,
        links: answer.links,
      });
      core.undo.push(change);
      added = change.entityIds.length;
    }
    showPaths(view, query, answer, step);
    core.refresh(store.entities.has(query.from.id) ? query.from.id : null);
    if (!view.path) {
      const search = searches;
      panel.showNoPath(query, {});
      const hints = await explainNoPath(query);
      if (search === searches) panel.showNoPath(query, hints);
      return;
    }
    // Entities new to the canvas were dropped near the start; a gentle incremental layout
    // gives the path its own shape. Otherwise nothing moves.
    const highlighted = highlightedIds(view.path);
    if (added > 0) void deps.runLayout(true).then(() => canvas.fit(highlighted));
    else canvas.fit(highlighted);
  }

  /** Shows another of the paths found; false when none is shown. */
  function showStep(move: StepMove): boolean {
    if (!stepPath(view, move) || !view.path) return false;
    core.refresh();
    canvas.fit(highlightedIds(view.path));
    return true;
  }

  /** One date for the whole view: the path search shown follows it. */
  function repeatSearch() {
    if (view.pathQuery && pathSearchIsStale(view)) void findPaths(view.pathQuery);
  }

  function openFinder(end: 'from' | 'to', entity: EntitySummary) {
    byId<HTMLDetailsElement>('path-section').open = true;
    if (end === 'from') panel.setFrom(entity);
    else panel.setTo(entity);
    byId<HTMLInputElement>(end === 'from' ? 'path-to' : 'path-from').focus();
  }

  /** Runs a shared link's path search again; false when its ends are not on the canvas. */
  async function reopen(shared: PathState): Promise<boolean> {
    const from = store.entities.get(shared.from);
    const to = store.entities.get(shared.to);
    if (!from || !to) return false;
    const query: PathQuery = {
      from,
      to,
      maxHops: shared.maxHops,
      linkTypes: shared.linkTypes,
      mode: shared.mode,
      assertedOnly: shared.assertedOnly,
      asOf: view.filters.asOf,
      asOfTo: view.filters.asOfTo,
    };
    panel.setQuery(query);
    byId<HTMLDetailsElement>('path-section').open = true;
    const answer = await track(query);
    if (answer) await applyPaths(query, answer, restoredStep(shared.step, answer.paths.length));
    return true;
  }

  core.onRefresh(({ visibility }) => {
    panel.setAsOf(view.filters.asOf, view.filters.asOfTo);
    if (!view.path) return;
    const { query, answer, step } = view.path;
    const names = new Map(answer.entities.map((e) => [e.id, e]));
    const links = new Map(answer.links.map((l) => [l.id, l]));
    const hidden = hiddenOnPath(view, store, visibility.keptDespiteFilters);
    panel.showResult(query, answer, step, links, names, hidden);
  });

  return {
    findPaths,
    showStep,
    repeatSearch,
    openFinder,
    reopen,
    /** The form as it is now (saved with an investigation). */
    settings: () => panel.settings(),
    /** Fills the form (an opened investigation's), without searching. */
    setSettings: (settings: PathFinderForm) => panel.setSettings(settings),
  };
}
