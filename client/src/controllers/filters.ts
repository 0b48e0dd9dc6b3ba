/**
 * Filters and time: the filter panel's choices become view actions; a new as-of date or range
 * searches the shown paths again, so the whole view has one date.
 */
import { sliderRange } from '../graph/dates';
import { countOnCanvas } from '../state/canvas-summary';
import { setAsOf, setAsOfTo, showHidden, toggleKind, toggleLinkType } from '../state/view';
import { byId } from '../ui/dom';
import { createFilterPanel } from '../ui/filter-panel';
import type { ExplorerCore } from './context';

export function createFilters(core: ExplorerCore, deps: { repeatPathSearch(): void }) {
  const { view, store } = core;
  const panel = createFilterPanel(byId('filters'), byId('time'), {
    toggleKind(kind, visible) {
      toggleKind(view, kind, visible);
      core.refresh();
    },
    toggleLinkType(type, visible) {
      toggleLinkType(view, type, visible);
      core.refresh();
    },
    setAsOf(day, final) {
      setAsOf(view, day);
      core.refresh();
      if (final) deps.repeatPathSearch();
    },
    setAsOfTo(day) {
      setAsOfTo(view, day);
      core.refresh();
      deps.repeatPathSearch();
    },
    showHidden() {
      showHidden(view);
      core.refresh();
    },
  });

  core.onRefresh(({ visibility }) => {
    const counts = countOnCanvas(store);
    const { filters } = view;
    panel.render({
      kindCounts: counts.kinds,
      linkTypeCounts: counts.linkTypes,
      hiddenKinds: filters.hiddenKinds,
      hiddenLinkTypes: filters.hiddenLinkTypes,
      hiddenEntities: filters.hiddenEntityIds.size,
      asOf: filters.asOf,
      asOfTo: filters.asOfTo,
      range: sliderRange(store.links.values(), new Date().toISOString().slice(0, 10)),
      outOfDate: visibility.outOfDate.size,
    });
  });
}
