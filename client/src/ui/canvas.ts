/**
 * The Cytoscape canvas: keeps it in step with the store, places new neighbours next to the
 * entity they came from, applies filters and path highlights, and reports user gestures.
 * Large additions arrive in chunks (graph/arrival.ts), laid out in the worker first when they
 * make up most of the picture; the canvas remembers the filters, highlight, pins and selection
 * it was asked to show and gives them to elements as they arrive.
 */
import cytoscape, {
  type Collection,
  type Core,
  type EdgeSingular,
  type ElementDefinition,
  type NodeSingular,
} from 'cytoscape';
import { createArrivalQueue } from '../graph/arrival';
import { LabelObstacles, placeEdgeLabel } from '../graph/edge-label';
import { diffElements, isMoreElementId, MORE_PREFIX } from '../graph/elements';
import type { LayoutInput, Positions } from '../graph/fcose-positions';
import { fcoseInWorker } from '../graph/fcose-worker';
import { type Point, placeAround } from '../graph/placement';
import { buildStylesheet, DETAIL_CLASS, LARGE_GRAPH_ELEMENTS } from '../graph/stylesheet';
import { boxAround, fitViewport } from '../graph/viewport';
import type { Visibility } from '../graph/visibility';

export interface CanvasEvents {
  selectEntity(id: string): void;
  selectLink(id: string): void;
  selectMore(hubId: string): void;
  clearSelection(): void;
  expand(id: string): void;
  /** The user dragged nodes to new places. */
  moved(): void;
}

interface RendererFlags {
  textureOnViewport?: boolean;
  hideEdgesOnViewport?: boolean;
}

/** Fitting a few nodes fills the view, but one or two should not become huge blobs. */
export const MAX_FIT_ZOOM = 2.2;

/** Additions of this many elements or more arrive in chunks instead of in one task. */
export const CHUNKED_FROM = 500;

/**
 * A chunked addition of at least this many nodes, at least twice as many as the canvas holds,
 * is laid out in the worker before anything is drawn: the picture is mostly new anyway, and
 * the first frame is then the final one instead of rings that a layout moves seconds later.
 */
export const LAYOUT_FIRST_FROM = 300;

/** Labels and arrows are drawn in a large graph from this zoom on (11 px labels reach 7 px). */
export const DETAIL_ZOOM = 0.65;

/** At most this many elements get labels and arrows at once (each costs a restyle). */
const MAX_DETAILED = 3000;

/** Node size for layouts computed before the nodes are drawn (the stylesheet's 34 px). */
const NODE_SIZE = 34;

/** The badge of a hub's omitted neighbours sits this far up and right of the hub. */
function badgeSpot(hub: Point): Point {
  return { x: hub.x + 60, y: hub.y - 40 };
}

export function createCanvas(container: HTMLElement, events: CanvasEvents, useWebGL: boolean) {
  const cy: Core = cytoscape({
    container,
    style: buildStylesheet(),
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    selectionType: 'single',
    // The experimental WebGL renderer (Cytoscape ≥ 3.31); opt-in, see docs/client.md.
    webgl: useWebGL,
  });

  let suppressEvents = false;
  cy.on('tap', 'node', (event) => {
    if (suppressEvents) return;
    const node = event.target as NodeSingular;
    if (node.hasClass('more')) events.selectMore(String(node.data('hub')));
    else events.selectEntity(node.id());
  });
  cy.on('tap', 'edge', (event) => {
    if (suppressEvents || isMoreElementId(event.target.id())) return;
    events.selectLink(event.target.id());
  });
  cy.on('tap', (event) => {
    if (event.target === cy) events.clearSelection();
  });
  cy.on('dragfree', 'node', () => events.moved());
  cy.on('dbltap', 'node', (event) => {
    const node = event.target as NodeSingular;
    events.expand(node.hasClass('more') ? String(node.data('hub')) : node.id());
  });

  let large = false;
  // What the canvas was last asked to show, for elements that arrive later.
  let shownVisibility: Visibility | null = null;
  let shownHighlight: { ids: ReadonlySet<string>; spared: ReadonlySet<string> } | null = null;
  const pinnedIds = new Set<string>();
  let selectedId: string | null = null;
  /** A fit asked for while elements were still arriving: done once they are all there. */
  let deferredFit: { ids?: ReadonlySet<string> } | null = null;
  let arrivalStarted = 0;
  let firstFrameMarked = true;

  const arrivals = createArrivalQueue(cy, {
    onChunk(added) {
      styleVisibility(added);
      styleHighlight(added);
      added.nodes().forEach((node) => {
        if (pinnedIds.has(node.id())) {
          node.addClass('pinned');
          node.lock();
        }
      });
      if (selectedId && added.getElementById(selectedId).nonempty()) select(selectedId);
      if (!firstFrameMarked) {
        firstFrameMarked = true;
        cy.one('render', () => mark('threadline:arrival-first-frame'));
      }
    },
    onIdle() {
      relabel();
      updateDetail();
      if (deferredFit) {
        const { ids } = deferredFit;
        deferredFit = null;
        fitInView(ids);
      }
      cy.one('render', () => mark('threadline:arrival-settled'));
    },
  });

  /** Timings of a chunked addition, read by the scale test and the benchmark. */
  function mark(name: string) {
    performance.mark(name, {
      detail: { ms: performance.now() - arrivalStarted, elements: cy.elements().length },
    });
  }

  /**
   * Edge labels sit beside their line by its angle, clear of node bodies and labels and of the
   * labels placed before them (edge-label.ts): recompute when nodes have moved.
   */
  function relabel() {
    if (large) return;
    const labelOnly = { includeNodes: false, includeEdges: false, includeLabels: true };
    const obstacles = new LabelObstacles();
    cy.nodes(':visible').forEach((node) => {
      obstacles.add(node.boundingBox({ includeLabels: false, includeOverlays: false }));
      if (node.data('label'))
        obstacles.add(node.boundingBox({ ...labelOnly, includeOverlays: false }));
    });
    const margins: [EdgeSingular, Point][] = [];
    cy.edges(':visible').forEach((edge) => {
      if (!edge.data('label')) return;
      const box = edge.boundingBox({ ...labelOnly, includeOverlays: false });
      const current = {
        x: Number(edge.data('labelDx') ?? 0),
        y: Number(edge.data('labelDy') ?? 0),
      };
      const placed = placeEdgeLabel(
        {
          source: edge.source().position(),
          target: edge.target().position(),
          centre: { x: (box.x1 + box.x2) / 2 - current.x, y: (box.y1 + box.y2) / 2 - current.y },
          width: box.w,
          height: box.h,
        },
        obstacles,
      );
      margins.push([edge, placed.margin]);
    });
    cy.batch(() => {
      for (const [edge, m] of margins)
        if (edge.data('labelDx') !== m.x || edge.data('labelDy') !== m.y)
          edge.data({ labelDx: m.x, labelDy: m.y });
    });
  }
  cy.on('layoutstop dragfree', relabel);
  /**
   * Switches to the cheaper drawing (and back) when the graph crosses the size threshold;
   * called with the count the canvas is about to hold, so the switch happens while it is small.
   */
  function tuneForSize(elements: number) {
    const nowLarge = elements >= LARGE_GRAPH_ELEMENTS;
    if (nowLarge === large) return;
    large = nowLarge;
    cy.style(buildStylesheet({ large }));
    // Cached textures while moving keep big graphs smooth; small ones look better live.
    const renderer = (cy as unknown as { renderer(): RendererFlags }).renderer();
    renderer.textureOnViewport = large;
    renderer.hideEdgesOnViewport = large;
    if (!large) cy.elements(`.${DETAIL_CLASS}`).removeClass(DETAIL_CLASS);
  }

  /**
   * Level of detail: in a large graph, what is in view gets labels and arrows once the zoom
   * makes them legible, and loses them when zoomed out. Restyling only those keeps it cheap.
   */
  function updateDetail() {
    if (!large) return;
    const detailed = cy.elements(`.${DETAIL_CLASS}`);
    if (cy.zoom() < DETAIL_ZOOM) {
      if (detailed.nonempty()) detailed.removeClass(DETAIL_CLASS);
      return;
    }
    const view = cy.extent();
    const inView = (p: Point) =>
      p.x >= view.x1 && p.x <= view.x2 && p.y >= view.y1 && p.y <= view.y2;
    const nodes = cy.nodes().filter((node) => inView(node.position()));
    const wanted = nodes.union(nodes.connectedEdges()).slice(0, MAX_DETAILED);
    cy.batch(() => {
      detailed.difference(wanted).removeClass(DETAIL_CLASS);
      wanted.difference(detailed).addClass(DETAIL_CLASS);
    });
  }
  let detailTimer: ReturnType<typeof setTimeout> | undefined;
  cy.on('viewport', () => {
    if (!large) return;
    clearTimeout(detailTimer);
    // After the gesture: restyling during it would cost frames.
    detailTimer = setTimeout(updateDetail, 120);
  });

  /** Gives `elements` the filter classes last asked for; true when any was shown or hidden. */
  function styleVisibility(elements: Collection): boolean {
    const visibility = shownVisibility;
    if (!visibility) return false;
    let shownOrHidden = false;
    elements.forEach((element) => {
      // Only touch elements whose state changes: class changes restyle the element.
      const hidden = visibility.hidden.has(element.id());
      if (element.hasClass('filtered') !== hidden) {
        element.toggleClass('filtered', hidden);
        shownOrHidden = true;
      }
      const faded = visibility.outOfDate.has(element.id());
      if (element.hasClass('out-of-date') !== faded) element.toggleClass('out-of-date', faded);
    });
    return shownOrHidden;
  }

  function styleHighlight(elements: Collection) {
    const highlight = shownHighlight;
    if (!highlight) return;
    elements.forEach((element) => {
      if (highlight.ids.has(element.id())) element.addClass('on-path');
      else if (!highlight.spared.has(element.id())) element.addClass('dimmed');
    });
  }

  /** Selects an element without the tap handlers firing (the app already knows). */
  function select(id: string | null) {
    selectedId = id;
    suppressEvents = true;
    cy.elements(':selected').unselect();
    if (id) cy.getElementById(id).select();
    suppressEvents = false;
  }

  /** Fits the given elements (default: all visible) in view, never zooming in past MAX_FIT_ZOOM. */
  function fitInView(ids?: ReadonlySet<string>) {
    if (arrivals.busy) {
      deferredFit = { ids };
      return;
    }
    const chosen = ids ? cy.elements().filter((e) => ids.has(e.id())) : cy.elements(':visible');
    const target = chosen.nonempty() ? chosen : cy.elements();
    if (target.empty()) return;
    // A large graph is fitted by its nodes' centres: a bounding box with labels would make
    // Cytoscape measure thousands of them first.
    const box = large
      ? boxAround(
          target.nodes().map((n) => n.position()),
          NODE_SIZE,
        )
      : target.boundingBox();
    if (!box) return;
    const { zoom, pan } = fitViewport(
      box,
      { width: cy.width(), height: cy.height() },
      { padding: 50, minZoom: cy.minZoom(), maxZoom: MAX_FIT_ZOOM },
    );
    // A new fit replaces one still running (stepping through paths quickly queued them).
    cy.stop(true);
    cy.animate({ zoom, pan, duration: 300 });
  }

  /**
   * Lays out the canvas's nodes and the arriving ones together in the worker and puts the
   * arriving ones there before they are drawn; nodes already drawn move there too, pinned ones
   * stay. Badges follow their hubs.
   */
  async function layOutFirst(arriving: ElementDefinition[]): Promise<Positions | null> {
    const nodes: LayoutInput['nodes'] = [];
    const edges: LayoutInput['edges'] = [];
    const isBadge = (id: string) => id.startsWith(MORE_PREFIX);
    cy.nodes().forEach((node) => {
      if (isBadge(node.id())) return;
      const { x, y } = node.position();
      nodes.push({
        id: node.id(),
        x,
        y,
        width: NODE_SIZE,
        height: NODE_SIZE,
        fixed: node.locked(),
      });
    });
    const queuedEdges: ElementDefinition[] = [];
    for (const element of arrivals.definitions()) {
      const id = String(element.data.id);
      if (element.group === 'edges') queuedEdges.push(element);
      else if (!isBadge(id)) {
        const p = element.position ?? { x: 0, y: 0 };
        nodes.push({ id, x: p.x, y: p.y, width: NODE_SIZE, height: NODE_SIZE, fixed: false });
      }
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edgeOf = (id: string, source: string, target: string) => {
      if (ids.has(source) && ids.has(target)) edges.push({ id, source, target });
    };
    cy.edges().forEach((edge) => {
      edgeOf(edge.id(), edge.source().id(), edge.target().id());
    });
    for (const e of queuedEdges)
      edgeOf(String(e.data.id), String(e.data.source), String(e.data.target));
    let positions: Positions;
    try {
      ({ positions } = await fcoseInWorker({ incremental: false, nodes, edges }));
    } catch {
      return null; // the rings placed beforehand stay
    }
    const spots: Positions = { ...positions };
    for (const element of arriving) {
      const hub = element.data.hub ? String(element.data.hub) : null;
      const hubSpot = hub ? positions[hub] : undefined;
      if (hubSpot) spots[String(element.data.id)] = badgeSpot(hubSpot);
    }
    // The first frame shows the whole picture: fit to the final positions before drawing.
    const box = boxAround(Object.values(positions), NODE_SIZE);
    if (box) {
      cy.viewport(
        fitViewport(
          box,
          { width: cy.width(), height: cy.height() },
          { padding: 50, minZoom: cy.minZoom(), maxZoom: MAX_FIT_ZOOM },
        ),
      );
    }
    return spots;
  }

  return {
    cy,
    /**
     * Makes the canvas show `elements`. New nodes go around `around` (the expanded entity), or
     * around the viewport centre; returns the ids added.
     */
    sync(elements: ElementDefinition[], around: string | null): string[] {
      const current = new Set(cy.elements().map((e) => e.id()));
      for (const id of arrivals.ids()) current.add(id);
      const diff = diffElements(current, elements);
      const nodes = diff.add.filter((e) => e.group === 'nodes');
      const edges = diff.add.filter((e) => e.group === 'edges');
      cy.batch(() => {
        for (const id of diff.remove) if (!arrivals.drop(id)) cy.getElementById(id).remove();
        for (const element of diff.update) {
          const queued = arrivals.get(String(element.data.id));
          if (queued) queued.data = { ...queued.data, ...element.data };
          else cy.getElementById(String(element.data.id)).data(element.data);
        }
      });
      tuneForSize(current.size - diff.remove.length + diff.add.length);
      const center = around ? cy.getElementById(around) : null;
      const origin: Point = center?.nonempty()
        ? center.position()
        : (() => {
            const extent = cy.extent();
            return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
          })();
      const others = cy.nodes().map((n) => n.position());
      const spots =
        nodes.length === 1 && !center?.nonempty() && cy.nodes().length === 0
          ? [origin]
          : placeAround(origin, nodes.length, others);
      const hubSpot = (hub: string): Point | undefined => {
        const onCanvas = cy.getElementById(hub);
        if (onCanvas.nonempty()) return onCanvas.position();
        return arrivals.get(hub)?.position;
      };
      // "+N more" badges sit just beside their hub instead of on the ring.
      nodes.forEach((node, i) => {
        const hub = node.data.hub ? hubSpot(String(node.data.hub)) : undefined;
        node.position = hub ? badgeSpot(hub) : (spots[i] ?? origin);
      });
      if (diff.add.length === 0) {
        // Updated edges came with the default label margins: put their labels beside them again.
        relabel();
        return [];
      }
      arrivalStarted = performance.now();
      const layoutFirst =
        diff.add.length >= CHUNKED_FROM &&
        nodes.length >= LAYOUT_FIRST_FROM &&
        cy.nodes().length * 2 <= nodes.length;
      performance.mark('threadline:arrival-start', {
        detail: { nodes: nodes.length, edges: edges.length, layoutFirst },
      });
      if (diff.add.length < CHUNKED_FROM && !arrivals.busy) {
        cy.batch(() => {
          cy.add(nodes);
          cy.add(edges);
        });
        relabel();
        updateDetail();
        cy.one('render', () => {
          mark('threadline:arrival-first-frame');
          mark('threadline:arrival-settled');
        });
      } else {
        firstFrameMarked = false;
        arrivals.enqueue(nodes.concat(edges));
        // Adding (style work) goes on while the worker lays out; nothing is drawn until both
        // are done.
        if (layoutFirst) arrivals.holdFor(layOutFirst(nodes));
      }
      return diff.add.map((e) => String(e.data.id));
    },

    applyVisibility(visibility: Visibility) {
      shownVisibility = visibility;
      let shownOrHidden = false;
      cy.batch(() => {
        shownOrHidden = styleVisibility(cy.elements());
      });
      // Labels keep clear of what is drawn: a node shown again may sit where a label went.
      if (shownOrHidden) relabel();
    },

    /**
     * Highlights the given elements and dims the rest but `spared` (what the user expanded while
     * the path was shown: they asked to see it); null removes the highlight.
     */
    highlight(ids: ReadonlySet<string> | null, spared: ReadonlySet<string> = new Set()) {
      shownHighlight = ids ? { ids, spared } : null;
      cy.batch(() => {
        cy.elements('.on-path, .dimmed').removeClass('on-path dimmed');
        styleHighlight(cy.elements());
      });
    },

    setPinned(id: string, pinned: boolean) {
      if (pinned) pinnedIds.add(id);
      else pinnedIds.delete(id);
      const node = cy.getElementById(id);
      node.toggleClass('pinned', pinned);
      if (pinned) node.lock();
      else node.unlock();
    },

    select,

    center(id: string) {
      const element = cy.getElementById(id);
      if (element.empty()) return;
      const bounds = cy.extent();
      const box = element.boundingBox();
      const inside =
        box.x1 > bounds.x1 && box.x2 < bounds.x2 && box.y1 > bounds.y1 && box.y2 < bounds.y2;
      if (!inside) cy.animate({ center: { eles: element }, duration: 300 });
    },

    fit: fitInView,

    /** Entity positions (model coordinates), for sharing the view. */
    positions(): Record<string, { x: number; y: number }> {
      const spots: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((node) => {
        if (!node.hasClass('more')) spots[node.id()] = { ...node.position() };
      });
      for (const element of arrivals.definitions()) {
        const id = String(element.data.id);
        if (element.group === 'nodes' && element.position && !id.startsWith(MORE_PREFIX))
          spots[id] = { ...element.position };
      }
      return spots;
    },

    /** Puts entities where a shared view had them; their "+N more" badges follow. */
    place(spots: Readonly<Record<string, { x: number; y: number }>>) {
      cy.batch(() => {
        for (const [id, spot] of Object.entries(spots)) {
          const queued = arrivals.get(id);
          if (queued) queued.position = { ...spot };
          else cy.getElementById(id).position(spot);
          const badgeId = `${MORE_PREFIX}${id}`;
          const queuedBadge = arrivals.get(badgeId);
          if (queuedBadge) queuedBadge.position = badgeSpot(spot);
          const badge = cy.getElementById(badgeId);
          if (badge.nonempty()) badge.position(badgeSpot(spot));
        }
      });
      relabel();
    },

    entityIds(): string[] {
      const ids = cy.nodes().map((n) => n.id());
      for (const element of arrivals.definitions())
        if (element.group === 'nodes') ids.push(String(element.data.id));
      return ids.filter((id) => !id.startsWith(MORE_PREFIX));
    },

    /** Resolves once every element handed to `sync` is on the canvas. */
    arrived(): Promise<void> {
      return arrivals.idle();
    },

    png(): Blob {
      return cy.png({
        output: 'blob',
        full: true,
        scale: 2,
        bg: '#ffffff',
        maxWidth: 4000,
        maxHeight: 4000,
      });
    },

    resize() {
      cy.resize();
    },
  };
}

export type Canvas = ReturnType<typeof createCanvas>;
