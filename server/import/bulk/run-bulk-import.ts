/**
 * Bulk load into a NEW store with Neo4j's offline importer: reads the file through the
 * transactional importer's mappings (collect-writes), writes the importer's CSV files
 * (offline-csv), runs `neo4j-admin database import full` through the local launcher, which then
 * opens the new store in the same process (no Bolt, no second JVM) to apply the schema and the
 * few values CSV cannot carry (the finish steps). For a Neo4j elsewhere it writes the files and
 * the steps, and returns the command to run there; `--finish` runs the steps over Bolt.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isLinkType } from '../../model/vocabulary';
import { CYPHER_DIR, splitStatements } from '../../neo4j/cypher-script';
import type { Database } from '../../neo4j/database';
import { buildLauncher, LAUNCHER_JVM_FLAGS, launcherClasspath } from '../../neo4j/local-neo4j';
import type { ImportFormat } from '../run-import';
import { collectWrites } from './collect-writes';
import { ARRAY_DELIMITER, type FixUp, type OfflineFiles, writeOfflineFiles } from './offline-csv';

/** The finish steps (schema, fills, fix-ups), written beside the importer's files. */
export const FINISH_STEPS_FILE = 'finish-steps.json';

export interface BulkImportOptions {
  file: string;
  mappingFile: string;
  format: ImportFormat;
  /** Where the importer's CSV files (and the finish steps) are written. */
  outDir: string;
  /** The local launcher's data directory for the new store; null only writes the files. */
  dataDir: string | null;
  /** Heap of the importer's JVM (which also runs the finish steps). @default '1g' */
  heap?: string;
  /** Page cache of the new database while the finish steps run. @default '1g' */
  pageCache?: string;
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
   * Seconds per phase: reading and mapping, writing CSV, the launcher's JVM until the importer
   * runs (`launch`), the offline import, and the finish steps in the same JVM (opening the new
   * database, the schema and its index population, fills and fix-ups, closing it).
   */
  seconds: { read: number; csv: number; launch: number; import: number; finish: number };
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

/** Seconds of the launcher's phases, from its `THREADLINE_IMPORT_PHASE <name> <seconds>` lines. */
type LauncherPhases = { import: number; finish: number };

/**
 * Runs the offline importer through the launcher into `dataDir`, then the finish steps in the
 * same JVM; with `stepsFile` null, the importer alone (as on a server, before `--finish`).
 */
export function runLauncherImport(
  dataDir: string,
  args: string[],
  stepsFile: string | null,
  heap: string,
  pageCache: string,
  log: (line: string) => void,
) {
  return new Promise<LauncherPhases>((resolve, reject) => {
    const java = spawn(
      'java',
      [
        `-Xmx${heap}`,
        ...LAUNCHER_JVM_FLAGS,
        '-cp',
        launcherClasspath({ graphDataScience: false }),
        'dev.threadline.neo4j.Launcher',
        'import',
        '--data-dir',
        dataDir,
        ...(stepsFile ? ['--then', stepsFile, '--page-cache', pageCache] : []),
        '--',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const phases: LauncherPhases = { import: 0, finish: 0 };
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim() || line.startsWith('..........')) continue;
        const phase = /^THREADLINE_IMPORT_PHASE (import|finish) ([\d.]+)/.exec(line);
        if (phase) {
          phases[phase[1] as keyof LauncherPhases] = Number(phase[2]);
          continue;
        }
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (
          /^(IMPORT DONE|Imported:|\s+\d+ (nodes|relationships|properties)|Peak memory|Opened|Schema online|Fill done|Step done|Closed)/.test(
            line,
          )
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
        ? resolve(phases)
        : reject(
            new BulkImportError(
              `The offline import or its finish steps failed (exit ${code}):\n${tail.join('\n')}`,
            ),
          ),
    );
  });
}

const FIX_UP_BATCH = 5_000;
const FILL_PAGE = 50_000;

/**
 * One step of finishing an imported store, run in order by the launcher inside the import's own
 * process (`Launcher import --then`, no Bolt, no second JVM), or over Bolt by `--finish` for a
 * Neo4j elsewhere: `schema` statements (then waiting for their indexes); a `fill` (every entity
 * without the key gets an empty list); or one statement with its parameters.
 */
export type FinishStep =
  | { schema: string[] }
  | { fill: { label: 'Entity'; key: string } }
  | { cypher: string; parameters: Record<string, unknown> };

/**
 * The steps after the offline import: the schema first (the fills page through entities by
 * their indexed id, the fix-ups find records by it), then the fills, then the fix-ups. Labels,
 * types and keys come from allowlists here; values only as parameters.
 */
export function finishSteps(files: Pick<OfflineFiles, 'fills' | 'fixUps'>): FinishStep[] {
  const steps: FinishStep[] = [
    { schema: splitStatements(readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8')) },
  ];
  for (const fill of files.fills) {
    // The key enters statement text (over Bolt): only a plain property name may.
    if (fill.target !== 'Entity' || !PROPERTY_NAME.test(fill.key)) {
      throw new BulkImportError(`Invalid fill: ${JSON.stringify(fill)}`);
    }
    steps.push({ fill: { label: 'Entity', key: fill.key } });
  }
  const groups = new Map<string, FixUp[]>();
  for (const fix of files.fixUps) {
    const key = typeof fix.target === 'string' ? fix.target : fix.target.type;
    groups.set(key, [...(groups.get(key) ?? []), fix]);
  }
  for (const [target, fixes] of groups) {
    let match: string;
    if (target === 'Entity' || target === 'Source') match = `MATCH (x:${target} {id: row.id})`;
    else if (isLinkType(target)) match = `MATCH ()-[x:${target} {id: row.id}]->()`;
    else throw new BulkImportError(`Unknown fix-up target: ${target}`);
    for (let i = 0; i < fixes.length; i += FIX_UP_BATCH) {
      steps.push({
        cypher: `UNWIND $rows AS row ${match} SET x += row.properties`,
        parameters: {
          rows: fixes
            .slice(i, i + FIX_UP_BATCH)
            .map((f) => ({ id: f.id, properties: f.properties })),
        },
      });
    }
  }
  return steps;
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Runs the steps over Bolt, on a database the files were imported into (`--finish`). */
export async function runFinishSteps(db: Database, steps: readonly FinishStep[]): Promise<void> {
  for (const step of steps) {
    if ('schema' in step) {
      for (const statement of step.schema) await db.write(statement);
      await db.write('CALL db.awaitIndexes(3600)');
    } else if ('fill' in step) {
      await fillEmptyLists(db, step.fill.key);
    } else {
      await db.write(step.cypher, step.parameters);
    }
  }
}

/**
 * Over Bolt, a fill pages through entities in the order of their indexed id, so each
 * transaction stays small and no page scans the whole store again.
 */
async function fillEmptyLists(db: Database, key: string): Promise<void> {
  if (!PROPERTY_NAME.test(key)) throw new BulkImportError(`Invalid fill key: ${key}`);
  let after = '';
  for (;;) {
    const [page] = await db.write<{ last: string | null }>(
      `MATCH (x:Entity) WHERE x.id > $after
       WITH x ORDER BY x.id LIMIT toInteger($page)
       CALL { WITH x WITH x WHERE x.${key} IS NULL SET x.${key} = [] }
       RETURN max(x.id) AS last`,
      { after, page: FILL_PAGE },
    );
    if (!page?.last) return;
    after = page.last;
  }
}

/** `--finish`: the steps written beside the files, run over Bolt. */
export async function finishBulkImport(db: Database, outDir: string): Promise<number> {
  const steps = JSON.parse(
    readFileSync(path.join(outDir, FINISH_STEPS_FILE), 'utf8'),
  ) as FinishStep[];
  await runFinishSteps(db, steps);
  return steps.length;
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
  const stepsFile = path.resolve(options.outDir, FINISH_STEPS_FILE);
  writeFileSync(stepsFile, JSON.stringify(finishSteps(files)));
  const csv = seconds(started);
  const importArgs = offlineImportArgs(files, path.resolve(options.outDir));
  const phases = { launch: 0, import: 0, finish: 0 };
  if (dataDir) {
    await buildLauncher(log);
    started = performance.now();
    const launcher = await runLauncherImport(
      dataDir,
      importArgs,
      stepsFile,
      heap,
      options.pageCache ?? '1g',
      log,
    );
    const total = seconds(started);
    phases.import = launcher.import;
    phases.finish = launcher.finish;
    phases.launch = Math.max(0, Math.round((total - launcher.import - launcher.finish) * 10) / 10);
  }
  return {
    rowsRead: collected.rowsRead,
    rowsSkipped: collected.rowsSkipped,
    entities: collected.entities.size,
    links: files.relationships,
    linksWithoutEnds: files.linksWithoutEnds,
    kindConflicts: collected.kindConflicts,
    fixUps: files.fixUps.length + files.fills.length,
    seconds: { read, csv, ...phases },
    importArgs,
  };
}
