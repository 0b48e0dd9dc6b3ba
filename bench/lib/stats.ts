/** Order statistics for latency samples (milliseconds). */

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  /** Median of each repeat, to show how much a whole pass moves between repeats. */
  repeatMedians: number[];
}

export function summarize(byRepeat: readonly (readonly number[])[]): Summary {
  const all = byRepeat.flat();
  return {
    n: all.length,
    p50: round(median(all)),
    p95: round(quantile(all, 0.95)),
    repeatMedians: byRepeat.map((r) => round(median(r))),
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Ratio of medians per repeat, then their median and range: the number the goals refer to. */
export function ratio(a: Summary, b: Summary): { median: number; min: number; max: number } {
  const per = a.repeatMedians.map((m, i) => m / (b.repeatMedians[i] ?? Number.NaN));
  return {
    median: round(median(per), 3),
    min: round(Math.min(...per), 3),
    max: round(Math.max(...per), 3),
  };
}
