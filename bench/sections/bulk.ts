/**
 * Bulk load (the offline importer into a new store, server/import/bulk) against LOAD CSV, on the
 * same generated links file, side by side in one run. LOAD CSV runs in a throw-away Neo4j after
 * a warm-up on other rows; the bulk load is timed end to end: reading and mapping the file,
 * writing the importer's CSV, and the launcher's JVM, which runs the offline import and then, in
 * the same process, opens the new store to apply the schema and the fills and fix-ups. The ratio
 * is rows per second of the bulk load over LOAD CSV's.
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
    const bench = await startBenchDatabase({
      heap: options.heap,
      pageCache: '1g',
      log: options.log,
    });
    const driver = neo4j.driver(bench.uri, neo4j.auth.basic('neo4j', bench.password));
    let loadCsvSeconds: number;
    try {
      await runLoadCsv(driver, warmup, 'lc-warmup:', BATCH);
      options.log(`  LOAD CSV, ${options.rows} rows ...`);
      const started = performance.now();
      await runLoadCsv(driver, file, 'lc:', BATCH);
      loadCsvSeconds = (performance.now() - started) / 1000;
    } finally {
      await driver.close();
      await bench.close();
    }
    options.log(`  bulk load, ${options.rows} rows ...`);
    const started = performance.now();
    const bulk = await runBulkImport({
      file,
      mappingFile: LINKS_MAPPING,
      format: 'csv',
      outDir: path.join(dir, 'files'),
      dataDir: path.join(dir, 'store'),
      heap: options.heap,
      // The importer's totals and the finish steps' times (open, schema, fill) into the log.
      log: (line) => options.log(`    ${line}`),
    });
    const bulkSeconds = (performance.now() - started) / 1000;
    const result = {
      rows: options.rows,
      loadCsv: {
        seconds: round(loadCsvSeconds, 1),
        rowsPerSecond: round(options.rows / loadCsvSeconds, 0),
      },
      bulk: {
        seconds: round(bulkSeconds, 1),
        rowsPerSecond: round(options.rows / bulkSeconds, 0),
        phases: bulk.seconds,
        entities: bulk.entities,
        links: bulk.links,
        fixUps: bulk.fixUps,
      },
      bulkToLoadCsv: round(loadCsvSeconds / bulkSeconds, 2),
    };
    options.log(`  ${JSON.stringify(result)}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
