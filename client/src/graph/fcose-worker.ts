/**
 * The one fCoSE Web Worker of the page, shared by the layout runner (the _Lay out_ button) and
 * the canvas (a large addition is laid out before it is drawn). Replies are matched to requests
 * by id; where workers are unavailable the layout runs on the main thread instead.
 */
import type { LayoutInput, Positions } from './fcose-positions';

interface Reply {
  id: number;
  positions?: Positions;
  error?: string;
  ms?: number;
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (reply: Reply) => void>();

function getWorker(): Worker | null {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const resolve = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      resolve?.(event.data);
    };
    return worker;
  } catch {
    return null;
  }
}

/** fCoSE positions for `input`, and how long the computation took (ms). */
export async function fcoseInWorker(
  input: LayoutInput,
): Promise<{ positions: Positions; ms: number }> {
  const w = getWorker();
  if (!w) {
    // No workers (very old browser): lay out here, accepting a pause.
    const { computeFcosePositions } = await import('./fcose-positions');
    const started = performance.now();
    return { positions: computeFcosePositions(input), ms: performance.now() - started };
  }
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      if (reply.positions) resolve({ positions: reply.positions, ms: reply.ms ?? 0 });
      else reject(new Error(reply.error ?? 'the layout worker failed'));
    });
    w.postMessage({ id, input });
  });
}

/** Stops the worker (a new one starts on the next request). */
export function stopFcoseWorker(): void {
  worker?.terminate();
  worker = null;
  for (const resolve of waiting.values())
    resolve({ id: 0, error: 'the layout worker was stopped' });
  waiting.clear();
}
