/**
 * Bulk load (the offline importer into a new store, server/import/bulk) against LOAD CSV, on the
 * same generated links file, side by side in one run, twice each (A B B A). LOAD CSV runs in a
 * fresh throw-away Neo4j each time after a warm-up on other rows; the bulk load is timed end to
 * end: reading and mapping the file, writing the importer's CSV, and the launcher's JVM, which
 * runs the offline import and then, in the same process, opens the new store to apply the schema
 * and the fills and fix-ups. The ratio is rows per second of the bulk load over LOAD CSV's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { runBulkImport } from '../../server/import/bulk/run-bulk-import';
import { generateLinks, LINKS_MAPPING } from '../import/generate-links';
import { startBenchDatabase } from '../lib/bench-database';
import { runLoadCsv } from '../lib/load-csv';
import { round } from '../lib/stats';

const BATCH = 2000;

/** LOAD CSV of the file into a fresh throw-away Neo4j after a warm-up on other rows; seconds. */
async function timeLoadCsv(
  file: string,
  warmup: string,
  heap: string,
  log: (line: string) => void,
) {
  const bench = await startBenchDatabase({ heap, pageCache: '1g', log });
  const driver = neo4j.driver(bench.uri, neo4j.auth.basic('neo4j', bench.password));
  try {
    await runLoadCsv(driver, warmup, 'lc-warmup:', BATCH);
    log('  LOAD CSV ...');
    const started = performance.now();
    await runLoadCsv(driver, file, 'lc:', BATCH);
    return (performance.now() - started) / 1000;
  } finally {
    await driver.close();
    await bench.close();
  }
}

/** The bulk load of the file into a new store under `dir`, end to end; seconds and phases. */
async function timeBulk(file: string, dir: string, heap: string, log: (line: string) => void) {
  log('  bulk load ...');
  const started = performance.now();
  const bulk = await runBulkImport({
    file,
    mappingFile: LINKS_MAPPING,
    format: 'csv',
    outDir: path.join(dir, 'files'),
    dataDir: path.join(dir, 'store'),
    heap,
    // The importer's totals and the finish steps' times (open, schema, fill) into the log.
    log: (line) => log(`    ${line}`),
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, bulk };
}

/**
 * In the order LOAD CSV, bulk, bulk, LOAD CSV (A B B A), so that load that moves during the run
 * falls on both alike; the ratio compares the two totals.
 */
export async function measureBulk(options: {
  rows: number;
  heap: string;
  log: (line: string) => void;
}): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-bulk-'));
  try {
    const file = path.join(dir, 'links.csv');
    const warmup = path.join(dir, 'warmup.csv');
    await generateLinks(file, options.rows);
    await generateLinks(warmup, Math.min(10_000, options.rows), 7);
    const { heap, log } = options;
    log(`  ${options.rows} rows`);
    const loadCsv1 = await timeLoadCsv(file, warmup, heap, log);
    const bulk1 = await timeBulk(file, path.join(dir, 'bulk-1'), heap, log);
    const bulk2 = await timeBulk(file, path.join(dir, 'bulk-2'), heap, log);
    const loadCsv2 = await timeLoadCsv(file, warmup, heap, log);
    const loadCsvRuns = [loadCsv1, loadCsv2];
    const bulkRuns = [bulk1, bulk2];
    const total = (runs: number[]) => runs.reduce((sum, s) => sum + s, 0);
    const result = {
      rows: options.rows,
      order: 'LOAD CSV, bulk, bulk, LOAD CSV',
      loadCsv: loadCsvRuns.map((seconds) => ({
        seconds: round(seconds, 1),
        rowsPerSecond: round(options.rows / seconds, 0),
      })),
      bulk: bulkRuns.map(({ seconds, bulk }) => ({
        seconds: round(seconds, 1),
        rowsPerSecond: round(options.rows / seconds, 0),
        phases: bulk.seconds,
        entities: bulk.entities,
        links: bulk.links,
        fixUps: bulk.fixUps,
      })),
      bulkToLoadCsv: round(total(loadCsvRuns) / total(bulkRuns.map((run) => run.seconds)), 2),
    };
    log(`  ${JSON.stringify(result)}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
