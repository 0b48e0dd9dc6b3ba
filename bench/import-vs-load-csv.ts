/**
 * `npm run bench:import [-- --rows 1000000 --batch-size 2000]`: rows per second of Threadline's
 * importer against Neo4j's own LOAD CSV, on the same generated file of ownership links, in the
 * same throw-away Neo4j, one after the other. LOAD CSV goes first (on the emptier store) and
 * writes under its own id prefix, so neither finds the other's records.
 *
 * LOAD CSV needs CALL ... IN TRANSACTIONS, which only runs in an auto-commit transaction, so the
 * baseline is sent through a driver session here; the importer goes through server/neo4j as
 * always. The embedded launcher sets no import directory, so file:/// URLs reach the file.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { runImport } from '../server/import/run-import';
import { applySchemaAndSeed } from '../server/neo4j/cypher-script';
import { createDatabase } from '../server/neo4j/database';
import { startLocalNeo4j } from '../server/neo4j/local-neo4j';
import { generateLinks, LINKS_MAPPING } from './import/generate-links';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ROWS = option('rows', 1_000_000);
const BATCH = option('batch-size', 2000);
const log = (line: string) => process.stderr.write(`${line}\n`);

// The same records the importer writes: entities with names, keys and a citation, links with
// dates, share and a citation. Ids are lower-cased like the importer's keys.
const LOAD_CSV = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Entity {id: 'lc:company:' + toLower(row.owner_id)})
    ON CREATE SET a:Company, a.kind = 'Company', a.name = row.owner_name, a.nameKey = toLower(row.owner_name),
      a.aliases = [], a.searchText = row.owner_name, a.citationSourceIds = [$source],
      a.citationExcerpts = ['owner_id: ' + row.owner_id + ' | owner_name: ' + row.owner_name],
      a.citationLocators = [''], a.createdAt = $now, a.createdBy = 'load-csv'
  MERGE (b:Entity {id: 'lc:company:' + toLower(row.company_id)})
    ON CREATE SET b:Company, b.kind = 'Company', b.name = row.company_name, b.nameKey = toLower(row.company_name),
      b.aliases = [], b.searchText = row.company_name, b.citationSourceIds = [$source],
      b.citationExcerpts = ['company_id: ' + row.company_id + ' | company_name: ' + row.company_name],
      b.citationLocators = [''], b.createdAt = $now, b.createdBy = 'load-csv'
  MERGE (a)-[r:OWNS {id: 'lc:owns:' + toLower(row.link_id)}]->(b)
  SET r.status = 'asserted', r.since = row.since, r.until = nullif(row.until, ''),
    r.validFrom = CASE WHEN size(row.since) = 4 THEN row.since + '-01-01' ELSE row.since + '-01' END,
    r.validTo = CASE WHEN row.until = '' THEN null ELSE row.until + '-12-31' END,
    r.share = toFloat(row.share), r.citationSourceIds = [$source],
    r.citationExcerpts = ['link_id: ' + row.link_id + ' | owner_id: ' + row.owner_id],
    r.citationLocators = [''], r.createdAt = $now, r.createdBy = 'load-csv'
} IN TRANSACTIONS OF $batch ROWS`;

const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-import-'));
const file = path.join(dir, 'links.csv');
log(`Generating ${ROWS.toLocaleString('en')} links ...`);
const generated = await generateLinks(file, ROWS);
log(
  `  ${(statSync(file).size / 1e6).toFixed(1)} MB, ${generated.companies.toLocaleString('en')} companies`,
);

const local = await startLocalNeo4j({
  dataDir: path.join(dir, 'neo4j'),
  port: 0,
  heap: process.env.BENCH_NEO4J_HEAP ?? '2g',
  pageCache: process.env.BENCH_NEO4J_PAGE_CACHE ?? '1g',
  log,
});
const db = createDatabase(
  { uri: local.uri, user: 'neo4j', password: '', database: 'neo4j' },
  { queryTimeoutMs: 600_000 },
);
const driver = neo4j.driver(local.uri, neo4j.auth.basic('neo4j', ''), {
  disableLosslessIntegers: true,
});
try {
  await applySchemaAndSeed(db);

  log('LOAD CSV ...');
  const session = driver.session();
  let started = performance.now();
  try {
    await session.run(LOAD_CSV, {
      url: `file://${file}`,
      source: 'source:dataset:generated-links',
      now: new Date().toISOString(),
      batch: neo4j.int(BATCH),
    });
  } finally {
    await session.close();
  }
  const loadCsvSeconds = (performance.now() - started) / 1000;

  log('Threadline importer ...');
  started = performance.now();
  const summary = await runImport(db, {
    file,
    mappingFile: LINKS_MAPPING,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: BATCH,
  });
  const importerSeconds = (performance.now() - started) / 1000;

  log('Threadline importer again (everything unchanged) ...');
  started = performance.now();
  const again = await runImport(db, {
    file,
    mappingFile: LINKS_MAPPING,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: BATCH,
  });
  const reimportSeconds = (performance.now() - started) / 1000;

  const [check] = await db.read<{ lc: number; imported: number }>(
    `CALL () { MATCH ()-[r:OWNS]->() WHERE r.id STARTS WITH 'lc:' RETURN count(r) AS lc }
     CALL () { MATCH ()-[r:OWNS]->() WHERE r.id STARTS WITH 'generated:' RETURN count(r) AS imported }
     RETURN lc, imported`,
  );
  const rate = (seconds: number) => Math.round(ROWS / seconds);
  const result = {
    rows: ROWS,
    batchSize: BATCH,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    linksWritten: check,
    loadCsv: { seconds: Number(loadCsvSeconds.toFixed(1)), rowsPerSecond: rate(loadCsvSeconds) },
    importer: {
      seconds: Number(importerSeconds.toFixed(1)),
      rowsPerSecond: rate(importerSeconds),
      links: summary.links,
      entities: summary.entities,
    },
    reimport: {
      seconds: Number(reimportSeconds.toFixed(1)),
      rowsPerSecond: rate(reimportSeconds),
      linksUnchanged: again.links.unchanged,
    },
    importerToLoadCsv: Number((loadCsvSeconds / importerSeconds).toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await driver.close();
  await db.close();
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
}
