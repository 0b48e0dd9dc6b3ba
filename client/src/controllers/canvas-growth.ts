/**
 * What the user puts on the canvas and takes back: adding an entity with its links to what is
 * there, expanding a node's neighbours (with "+N more" for hubs), and Undo with its button.
 */
import type { EntitySummary, LinkType } from '../api/types';
import { addToStore, revertChange } from '../state/graph-store';
import { noteExpanded } from '../state/view';
import { byId } from '../ui/dom';
import type { ExplorerActions, ExplorerCore } from './context';

/** Neighbours shown per expansion before "+N more". */
export const EXPAND_LIMIT = 25;

export interface CanvasGrowthDeps {
  selectEntity: ExplorerActions['selectEntity'];
}

export function createCanvasGrowth(core: ExplorerCore, deps: CanvasGrowthDeps) {
  const { store, view, canvas, activity, api, undo } = core;

  async function addEntity(id: string, name: string, options: { expand?: boolean } = {}) {
    if (store.entities.has(id)) {
      await deps.selectEntity(id);
      canvas.center(id);
      if (options.expand) await expand(id);
      return;
    }
    const result = await activity.track(`Adding ${name}`, (signal) =>
      api.entityDetails(id, signal),
    );
    if (!result) return;
    core.detailsCache.set(id, result);
    const summary: EntitySummary = {
      id: result.id,
      name: result.name,
      kind: result.kind,
      aliases: result.aliases,
      description: result.description,
      degree: result.degree,
    };
    undo.push(
      addToStore(store, `Add ${result.name}`, { entities: [summary], links: result.links }),
    );
    core.refresh(null);
    canvas.center(id);
    await deps.selectEntity(id);
    if (options.expand) await expand(id);
  }

  async function expand(id: string, options: { limit?: number; linkTypes?: LinkType[] } = {}) {
    const entity = store.entities.get(id);
    if (!entity) return;
    const limit = options.limit ?? EXPAND_LIMIT;
    const linkTypes = options.linkTypes?.length ? options.linkTypes : null;
    const answer = await activity.track(`Loading the neighbours of ${entity.name}`, (signal) =>
      api.neighborhood(id, { limit, linkTypes }, signal),
    );
    if (!answer) return;
    const before = store.entities.size;
    const change = addToStore(store, `Expand ${entity.name}`, {
      entities: answer.entities,
      links: answer.links,
      truncated: answer.truncated,
      expanded: [id],
      expansion: { linkTypes, limit },
    });
    undo.push(change);
    noteExpanded(view, [id, ...change.entityIds, ...change.linkIds]);
    core.refresh(id);
    if (store.entities.size > before) canvas.fit(new Set([id, ...change.entityIds]));
    else if (!store.more.has(id)) {
      activity.showNotice(`${entity.name}: no neighbours beyond those on the canvas.`);
    }
    // The details panel shows the hub's "+N more" as it is now.
    if (view.selected?.type === 'entity' && view.selected.id === id) void deps.selectEntity(id);
  }

  function undoLast() {
    const change = undo.pop();
    if (!change) return;
    revertChange(store, change);
    core.refresh();
    activity.showNotice(`Undone: ${change.label}.`);
  }

  const undoButton = byId<HTMLButtonElement>('undo');
  undoButton.addEventListener('click', () => undoLast());
  core.onRefresh(() => {
    byId('empty-state').hidden = store.entities.size > 0;
    undoButton.disabled = undo.size === 0;
    undoButton.title = undo.peek() ? `Undo: ${undo.peek()?.label}` : 'Nothing to undo';
  });

  return { addEntity, expand, undoLast };
}
