/**
 * Streams a CSV/TSV file as rows keyed by header, each with the line it starts on. Rows that
 * cannot be read (wrong number of cells, broken quoting) come out as problems, so the import
 * reports them and goes on.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { RowProblem } from './types';

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export type CsvItem = { kind: 'row'; row: CsvRow } | { kind: 'problem'; problem: RowProblem };

export interface CsvReadOptions {
  delimiter: string;
  /** Called with the bytes read so far, for the progress bar. */
  onBytes?: (bytes: number) => void;
}

export class CsvHeaderError extends Error {}

/** Tab for .tsv/.tab files, comma otherwise. */
export function delimiterFor(file: string, configured: string | null): string {
  if (configured) return configured === '\\t' ? '\t' : configured;
  return /\.(tsv|tab)$/i.test(file) ? '\t' : ',';
}

function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

/** Reads only the header row. */
export async function readHeader(file: string, delimiter: string): Promise<string[]> {
  const parser = createReadStream(file).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, to_line: 1 }),
  );
  for await (const record of parser) {
    const header = (record as string[]).map((h) => h.trim());
    const duplicate = header.find((h, i) => header.indexOf(h) !== i);
    if (duplicate !== undefined) {
      throw new CsvHeaderError(`The header names column "${duplicate}" twice.`);
    }
    return header;
  }
  throw new CsvHeaderError(`${file} is empty: expected a header row with column names.`);
}

/**
 * Yields every data row after the header. `onHeader` sees the header first and may throw to stop
 * before any row is read (e.g. when the mapping names a column the file lacks).
 */
export async function* readCsv(
  file: string,
  options: CsvReadOptions,
  onHeader: (header: string[]) => void = () => {},
): AsyncGenerator<CsvItem> {
  const skipped: RowProblem[] = [];
  const parser = createReadStream(file).pipe(
    parse({
      delimiter: options.delimiter,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  // A broken quote can raise a second error for the same record; report the first only.
  let lastSkippedRecord = -1;
  parser.on('skip', (error: Error & { lines?: number; records?: number }) => {
    if (error.records !== undefined && error.records === lastSkippedRecord) return;
    lastSkippedRecord = error.records ?? -1;
    skipped.push({
      line: error.lines ?? 0,
      reason: `cannot be read as CSV: ${error.message.replace(/ at line \d+.*$/, '')}`,
    });
  });
  let header: string[] | null = null;
  for await (const item of parser as AsyncIterable<{
    record: string[];
    raw: string;
    info: { lines: number; bytes: number };
  }>) {
    while (skipped.length > 0) {
      const problem = skipped.shift();
      if (problem) yield { kind: 'problem', problem };
    }
    options.onBytes?.(item.info.bytes);
    const line = startLine(item.info.lines, item.raw);
    if (!header) {
      header = item.record.map((h) => h.trim());
      const duplicate = header.find((h, i) => header?.indexOf(h) !== i);
      if (duplicate !== undefined) {
        throw new CsvHeaderError(`The header names column "${duplicate}" twice.`);
      }
      onHeader(header);
      continue;
    }
    if (item.record.length !== header.length) {
      yield {
        kind: 'problem',
        problem: {
          line,
          reason: `has ${item.record.length} cells but the header has ${header.length} columns`,
        },
      };
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((column, i) => {
      cells[column] = item.record[i] ?? '';
    });
    yield { kind: 'row', row: { line, cells } };
  }
  for (const problem of skipped) yield { kind: 'problem', problem };
  if (!header)
    throw new CsvHeaderError(`${file} is empty: expected a header row with column names.`);
}
