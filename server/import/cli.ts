/**
 * `npm run import -- <file> --mapping <file> [--format ftm] [--dry-run] [--match-existing]`.
 * Exit codes: 0 done (skipped rows are reported, not fatal), 1 the database failed (some batches
 * may be missing: re-run), 2 bad command line, mapping or file (nothing was written).
 */
import { statSync } from 'node:fs';
import { loadConfig } from '../config';
import { reconcileIdentities } from '../data/judgements';
import { type OpenDatabase, openDatabase } from '../neo4j/open-database';
import { parseImportArgs, USAGE, UsageError } from './args';
import { CsvHeaderError } from './csv-reader';
import { createProgress } from './progress';
import { ImportInputError, runImport } from './run-import';
import { formatSummary } from './tally';

const LOCK_HINT =
  'If "npm start" is running, it holds the local Neo4j store: stop it, or import into its database with NEO4J_URI=bolt://127.0.0.1:7687 npm run import -- ...';

async function main(): Promise<number> {
  let args: ReturnType<typeof parseImportArgs>;
  try {
    args = parseImportArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let opened: OpenDatabase | null = null;
  if (!args.dryRun) {
    try {
      const config = loadConfig();
      // Batches take longer than API reads; give each transaction at least two minutes.
      opened = await openDatabase(
        { ...config, queryTimeoutMs: Math.max(config.queryTimeoutMs, 120_000) },
        (line) => process.stderr.write(`${line}\n`),
      );
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n${LOCK_HINT}\n`);
      return 1;
    }
  }
  let size = 0;
  try {
    size = statSync(args.file).size;
  } catch {
    // runImport reports the missing file.
  }
  const progress = createProgress(process.stderr, size);
  try {
    const summary = await runImport(opened?.db ?? null, {
      ...args,
      onProgress: (rows, bytes) => progress.update(rows, bytes),
    });
    progress.done();
    // A record that came back under a judged record's id joins that record's identity again.
    if (opened) await reconcileIdentities(opened.db, null);
    process.stdout.write(
      args.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`,
    );
    return summary.failedBatches.length > 0 ? 1 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportInputError || error instanceof CsvHeaderError) {
      process.stderr.write(`${error.message}\nNothing was written.\n`);
      return 2;
    }
    process.stderr.write(`Import stopped: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
