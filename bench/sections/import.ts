/**
 * Section 4: importer rows/s against LOAD CSV of the same file. That measurement belongs to the
 * importer's own benchmark (bench/import/, issue 6), which this harness runs as a child process
 * rather than duplicating; it prints its result as the last JSON object on stdout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../import-vs-load-csv.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** The JSON object the script prints last (it may span several lines). */
function lastJson(out: string): unknown {
  const start = out.lastIndexOf('\n{');
  return JSON.parse(out.slice(start === -1 ? out.indexOf('{') : start + 1));
}

export async function measureImport(options: {
  rows: number;
  log: (line: string) => void;
}): Promise<unknown> {
  options.log(`  running ${SCRIPT} --rows ${options.rows}`);
  return new Promise((resolve) => {
    const child = spawn(TSX, [SCRIPT, '--rows', String(options.rows)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => {
      try {
        resolve({ script: 'bench/import-vs-load-csv.ts', exitCode: code, result: lastJson(out) });
      } catch {
        resolve({
          script: 'bench/import-vs-load-csv.ts',
          exitCode: code,
          output: out.slice(-2000),
        });
      }
    });
  });
}
