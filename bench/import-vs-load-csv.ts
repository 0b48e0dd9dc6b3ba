/**
 * `npm run bench:import [-- --rows 1000000 --batch-size 2000 --warmup-rows 10000]`: rows per second of Threadline's
 * importer against Neo4j's own LOAD CSV, on the same generated file of ownership links, in the
 * same throw-away Neo4j. Each writes under its own id prefix, so none finds another's records.
 *
 * Order matters on one database: whatever runs first pays for the JVM's warm-up, whatever runs
 * later works on a bigger store. So both first run once on a small warm-up file, then each runs
 * twice, in the order LOAD CSV, importer, importer, LOAD CSV (a drift in time or store size
 * falls on both alike), and the ratio compares the two totals.
 *
 * LOAD CSV needs CALL ... IN TRANSACTIONS, which only runs in an auto-commit transaction, so the
 * baseline is sent through a driver session here; the importer goes through server/neo4j as
 * always. The embedded launcher sets no import directory, so file:/// URLs reach the file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { runImport } from '../server/import/run-import';
import { generateLinks, LINKS_MAPPING } from './import/generate-links';
import { startBenchDatabase } from './lib/bench-database';
import { intOption } from './lib/int-option';
import { runLoadCsv } from './lib/load-csv';

const ROWS = intOption('rows', 1_000_000);
const BATCH = intOption('batch-size', 2000);
const WARMUP_ROWS = intOption('warmup-rows', 10_000);
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-import-'));
const file = path.join(dir, 'links.csv');
const warmupFile = path.join(dir, 'warmup.csv');
log(`Generating ${ROWS.toLocaleString('en')} links ...`);
const generated = await generateLinks(file, ROWS);
await generateLinks(warmupFile, WARMUP_ROWS, 7);
log(
  `  ${(statSync(file).size / 1e6).toFixed(1)} MB, ${generated.companies.toLocaleString('en')} companies`,
);
// Each import run needs ids of its own: the same mapping under another prefix.
function mappingWithPrefix(prefix: string): string {
  const mapping = path.join(dir, `${prefix}mapping.json`);
  writeFileSync(mapping, readFileSync(LINKS_MAPPING, 'utf8').replaceAll('generated:', prefix));
  return mapping;
}

const bench = await startBenchDatabase({
  heap: process.env.BENCH_NEO4J_HEAP ?? '2g',
  pageCache: process.env.BENCH_NEO4J_PAGE_CACHE ?? '1g',
  log,
});
const { db } = bench;
const driver = neo4j.driver(bench.uri, neo4j.auth.basic('neo4j', bench.password), {
  disableLosslessIntegers: true,
});

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

const loadCsv = (csv: string, prefix: string) => runLoadCsv(driver, csv, prefix, BATCH);

const importFile = (csv: string, mappingFile: string) =>
  runImport(db, {
    file: csv,
    mappingFile,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: BATCH,
  });

try {
  log(`Warm-up: both on ${WARMUP_ROWS.toLocaleString('en')} other rows ...`);
  await loadCsv(warmupFile, 'lc-warmup:');
  await importFile(warmupFile, mappingWithPrefix('imp-warmup:'));

  log('LOAD CSV, run 1 ...');
  const loadCsv1 = await timed(() => loadCsv(file, 'lc1:'));
  log('Threadline importer, run 1 ...');
  const import1 = await timed(() => importFile(file, mappingWithPrefix('imp1:')));
  log('Threadline importer, run 2 ...');
  const import2 = await timed(() => importFile(file, mappingWithPrefix('imp2:')));
  log('LOAD CSV, run 2 ...');
  const loadCsv2 = await timed(() => loadCsv(file, 'lc2:'));
  log('Threadline importer again on run 2 (everything unchanged) ...');
  const again = await timed(() => importFile(file, mappingWithPrefix('imp2:')));

  const counts = await db.read<{ prefix: string; links: number }>(
    `MATCH ()-[r:OWNS]->() RETURN split(r.id, ':')[0] AS prefix, count(*) AS links ORDER BY prefix`,
  );
  const written = Object.fromEntries(counts.map((c) => [c.prefix, c.links]));
  const run = (seconds: number) => ({
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(ROWS / seconds),
  });
  const importerRun = (measured: typeof import1) => ({
    ...run(measured.seconds),
    links: measured.value.links,
    entities: measured.value.entities,
  });
  const result = {
    rows: ROWS,
    batchSize: BATCH,
    warmupRows: WARMUP_ROWS,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    linksWritten: written,
    order: 'warm-up, LOAD CSV 1, importer 1, importer 2, LOAD CSV 2, re-import 2',
    loadCsv: [run(loadCsv1.seconds), run(loadCsv2.seconds)],
    importer: [importerRun(import1), importerRun(import2)],
    reimport: { ...run(again.seconds), linksUnchanged: again.value.links.unchanged },
    // LOAD CSV's time ÷ the importer's, both runs added: above 1 means the importer is faster.
    importerToLoadCsv: Number(
      ((loadCsv1.seconds + loadCsv2.seconds) / (import1.seconds + import2.seconds)).toFixed(2),
    ),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await driver.close();
  await bench.close();
  rmSync(dir, { recursive: true, force: true });
}
