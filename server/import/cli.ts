/**
 * `npm run import -- <file|url> --mapping <file> [--format ftm] [--dry-run] [--report r.json]`.
 * Exit codes (EXIT in tally.ts): 0 every row imported or unchanged, 3 some rows skipped (each
 * reported), 2 bad command line, mapping or file (nothing was written), 1 the database or the
 * download failed part-way (only whole batches were written: run it again).
 */
import { loadConfig } from '../config';
import { reconcileIdentities } from '../data/judgements';
import { type OpenDatabase, openDatabase } from '../neo4j/open-database';
import { parseImportArgs, USAGE, UsageError } from './args';
import { CsvHeaderError } from './csv-reader';
import { createProgress } from './progress';
import { formatSummary, writeReport } from './report';
import { ImportInputError, ImportStopped, runImport } from './run-import';
import { EXIT, type Summary } from './tally';

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
  const progress = createProgress(process.stderr);
  const report = (summary: Summary) => {
    if (!args.reportFile) return;
    const problem = writeReport(args.reportFile, summary);
    if (problem) process.stderr.write(`${problem}\n`);
  };
  try {
    const summary = await runImport(opened?.db ?? null, {
      ...args,
      onProgress: (rows, bytes, total) => progress.update(rows, bytes, total),
    });
    progress.done();
    // A record that came back under a judged record's id joins that record's identity again.
    if (opened) await reconcileIdentities(opened.db, null);
    report(summary);
    process.stdout.write(
      args.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`,
    );
    return summary.exitCode;
  } catch (error) {
    progress.done();
    if (error instanceof ImportInputError || error instanceof CsvHeaderError) {
      process.stderr.write(`${error.message}\nNothing was written.\n`);
      return EXIT.badInput;
    }
    if (error instanceof ImportStopped) {
      const summary = { ...error.summary, exitCode: EXIT.databaseFailed };
      report(summary);
      process.stdout.write(
        args.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`,
      );
      process.stderr.write(
        `Import stopped: ${error.message}\nWhat was written is whole batches; run the same command again to complete it.\n`,
      );
      return EXIT.databaseFailed;
    }
    process.stderr.write(`Import stopped: ${(error as Error).message}\n`);
    return EXIT.databaseFailed;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
