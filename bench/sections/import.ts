/**
 * Section 4: the importer's rows/s against LOAD CSV of the same rows, cold and warm, side by side
 * in one run. Both measurements belong to the importer's own benchmarks, which this harness runs
 * as child processes rather than duplicating; each prints its result as the last JSON object on
 * stdout:
 * - cold (bench/import-cold.ts): a first import, each run in a fresh database, for a file of one
 *   kind and link type and for a file of every kind and link type;
 * - warm (bench/import-vs-load-csv.ts): A B B A in one database after a warm-up.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** The JSON object the script prints last (it may span several lines). */
function lastJson(out: string): unknown {
  const start = out.lastIndexOf('\n{');
  return JSON.parse(out.slice(start === -1 ? out.indexOf('{') : start + 1));
}

interface ScriptResult {
  script: string;
  exitCode: number | null;
  result?: unknown;
  output?: string;
}

function runScript(
  script: string,
  args: string[],
  log: (line: string) => void,
): Promise<ScriptResult> {
  const file = fileURLToPath(new URL(`../${script}`, import.meta.url));
  log(`  running ${file} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(TSX, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => {
      const named = { script: `bench/${script}`, exitCode: code };
      try {
        resolve({ ...named, result: lastJson(out) });
      } catch {
        resolve({ ...named, output: out.slice(-2000) });
      }
    });
  });
}

export async function measureImport(options: {
  /** Rows of the warm comparison's file. */
  rows: number;
  /** Rows of its warm-up file. */
  warmupRows: number;
  /** Rows of each cold file, and runs of each side per file. */
  coldRows: number;
  coldRuns: number;
  log: (line: string) => void;
}): Promise<{ cold: ScriptResult; warm: ScriptResult }> {
  const { log } = options;
  log('-- cold: a first import, each run in a fresh database');
  const cold = await runScript(
    'import-cold.ts',
    ['--rows', String(options.coldRows), '--runs', String(options.coldRuns)],
    log,
  );
  log('-- warm: A B B A in one database after a warm-up');
  const warm = await runScript(
    'import-vs-load-csv.ts',
    ['--rows', String(options.rows), '--warmup-rows', String(options.warmupRows)],
    log,
  );
  return { cold, warm };
}

/** What went wrong in a run of this section: a script that failed, or rows not written. */
export function importProblems(section: { cold: ScriptResult; warm: ScriptResult }): string[] {
  const problems: string[] = [];
  for (const [name, run] of Object.entries(section)) {
    if (run.exitCode !== 0)
      problems.push(`import (${name}): ${run.script} exited with ${run.exitCode}`);
  }
  const cold = section.cold.result as
    | Record<string, { rows: number; runs: { who: string; linksWritten: number }[] }>
    | undefined;
  for (const file of ['singleType', 'mixed']) {
    for (const run of cold?.[file]?.runs ?? []) {
      if (run.linksWritten !== cold?.[file]?.rows)
        problems.push(
          `import (cold, ${file}): ${run.who} wrote ${run.linksWritten} links of ${cold?.[file]?.rows}`,
        );
    }
  }
  return problems;
}
