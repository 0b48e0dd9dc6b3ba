/** Runs `npm run import` as its own process against the test database, as a user would. */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { testDatabaseEnv } from './database';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; its output is piped. */
export function spawnImportCli(
  args: readonly string[],
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['--import', 'tsx', 'server/import/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...testDatabaseEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to its end. */
export function runImportCli(args: readonly string[]): Promise<CliRun> {
  const child = spawnImportCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A mapping's `dataset` for data written for the tests. */
export function testDataset(sourceId: string) {
  return {
    source: {
      id: sourceId,
      title: 'Generated rows for the importer tests (written for Threadline)',
      publisher: 'Threadline tests',
      url: 'https://example.org/generated',
      retrievedAt: '2026-12-01',
      licence: 'CC0 (written for the tests)',
    },
  };
}

/** A small mapping: owner OWNS company, one link per row keyed on its `link` cell. */
export function ownsMapping(prefix: string, sourceId: string) {
  const company = (column: string) => ({
    kind: { value: 'Company' },
    id: { prefix: `${prefix}company:`, keys: [column] },
    name: column,
    evidence: [column],
  });
  return {
    dataset: testDataset(sourceId),
    entities: { owner: company('owner'), company: company('company') },
    links: [
      {
        type: { value: 'OWNS' },
        from: 'owner',
        to: 'company',
        id: { prefix: `${prefix}owns:`, keys: ['link'] },
        properties: { note: 'note' },
        evidence: ['link', 'owner', 'company', 'note'],
      },
    ],
  };
}
