/**
 * What the explorer's controllers and feature panels share. The core (explorer-core.ts) holds
 * the state and redraws; controllers turn user intent into requests and state changes; a
 * feature panel is a module in `panels/` exporting `mountX(ctx: ExplorerContext)`, listed in
 * app.ts (see docs/client.md, "Adding a panel").
 */
import type { ThreadlineApi } from '../api/graphql-api';
import type { EntityDetails, LinkType } from '../api/types';
import type { Visibility } from '../graph/visibility';
import type { GraphStore, UndoStack } from '../state/graph-store';
import type { PathFinderForm, PathQuery, ViewModel } from '../state/view';
import type { Activity } from '../ui/activity';
import type { Canvas } from '../ui/canvas';

/** What a redraw computed, for whatever renders after it. */
export interface RefreshInfo {
  visibility: Visibility;
  /** Ids of the highlighted path's entities and links; null when no path is highlighted. */
  highlighted: ReadonlySet<string> | null;
}

export interface ExplorerCore {
  /** The only way to the API (api/graphql-api.ts). */
  api: ThreadlineApi;
  /** Runs requests with a loading label and reports failures in the banner. */
  activity: Activity;
  /** What is on the canvas (entities, links, hubs' "+N more"). */
  store: GraphStore;
  /** Additions to the canvas that Undo takes back. */
  undo: UndoStack;
  /** Filters and time, selection, pins, layout, the path search (state/view.ts actions). */
  view: ViewModel;
  canvas: Canvas;
  /** Entity details fetched so far, by id. */
  detailsCache: Map<string, EntityDetails>;
  /**
   * Applies the store and the view to the canvas, tells every refresh listener and writes the
   * address bar. Call it after changing `store` or `view`; `around`: where new nodes go.
   */
  refresh(around?: string | null): void;
  /** Runs `listener` at the end of every refresh (panels re-render their part there). */
  onRefresh(listener: (info: RefreshInfo) => void): void;
  /** Writes the view into the address bar (after moves and selections, which skip refresh). */
  writeUrl(): void;
}

/** The user-level commands any panel may trigger; each does its own requests and refresh. */
export interface ExplorerActions {
  addEntity(id: string, name: string, options?: { expand?: boolean }): Promise<void>;
  expand(id: string, options?: { limit?: number; linkTypes?: LinkType[] }): Promise<void>;
  selectEntity(id: string): Promise<void>;
  selectLink(id: string): void;
  clearSelection(): void;
  findPaths(query: PathQuery): Promise<void>;
  /** What the path finder's form holds now, searched or not. */
  pathFinder(): PathFinderForm;
  /** Fills the path finder's form without searching. */
  setPathFinder(settings: PathFinderForm): void;
  runLayout(): Promise<void>;
}

export interface ExplorerContext extends ExplorerCore {
  actions: ExplorerActions;
}

/** A feature panel: mounted once at start, before the view from the address is reopened. */
export type PanelMount = (ctx: ExplorerContext) => void;
