/**
 * `npx tsx bench/import-cold.ts [--rows 3000] [--runs 2]`: a first import into a fresh database,
 * the importer against one LOAD CSV statement on the same rows, each run in a Neo4j of its own
 * (new store, new JVM: nothing planned, nothing compiled yet). Two files: the ownership links of
 * bench/import/generate-links.ts (one kind, one link type) and the mixed graph of
 * bench/data/generate-graph.ts (every kind and link type, given by columns).
 *
 * Per file the runs alternate, LOAD CSV first, then importer, importer, LOAD CSV, ... (`--runs`
 * of each), so a change in the machine's load falls on both alike. Each run reports wall time
 * and the CPU time the database process used meanwhile: on a machine shared with other work,
 * the CPU time is the steadier of the two. Starting the database and applying the schema are
 * not timed. Prints its result as JSON on stdout; the import section of `npm run bench` runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { runImport } from '../server/import/run-import';
import { generateGraph } from './data/generate-graph';
import { generateLinks, LINKS_MAPPING } from './import/generate-links';
import { startBenchDatabase } from './lib/bench-database';
import { intOption } from './lib/int-option';
import { type LoadCsvShape, runLoadCsv } from './lib/load-csv';
import { cpuSeconds, pidWithArgument } from './lib/process-cpu';

const ROWS = intOption('rows', 3000);
const RUNS = intOption('runs', 2);
const BATCH = 2000;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface ColdRun {
  who: 'loadCsv' | 'importer';
  seconds: number;
  rowsPerSecond: number;
  /** CPU seconds of the database process during the run. */
  databaseCpuSeconds: number;
  linksWritten: number;
  loadAverage: number;
}

async function coldRun(
  who: ColdRun['who'],
  file: { csv: string; mapping: string; shape: LoadCsvShape; rows: number },
): Promise<ColdRun> {
  const bench = await startBenchDatabase({ heap: '2g', pageCache: '1g', log: () => {} });
  const driver = neo4j.driver(bench.uri, neo4j.auth.basic('neo4j', bench.password));
  try {
    const pid = pidWithArgument(bench.local.dataDir);
    if (pid === null) throw new Error('cannot find the database process');
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    if (who === 'loadCsv') await runLoadCsv(driver, file.csv, 'lc:', BATCH, file.shape);
    else {
      await runImport(bench.db, {
        file: file.csv,
        mappingFile: file.mapping,
        format: 'csv',
        dryRun: false,
        matchExisting: false,
        batchSize: BATCH,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const databaseCpuSeconds = cpuSeconds(pid) - cpuBefore;
    const [count] = await bench.db.read<{ links: number }>(
      "MATCH ()-[r]->() WHERE r.createdBy IN ['load-csv'] OR r.createdBy STARTS WITH 'import:' RETURN count(r) AS links",
    );
    const run = {
      who,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(file.rows / seconds),
      databaseCpuSeconds: Number(databaseCpuSeconds.toFixed(2)),
      linksWritten: count?.links ?? 0,
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(1)),
    };
    log(`  ${JSON.stringify(run)}`);
    return run;
  } finally {
    await driver.close();
    await bench.close();
  }
}

function summary(runs: ColdRun[]) {
  const total = (who: ColdRun['who'], key: 'seconds' | 'databaseCpuSeconds') =>
    runs.filter((r) => r.who === who).reduce((sum, r) => sum + r[key], 0);
  return {
    runs,
    // LOAD CSV's time ÷ the importer's, all runs added: the importer's rows/s as a share of
    // LOAD CSV's (1 ÷ 1.5 = 0.67 is the goal).
    importerToLoadCsv: Number(
      (total('loadCsv', 'seconds') / total('importer', 'seconds')).toFixed(2),
    ),
    importerToLoadCsvCpu: Number(
      (total('loadCsv', 'databaseCpuSeconds') / total('importer', 'databaseCpuSeconds')).toFixed(2),
    ),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-cold-'));
try {
  const linksCsv = path.join(dir, 'links.csv');
  await generateLinks(linksCsv, ROWS);
  const graph = await generateGraph({ dir, entities: Math.round(ROWS / 3) });
  const files = {
    singleType: { csv: linksCsv, mapping: LINKS_MAPPING, shape: 'links' as const, rows: ROWS },
    mixed: {
      csv: graph.csvFile,
      mapping: graph.mappingFile,
      shape: 'graph' as const,
      rows: graph.rows,
    },
  };
  const order: ColdRun['who'][] = Array.from({ length: RUNS * 2 }, (_, i) =>
    i % 4 === 0 || i % 4 === 3 ? 'loadCsv' : 'importer',
  );
  const result: Record<string, unknown> = {
    rows: ROWS,
    batchSize: BATCH,
    order: order.join(', '),
  };
  for (const [name, file] of Object.entries(files)) {
    log(`Cold, ${name} (${file.rows} rows): ${order.join(', ')}, each in a fresh database ...`);
    const runs: ColdRun[] = [];
    for (const who of order) runs.push(await coldRun(who, file));
    result[name] = { rows: file.rows, ...summary(runs) };
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
