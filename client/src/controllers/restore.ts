/**
 * Reopening a shared link: the address's filters, time and layout, its entities (fetched by
 * id) where they sat, its path search with its step, and its selection. Values the link cannot
 * use are named in one message.
 */

import { counted } from '../state/counted';
import { addToStore } from '../state/graph-store';
import { openSharedSettings } from '../state/share';
import { decodeViewState, type PathState } from '../state/url-state';
import type { ExplorerCore } from './context';

export interface RestoreDeps {
  showLayoutChoice(): void;
  runLayout(incremental: boolean): Promise<void>;
  /** false when the path's ends are not on the canvas. */
  reopenPath(shared: PathState): Promise<boolean>;
  selectEntity(id: string): Promise<void>;
  selectLink(id: string): void;
  clearSelection(): void;
}

export async function restoreFromAddress(core: ExplorerCore, deps: RestoreDeps): Promise<void> {
  const { store, view, canvas, activity } = core;
  const { state, problems } = decodeViewState(location.search);
  openSharedSettings(view, state);
  deps.showLayoutChoice();
  const ids = [...new Set(state.entityIds)];
  if (ids.length) {
    const result = await activity.track(
      `Reopening the shared view (${counted(ids.length, 'entity', 'entities')})`,
      (signal) => core.api.entitiesWithLinks(ids, signal),
    );
    if (result) {
      addToStore(store, 'Reopen view', { entities: result.entities, links: result.links });
      for (const id of state.hiddenEntityIds) view.filters.hiddenEntityIds.add(id);
      const gone = result.missing.length;
      if (gone)
        problems.push(
          `${gone} entit${gone === 1 ? 'y is' : 'ies are'} no longer in the graph (${result.missing.join(', ')})`,
        );
    }
  }
  core.refresh();
  performance.mark('threadline:first-render', { detail: { nodes: store.entities.size } });
  // A shared view opens with its entities where they were; otherwise it is laid out.
  const placed = [...store.entities.keys()].every((id) => state.positions[id]);
  if (placed && store.entities.size > 0) {
    canvas.place(state.positions);
    canvas.fit();
  } else if (store.entities.size > 1) await deps.runLayout(false);
  else canvas.fit();
  if (state.path && !(await deps.reopenPath(state.path)))
    problems.push('the path in the link starts or ends at an entity that is not on the canvas');
  core.undo.clear();
  core.refresh();
  if (state.selected?.type === 'entity') await deps.selectEntity(state.selected.id);
  else if (state.selected?.type === 'link') deps.selectLink(state.selected.id);
  else deps.clearSelection();
  if (problems.length)
    activity.report('Parts of this link could not be used:', `${problems.join('; ')}.`);
  document.body.dataset.ready = 'true';
}
