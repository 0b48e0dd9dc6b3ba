/**
 * `changes` around a canvas (issue 20, item 6: radius 2 on the 100k graph within 200 ms at p50):
 * the same single statement the API runs (server/data/changes.ts), called directly, so the
 * number is the database's. A "canvas" is `watched` random entities of the generated graph.
 * Two cases: since the moment before the import (every record in the area is new: the answer
 * is capped at 1,000 rows, the worst case) and since just after it (nothing changed: the common
 * case of reopening an investigation).
 */
import { changesAround } from '../../server/data/changes';
import { LIMITS } from '../../server/model/limits';
import type { Database } from '../../server/neo4j/database';
import { round, summarize } from '../lib/stats';

export interface ChangesOptions {
  db: Database;
  /** Entity ids of the generated graph to pick canvases from. */
  ids: readonly string[];
  /** Before the import started (ISO). */
  beforeImport: string;
  random: () => number;
  watched: number;
  canvases: number;
  warmup: number;
  repeats: number;
  radii: readonly number[];
  log: (line: string) => void;
}

export async function measureChanges(options: ChangesOptions) {
  const { db, ids, random } = options;
  const afterImport = new Date().toISOString();
  const today = afterImport.slice(0, 10);
  const canvases = Array.from({ length: options.canvases }, () =>
    Array.from({ length: options.watched }, () => ids[Math.floor(random() * ids.length)] as string),
  );
  const results = [];
  for (const radius of options.radii) {
    for (const [label, since] of [
      ['since before the import (all new, capped at 1,000)', options.beforeImport],
      ['since after the import (nothing new)', afterImport],
    ] as const) {
      const call = (watched: readonly string[]) =>
        changesAround(db, {
          since,
          today,
          watched,
          investigation: null,
          radius,
          limit: 1001,
          maxArea: LIMITS.changesArea,
        });
      // A failure (e.g. the transaction memory limit, which radius 3 reached before the area
      // was capped) is a result too: recorded, and the other cases still run.
      try {
        for (let i = 0; i < options.warmup; i++) await call(canvases[i % canvases.length] ?? []);
        const byRepeat: number[][] = [];
        const rows: number[] = [];
        const areas: number[] = [];
        let refused = 0;
        for (let r = 0; r < options.repeats; r++) {
          const samples: number[] = [];
          for (const watched of canvases) {
            const started = performance.now();
            const answer = await call(watched);
            samples.push(performance.now() - started);
            rows.push(answer.changes.length);
            areas.push(answer.areaSize);
            if (answer.tooLarge) refused++;
          }
          byRepeat.push(samples);
        }
        const summary = summarize(byRepeat);
        const mean = (values: number[]) =>
          round(values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1), 0);
        const meanRows = mean(rows);
        const meanArea = mean(areas);
        options.log(
          `changes radius ${radius}, ${label}: p50 ${summary.p50} ms, p95 ${summary.p95} ms, ${meanRows} rows on average, area ${meanArea} entities on average${refused ? `, ${refused} of ${areas.length} refused (area over ${LIMITS.changesArea})` : ''}`,
        );
        results.push({
          radius,
          case: label,
          watched: options.watched,
          ...summary,
          meanRows,
          meanArea,
          refused,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.log(`changes radius ${radius}, ${label}: FAILED (${message})`);
        results.push({ radius, case: label, watched: options.watched, error: message });
      }
    }
  }
  return results;
}
