/**
 * The explorer's view state — filters and time, selection, pins, layout, the path search and
 * its step — and the named actions that change it. Pure: no DOM, no Cytoscape, no requests; the
 * app applies the result to the canvas and the panels. Unit-tested in test/unit/client/view.test.ts.
 */
import type { EntityKind, EntitySummary, LinkType, PathAnswer } from '../api/types';
import type { GraphStore } from './graph-store';
import type { LayoutName, PathChoice, ViewState } from './url-state';

export interface PathQuery {
  from: EntitySummary;
  to: EntitySummary;
  maxHops: number;
  linkTypes: LinkType[];
  mode: PathChoice;
  assertedOnly: boolean;
  /** The view's as-of date (and range end) when the search ran. */
  asOf: string | null;
  asOfTo: string | null;
}

/** What the path finder's form holds, searched or not: either end may be unset. */
export interface PathFinderForm {
  from: EntitySummary | null;
  to: EntitySummary | null;
  maxHops: number;
  linkTypes: LinkType[];
  mode: PathChoice;
  assertedOnly: boolean;
}

/** A path answer being shown; `step` is the path shown alone, null for all together. */
export interface PathView {
  query: PathQuery;
  answer: PathAnswer;
  step: number | null;
}

/** Which parts of a shown path the view's filters hide (the path is drawn regardless). */
export interface HiddenOnPath {
  linkTypes: LinkType[];
  entities: string[];
}

export interface ViewModel {
  filters: {
    hiddenKinds: Set<EntityKind>;
    hiddenLinkTypes: Set<LinkType>;
    hiddenEntityIds: Set<string>;
    asOf: string | null;
    /** With `asOf`, the last day of a date range. */
    asOfTo: string | null;
  };
  selected: ViewState['selected'];
  pinned: Set<string>;
  layout: LayoutName;
  /** The paths highlighted, or null. */
  path: PathView | null;
  /** The last path search, answered or not: it follows the view's date and goes in the URL. */
  pathQuery: PathQuery | null;
  /** Elements expanded while a path is highlighted: drawn in full, not dimmed with the rest. */
  spared: Set<string>;
}

export function createView(): ViewModel {
  return {
    filters: {
      hiddenKinds: new Set(),
      hiddenLinkTypes: new Set(),
      hiddenEntityIds: new Set(),
      asOf: null,
      asOfTo: null,
    },
    selected: null,
    pinned: new Set(),
    layout: 'fcose',
    path: null,
    pathQuery: null,
    spared: new Set(),
  };
}

function toggle<T>(set: Set<T>, value: T, on: boolean): void {
  if (on) set.add(value);
  else set.delete(value);
}

export function toggleKind(view: ViewModel, kind: EntityKind, visible: boolean): void {
  toggle(view.filters.hiddenKinds, kind, !visible);
}

export function toggleLinkType(view: ViewModel, type: LinkType, visible: boolean): void {
  toggle(view.filters.hiddenLinkTypes, type, !visible);
}

/** Hides an entity by hand, or shows it again; a hidden entity is no longer selected. */
export function toggleHidden(view: ViewModel, id: string): void {
  toggle(view.filters.hiddenEntityIds, id, !view.filters.hiddenEntityIds.has(id));
  if (view.selected?.type === 'entity' && view.selected.id === id) view.selected = null;
}

export function showHidden(view: ViewModel): void {
  view.filters.hiddenEntityIds.clear();
}

/** Pins or unpins an entity; true when it is pinned now. */
export function togglePinned(view: ViewModel, id: string): boolean {
  toggle(view.pinned, id, !view.pinned.has(id));
  return view.pinned.has(id);
}

/** Whether the path search shown was made for another time than the view's. */
export function pathSearchIsStale(view: ViewModel): boolean {
  const query = view.pathQuery;
  return (
    query !== null && (query.asOf !== view.filters.asOf || query.asOfTo !== view.filters.asOfTo)
  );
}

/** Sets the view's day (null: any time); a range end no longer after it is dropped. */
export function setAsOf(view: ViewModel, day: string | null): void {
  view.filters.asOf = day;
  if (!day || (view.filters.asOfTo && view.filters.asOfTo <= day)) view.filters.asOfTo = null;
}

/** Sets the end of the date range; ignored without a start or when not after it. */
export function setAsOfTo(view: ViewModel, day: string | null): void {
  const start = view.filters.asOf;
  view.filters.asOfTo = day && start && day > start ? day : null;
}

/** Shows a path answer: highlighted when it has paths, otherwise only remembered as asked. */
export function showPaths(
  view: ViewModel,
  query: PathQuery,
  answer: PathAnswer,
  step: number | null,
): void {
  view.pathQuery = query;
  view.spared.clear();
  view.path = answer.paths.length ? { query, answer, step } : null;
}

/** Removes the highlight; `forget` also forgets the search (the Clear button). */
export function clearPath(view: ViewModel, forget: boolean): void {
  view.path = null;
  view.spared.clear();
  if (forget) view.pathQuery = null;
}

export type StepMove = 'next' | 'previous' | 'all-or-one' | number | null;

/** Moves through the shown paths (wrapping round); false when no path is shown. */
export function stepPath(view: ViewModel, move: StepMove): boolean {
  const path = view.path;
  const count = path?.answer.paths.length ?? 0;
  if (!path || count === 0) return false;
  if (move === 'next') path.step = path.step === null ? 0 : (path.step + 1) % count;
  else if (move === 'previous')
    path.step = path.step === null ? count - 1 : (path.step - 1 + count) % count;
  else if (move === 'all-or-one') path.step = path.step === null ? 0 : null;
  else path.step = move === null ? null : Math.min(Math.max(move, 0), count - 1);
  return true;
}

/** Remembers what an expansion added while a path is highlighted, so it is not dimmed. */
export function noteExpanded(view: ViewModel, ids: Iterable<string>): void {
  if (!view.path) return;
  for (const id of ids) view.spared.add(id);
}

/**
 * Drops pins, hidden entities and a highlight that refer to entities no longer on the canvas
 * (the selection is the app's to clear: it also empties the details panel).
 */
export function forgetMissing(view: ViewModel, store: GraphStore): void {
  for (const id of [...view.pinned]) if (!store.entities.has(id)) view.pinned.delete(id);
  for (const id of [...view.filters.hiddenEntityIds])
    if (!store.entities.has(id)) view.filters.hiddenEntityIds.delete(id);
  if (view.path?.answer.paths.some((p) => p.entityIds.some((id) => !store.entities.has(id))))
    clearPath(view, false);
}

/** Names what of the highlighted path the filters would hide (`kept` by computeVisibility). */
export function hiddenOnPath(
  view: ViewModel,
  store: GraphStore,
  kept: ReadonlySet<string>,
): HiddenOnPath {
  const linkTypes = new Set<LinkType>();
  const entities: string[] = [];
  for (const id of kept) {
    const link = store.links.get(id);
    if (link && view.filters.hiddenLinkTypes.has(link.type)) linkTypes.add(link.type);
    const entity = store.entities.get(id);
    if (entity) entities.push(entity.name);
  }
  return { linkTypes: [...linkTypes], entities };
}
