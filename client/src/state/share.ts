/**
 * The view as a shared link holds it, and back: what `encodeViewState` writes from the live view
 * and what reopening a link sets before the entities arrive. Pure.
 */
import type { GraphStore } from './graph-store';
import { MAX_SHARED_POSITIONS, type ViewState } from './url-state';
import type { ViewModel } from './view';

/** The view's state for the address bar; positions only for views small enough to keep them. */
export function sharedState(
  view: ViewModel,
  store: GraphStore,
  positions: () => ViewState['positions'],
): ViewState {
  const { filters } = view;
  const query = view.pathQuery;
  return {
    entityIds: [...store.entities.keys()],
    selected: view.selected,
    asOf: filters.asOf,
    asOfTo: filters.asOfTo,
    hiddenKinds: [...filters.hiddenKinds],
    hiddenLinkTypes: [...filters.hiddenLinkTypes],
    hiddenEntityIds: [...filters.hiddenEntityIds],
    layout: view.layout,
    positions: store.entities.size <= MAX_SHARED_POSITIONS ? positions() : {},
    path: query
      ? {
          from: query.from.id,
          to: query.to.id,
          maxHops: query.maxHops,
          linkTypes: query.linkTypes,
          mode: query.mode,
          assertedOnly: query.assertedOnly,
          step: view.path?.step ?? null,
        }
      : null,
  };
}

/**
 * Takes a shared link's layout, time and kind/type filters into the view. Hidden entities are
 * left to the caller: they count only once the entities are on the canvas.
 */
export function openSharedSettings(view: ViewModel, state: ViewState): void {
  view.layout = state.layout;
  view.filters.asOf = state.asOf;
  view.filters.asOfTo = state.asOfTo;
  for (const kind of state.hiddenKinds) view.filters.hiddenKinds.add(kind);
  for (const type of state.hiddenLinkTypes) view.filters.hiddenLinkTypes.add(type);
}

/** The path to show from a shared link's step when `count` paths came back (null: none). */
export function restoredStep(saved: number | null, count: number): number | null {
  if (saved !== null && saved < count) return saved;
  return count > 0 ? 0 : null;
}
