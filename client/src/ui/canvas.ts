/**
 * The Cytoscape canvas: keeps it in step with the store, places new neighbours next to the
 * entity they came from, applies filters and path highlights, and reports user gestures.
 */
import cytoscape, {
  type Core,
  type EdgeSingular,
  type ElementDefinition,
  type NodeSingular,
} from 'cytoscape';
import { type Box, placeEdgeLabel } from '../graph/edge-label';
import { diffElements, isMoreElementId, MORE_PREFIX } from '../graph/elements';
import { type Point, placeAround } from '../graph/placement';
import { buildStylesheet, LARGE_GRAPH_ELEMENTS } from '../graph/stylesheet';
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
  /**
   * Edge labels sit beside their line by its angle, clear of node bodies and labels and of the
   * labels placed before them (edge-label.ts): recompute when nodes have moved.
   */
  function relabel() {
    if (large) return;
    const labelOnly = { includeNodes: false, includeEdges: false, includeLabels: true };
    const obstacles: Box[] = [];
    cy.nodes(':visible').forEach((node) => {
      obstacles.push(node.boundingBox({ includeLabels: false, includeOverlays: false }));
      if (node.data('label'))
        obstacles.push(node.boundingBox({ ...labelOnly, includeOverlays: false }));
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
      obstacles.push(placed.box);
      margins.push([edge, placed.margin]);
    });
    cy.batch(() => {
      for (const [edge, m] of margins)
        if (edge.data('labelDx') !== m.x || edge.data('labelDy') !== m.y)
          edge.data({ labelDx: m.x, labelDy: m.y });
    });
  }
  cy.on('layoutstop dragfree', relabel);
  /** Switches to the cheaper drawing (and back) when the graph crosses the size threshold. */
  function tuneForSize() {
    const nowLarge = cy.elements().length >= LARGE_GRAPH_ELEMENTS;
    if (nowLarge === large) return;
    large = nowLarge;
    cy.style(buildStylesheet({ large }));
    // Cached textures while moving keep big graphs smooth; small ones look better live.
    const renderer = (cy as unknown as { renderer(): RendererFlags }).renderer();
    renderer.textureOnViewport = large;
    renderer.hideEdgesOnViewport = large;
  }

  return {
    cy,
    /**
     * Makes the canvas show `elements`. New nodes go around `around` (the expanded entity), or
     * around the viewport centre; returns the ids added.
     */
    sync(elements: ElementDefinition[], around: string | null): string[] {
      const current = new Set(cy.elements().map((e) => e.id()));
      const diff = diffElements(current, elements);
      cy.batch(() => {
        for (const id of diff.remove) cy.getElementById(id).remove();
        for (const element of diff.update) {
          cy.getElementById(String(element.data.id)).data(element.data);
        }
        const nodes = diff.add.filter((e) => e.group === 'nodes');
        const edges = diff.add.filter((e) => e.group === 'edges');
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
        // "+N more" badges sit just beside their hub instead of on the ring.
        nodes.forEach((node, i) => {
          const hub = node.data.hub ? cy.getElementById(String(node.data.hub)) : null;
          node.position = hub?.nonempty()
            ? { x: hub.position('x') + 60, y: hub.position('y') - 40 }
            : (spots[i] ?? origin);
        });
        cy.add(nodes);
        cy.add(edges);
      });
      tuneForSize();
      relabel();
      return diff.add.map((e) => String(e.data.id));
    },

    applyVisibility(visibility: Visibility) {
      let shownOrHidden = false;
      cy.batch(() => {
        cy.elements().forEach((element) => {
          // Only touch elements whose state changes: class changes restyle the element.
          const hidden = visibility.hidden.has(element.id());
          if (element.hasClass('filtered') !== hidden) {
            element.toggleClass('filtered', hidden);
            shownOrHidden = true;
          }
          const faded = visibility.outOfDate.has(element.id());
          if (element.hasClass('out-of-date') !== faded) element.toggleClass('out-of-date', faded);
        });
      });
      // Labels keep clear of what is drawn: a node shown again may sit where a label went.
      if (shownOrHidden) relabel();
    },

    /**
     * Highlights the given elements and dims the rest but `spared` (what the user expanded while
     * the path was shown: they asked to see it); null removes the highlight.
     */
    highlight(ids: ReadonlySet<string> | null, spared: ReadonlySet<string> = new Set()) {
      cy.batch(() => {
        cy.elements('.on-path, .dimmed').removeClass('on-path dimmed');
        if (!ids) return;
        cy.elements().forEach((element) => {
          if (ids.has(element.id())) element.addClass('on-path');
          else if (!spared.has(element.id())) element.addClass('dimmed');
        });
      });
    },

    setPinned(id: string, pinned: boolean) {
      const node = cy.getElementById(id);
      node.toggleClass('pinned', pinned);
      if (pinned) node.lock();
      else node.unlock();
    },

    /** Selects an element without the tap handlers firing (the app already knows). */
    select(id: string | null) {
      suppressEvents = true;
      cy.elements(':selected').unselect();
      if (id) cy.getElementById(id).select();
      suppressEvents = false;
    },

    center(id: string) {
      const element = cy.getElementById(id);
      if (element.empty()) return;
      const bounds = cy.extent();
      const box = element.boundingBox();
      const inside =
        box.x1 > bounds.x1 && box.x2 < bounds.x2 && box.y1 > bounds.y1 && box.y2 < bounds.y2;
      if (!inside) cy.animate({ center: { eles: element }, duration: 300 });
    },

    /** Fits the given elements (default: all visible) in view, never zooming in past MAX_FIT_ZOOM. */
    fit(ids?: ReadonlySet<string>) {
      const chosen = ids ? cy.elements().filter((e) => ids.has(e.id())) : cy.elements(':visible');
      const target = chosen.nonempty() ? chosen : cy.elements();
      if (target.empty()) return;
      const box = target.boundingBox();
      const padding = 50;
      const zoom = Math.max(
        cy.minZoom(),
        Math.min(
          MAX_FIT_ZOOM,
          (cy.width() - 2 * padding) / (box.w || 1),
          (cy.height() - 2 * padding) / (box.h || 1),
        ),
      );
      const pan = {
        x: cy.width() / 2 - zoom * (box.x1 + box.w / 2),
        y: cy.height() / 2 - zoom * (box.y1 + box.h / 2),
      };
      // A new fit replaces one still running (stepping through paths quickly queued them).
      cy.stop(true);
      cy.animate({ zoom, pan, duration: 300 });
    },

    /** Entity positions (model coordinates), for sharing the view. */
    positions(): Record<string, { x: number; y: number }> {
      const spots: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((node) => {
        if (!node.hasClass('more')) spots[node.id()] = { ...node.position() };
      });
      return spots;
    },

    /** Puts entities where a shared view had them; their "+N more" badges follow. */
    place(spots: Readonly<Record<string, { x: number; y: number }>>) {
      cy.batch(() => {
        for (const [id, spot] of Object.entries(spots)) {
          cy.getElementById(id).position(spot);
          const badge = cy.getElementById(`${MORE_PREFIX}${id}`);
          if (badge.nonempty()) badge.position({ x: spot.x + 60, y: spot.y - 40 });
        }
      });
      relabel();
    },

    entityIds(): string[] {
      return cy
        .nodes()
        .filter((n) => !n.id().startsWith(MORE_PREFIX))
        .map((n) => n.id());
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
