/** Tells a leak from heap sizing in the post-collection heap samples bench/soak.ts takes. */
import { round } from './stats';

export interface HeapSample {
  seconds: number;
  /** Heap in use right after a forced full collection: live data only. */
  heapMiB: number;
  rssMiB: number;
}

/**
 * Leak or sizing: the least-squares slope of the post-collection heap over the run after its
 * first fifth (caches fill there), and the growth it projects over that window. A leak is
 * suspected when that growth exceeds both 5 MiB and a tenth of the window's mean heap.
 */
export function heapVerdict(samples: readonly HeapSample[]) {
  const window = samples.filter((s) => s.seconds >= (samples.at(-1)?.seconds ?? 0) * 0.2);
  const n = window.length;
  const meanT = window.reduce((sum, s) => sum + s.seconds, 0) / n;
  const meanH = window.reduce((sum, s) => sum + s.heapMiB, 0) / n;
  const covariance = window.reduce((sum, s) => sum + (s.seconds - meanT) * (s.heapMiB - meanH), 0);
  const variance = window.reduce((sum, s) => sum + (s.seconds - meanT) ** 2, 0);
  const slopePerSecond = variance > 0 ? covariance / variance : 0;
  const span = (window.at(-1)?.seconds ?? 0) - (window[0]?.seconds ?? 0);
  const growth = slopePerSecond * span;
  const leak = growth > 5 && growth > meanH / 10;
  return {
    samples: samples.length,
    window: `${window[0]?.seconds ?? 0}–${window.at(-1)?.seconds ?? 0} s`,
    meanMiB: round(meanH, 1),
    slopeMiBPerMinute: round(slopePerSecond * 60, 1),
    projectedGrowthMiB: round(growth, 1),
    leak,
    verdict: leak
      ? 'the heap after full GC keeps climbing: a leak is suspected'
      : 'the heap after full GC stays flat: no leak seen; RSS growth is V8 sizing its heap',
  };
}
