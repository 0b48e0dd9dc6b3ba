/**
 * Selection and the details panel: selecting an entity (its details, fetched once) or a link
 * (its evidence), clearing the selection, and the panel's buttons.
 */
import type { EntitySummary, LinkRecord } from '../api/types';
import { toggleHidden, togglePinned } from '../state/view';
import { renderEntity, renderLink, renderLoading, renderPlaceholder } from '../ui/details-panel';
import { byId } from '../ui/dom';
import type { ExplorerActions, ExplorerCore } from './context';

export interface SelectionDeps {
  addEntity: ExplorerActions['addEntity'];
  expand: ExplorerActions['expand'];
  openPathFinder(end: 'from' | 'to', entity: EntitySummary): void;
}

export function createSelection(core: ExplorerCore, deps: SelectionDeps) {
  const { store, view, canvas, activity, api, detailsCache } = core;
  const details = byId('details');

  /** An entity's neighbour or a link's end: on the canvas already, or added and selected. */
  function goToEntity(entity: { id: string; name: string }, center: boolean) {
    if (!store.entities.has(entity.id)) {
      void deps.addEntity(entity.id, entity.name);
      return;
    }
    void selectEntity(entity.id);
    if (center) canvas.center(entity.id);
  }

  async function selectEntity(id: string, options: { focusMore?: boolean } = {}) {
    if (!store.entities.has(id)) return;
    view.selected = { type: 'entity', id };
    canvas.select(id);
    core.writeUrl();
    let data = detailsCache.get(id);
    if (!data) {
      const name = store.entities.get(id)?.name ?? id;
      renderLoading(details, name);
      data = await activity.track(`Loading the details of ${name}`, (signal) =>
        api.entityDetails(id, signal),
      );
      if (!data) {
        if (view.selected?.id === id)
          renderPlaceholder(
            details,
            'The details could not be loaded; select the entity again to retry.',
          );
        return;
      }
      detailsCache.set(id, data);
    }
    if (view.selected?.type !== 'entity' || view.selected.id !== id) return; // the user moved on meanwhile
    const entity = data;
    renderEntity(
      details,
      entity,
      {
        onCanvas: (other) => store.entities.has(other),
        pinned: view.pinned.has(id),
        more: store.more.get(id),
        focusMore: options.focusMore ?? false,
      },
      {
        expand: () => void deps.expand(id),
        toggleHidden: () => {
          toggleHidden(view, id);
          clearSelection(false);
          core.refresh();
        },
        togglePinned: () => {
          canvas.setPinned(id, togglePinned(view, id));
          void selectEntity(id);
          core.refresh();
        },
        pathFrom: () => deps.openPathFinder('from', entity),
        pathTo: () => deps.openPathFinder('to', entity),
        goToEntity: (other) => goToEntity(other, true),
        selectLink: (link) => selectLink(link),
        loadMore: (linkTypes, limit) => void deps.expand(id, { linkTypes, limit }),
      },
    );
  }

  function selectLinkById(id: string) {
    const link = store.links.get(id);
    if (link) selectLink(link);
  }

  function selectLink(link: LinkRecord) {
    view.selected = { type: 'link', id: link.id };
    canvas.select(store.links.has(link.id) ? link.id : null);
    const known = (id: string) =>
      store.entities.get(id) ??
      [...detailsCache.values()].flatMap((d) => d.neighbours).find((n) => n.id === id) ??
      detailsCache.get(id);
    renderLink(
      details,
      link,
      { from: known(link.from), to: known(link.to) },
      { goToEntity: (entity) => goToEntity(entity, false) },
    );
    core.writeUrl();
  }

  /** `write`: false when the caller writes the address itself (inside a refresh). */
  function clearSelection(write = true) {
    view.selected = null;
    canvas.select(null);
    renderPlaceholder(
      details,
      'Select an entity or a link to see its details and the evidence for it.',
    );
    if (write) core.writeUrl();
  }

  // An entity that left the canvas (undo, hiding) is no longer selected.
  core.onRefresh(() => {
    if (view.selected?.type === 'entity' && !store.entities.has(view.selected.id))
      clearSelection(false);
  });

  return { selectEntity, selectLinkById, clearSelection };
}
