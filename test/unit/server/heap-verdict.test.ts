/** The soak's leak check (bench/lib/heap-verdict.ts) on heaps that stay flat and that climb. */
import { describe, expect, it } from 'vitest';
import { type HeapSample, heapVerdict } from '../../../bench/lib/heap-verdict';

const samples = (heapAt: (seconds: number) => number): HeapSample[] =>
  Array.from({ length: 41 }, (_, i) => ({ seconds: i * 15, heapMiB: heapAt(i * 15), rssMiB: 200 }));

describe('heapVerdict', () => {
  it('calls a heap that fills its caches early and then stays flat sizing, not a leak', () => {
    const flat = heapVerdict(samples((t) => (t < 60 ? 20 + t / 6 : 30 + Math.sin(t) * 0.5)));
    expect(flat.leak).toBe(false);
    expect(Math.abs(flat.slopeMiBPerMinute)).toBeLessThan(0.2);
  });

  it('calls a heap that keeps climbing after every full collection a leak', () => {
    // 1.5 MiB a minute over ten minutes: about 12 MiB in the window measured.
    const climbing = heapVerdict(samples((t) => 30 + (t / 60) * 1.5));
    expect(climbing.leak).toBe(true);
    expect(climbing.slopeMiBPerMinute).toBe(1.5);
  });
});
