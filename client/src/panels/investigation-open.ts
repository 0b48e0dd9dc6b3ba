/**
 * Opening a saved investigation: the canvas is replaced by exactly what was saved — entities at
 * their stored positions (no layout runs), pins, filters, date, highlighted paths, the path
 * finder's settings, zoom and pan. Entities, paths or path ends the graph no longer has are
 * left out and named in `problems`.
 */
import type { OpenedInvestigation } from '../api/investigations-api';
import { addToStore } from '../state/graph-store';
import {
  type SavedPathFinder,
  savedPathsAnswer,
  viewFromCanvas,
} from '../state/investigation-canvas';
import { clearPath, showPaths } from '../state/view';
import { byId } from '../ui/dom';
import type { InvestigationSession } from './investigation-session';

export interface Opened {
  investigation: OpenedInvestigation;
  /** What could not be restored, in words. */
  problems: string[];
}

export function createInvestigationOpener(session: InvestigationSession) {
  const { ctx, investigations } = session;
  const { activity, api, store, view, canvas } = ctx;

  /** Fills the path finder as saved; an end the graph no longer has is left empty (and said). */
  async function restorePathFinder(saved: SavedPathFinder, problems: string[]) {
    const ids = [saved.fromId, saved.toId].filter((id): id is string => id !== null);
    const offCanvas = ids.filter((id) => !store.entities.has(id));
    const fetched = offCanvas.length
      ? await activity.track("Loading the path finder's ends", (signal) =>
          api.entitiesWithLinks(offCanvas, signal),
        )
      : undefined;
    const end = (id: string | null) =>
      id === null
        ? null
        : (store.entities.get(id) ?? fetched?.entities.find((e) => e.id === id) ?? null);
    const missing = ids.filter((id) => !end(id));
    if (missing.length)
      problems.push(`the path finder's end ${missing.join(', ')} is no longer in the graph`);
    const { fromId, toId, ...settings } = saved;
    ctx.actions.setPathFinder({ ...settings, from: end(fromId), to: end(toId) });
  }

  /** Replaces the canvas with investigation `id`; null when it is not saved (said), undefined when the request failed. */
  async function openOnCanvas(id: string): Promise<Opened | null | undefined> {
    const opened = await activity.track('Opening the investigation', (signal) =>
      investigations.open(id, signal),
    );
    if (opened === undefined) return undefined;
    if (opened === null) {
      activity.report('No such investigation:', `"${id}" is not saved on this server (deleted?).`);
      return null;
    }
    const present = {
      entities: new Set(opened.entities.map((e) => e.id)),
      links: new Set(opened.links.map((l) => l.id)),
    };
    const restored = viewFromCanvas(opened.canvas, present);
    const { state } = restored;

    // Replace the canvas: the investigation is a view of its own, not an addition to this one.
    store.entities.clear();
    store.links.clear();
    store.more.clear();
    ctx.undo.clear();
    clearPath(view, true);
    view.selected = null;
    view.pinned.clear();
    const { filters } = view;
    filters.hiddenKinds.clear();
    filters.hiddenLinkTypes.clear();
    filters.hiddenEntityIds.clear();
    for (const kind of state.hiddenKinds) filters.hiddenKinds.add(kind);
    for (const type of state.hiddenLinkTypes) filters.hiddenLinkTypes.add(type);
    for (const entity of state.hiddenEntityIds) filters.hiddenEntityIds.add(entity);
    filters.asOf = state.asOf;
    filters.asOfTo = state.asOfTo;
    view.layout = state.layout;
    // The toolbar's choice shows the view's layout (as reopening a shared link does).
    byId<HTMLSelectElement>('layout').value = state.layout;
    addToStore(store, 'Open investigation', { entities: opened.entities, links: opened.links });
    ctx.actions.clearSelection();
    ctx.refresh();
    // Positions first, pins after: a pinned (locked) node is not moved.
    canvas.place(state.positions);
    for (const pinnedId of restored.pinned) {
      view.pinned.add(pinnedId);
      canvas.setPinned(pinnedId, true);
    }
    const paths = savedPathsAnswer(restored.paths, store.entities, store.links, filters);
    if (paths) showPaths(view, paths.query, paths.answer, paths.step);
    ctx.refresh();
    if (restored.viewport) canvas.cy.viewport(restored.viewport);
    else canvas.fit();
    const problems = [...restored.problems];
    if (restored.pathFinder) await restorePathFinder(restored.pathFinder, problems);
    session.queries = restored.queries;
    return { investigation: opened, problems };
  }

  return { openOnCanvas };
}
