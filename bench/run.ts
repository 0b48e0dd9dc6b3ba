/**
 * `npm run bench -- [--smoke] [--sizes 10k,100k] [--sections overhead,profile,library,throughput,import,client,analytics,bulk,identities,changes]
 *   [--pairs 200] [--repeats 3] [--warmup 20] [--seconds 20] [--client-sizes 2k,5k]
 *   [--import-rows 50k] [--cold-rows 3k] [--cold-runs 2] [--analytics-sizes 100k] [--bulk-rows 1m] [--group-by-type]
 *   [--out bench/results/<name>.json]`
 *
 * For each size: generates the seeded graph, starts a throw-away Neo4j, loads the graph through
 * the importer, starts the servers in a child process and runs the chosen sections. Results go
 * to one JSON file; docs/benchmarks.md explains every number. Never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImport } from '../server/import/run-import';
import { generateGraph, seededRandom } from './data/generate-graph';
import { startBenchDatabase } from './lib/bench-database';
import { overheadVariants, type Pair } from './lib/queries';
import { startServers } from './lib/server-process';
import { round } from './lib/stats';
import { measureChanges } from './sections/changes';
import { measureClient } from './sections/client';
import { joinEntities, measureIdentities } from './sections/identities';
import { compareWithLibrary } from './sections/library';
import { measureOverhead } from './sections/overhead';
import { profileQueries } from './sections/profile';
import { measureThroughput, mixedBodies } from './sections/throughput';

const SECTIONS = [
  'overhead',
  'profile',
  'library',
  'throughput',
  'import',
  'client',
  'analytics',
  'bulk',
  'identities',
  'changes',
] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  smoke: boolean;
  sizes: number[];
  sections: Set<Section>;
  pairs: number;
  repeats: number;
  warmup: number;
  seconds: number;
  clientSizes: number[];
  importRows: number;
  /** Rows of each file of the cold import comparison, and runs of each side per file. */
  coldRows: number;
  coldRuns: number;
  /** Entities of the graphs the analytics section loads. */
  analyticsSizes: number[];
  /** Rows of the links file for bulk load against LOAD CSV. */
  bulkRows: number;
  /** Sort rows by link type within each import batch (see generateGraph's groupByType). */
  groupByType: boolean;
  out: string;
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--sizes: "${text}" is not a size such as 10k, 100k or 1m`);
  const unit = match[2]?.toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
}

function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  let smoke = false;
  let groupByType = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--smoke') smoke = true;
    else if (arg === '--group-by-type') groupByType = true;
    else if (arg.startsWith('--')) flags.set(arg.slice(2), argv[++i] ?? '');
  }
  const known = [
    'sizes',
    'sections',
    'pairs',
    'repeats',
    'warmup',
    'seconds',
    'client-sizes',
    'import-rows',
    'cold-rows',
    'cold-runs',
    'analytics-sizes',
    'bulk-rows',
    'out',
  ];
  for (const key of flags.keys()) {
    if (!known.includes(key))
      throw new Error(
        `Unknown option --${key}; known: --smoke, --group-by-type, --${known.join(', --')}`,
      );
  }
  const sections = new Set(
    (
      flags.get('sections') ??
      (smoke ? 'overhead,profile,library,throughput,changes,import' : SECTIONS.join(','))
    )
      .split(',')
      .map((s) => s.trim()),
  );
  for (const s of sections) {
    if (!(SECTIONS as readonly string[]).includes(s)) {
      throw new Error(`--sections: unknown "${s}"; choose from ${SECTIONS.join(', ')}`);
    }
  }
  const int = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return {
    smoke,
    sizes: (flags.get('sizes') ?? (smoke ? '1k' : '10k,100k')).split(',').map(parseSize),
    sections: sections as Set<Section>,
    pairs: int('pairs', smoke ? 8 : 200),
    repeats: int('repeats', smoke ? 1 : 3),
    warmup: int('warmup', smoke ? 2 : 20),
    seconds: int('seconds', smoke ? 2 : 20),
    groupByType,
    importRows: parseSize(flags.get('import-rows') ?? (smoke ? '2k' : '50k')),
    coldRows: parseSize(flags.get('cold-rows') ?? (smoke ? '300' : '3k')),
    coldRuns: int('cold-runs', smoke ? 1 : 2),
    analyticsSizes: (flags.get('analytics-sizes') ?? (smoke ? '1k' : '100k'))
      .split(',')
      .map(parseSize),
    bulkRows: parseSize(flags.get('bulk-rows') ?? (smoke ? '2k' : '1m')),
    clientSizes: (flags.get('client-sizes') ?? (smoke ? '200' : '2k,5k')).split(',').map(parseSize),
    out:
      flags.get('out') ??
      (smoke
        ? path.join(tmpdir(), `threadline-bench-smoke-${stamp}.json`)
        : fileURLToPath(new URL(`./results/${stamp}.json`, import.meta.url))),
  };
}

/** Share of the benchmark graph's entities the identities section joins (in pairs). */
const IDENTITY_FRACTION = 0.04;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      ?.trim() as string;
  } catch {
    return 'unknown';
  }
}

function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    loadAverageAtStart: version('cat', ['/proc/loadavg']),
    node: process.version,
    java: version('java', ['-version']) === 'unknown' ? 'unknown' : execJavaVersion(),
  };
}

function execJavaVersion(): string {
  try {
    execFileSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return 'unknown';
  }
  const out = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
  return out.split('\n')[0]?.trim() ?? 'unknown';
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `result` is filled section by section and `save` called after each, so a failure keeps the rest. */
async function runSize(
  entities: number,
  options: Options,
  workDir: string,
  result: Record<string, unknown>,
  save: () => void,
) {
  log(`\n== ${entities} entities`);
  const graph = await generateGraph({ dir: workDir, entities, groupByType: options.groupByType });
  log(`generated ${graph.rows} link rows over ${graph.entities} entities`);
  // Heap and page cache sized for the largest graph we load; the machine has 24 GiB.
  const bench = await startBenchDatabase({ heap: '2g', pageCache: '2g', log });
  try {
    const beforeImport = new Date().toISOString();
    const started = performance.now();
    const summary = await runImport(bench.db, {
      file: graph.csvFile,
      mappingFile: graph.mappingFile,
      format: 'csv',
      dryRun: false,
      matchExisting: false,
      batchSize: 2000,
    });
    const seconds = (performance.now() - started) / 1000;
    const [counts] = await bench.db.read<{ entities: number; links: number }>(
      "MATCH (e:Entity) WHERE e.id STARTS WITH 'bench:' WITH count(e) AS entities MATCH ()-[r]->() WHERE r.id STARTS WITH 'bench:' RETURN entities, count(r) AS links",
    );
    const [degrees] = await bench.db.read<{ max: number; p99: number; mean: number }>(
      "MATCH (e:Entity) WHERE e.id STARTS WITH 'bench:' WITH COUNT { (e)--() } AS d RETURN max(d) AS max, percentileDisc(d, 0.99) AS p99, avg(d) AS mean",
    );
    result.load = {
      rows: graph.rows,
      rowOrder: options.groupByType ? 'grouped by link type within each batch' : 'random',
      seconds: round(seconds, 1),
      rowsPerSecond: round(graph.rows / seconds, 0),
      failedBatches:
        (summary as unknown as { failedBatches?: unknown[] }).failedBatches?.length ?? 0,
      graph: { ...counts, degree: degrees },
    };
    log(
      `imported through the importer in ${round(seconds, 1)} s (${round(graph.rows / seconds, 0)} rows/s): ${JSON.stringify(result.load)}`,
    );

    const random = seededRandom(7);
    const ids = (
      await bench.db.read<{ id: string }>(
        "MATCH (e:Entity) WHERE e.id STARTS WITH 'bench:e:' RETURN e.id AS id ORDER BY id",
      )
    ).map((r) => r.id);
    const pick = () => ids[Math.floor(random() * ids.length)] as string;
    const pairs: Pair[] = Array.from({ length: options.pairs }, () => {
      const from = pick();
      let to = pick();
      while (to === from) to = pick();
      return { from, to };
    });
    const starts = shuffled(
      (
        await bench.db.read<{ id: string }>(
          "MATCH (e:Company) WHERE e.id STARTS WITH 'bench:e:' AND EXISTS { (e)-[:OWNS|SUBSIDIARY_OF|LISTED_ON]-() } RETURN e.id AS id ORDER BY id",
        )
      ).map((r) => r.id),
      random,
    )
      .slice(0, options.pairs)
      .map((id) => ({ from: id, to: id }));
    const words = (
      await bench.db.read<{ name: string }>(
        "MATCH (e:Entity) WHERE e.id STARTS WITH 'bench:e:' RETURN e.name AS name ORDER BY e.id LIMIT 500",
      )
    ).flatMap((r) => r.name.split(' ').filter((w) => /^[A-Z][a-z]+$/.test(w) && w.length > 4));

    if (options.sections.has('changes')) {
      log("-- changes around a canvas of 20 entities (the API's statement, direct)");
      result.changes = await measureChanges({
        db: bench.db,
        ids,
        beforeImport,
        random: seededRandom(11),
        watched: 20,
        canvases: options.smoke ? 3 : 20,
        warmup: options.smoke ? 1 : 5,
        repeats: options.repeats,
        radii: options.smoke ? [2] : [1, 2, 3],
        log,
      });
      save();
    }

    const variants = overheadVariants();
    const servers = await startServers(bench.uri, bench.password);
    try {
      if (options.sections.has('overhead')) {
        log('-- GraphQL overhead (Threadline vs bare node:http vs direct driver)');
        result.overhead = await measureOverhead({
          servers,
          uri: bench.uri,
          password: bench.password,
          variants,
          pairs,
          warmup: options.warmup,
          repeats: options.repeats,
          log,
        });
        save();
      }
      if (options.sections.has('profile')) {
        log('-- PROFILE db hits');
        result.profile = await profileQueries({
          uri: bench.uri,
          password: bench.password,
          variants,
          pairs: pairs.slice(0, options.smoke ? 3 : 20),
          log,
        });
        save();
      }
      if (options.sections.has('library')) {
        log('-- against @neo4j/graphql');
        result.library = await compareWithLibrary({
          servers,
          starts,
          pairs,
          warmup: options.warmup,
          repeats: options.repeats,
          log,
        });
        save();
      }
      if (options.sections.has('throughput')) {
        log('-- throughput (autocannon, second process)');
        result.throughput = await measureThroughput({
          servers,
          bodies: mixedBodies(pairs, words.length > 0 ? words : ['Holdings']),
          connections: [1, 32],
          seconds: options.seconds,
          log,
        });
        save();
      }
      // Last: it writes identities into the graph the other sections measure without.
      if (options.sections.has('identities')) {
        log(
          `-- identities: ${IDENTITY_FRACTION * 100} % of entities joined in pairs, raw against joined`,
        );
        const joinedPairs = await joinEntities(bench.db, ids, IDENTITY_FRACTION, random);
        result.identities = {
          joinedPairs,
          results: await measureIdentities({
            uri: bench.uri,
            password: bench.password,
            variants,
            pairs,
            warmup: options.warmup,
            repeats: options.repeats,
            log,
          }),
        };
        save();
      }
    } finally {
      await servers.stop();
    }
  } finally {
    await bench.close();
  }
}

/**
 * What must not happen in any run, smoke or full: answers that differ between the ways of
 * asking, errors, failed requests. Timings are never judged here.
 */
function problemsIn(sizes: readonly Record<string, unknown>[]): string[] {
  type Counts = Record<string, unknown>;
  const problems: string[] = [];
  for (const size of sizes) {
    const at = `${size.entities} entities`;
    for (const r of (size.overhead ?? []) as Counts[]) {
      if (r.mismatches || r.errors)
        problems.push(`${at}, ${r.variant}: ${r.mismatches} different answers, ${r.errors} errors`);
    }
    for (const r of (size.changes ?? []) as Counts[]) {
      if (r.error) problems.push(`${at}, changes radius ${r.radius} ${r.case}: ${r.error}`);
    }
    for (const r of (size.library ?? []) as Counts[]) {
      if (r.mismatches) problems.push(`${at}, ${r.query}: ${r.mismatches} different answers`);
    }
    for (const r of (size.throughput ?? []) as Counts[]) {
      if (r.non2xx || r.errors)
        problems.push(
          `${at}, ${r.connections} connections: ${r.non2xx} non-2xx, ${r.errors} errors`,
        );
    }
    const load = size.load as { failedBatches?: number } | undefined;
    if (load?.failedBatches) problems.push(`${at}: ${load.failedBatches} import batches failed`);
  }
  return problems;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const workDir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-'));
  const report: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    settings: { ...options, sections: [...options.sections] },
    sizes: [] as unknown[],
  };
  const save = () => {
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(report, null, 1)}\n`);
  };
  try {
    const graphSections = ['overhead', 'profile', 'library', 'throughput', 'identities', 'changes'];
    if (graphSections.some((s) => options.sections.has(s as Section))) {
      for (const size of options.sizes) {
        const result: Record<string, unknown> = { entities: size };
        (report.sizes as unknown[]).push(result);
        await runSize(size, options, workDir, result, save);
        save();
      }
    }
    if (options.sections.has('import')) {
      log('\n== import vs LOAD CSV');
      const { measureImport } = await import('./sections/import');
      report.import = await measureImport({
        rows: options.importRows,
        warmupRows: options.smoke ? 1000 : 10_000,
        coldRows: options.coldRows,
        coldRuns: options.coldRuns,
        log,
      });
      save();
    }
    if (options.sections.has('analytics')) {
      log('\n== analytics (Graph Data Science) over the whole graph');
      const { measureAnalytics } = await import('./sections/analytics');
      report.analytics = await measureAnalytics({
        sizes: options.analyticsSizes,
        repeats: options.repeats,
        heap: options.smoke ? '1g' : '4g',
        referenceStarts: options.smoke ? 0 : 1_000,
        log,
      });
      save();
    }
    if (options.sections.has('bulk')) {
      log('\n== bulk load (offline importer) vs LOAD CSV');
      const { measureBulk } = await import('./sections/bulk');
      report.bulk = await measureBulk({
        rows: options.bulkRows,
        heap: options.smoke ? '1g' : '2g',
        log,
      });
      save();
    }
    if (options.sections.has('client')) {
      log('\n== client rendering (headless Chromium)');
      report.client = await measureClient({
        sizes: options.clientSizes,
        repeats: options.repeats,
        log,
      });
      save();
    }
    report.finishedAt = new Date().toISOString();
    const problems = problemsIn(report.sizes as Record<string, unknown>[]);
    if (report.import) {
      const { importProblems } = await import('./sections/import');
      problems.push(...importProblems(report.import as Parameters<typeof importProblems>[0]));
    }
    report.problems = problems;
    save();
    log(`\nResults: ${options.out}`);
    if (problems.length > 0) {
      log(`Problems (the harness or the server is wrong):\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
