/**
 * The explorer's controller: owns the canvas state (store, filters, selection, path) and wires
 * the panels, the canvas and the API together. Every change ends in `refresh()`, which redraws
 * what depends on state and writes the view into the address bar.
 */

import { LIMITS } from '../../server/model/limits';
import { createApi } from './api/graphql-api';
import type { EntityDetails, EntitySummary, LinkRecord, PathAnswer } from './api/types';
import { sliderRange } from './graph/dates';
import { pathElementIds, storeToElements } from './graph/elements';
import { KIND_STYLES } from './graph/kind-style';
import { createLayoutRunner } from './graph/layout-runner';
import { LAYOUT_LABELS } from './graph/layouts';
import { pathsDuring } from './graph/path-time';
import { computeVisibility } from './graph/visibility';
import { buildViewExport } from './state/export-json';
import { addToStore, createStore, revertChange, UndoStack } from './state/graph-store';
import { buildPngCaption } from './state/png-caption';
import {
  decodeViewState,
  encodeViewState,
  LAYOUT_NAMES,
  type LayoutName,
  MAX_HOPS,
  MAX_SHARED_POSITIONS,
  type ViewState,
} from './state/url-state';
import {
  clearPath,
  createView,
  forgetMissing,
  hiddenOnPath,
  noteExpanded,
  type PathQuery,
  type PathView,
  pathSearchIsStale,
  type StepMove,
  setAsOf,
  setAsOfTo,
  showHidden,
  showPaths,
  stepPath,
  toggleHidden,
  toggleKind,
  toggleLinkType,
  togglePinned,
} from './state/view';
import { createActivity } from './ui/activity';
import { mountAnalyticsPanel } from './ui/analytics-panel';
import { createCanvas } from './ui/canvas';
import { renderEntity, renderLink, renderLoading, renderPlaceholder } from './ui/details-panel';
import { byId, h, replaceChildren, shapeIcon } from './ui/dom';
import { captionedPng } from './ui/export-png';
import { createFilterPanel } from './ui/filter-panel';
import { renderLegend } from './ui/legend';
import { createPathPanel, type NoPathHints } from './ui/path-panel';
import { mountReviewPanel } from './ui/review-panel';
import { createSearchBox } from './ui/search-box';

/** Neighbours shown per expansion before "+N more". */
const EXPAND_LIMIT = 25;
const STARTING_POINTS = [
  { id: 'person:lei-jun', name: 'Lei Jun', kind: 'PERSON' as const },
  { id: 'company:xiaomi', name: 'Xiaomi', kind: 'COMPANY' as const },
];

export function startExplorer(): void {
  const api = createApi();
  const activity = createActivity(byId('activity'), byId('banner'));
  const details = byId('details');
  const store = createStore();
  const undo = new UndoStack();
  const detailsCache = new Map<string, EntityDetails>();
  // The view's state and its named actions live in state/view.ts; this file wires them.
  const view = createView();
  const { filters, pinned } = view;

  const useWebGL = new URLSearchParams(location.search).get('renderer') === 'webgl';
  const canvas = createCanvas(
    byId('cy'),
    {
      selectEntity: (id) => void selectEntity(id),
      selectLink: (id) => selectLinkById(id),
      selectMore: (hubId) => void selectEntity(hubId, { focusMore: true }),
      clearSelection: () => clearSelection(),
      expand: (id) => void expand(id),
      moved: () => writeUrl(),
    },
    useWebGL,
  );
  const layoutRunner = createLayoutRunner(canvas.cy);
  // For the browser console and the end-to-end tests: the live Cytoscape instance.
  (window as unknown as { cy: unknown }).cy = canvas.cy;

  const search = (text: string, signal: AbortSignal) =>
    activity.attempt('Searching', () => api.search(text, signal));

  createSearchBox({
    input: byId<HTMLInputElement>('search'),
    list: byId('search-suggestions'),
    search,
    onPick: (entity) => void addEntity(entity.id, entity.name),
  });

  const pathPanel = createPathPanel({
    search,
    find: (query) => void findPaths(query),
    step: (index) => void showPathStep(index),
    clear: () => {
      clearPath(view, true);
      refresh();
    },
    selectLink: (id) => selectLinkById(id),
    selectEntity: (id) => void selectEntity(id),
  });

  const filterPanel = createFilterPanel(byId('filters'), byId('time'), {
    toggleKind(kind, visible) {
      toggleKind(view, kind, visible);
      refresh();
    },
    toggleLinkType(type, visible) {
      toggleLinkType(view, type, visible);
      refresh();
    },
    setAsOf(day, final) {
      setAsOf(view, day);
      refresh();
      if (final) repeatPathSearch();
    },
    setAsOfTo(day) {
      setAsOfTo(view, day);
      refresh();
      repeatPathSearch();
    },
    showHidden() {
      showHidden(view);
      refresh();
    },
  });
  renderLegend(byId('legend'));

  // ---------- panels of their own: who matters (analytics), possible duplicates (review) ----------
  const panelHost = {
    api,
    cy: canvas.cy,
    canvasEntityIds: () => canvas.entityIds(),
    selectEntity: (id: string) => void selectEntity(id),
    showEntity: (id: string, name: string) => void addEntity(id, name),
    fit: (ids: ReadonlySet<string>) => canvas.fit(ids),
  };
  mountAnalyticsPanel(panelHost);
  mountReviewPanel(panelHost);

  // ---------- toolbar ----------
  const layoutSelect = byId<HTMLSelectElement>('layout');
  for (const name of LAYOUT_NAMES)
    layoutSelect.append(h('option', { value: name }, LAYOUT_LABELS[name]));
  layoutSelect.addEventListener('change', () => {
    view.layout = layoutSelect.value as LayoutName;
    void runLayout(false);
  });
  byId('relayout').addEventListener('click', () => void runLayout(false));
  byId('fit').addEventListener('click', () => canvas.fit());
  const undoButton = byId<HTMLButtonElement>('undo');
  undoButton.addEventListener('click', () => undoLast());
  byId('export-png').addEventListener('click', () => void exportPng());
  byId('export-json').addEventListener('click', () => exportJson());
  byId('copy-link').addEventListener('click', () => void copyLink());

  // ---------- keyboard ----------
  document.addEventListener('keydown', (event) => {
    const typing =
      event.target instanceof HTMLInputElement ||
      event.target instanceof HTMLSelectElement ||
      event.target instanceof HTMLTextAreaElement;
    const help = byId<HTMLDialogElement>('help');
    if (help.open || event.ctrlKey || event.metaKey || event.altKey) {
      // The dialog handles its own Escape; Ctrl+Z is below.
    } else if (!typing && runShortcut(event.key)) {
      event.preventDefault();
      return;
    }
    if (event.key === '/' && !typing) {
      event.preventDefault();
      byId<HTMLInputElement>('search').focus();
    } else if (event.key === 'Escape' && !typing) {
      if (view.selected) clearSelection();
      else if (view.path) {
        clearPath(view, false);
        refresh();
      }
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !typing) {
      event.preventDefault();
      undoLast();
    }
  });
  window.addEventListener('resize', () => canvas.resize());

  /** Single-key shortcuts (listed in the `?` dialog); true when `key` was one. */
  function runShortcut(key: string): boolean {
    switch (key) {
      case '?':
        byId<HTMLDialogElement>('help').showModal();
        return true;
      case 'n':
        return showPathStep('next');
      case 'p':
        return showPathStep('previous');
      case 'a':
        return showPathStep('all-or-one');
      case 'f':
        canvas.fit();
        return true;
      case 'e':
        if (view.selected?.type !== 'entity') return false;
        void expand(view.selected.id);
        return true;
      default:
        return false;
    }
  }

  // ---------- empty state ----------
  replaceChildren(
    byId('starting-points'),
    STARTING_POINTS.map((start) =>
      h(
        'button',
        {
          type: 'button',
          class: 'start-button',
          'data-entity-id': start.id,
          onclick: () => void addEntity(start.id, start.name, { expand: true }),
        },
        shapeIcon(KIND_STYLES[start.kind].shape, KIND_STYLES[start.kind].color, 18),
        ` ${start.name}`,
        h('span', { class: 'kind-badge' }, KIND_STYLES[start.kind].label),
      ),
    ),
  );

  // ---------- state changes ----------

  function refresh(around: string | null = null) {
    const added = canvas.sync(storeToElements(store), around);
    for (const id of added) if (pinned.has(id)) canvas.setPinned(id, true);
    forgetMissing(view, store);
    const onPath = view.path ? highlightedIds(view.path) : null;
    const visibility = computeVisibility(store, filters, onPath ?? undefined);
    canvas.applyVisibility(visibility);
    canvas.highlight(onPath, view.spared);
    pathPanel.setAsOf(filters.asOf, filters.asOfTo);
    if (view.selected && !isOnCanvasOrLink(view.selected)) clearSelection(false);
    const kindCounts = new Map<EntitySummary['kind'], number>();
    for (const e of store.entities.values())
      kindCounts.set(e.kind, (kindCounts.get(e.kind) ?? 0) + 1);
    const typeCounts = new Map<LinkRecord['type'], number>();
    for (const l of store.links.values()) typeCounts.set(l.type, (typeCounts.get(l.type) ?? 0) + 1);
    filterPanel.render({
      kindCounts,
      linkTypeCounts: typeCounts,
      hiddenKinds: filters.hiddenKinds,
      hiddenLinkTypes: filters.hiddenLinkTypes,
      hiddenEntities: filters.hiddenEntityIds.size,
      asOf: filters.asOf,
      asOfTo: filters.asOfTo,
      range: sliderRange(store.links.values(), new Date().toISOString().slice(0, 10)),
      outOfDate: visibility.outOfDate.size,
    });
    byId('empty-state').hidden = store.entities.size > 0;
    undoButton.disabled = undo.size === 0;
    undoButton.title = undo.peek() ? `Undo: ${undo.peek()?.label}` : 'Nothing to undo';
    renderCanvasSummary(visibility.hiddenEntities, visibility.hiddenLinks);
    if (view.path) renderPathResult(visibility.keptDespiteFilters);
    writeUrl();
  }

  function isOnCanvasOrLink(selection: NonNullable<ViewState['selected']>): boolean {
    return selection.type === 'entity' ? store.entities.has(selection.id) : true;
  }

  function highlightedIds(shown: PathView): Set<string> {
    const paths =
      shown.step === null
        ? shown.answer.paths
        : [shown.answer.paths[shown.step]].filter((p) => p !== undefined);
    return pathElementIds(paths);
  }

  const canvasListSection = byId<HTMLDetailsElement>('canvas-list-section');
  canvasListSection.addEventListener('toggle', () => renderCanvasList());

  /** The list of entities on the canvas; built only while its section is open (2,000 rows). */
  function renderCanvasList() {
    if (!canvasListSection.open) {
      replaceChildren(byId('canvas-list'));
      return;
    }
    const entities = [...store.entities.values()].sort((a, b) => a.name.localeCompare(b.name));
    replaceChildren(
      byId('canvas-list'),
      entities.map((e) =>
        h(
          'li',
          { class: filters.hiddenEntityIds.has(e.id) ? 'hidden-entity' : null },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-entity-id': e.id,
              onclick: () => void selectEntity(e.id),
            },
            shapeIcon(KIND_STYLES[e.kind].shape, KIND_STYLES[e.kind].color, 12),
            ` ${e.name}`,
          ),
          pinned.has(e.id) ? h('span', { class: 'muted small' }, ' (pinned)') : null,
        ),
      ),
    );
  }

  function renderCanvasSummary(hiddenEntities: number, hiddenLinks: number) {
    const pathText = view.path
      ? ` · path ${view.path.step === null ? 'all' : `${view.path.step + 1}/${view.path.answer.paths.length}`} highlighted`
      : '';
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const hidden = [
      hiddenEntities ? count(hiddenEntities, 'entity', 'entities') : '',
      hiddenLinks ? count(hiddenLinks, 'link', 'links') : '',
    ].filter(Boolean);
    byId('canvas-summary').textContent =
      `${store.entities.size} entities · ${store.links.size} links${hidden.length ? ` · ${hidden.join(' and ')} hidden by filters` : ''}${filters.asOf ? ` · ${filters.asOfTo ? `${filters.asOf} to ${filters.asOfTo}` : `as of ${filters.asOf}`}` : ''}${pathText}`;
    renderCanvasList();
  }

  function currentViewState(): ViewState {
    return {
      entityIds: [...store.entities.keys()],
      selected: view.selected,
      asOf: filters.asOf,
      asOfTo: filters.asOfTo,
      hiddenKinds: [...filters.hiddenKinds],
      hiddenLinkTypes: [...filters.hiddenLinkTypes],
      hiddenEntityIds: [...filters.hiddenEntityIds],
      layout: view.layout,
      positions: store.entities.size <= MAX_SHARED_POSITIONS ? canvas.positions() : {},
      path: view.pathQuery
        ? {
            from: view.pathQuery.from.id,
            to: view.pathQuery.to.id,
            maxHops: view.pathQuery.maxHops,
            linkTypes: view.pathQuery.linkTypes,
            mode: view.pathQuery.mode,
            assertedOnly: view.pathQuery.assertedOnly,
            step: view.path?.step ?? null,
          }
        : null,
    };
  }

  function viewUrl(): string {
    const query = encodeViewState(currentViewState());
    const keep = useWebGL ? `${query ? '&' : ''}renderer=webgl` : '';
    return `${location.pathname}${query || keep ? `?${query}${keep}` : ''}`;
  }

  function writeUrl() {
    const next = viewUrl();
    if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
  }

  // ---------- actions ----------

  async function addEntity(id: string, name: string, options: { expand?: boolean } = {}) {
    if (store.entities.has(id)) {
      await selectEntity(id);
      canvas.center(id);
      if (options.expand) await expand(id);
      return;
    }
    const result = await activity.track(`Adding ${name}`, (signal) =>
      api.entityDetails(id, signal),
    );
    if (!result) return;
    detailsCache.set(id, result);
    const summary: EntitySummary = {
      id: result.id,
      name: result.name,
      kind: result.kind,
      aliases: result.aliases,
      description: result.description,
      degree: result.degree,
    };
    const change = addToStore(store, `Add ${result.name}`, {
      entities: [summary],
      links: result.links,
    });
    undo.push(change);
    refresh(null);
    canvas.center(id);
    await selectEntity(id);
    if (options.expand) await expand(id);
  }

  async function expand(
    id: string,
    options: { limit?: number; linkTypes?: LinkRecord['type'][] } = {},
  ) {
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
    refresh(id);
    const added = store.entities.size - before;
    if (added > 0) canvas.fit(new Set([id, ...change.entityIds]));
    else if (!store.more.has(id)) {
      activity.showNotice(`${entity.name}: no neighbours beyond those on the canvas.`);
    }
    if (view.selected?.type === 'entity' && view.selected.id === id) void selectEntity(id);
  }

  function undoLast() {
    const change = undo.pop();
    if (!change) return;
    revertChange(store, change);
    refresh();
    activity.showNotice(`Undone: ${change.label}.`);
  }

  async function selectEntity(id: string, options: { focusMore?: boolean } = {}) {
    if (!store.entities.has(id)) return;
    view.selected = { type: 'entity', id };
    canvas.select(id);
    writeUrl();
    let data = detailsCache.get(id);
    if (!data) {
      renderLoading(details, store.entities.get(id)?.name ?? id);
      data = await activity.track(
        `Loading the details of ${store.entities.get(id)?.name ?? id}`,
        (signal) => api.entityDetails(id, signal),
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
        pinned: pinned.has(id),
        more: store.more.get(id),
        focusMore: options.focusMore ?? false,
      },
      {
        expand: () => void expand(id),
        toggleHidden: () => {
          toggleHidden(view, id);
          clearSelection(false);
          refresh();
        },
        togglePinned: () => {
          canvas.setPinned(id, togglePinned(view, id));
          void selectEntity(id);
          refresh();
        },
        pathFrom: () => openPathFinder('from', entity),
        pathTo: () => openPathFinder('to', entity),
        goToEntity: (other) => {
          if (store.entities.has(other.id)) {
            void selectEntity(other.id);
            canvas.center(other.id);
          } else void addEntity(other.id, other.name);
        },
        selectLink: (link) => selectLink(link),
        loadMore: (linkTypes, limit) => void expand(id, { linkTypes, limit }),
      },
    );
  }

  function openPathFinder(end: 'from' | 'to', entity: EntitySummary) {
    const section = byId<HTMLDetailsElement>('path-section');
    section.open = true;
    if (end === 'from') pathPanel.setFrom(entity);
    else pathPanel.setTo(entity);
    byId<HTMLInputElement>(end === 'from' ? 'path-to' : 'path-from').focus();
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
      {
        goToEntity: (entity) => {
          if (store.entities.has(entity.id)) void selectEntity(entity.id);
          else void addEntity(entity.id, entity.name);
        },
      },
    );
    writeUrl();
  }

  function clearSelection(write = true) {
    view.selected = null;
    canvas.select(null);
    renderPlaceholder(
      details,
      'Select an entity or a link to see its details and the evidence for it.',
    );
    if (write) writeUrl();
  }

  /** One date for the whole view: the view.path search shown follows it. */
  function repeatPathSearch() {
    if (view.pathQuery && pathSearchIsStale(view)) void findPaths(view.pathQuery);
  }

  /**
   * The API's answer for a path query (the view's time is in `query.asOf`/`asOfTo`). The API
   * takes one day; for a range, every simple view.path is asked for and filtered (path-time.ts).
   */
  async function fetchPaths(query: PathQuery, signal: AbortSignal, probe?: Partial<PathQuery>) {
    const q = { ...query, ...probe };
    const range = q.asOf && q.asOfTo ? { from: q.asOf, to: q.asOfTo } : null;
    const answer = await api.paths(
      {
        from: q.from.id,
        to: q.to.id,
        maxHops: q.maxHops,
        linkTypes: q.linkTypes,
        statuses: q.assertedOnly ? ['ASSERTED'] : null,
        asOf: range ? null : q.asOf,
        mode: range ? 'ALL' : probe ? 'SHORTEST' : q.mode,
        limit: range ? LIMITS.pathLimit.max : probe ? 1 : undefined,
      },
      signal,
    );
    if (!range) return answer;
    return pathsDuring(answer, range.from, range.to, Boolean(probe) || q.mode !== 'ALL');
  }

  /** Counts view.path searches, so an answer that arrives after a newer search began is dropped. */
  let pathSearches = 0;

  async function findPaths(request: PathQuery) {
    const query = { ...request, asOf: filters.asOf, asOfTo: filters.asOfTo };
    view.pathQuery = query;
    const search = ++pathSearches;
    pathPanel.setBusy(true);
    const answer = await activity.track(
      `Finding paths from ${query.from.name} to ${query.to.name}`,
      (signal) => fetchPaths(query, signal),
    );
    if (search !== pathSearches) return;
    pathPanel.setBusy(false);
    if (!answer) {
      pathPanel.showMessage(
        'The path search failed (see the message above); the canvas is unchanged.',
      );
      return;
    }
    await applyPaths(query, answer, answer.paths.length ? 0 : null);
  }

  /** After an empty answer: is there a view.path with more hops, or at another date? */
  async function explainNoPath(query: PathQuery): Promise<NoPathHints> {
    const shortest = (probe: Partial<PathQuery>) =>
      activity
        .track('Looking for paths beyond the limits', (signal) => fetchPaths(query, signal, probe))
        .then((answer) => (answer ? (answer.paths[0]?.linkIds.length ?? null) : undefined));
    const [beyondHops, anyDate] = await Promise.all([
      query.maxHops < MAX_HOPS.max ? shortest({ maxHops: MAX_HOPS.max }) : undefined,
      query.asOf ? shortest({ asOf: null, asOfTo: null, maxHops: MAX_HOPS.max }) : undefined,
    ]);
    return { beyondHops, anyDate };
  }

  async function applyPaths(query: PathQuery, answer: PathAnswer, step: number | null) {
    let added = 0;
    if (answer.paths.length) {
      const change = addToStore(store, `Paths ${query.from.name} → ${query.to.name}`, {
        entities: answer.entities,
        links: answer.links,
      });
      undo.push(change);
      added = change.entityIds.length;
    }
    showPaths(view, query, answer, step);
    refresh(store.entities.has(query.from.id) ? query.from.id : null);
    if (!view.path) {
      const search = pathSearches;
      pathPanel.showNoPath(query, {});
      const hints = await explainNoPath(query);
      if (search === pathSearches) pathPanel.showNoPath(query, hints);
      return;
    }
    // Entities new to the canvas were dropped near the start; a gentle incremental layout
    // gives the path its own shape. Otherwise nothing moves.
    const highlighted = highlightedIds(view.path);
    if (added > 0) void runLayout(true).then(() => canvas.fit(highlighted));
    else canvas.fit(highlighted);
  }

  /** Shows another of the paths found; false when none is shown. */
  function showPathStep(move: StepMove): boolean {
    if (!stepPath(view, move) || !view.path) return false;
    refresh();
    canvas.fit(highlightedIds(view.path));
    return true;
  }

  function renderPathResult(kept: ReadonlySet<string>) {
    if (!view.path) return;
    const names = new Map<string, EntitySummary>();
    for (const e of view.path.answer.entities) names.set(e.id, e);
    const links = new Map(view.path.answer.links.map((l) => [l.id, l]));
    pathPanel.showResult(
      view.path.query,
      view.path.answer,
      view.path.step,
      links,
      names,
      hiddenOnPath(view, store, kept),
    );
  }

  async function runLayout(incremental: boolean) {
    if (store.entities.size === 0) return;
    const selectedEntity = view.selected?.type === 'entity' ? [view.selected.id] : [];
    const result = await activity.track(`Laying out ${store.entities.size} entities`, () =>
      layoutRunner.run(view.layout, { incremental, roots: selectedEntity, fit: true }),
    );
    if (result) {
      performance.mark('threadline:layout-settled', { detail: result });
      byId('canvas-summary').dataset.layoutMs = String(Math.round(result.totalMs));
    }
    writeUrl();
  }

  function download(blob: Blob, name: string) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function fileStem() {
    return `threadline-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}`;
  }

  /** The view as exported: what is drawn (a highlighted view.path whole), with its sources. */
  function currentExport() {
    const visibility = computeVisibility(
      store,
      filters,
      view.path ? highlightedIds(view.path) : undefined,
    );
    return buildViewExport(store, {
      hidden: visibility.hidden,
      asOf: filters.asOf,
      exportedAt: new Date().toISOString(),
      viewUrl: location.href,
    });
  }

  async function exportPng() {
    if (store.entities.size === 0) {
      activity.showNotice('The canvas is empty; add an entity first.');
      return;
    }
    const caption = buildPngCaption(
      currentExport(),
      view.path
        ? {
            from: view.path.query.from.name,
            to: view.path.query.to.name,
            step: view.path.step,
            count: view.path.answer.paths.length,
          }
        : null,
    );
    const png = await activity.track('Drawing the PNG', () => captionedPng(canvas.png(), caption));
    if (png) download(png, `${fileStem()}.png`);
  }

  function exportJson() {
    download(
      new Blob([JSON.stringify(currentExport(), null, 2)], { type: 'application/json' }),
      `${fileStem()}.json`,
    );
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      activity.showNotice('Link to this view copied.');
    } catch {
      activity.showNotice(`Copy this address to share the view: ${location.href}`);
    }
  }

  // ---------- reopening a shared view ----------

  async function restore() {
    const { state, problems } = decodeViewState(location.search);
    view.layout = state.layout;
    layoutSelect.value = view.layout;
    filters.asOf = state.asOf;
    filters.asOfTo = state.asOfTo;
    for (const k of state.hiddenKinds) filters.hiddenKinds.add(k);
    for (const t of state.hiddenLinkTypes) filters.hiddenLinkTypes.add(t);
    const restoreIds = [...new Set([...state.entityIds])];
    if (restoreIds.length) {
      const result = await activity.track(
        `Reopening the shared view (${restoreIds.length} entities)`,
        (signal) => api.entitiesWithLinks(restoreIds, signal),
      );
      if (result) {
        addToStore(store, 'Reopen view', { entities: result.entities, links: result.links });
        for (const id of state.hiddenEntityIds) filters.hiddenEntityIds.add(id);
        if (result.missing.length)
          problems.push(
            `${result.missing.length} entit${result.missing.length === 1 ? 'y is' : 'ies are'} no longer in the graph (${result.missing.join(', ')})`,
          );
      }
    }
    refresh();
    performance.mark('threadline:first-render', { detail: { nodes: store.entities.size } });
    // A shared view opens with its entities where they were; otherwise it is laid out.
    const placed = [...store.entities.keys()].every((id) => state.positions[id]);
    if (placed && store.entities.size > 0) {
      canvas.place(state.positions);
      canvas.fit();
    } else if (store.entities.size > 1) await runLayout(false);
    else canvas.fit();
    if (state.path) {
      const from = store.entities.get(state.path.from);
      const to = store.entities.get(state.path.to);
      if (from && to) {
        const query: PathQuery = {
          from,
          to,
          maxHops: state.path.maxHops,
          linkTypes: state.path.linkTypes,
          mode: state.path.mode,
          assertedOnly: state.path.assertedOnly,
          asOf: filters.asOf,
          asOfTo: filters.asOfTo,
        };
        pathPanel.setQuery(query);
        byId<HTMLDetailsElement>('path-section').open = true;
        const answer = await activity.track(
          `Finding paths from ${from.name} to ${to.name}`,
          (signal) => fetchPaths(query, signal),
        );
        if (answer) {
          const step =
            state.path.step !== null && state.path.step < answer.paths.length
              ? state.path.step
              : answer.paths.length
                ? 0
                : null;
          await applyPaths(query, answer, step);
        }
      } else {
        problems.push('the path in the link starts or ends at an entity that is not on the canvas');
      }
    }
    undo.clear();
    refresh();
    if (state.selected?.type === 'entity') await selectEntity(state.selected.id);
    else if (state.selected?.type === 'link') selectLinkById(state.selected.id);
    else clearSelection();
    if (problems.length)
      activity.report('Parts of this link could not be used:', `${problems.join('; ')}.`);
    document.body.dataset.ready = 'true';
  }

  void restore();
}
