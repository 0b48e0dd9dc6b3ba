/**
 * Bulk load into a NEW store with Neo4j's offline importer: reads the file through the
 * transactional importer's mappings (collect-writes), writes the importer's CSV files
 * (offline-csv), runs `neo4j-admin database import full` through the local launcher, then starts
 * the new database once to apply the schema and the few values CSV cannot carry (fix-ups).
 * For a Neo4j elsewhere it writes the files and returns the command to run there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isLinkType } from '../../model/vocabulary';
import { runCypherFile } from '../../neo4j/cypher-script';
import { createDatabase, type Database } from '../../neo4j/database';
import {
  buildLauncher,
  LAUNCHER_JVM_FLAGS,
  launcherClasspath,
  startLocalNeo4j,
} from '../../neo4j/local-neo4j';
import type { ImportFormat } from '../run-import';
import { collectWrites } from './collect-writes';
import {
  ARRAY_DELIMITER,
  type FixUp,
  type ListFill,
  type OfflineFiles,
  writeOfflineFiles,
} from './offline-csv';

export const FIX_UPS_FILE = 'fix-ups.json';

export interface BulkImportOptions {
  file: string;
  mappingFile: string;
  format: ImportFormat;
  /** Where the importer's CSV files (and the fix-ups) are written. */
  outDir: string;
  /** The local launcher's data directory for the new store; null only writes the files. */
  dataDir: string | null;
  /** Heap of the importer's JVM and of the database's first start. @default '1g' */
  heap?: string;
  log?: (line: string) => void;
}

export interface BulkSummary {
  rowsRead: number;
  rowsSkipped: number;
  entities: number;
  links: number;
  linksWithoutEnds: number;
  kindConflicts: number;
  fixUps: number;
  /**
   * Seconds per phase: reading and mapping, writing CSV, the offline import, the new database's
   * first start, and the schema with the fix-ups (and the stop).
   */
  seconds: { read: number; csv: number; import: number; start: number; finish: number };
  /** The importer's arguments after `neo4j-admin database import full`. */
  importArgs: string[];
}

export class BulkImportError extends Error {}

/** `neo4j-admin database import full` arguments for the files (the database name last). */
export function offlineImportArgs(files: OfflineFiles, outDir: string): string[] {
  return [
    ...files.nodeFiles.map((f) => `--nodes=${f}`),
    ...files.relationshipFiles.map((f) => `--relationships=${f}`),
    `--array-delimiter=${ARRAY_DELIMITER}`,
    '--multiline-fields=true',
    '--id-type=string',
    `--report-file=${path.join(outDir, 'import.report')}`,
    'neo4j',
  ];
}

/** The command for a shell on the Neo4j server (the delimiter is a control character). */
export function shellCommand(args: readonly string[]): string {
  const shellArg = (arg: string) =>
    arg.includes(ARRAY_DELIMITER)
      ? `${arg.split(ARRAY_DELIMITER).join('')}$'\\x1f'`
      : `'${arg.replaceAll("'", "'\\''")}'`;
  return `neo4j-admin database import full ${args.map(shellArg).join(' ')}`;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function runLauncherImport(
  dataDir: string,
  args: string[],
  heap: string,
  log: (line: string) => void,
) {
  return new Promise<void>((resolve, reject) => {
    const java = spawn(
      'java',
      [
        `-Xmx${heap}`,
        ...LAUNCHER_JVM_FLAGS,
        '-cp',
        launcherClasspath(),
        'dev.threadline.neo4j.Launcher',
        'import',
        '--data-dir',
        dataDir,
        '--',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim() || line.startsWith('..........')) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (
          /^(IMPORT DONE|Imported:|\s+\d+ (nodes|relationships|properties)|Peak memory)/.test(line)
        )
          log(line.trim());
      }
    };
    java.stdout.on('data', keep);
    java.stderr.on('data', keep);
    java.on('error', (error) =>
      reject(new BulkImportError(`Could not run java: ${error.message}`)),
    );
    java.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new BulkImportError(`The offline importer failed (exit ${code}):\n${tail.join('\n')}`),
          ),
    );
  });
}

const FIX_UP_BATCH = 5_000;
const FILL_PAGE = 50_000;

/** What the CSV files could not carry (offline-csv); written beside them, read by --finish. */
export interface FixUpsFile {
  fills: ListFill[];
  fixUps: FixUp[];
}

/**
 * Gives every entity without `key` an empty list, a page of entities at a time in the order of
 * their indexed id, so each transaction stays small and no page scans the whole store again.
 */
async function fillEmptyLists(db: Database, fill: ListFill): Promise<void> {
  // The key comes from a file: only a plain property name may enter the statement's text.
  if (fill.target !== 'Entity' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(fill.key)) {
    throw new BulkImportError(`${FIX_UPS_FILE} names an invalid fill: ${JSON.stringify(fill)}`);
  }
  let after = '';
  for (;;) {
    const [page] = await db.write<{ last: string | null }>(
      `MATCH (x:Entity) WHERE x.id > $after
       WITH x ORDER BY x.id LIMIT toInteger($page)
       CALL { WITH x WITH x WHERE x.${fill.key} IS NULL SET x.${fill.key} = [] }
       RETURN max(x.id) AS last`,
      { after, page: FILL_PAGE },
    );
    if (!page?.last) return;
    after = page.last;
  }
}

/** Applies the schema, then the fix-ups; the database is the one the files were imported into. */
export async function finishBulkImport(db: Database, outDir: string): Promise<number> {
  await runCypherFile(db, 'schema.cypher');
  await db.write('CALL db.awaitIndexes(300)');
  const { fills, fixUps } = JSON.parse(
    readFileSync(path.join(outDir, FIX_UPS_FILE), 'utf8'),
  ) as FixUpsFile;
  for (const fill of fills) await fillEmptyLists(db, fill);
  const groups = new Map<string, FixUp[]>();
  for (const fix of fixUps) {
    const key = typeof fix.target === 'string' ? fix.target : fix.target.type;
    groups.set(key, [...(groups.get(key) ?? []), fix]);
  }
  for (const [target, fixes] of groups) {
    let match: string;
    if (target === 'Entity' || target === 'Source') match = `MATCH (x:${target} {id: row.id})`;
    else if (isLinkType(target)) match = `MATCH ()-[x:${target} {id: row.id}]->()`;
    else throw new BulkImportError(`${FIX_UPS_FILE} names an unknown target: ${target}`);
    for (let i = 0; i < fixes.length; i += FIX_UP_BATCH) {
      await db.write(`UNWIND $rows AS row ${match} SET x += row.properties`, {
        rows: fixes.slice(i, i + FIX_UP_BATCH).map((f) => ({ id: f.id, properties: f.properties })),
      });
    }
  }
  return fixUps.length + fills.length;
}

export async function runBulkImport(options: BulkImportOptions): Promise<BulkSummary> {
  const log = options.log ?? (() => {});
  const heap = options.heap ?? '1g';
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : null;
  if (dataDir && existsSync(path.join(dataDir, 'data', 'databases', 'neo4j'))) {
    throw new BulkImportError(
      `${dataDir} already holds a database: the offline importer writes a new store. Choose an empty --data-dir.`,
    );
  }
  let started = performance.now();
  const collected = await collectWrites(options.file, options.mappingFile, options.format);
  const read = seconds(started);
  started = performance.now();
  mkdirSync(options.outDir, { recursive: true });
  const stamp = { now: new Date().toISOString(), by: `import:${path.basename(options.file)}` };
  const files = await writeOfflineFiles(
    options.outDir,
    collected.source,
    collected.entities,
    collected.links,
    stamp,
  );
  const fixUpsFile: FixUpsFile = { fills: files.fills, fixUps: files.fixUps };
  writeFileSync(path.join(options.outDir, FIX_UPS_FILE), JSON.stringify(fixUpsFile));
  const csv = seconds(started);
  const importArgs = offlineImportArgs(files, path.resolve(options.outDir));
  let imported = 0;
  let firstStart = 0;
  let finished = 0;
  if (dataDir) {
    await buildLauncher(log);
    started = performance.now();
    await runLauncherImport(dataDir, importArgs, heap, log);
    imported = seconds(started);
    started = performance.now();
    const local = await startLocalNeo4j({
      dataDir,
      port: 0,
      heap,
      pageCache: '256m',
      graphDataScience: false,
      log,
    });
    const db = createDatabase(
      { uri: local.uri, user: local.user, password: local.password, database: 'neo4j' },
      { queryTimeoutMs: 600_000 },
    );
    firstStart = seconds(started);
    started = performance.now();
    try {
      await finishBulkImport(db, options.outDir);
    } finally {
      await db.close();
      await local.stop();
    }
    finished = seconds(started);
  }
  return {
    rowsRead: collected.rowsRead,
    rowsSkipped: collected.rowsSkipped,
    entities: collected.entities.size,
    links: files.relationships,
    linksWithoutEnds: files.linksWithoutEnds,
    kindConflicts: collected.kindConflicts,
    fixUps: files.fixUps.length + files.fills.length,
    seconds: { read, csv, import: imported, start: firstStart, finish: finished },
    importArgs,
  };
}
