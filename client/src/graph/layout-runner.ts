/**
 * Runs the chosen layout. fCoSE runs in a Web Worker on a headless copy of the graph and the
 * canvas then moves to the result, so the page never freezes; the other layouts are linear
 * and run in place. A newer layout request cancels an older one.
 */
import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';
import type { LayoutName } from '../state/url-state';
import { whenArrived } from './arrival';
import { DRAFT_QUALITY_ABOVE, type LayoutInput } from './fcose-positions';
import { fcoseInWorker, stopFcoseWorker } from './fcose-worker';
import { ANIMATE_UP_TO, mainThreadLayoutOptions } from './layouts';

export interface LayoutResult {
  name: LayoutName;
  nodes: number;
  /** Time spent computing positions (in the worker for fCoSE). */
  computeMs: number;
  /** Time from the request to the positions being on the canvas. */
  totalMs: number;
}

/**
 * The room a node takes in the layout. The worker has no fonts to measure labels with, so on
 * graphs small enough to show labels the box measured here includes the label, widened to a
 * box centred on the node (the label hangs below it): neighbours are then placed clear of it.
 */
function layoutBox(node: NodeSingular, withLabel: boolean): { width: number; height: number } {
  const width = node.outerWidth();
  const height = node.outerHeight();
  if (!withLabel) return { width, height };
  const box = node.boundingBox({ includeLabels: true, includeOverlays: false });
  const below = Math.max(0, box.y2 - node.position('y'));
  return { width: Math.max(width, box.w), height: Math.max(height, 2 * below) };
}

export function createLayoutRunner(cy: Core) {
  let generation = 0;

  return {
    /**
     * Lays out the visible nodes. `incremental` starts fCoSE from the current positions (keeps
     * the picture recognisable); `roots` seed the hierarchical layout. Resolves to null when
     * a newer layout superseded this one.
     */
    async run(
      name: LayoutName,
      options: { incremental: boolean; roots?: string[]; fit?: boolean },
    ): Promise<LayoutResult | null> {
      const id = ++generation;
      const started = performance.now();
      // Elements still arriving in chunks belong to the picture being laid out.
      await whenArrived(cy);
      if (id !== generation) return null;
      const nodes = cy.nodes(':visible');
      if (name !== 'fcose') {
        const layout = nodes
          .union(nodes.connectedEdges())
          .layout(mainThreadLayoutOptions(name, nodes.length, options.roots ?? []));
        const done = layout.promiseOn('layoutstop');
        layout.run();
        await done;
        const ms = performance.now() - started;
        return { name, nodes: nodes.length, computeMs: ms, totalMs: ms };
      }
      const input: LayoutInput = {
        incremental: options.incremental,
        nodes: nodes.map((node) => ({
          id: node.id(),
          x: node.position('x'),
          y: node.position('y'),
          ...layoutBox(node, nodes.length <= DRAFT_QUALITY_ABOVE),
          fixed: node.locked(),
        })),
        edges: cy.edges(':visible').map((edge) => ({
          id: edge.id(),
          source: edge.source().id(),
          target: edge.target().id(),
          labelLength: String(edge.data('label') ?? '').length,
        })),
      };
      const { positions, ms } = await fcoseInWorker(input);
      if (id !== generation) return null;
      const animate = nodes.length <= ANIMATE_UP_TO;
      const moving = nodes.filter((node) => !node.locked() && positions[node.id()] !== undefined);
      const layout = moving.layout({
        name: 'preset',
        positions: (node: { id(): string }) => positions[node.id()] ?? { x: 0, y: 0 },
        animate,
        animationDuration: 450,
        fit: options.fit ?? true,
        padding: 40,
      } as LayoutOptions);
      const done = layout.promiseOn('layoutstop');
      layout.run();
      await done;
      return { name, nodes: nodes.length, computeMs: ms, totalMs: performance.now() - started };
    },
    dispose() {
      stopFcoseWorker();
    },
  };
}
