/** Lays out the graph with fCoSE in a worker, so the page stays responsive meanwhile. */
import { computeFcosePositions, type LayoutInput } from './fcose-positions';

self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    const started = performance.now();
    const positions = computeFcosePositions(input);
    self.postMessage({ id, positions, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
