/**
 * A saved investigation's canvas (server/model/investigation.ts) to and from the explorer's
 * view: the same ViewState a shared link decodes to (url-state.ts), plus what a link cannot
 * hold — pins, every position however many, the viewport, the highlighted paths and saved
 * queries. Pure: the panel applies the result to the canvas. Unit-tested in
 * test/unit/client/investigation-canvas.test.ts.
 */
import type { Canvas, PathFinderSettings, SavedQuery } from '../api/investigations-api';
import {
  ENTITY_KINDS,
  type EntityKind,
  type EntitySummary,
  LINK_TYPES,
  type LinkRecord,
  type LinkType,
  type PathAnswer,
  type PathRecord,
} from '../api/types';
import {
  emptyViewState,
  LAYOUT_NAMES,
  type LayoutName,
  MAX_HOPS,
  type ViewState,
} from './url-state';
import type { PathFinderForm, PathQuery, ViewModel } from './view';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** What the canvas shows now, read from Cytoscape (and the path finder's form) by the caller. */
export interface CanvasSnapshot {
  positions: Readonly<Record<string, { x: number; y: number }>>;
  viewport: Viewport;
  pathFinder: PathFinderForm;
}

/** The path finder's form as saved: the ends by id (the caller looks up their names). */
export type SavedPathFinder = Omit<PathFinderForm, 'from' | 'to'> & {
  fromId: string | null;
  toId: string | null;
};

/** "Asserted only" is the one status filter the form offers; it is saved as the API's list. */
function pathFinderSettings(form: PathFinderForm): PathFinderSettings {
  return {
    from: form.from?.id ?? null,
    to: form.to?.id ?? null,
    maxHops: form.maxHops,
    mode: form.mode,
    linkTypes: [...form.linkTypes],
    statuses: form.assertedOnly ? ['ASSERTED'] : [],
  };
}

function savedPathFinder(settings: PathFinderSettings | null): SavedPathFinder | null {
  if (!settings) return null;
  return {
    fromId: settings.from,
    toId: settings.to,
    maxHops: Math.min(Math.max(settings.maxHops, MAX_HOPS.min), MAX_HOPS.max),
    // The form offers shortest paths (all of that length) or every path.
    mode: settings.mode === 'ALL' ? 'ALL' : 'ALL_SHORTEST',
    linkTypes: [...settings.linkTypes],
    assertedOnly: settings.statuses.length === 1 && settings.statuses[0] === 'ASSERTED',
  };
}

/**
 * The saved filter lists name what is SHOWN ("empty lists mean no filter", as in the API); the
 * view keeps what is hidden. Hiding every kind cannot be saved as such and is saved as no filter.
 */
function shown<T extends string>(all: readonly T[], hidden: ReadonlySet<T>): T[] {
  return hidden.size === 0 ? [] : all.filter((value) => !hidden.has(value));
}

function hiddenFrom<T extends string>(all: readonly T[], shownList: readonly T[]): T[] {
  return shownList.length === 0 ? [] : all.filter((value) => !shownList.includes(value));
}

/** The paths highlighted now: the one shown alone, or all of them. */
function highlightedPaths(view: ViewModel): PathRecord[] {
  const path = view.path;
  if (!path) return [];
  if (path.step === null) return path.answer.paths;
  const one = path.answer.paths[path.step];
  return one ? [one] : [];
}

/** The canvas to save: every entity on it at its position, with the view's state. */
export function canvasFromView(
  entityIds: Iterable<string>,
  view: ViewModel,
  snapshot: CanvasSnapshot,
  queries: readonly SavedQuery[],
): Canvas {
  const { filters } = view;
  const entities = [...entityIds].map((id) => {
    const at = snapshot.positions[id] ?? { x: 0, y: 0 };
    return {
      id,
      x: at.x,
      y: at.y,
      pinned: view.pinned.has(id),
      hidden: filters.hiddenEntityIds.has(id),
    };
  });
  const range = filters.asOf && filters.asOfTo;
  return {
    entities,
    filters: {
      kinds: shown(ENTITY_KINDS, filters.hiddenKinds),
      linkTypes: shown(LINK_TYPES, filters.hiddenLinkTypes),
      statuses: [],
    },
    asOf: range ? null : filters.asOf,
    asOfRange: range ? { from: filters.asOf, to: filters.asOfTo } : null,
    selectedPaths: highlightedPaths(view).map((p) => ({
      entityIds: [...p.entityIds],
      linkIds: [...p.linkIds],
    })),
    layout: {
      name: view.layout,
      zoom: snapshot.viewport.zoom,
      panX: snapshot.viewport.pan.x,
      panY: snapshot.viewport.pan.y,
    },
    queries: queries.map((q) => ({ ...q })),
    pathFinder: pathFinderSettings(snapshot.pathFinder),
  };
}

export interface OpenedView {
  /** Entities, positions, filters, time and layout, as a shared link would give them. */
  state: ViewState;
  pinned: string[];
  /** null: fit the canvas instead (no zoom was saved). */
  viewport: Viewport | null;
  paths: PathRecord[];
  queries: SavedQuery[];
  /** The path finder's form as it was saved; null: leave it as it is. */
  pathFinder: SavedPathFinder | null;
  /** What could not be restored, in words (entities gone from the graph, broken paths). */
  problems: string[];
}

function isLayoutName(name: string): name is LayoutName {
  return (LAYOUT_NAMES as readonly string[]).includes(name);
}

/**
 * The view a saved canvas restores, given what the graph still has: entities no longer in it
 * are left out, and a saved path is kept only if all its entities and links are drawn.
 */
export function viewFromCanvas(
  canvas: Canvas,
  present: { entities: ReadonlySet<string>; links: ReadonlySet<string> },
): OpenedView {
  const state = emptyViewState();
  const problems: string[] = [];
  const missing = canvas.entities.filter((e) => !present.entities.has(e.id)).map((e) => e.id);
  if (missing.length)
    problems.push(
      `${missing.length} entit${missing.length === 1 ? 'y is' : 'ies are'} no longer in the graph (${missing.join(', ')})`,
    );
  const kept = canvas.entities.filter((e) => present.entities.has(e.id));
  state.entityIds = kept.map((e) => e.id);
  for (const e of kept) state.positions[e.id] = { x: e.x, y: e.y };
  state.hiddenEntityIds = kept.filter((e) => e.hidden).map((e) => e.id);
  state.hiddenKinds = hiddenFrom<EntityKind>(ENTITY_KINDS, canvas.filters.kinds);
  state.hiddenLinkTypes = hiddenFrom<LinkType>(LINK_TYPES, canvas.filters.linkTypes);
  if (canvas.asOfRange?.from && canvas.asOfRange.to) {
    state.asOf = canvas.asOfRange.from;
    state.asOfTo = canvas.asOfRange.to > canvas.asOfRange.from ? canvas.asOfRange.to : null;
  } else {
    // A range open at one end is shown as its known day.
    state.asOf = canvas.asOf ?? canvas.asOfRange?.from ?? canvas.asOfRange?.to ?? null;
  }
  const layout = canvas.layout;
  if (layout && isLayoutName(layout.name)) state.layout = layout.name;
  const paths = canvas.selectedPaths.filter(
    (p) =>
      p.entityIds.every((id) => present.entities.has(id)) &&
      p.linkIds.every((id) => present.links.has(id)),
  );
  if (paths.length < canvas.selectedPaths.length)
    problems.push(
      `${canvas.selectedPaths.length - paths.length} of the saved paths run through links or entities no longer in the graph`,
    );
  return {
    state,
    pinned: kept.filter((e) => e.pinned).map((e) => e.id),
    viewport:
      layout?.zoom != null && layout.panX != null && layout.panY != null
        ? { zoom: layout.zoom, pan: { x: layout.panX, y: layout.panY } }
        : null,
    paths: paths.map((p) => ({ entityIds: [...p.entityIds], linkIds: [...p.linkIds] })),
    queries: canvas.queries.map((q) => ({ ...q })),
    pathFinder: savedPathFinder(canvas.pathFinder),
    problems,
  };
}

/**
 * Saved paths shown as a path answer: the path finder's ends are the first path's, its hops
 * the longest path's; one path is shown alone, several together (as they were saved).
 */
export function savedPathsAnswer(
  paths: readonly PathRecord[],
  entities: ReadonlyMap<string, EntitySummary>,
  links: ReadonlyMap<string, LinkRecord>,
  time: { asOf: string | null; asOfTo: string | null },
): { query: PathQuery; answer: PathAnswer; step: number | null } | null {
  const first = paths[0];
  const from = first && entities.get(first.entityIds[0] ?? '');
  const to = first && entities.get(first.entityIds.at(-1) ?? '');
  if (!from || !to) return null;
  const lengths = new Set(paths.map((p) => p.linkIds.length));
  const longest = Math.max(...lengths);
  const onPaths = <T>(ids: (p: PathRecord) => string[], map: ReadonlyMap<string, T>) =>
    [...new Set(paths.flatMap(ids))].flatMap((id) => {
      const found = map.get(id);
      return found ? [found] : [];
    });
  return {
    query: {
      from,
      to,
      maxHops: Math.min(Math.max(longest, MAX_HOPS.min), MAX_HOPS.max),
      linkTypes: [],
      mode: lengths.size > 1 ? 'ALL' : 'ALL_SHORTEST',
      assertedOnly: false,
      asOf: time.asOf,
      asOfTo: time.asOfTo,
    },
    answer: {
      paths: paths.map((p) => ({ entityIds: [...p.entityIds], linkIds: [...p.linkIds] })),
      hasMore: false,
      entities: onPaths((p) => p.entityIds, entities),
      links: onPaths((p) => p.linkIds, links),
    },
    step: paths.length === 1 ? 0 : null,
  };
}
