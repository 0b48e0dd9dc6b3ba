/**
 * `npm run import:bulk -- <file> --mapping <mapping.json> [--format ftm] [--out DIR]
 *  (--data-dir DIR | --files-only | --finish)`
 *
 * Loads a file into a NEW database with Neo4j's offline importer (see run-bulk-import.ts):
 * - `--data-dir DIR`: a new store for the local launcher in DIR (must not hold a database);
 *   start Threadline on it with THREADLINE_DATA_DIR=DIR.
 * - `--files-only`: for a Neo4j elsewhere (Docker, a server): writes the importer's files to
 *   --out and prints the `neo4j-admin database import full` command to run there; afterwards
 *   `--finish --out DIR` (with NEO4J_URI set) runs the finish steps written beside the files
 *   (the schema, then the values CSV cannot carry).
 * Exit codes: 0 done, 1 the import failed, 2 bad command line, mapping or file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { createDatabase } from '../../neo4j/database';
import { CsvHeaderError } from '../csv-reader';
import { MappingError } from '../mapping';
import { BulkImportError, finishBulkImport, runBulkImport, shellCommand } from './run-bulk-import';

const USAGE = `Usage: npm run import:bulk -- <file> --mapping <mapping.json> [--format csv|ftm] [--out DIR]
         (--data-dir DIR | --files-only)
       npm run import:bulk -- --finish --out DIR      (NEO4J_URI set: schema and finish steps)`;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const outDir = path.resolve(values.out ?? '.data/bulk-import');
  if (values.finish) {
    const config = loadConfig();
    if (!config.neo4j) {
      process.stderr.write(
        '--finish needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) of the imported database.\n',
      );
      return 2;
    }
    const db = createDatabase(config.neo4j, { queryTimeoutMs: 600_000 });
    try {
      const steps = await finishBulkImport(db, outDir);
      process.stdout.write(`Schema applied; ${steps} finish steps run.\n`);
      return 0;
    } finally {
      await db.close();
    }
  }
  const [file] = positionals;
  if (!file || !values.mapping || (values['files-only'] ?? false) === Boolean(values['data-dir'])) {
    process.stderr.write(
      `Give a file, --mapping, and either --data-dir or --files-only.\n\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    const summary = await runBulkImport({
      file,
      mappingFile: values.mapping,
      format: values.format === 'ftm' ? 'ftm' : 'csv',
      outDir,
      dataDir: values['data-dir'] ?? null,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const { importArgs, ...counts } = summary;
    process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
    if (!values['data-dir']) {
      process.stdout.write(
        `\nFiles written to ${outDir}. On the Neo4j server, with the database stopped (and the files at the same paths):\n  ${shellCommand(importArgs)}\nThen start it and run: NEO4J_URI=... npm run import:bulk -- --finish --out ${outDir}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof MappingError || error instanceof CsvHeaderError) {
      process.stderr.write(`${error.message}\nNothing was written.\n`);
      return 2;
    }
    if (error instanceof BulkImportError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      'files-only': { type: 'boolean' },
      finish: { type: 'boolean' },
    },
  });
}

process.exitCode = await main();
