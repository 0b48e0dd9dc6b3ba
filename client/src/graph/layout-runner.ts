/**
 * Runs the chosen layout. fCoSE runs in a Web Worker on a headless copy of the graph and the
 * canvas then moves to the result, so the page never freezes; the other layouts are linear
 * and run in place. A newer layout request cancels an older one.
 */
import type { Core, LayoutOptions } from 'cytoscape';
import type { LayoutName } from '../state/url-state';
import type { LayoutInput, Positions } from './fcose-positions';
import { ANIMATE_UP_TO, mainThreadLayoutOptions } from './layouts';

export interface LayoutResult {
  name: LayoutName;
  nodes: number;
  /** Time spent computing positions (in the worker for fCoSE). */
  computeMs: number;
  /** Time from the request to the positions being on the canvas. */
  totalMs: number;
}

export function createLayoutRunner(cy: Core) {
  let worker: Worker | null = null;
  let generation = 0;
  const waiting = new Map<
    number,
    (reply: { positions?: Positions; error?: string; ms?: number }) => void
  >();

  function getWorker(): Worker | null {
    if (worker) return worker;
    try {
      worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event) => {
        const resolve = waiting.get(event.data.id);
        waiting.delete(event.data.id);
        resolve?.(event.data);
      };
      return worker;
    } catch {
      return null;
    }
  }

  async function fcosePositions(
    input: LayoutInput,
    id: number,
  ): Promise<{ positions: Positions; ms: number }> {
    const w = getWorker();
    if (!w) {
      // No workers (very old browser): lay out here, accepting a pause.
      const { computeFcosePositions } = await import('./fcose-positions');
      const started = performance.now();
      return { positions: computeFcosePositions(input), ms: performance.now() - started };
    }
    return new Promise((resolve, reject) => {
      waiting.set(id, (reply) => {
        if (reply.positions) resolve({ positions: reply.positions, ms: reply.ms ?? 0 });
        else reject(new Error(reply.error ?? 'the layout worker failed'));
      });
      w.postMessage({ id, input });
    });
  }

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
          width: node.outerWidth(),
          height: node.outerHeight(),
          fixed: node.locked(),
        })),
        edges: cy.edges(':visible').map((edge) => ({
          id: edge.id(),
          source: edge.source().id(),
          target: edge.target().id(),
          labelLength: String(edge.data('label') ?? '').length,
        })),
      };
      const { positions, ms } = await fcosePositions(input, id);
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
      worker?.terminate();
      worker = null;
    },
  };
}
