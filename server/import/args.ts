/** Parses the command line of `npm run import`; every mistake gets a message saying what is allowed. */
import { ENCODINGS } from './csv-reader';
import { DEFAULT_BATCH_SIZE, type ImportFormat } from './run-import';

export interface ImportArgs {
  file: string;
  mappingFile: string;
  format: ImportFormat;
  dryRun: boolean;
  matchExisting: boolean;
  batchSize: number;
  json: boolean;
  encoding: string;
  /** Where to write the summary as JSON, or null. */
  reportFile: string | null;
}

export const USAGE = `Usage: npm run import -- <file> --mapping <mapping.json> [options]

  <file>                 CSV/TSV file or its http(s) URL (with --mapping), or FollowTheMoney JSON
                         lines (--format ftm)
  --mapping <file>       the mapping (CSV) or the dataset description (FtM); see docs/import.md
  --format csv|ftm       input format (default: csv; .tsv files are tab-separated)
  --dry-run              read and validate everything, write nothing (no database needed)
  --match-existing       link rows to entities already in the graph by normalised name or alias
  --batch-size <n>       rows per transaction (default ${DEFAULT_BATCH_SIZE})
  --encoding <name>      the file's encoding: utf-8 (default), latin1 or windows-1252
  --report <file.json>   also write the summary, every skipped row included, as JSON
  --json                 print the summary as JSON on stdout
  --help                 show this help

Exit codes: 0 every row imported or unchanged; 3 some rows skipped (listed with line and reason);
2 bad command line, mapping or file (nothing written); 1 the database or the download failed
part-way (only whole batches were written; run the same command again to complete).

The bundled local Neo4j keeps its store locked while "npm start" runs; import into the running
server's database with NEO4J_URI=bolt://127.0.0.1:7687 npm run import -- ... instead.`;

export class UsageError extends Error {}

export function parseImportArgs(argv: readonly string[]): ImportArgs | 'help' {
  const files: string[] = [];
  let mappingFile: string | null = null;
  let format: ImportFormat = 'csv';
  let dryRun = false;
  let matchExisting = false;
  let json = false;
  let encoding = 'utf-8';
  let reportFile: string | null = null;
  let batchSize = DEFAULT_BATCH_SIZE;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new UsageError(`${arg} needs a value.`);
      i++;
      return next;
    };
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--mapping':
        mappingFile = value();
        break;
      case '--format': {
        const f = value();
        if (f !== 'csv' && f !== 'ftm')
          throw new UsageError(`--format must be csv or ftm, got "${f}".`);
        format = f;
        break;
      }
      case '--dry-run':
        dryRun = true;
        break;
      case '--match-existing':
        matchExisting = true;
        break;
      case '--encoding': {
        const e = value();
        if (!(e.toLowerCase() in ENCODINGS)) {
          throw new UsageError(
            `--encoding must be one of ${Object.keys(ENCODINGS).join(', ')}, got "${e}".`,
          );
        }
        encoding = e.toLowerCase();
        break;
      }
      case '--report':
        reportFile = value();
        break;
      case '--json':
        json = true;
        break;
      case '--batch-size': {
        const raw = value();
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > 100_000) {
          throw new UsageError(`--batch-size must be an integer from 1 to 100000, got "${raw}".`);
        }
        batchSize = n;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}.`);
        files.push(arg);
    }
  }
  if (files.length !== 1) {
    throw new UsageError(
      files.length === 0
        ? 'Name the file to import.'
        : `Name one file to import, got ${files.length}.`,
    );
  }
  if (!mappingFile) {
    throw new UsageError(
      format === 'ftm'
        ? "FtM imports need --mapping with the dataset's source (see docs/import.md)."
        : 'CSV imports need --mapping <mapping.json> (see docs/import.md).',
    );
  }
  return {
    file: files[0] as string,
    mappingFile,
    format,
    dryRun,
    matchExisting,
    batchSize,
    json,
    encoding,
    reportFile,
  };
}
