/**
 * The explorer's wiring: builds the core (state, canvas, redraw), the controllers that turn
 * user intent into requests and state changes, and the feature panels, then reopens the view
 * held in the address. Behaviour lives in controllers/ and panels/; this file only connects
 * them. Dependencies between controllers are passed as functions, so they may be used before
 * the controller they come from is built (the calls happen later, on user input).
 */
import { createCanvasGrowth } from './controllers/canvas-growth';
import type { ExplorerContext, PanelMount } from './controllers/context';
import { createExplorerCore } from './controllers/explorer-core';
import { mountExport } from './controllers/export';
import { createFilters } from './controllers/filters';
import { mountKeyboard } from './controllers/keyboard';
import { createLayoutControl } from './controllers/layout';
import { createPaths } from './controllers/paths';
import { restoreFromAddress } from './controllers/restore';
import { createSelection } from './controllers/selection';
import { mountAnalyticsPanel } from './panels/analytics-panel';
import { mountCanvasSummary } from './panels/canvas-summary';
import { mountInvestigations } from './panels/investigations';
import { mountReviewPanel } from './panels/review-panel';
import { mountStartingPoints } from './panels/starting-points';
import { byId } from './ui/dom';
import { renderLegend } from './ui/legend';
import { createSearchBox } from './ui/search-box';

/** Feature panels, mounted in this order; each exports `mountX(ctx)` (docs/client.md). */
const PANELS: readonly PanelMount[] = [
  mountStartingPoints,
  mountCanvasSummary,
  mountInvestigations,
  mountAnalyticsPanel, // who matters here? (issue 21)
  mountReviewPanel, // possible duplicates and joined records (issue 17)
];

export function startExplorer(): void {
  const core = createExplorerCore({
    selectEntity: (id) => void selection.selectEntity(id),
    selectLink: (id) => selection.selectLinkById(id),
    selectMore: (hubId) => void selection.selectEntity(hubId, { focusMore: true }),
    clearSelection: () => selection.clearSelection(),
    expand: (id) => void growth.expand(id),
    moved: () => core.writeUrl(),
  });
  const { activity, api } = core;
  const search = (text: string, signal: AbortSignal) =>
    activity.attempt('Searching', () => api.search(text, signal));

  const layout = createLayoutControl(core);
  const selection = createSelection(core, {
    addEntity: (id, name, options) => growth.addEntity(id, name, options),
    expand: (id, options) => growth.expand(id, options),
    openPathFinder: (end, entity) => paths.openFinder(end, entity),
  });
  const growth = createCanvasGrowth(core, { selectEntity: (id) => selection.selectEntity(id) });
  const paths = createPaths(core, {
    search,
    selectEntity: (id) => selection.selectEntity(id),
    selectLink: (id) => selection.selectLinkById(id),
    runLayout: (incremental) => layout.runLayout(incremental),
  });
  createFilters(core, { repeatPathSearch: () => paths.repeatSearch() });
  mountExport(core);
  mountKeyboard(core, {
    expand: (id) => void growth.expand(id),
    undo: () => growth.undoLast(),
    clearSelection: () => selection.clearSelection(),
    stepPath: (move) => paths.showStep(move),
  });
  createSearchBox({
    input: byId<HTMLInputElement>('search'),
    list: byId('search-suggestions'),
    search,
    onPick: (entity) => void growth.addEntity(entity.id, entity.name),
  });
  renderLegend(byId('legend'));

  const ctx: ExplorerContext = {
    ...core,
    actions: {
      addEntity: growth.addEntity,
      expand: growth.expand,
      selectEntity: (id) => selection.selectEntity(id),
      selectLink: selection.selectLinkById,
      clearSelection: () => selection.clearSelection(),
      findPaths: paths.findPaths,
      pathFinder: paths.settings,
      setPathFinder: paths.setSettings,
      runLayout: () => layout.runLayout(false),
    },
  };
  for (const mount of PANELS) mount(ctx);

  void restoreFromAddress(core, {
    showLayoutChoice: layout.showChoice,
    runLayout: layout.runLayout,
    reopenPath: paths.reopen,
    selectEntity: (id) => selection.selectEntity(id),
    selectLink: selection.selectLinkById,
    clearSelection: () => selection.clearSelection(),
  });
}
