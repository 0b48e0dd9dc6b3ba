/**
 * Puts many elements on a Cytoscape canvas a chunk at a time, giving the page back between
 * chunks: adding 6,000 elements in one go blocked the page for 2–9 s (docs/client.md). Until
 * they are added, queued elements can be looked up, changed or dropped, so a caller can treat
 * them as already there. The picture can be held back while their final positions are worked
 * out elsewhere (the layout worker): adding goes on meanwhile, then the moves are made a chunk
 * at a time, and the first frame drawn is the final one.
 */
import type { CollectionReturnValue, Core, ElementDefinition } from 'cytoscape';
import type { Point } from './placement';

/**
 * Elements added per task. With their style and geometry computed in the same task, 800 took
 * 140–280 ms on a 2-core machine at load 19; 400 keeps a chunk well under the 200 ms budget.
 */
export const CHUNK_ELEMENTS = 400;

export interface ArrivalQueue {
  /** Queues elements (nodes before edges). */
  enqueue(elements: ElementDefinition[]): void;
  /**
   * Draws nothing new until `positions` resolves, then moves the nodes there (queued ones
   * before they are added, pinned ones not at all) and draws. Null leaves positions as they are.
   */
  holdFor(positions: Promise<Readonly<Record<string, Point>> | null>): void;
  /** The queued definition with this id, if it has not been added yet. */
  get(id: string): ElementDefinition | undefined;
  /** Drops a queued element; false when it was not queued. */
  drop(id: string): boolean;
  ids(): IterableIterator<string>;
  definitions(): IterableIterator<ElementDefinition>;
  readonly size: number;
  /** Whether elements are still queued, held back or being moved. */
  readonly busy: boolean;
  /** Resolves once everything queued so far is on the canvas. */
  idle(): Promise<void>;
}

interface RendererInternals {
  skipFrame?: boolean;
  flushRenderedStyleQueue?: () => void;
}

/**
 * Does the renderer's work for the chunk just added in the chunk's own task (style and geometry,
 * which Cytoscape otherwise leaves to the next frame it draws), and asks it not to draw that
 * frame unless the queue is empty. Drawing the whole graph after every chunk cost more than
 * adding the chunk (100–270 ms a frame for 2,000 nodes on a loaded machine), and skipped frames
 * leave all the geometry to one huge last frame. Both are the renderer's own members
 * (Cytoscape 3.34, not public API); without them chunks are simply drawn as they come.
 */
function settleChunk(cy: Core, last: boolean): void {
  const renderer = (cy as unknown as { renderer(): RendererInternals | undefined }).renderer();
  if (!renderer) return;
  if (typeof renderer.flushRenderedStyleQueue === 'function') {
    renderer.flushRenderedStyleQueue();
    // The picture is drawn once, when complete: the first frame is the final one.
    if (!last && (renderer.skipFrame === undefined || typeof renderer.skipFrame === 'boolean'))
      renderer.skipFrame = true;
  }
}

/**
 * Waits for the next animation frame, where the chunk is added after Cytoscape's own frame
 * callback (registered earlier): its next frame then sees the skip request, and input is
 * handled between frames. Outside a browser (unit tests) a timer stands in.
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 0);
  });
}

/**
 * `onChunk` runs right after each chunk is added (in the same batch), for state the new
 * elements must carry (filters, highlights, pins); `onIdle` when the queue has emptied.
 */
export function createArrivalQueue(
  cy: Core,
  options: {
    chunk?: number;
    onChunk(added: CollectionReturnValue): void;
    onIdle(): void;
  },
): ArrivalQueue {
  const chunk = options.chunk ?? CHUNK_ELEMENTS;
  const queued = new Map<string, ElementDefinition>();
  let holds = 0;
  const moves: [string, Point][] = [];
  let pumping: Promise<void> | null = null;
  const busy = () => queued.size > 0 || holds > 0 || moves.length > 0;

  /** The next chunk, skipping edges whose ends are neither on the canvas nor added with it. */
  function takeChunk(): ElementDefinition[] {
    const taken: ElementDefinition[] = [];
    const nodesTaken = new Set<string>();
    for (const [id, element] of queued) {
      if (taken.length >= chunk) break;
      if (element.group === 'edges') {
        const ends = [String(element.data.source), String(element.data.target)];
        // An end still queued comes in a later chunk: the edge waits for it.
        if (ends.some((end) => queued.has(end) && !nodesTaken.has(end))) continue;
        queued.delete(id);
        if (ends.every((end) => nodesTaken.has(end) || cy.getElementById(end).nonempty()))
          taken.push(element);
        continue;
      }
      queued.delete(id);
      nodesTaken.add(id);
      taken.push(element);
    }
    return taken;
  }

  /** Moves nodes already on the canvas; a moved node's edges need new geometry too. */
  function moveChunk(): void {
    const batch = moves.splice(0, Math.max(1, Math.floor(chunk / 2)));
    cy.batch(() => {
      for (const [id, p] of batch) {
        const node = cy.getElementById(id);
        if (node.nonempty() && !node.locked()) node.position(p);
      }
    });
  }

  async function pump(): Promise<void> {
    while (busy()) {
      await nextFrame();
      if (moves.length > 0) moveChunk();
      else {
        const elements = takeChunk();
        if (elements.length > 0) cy.batch(() => options.onChunk(cy.add(elements)));
      }
      settleChunk(cy, !busy());
    }
    pumping = null;
    options.onIdle();
  }

  function start() {
    if (!pumping && busy()) pumping = pump();
  }

  const queue: ArrivalQueue = {
    enqueue(elements) {
      // Nodes first: an edge is only added with or after both of its ends.
      for (const e of elements) if (e.group === 'nodes') queued.set(String(e.data.id), e);
      for (const e of elements) if (e.group !== 'nodes') queued.set(String(e.data.id), e);
      start();
    },
    holdFor(positions) {
      holds++;
      start();
      void positions
        .catch(() => null)
        .then((spots) => {
          for (const [id, p] of Object.entries(spots ?? {})) {
            const waiting = queued.get(id);
            if (waiting) waiting.position = { x: p.x, y: p.y };
            else moves.push([id, p]);
          }
        })
        .finally(() => {
          holds--;
        });
    },
    get: (id) => queued.get(id),
    drop: (id) => queued.delete(id),
    ids: () => queued.keys(),
    definitions: () => queued.values(),
    get size() {
      return queued.size;
    },
    get busy() {
      return busy();
    },
    idle: () => pumping ?? Promise.resolve(),
  };
  queues.set(cy, queue);
  return queue;
}

const queues = new WeakMap<Core, ArrivalQueue>();

/**
 * Resolves once everything queued for `cy` is on it, so a layout never runs on half a graph
 * (the layout runner knows only the Cytoscape instance).
 */
export function whenArrived(cy: Core): Promise<void> {
  return queues.get(cy)?.idle() ?? Promise.resolve();
}
