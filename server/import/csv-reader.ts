/**
 * Streams a CSV/TSV input as rows keyed by header, each with the physical line it starts on.
 * Bytes are decoded as UTF-8 (a BOM is dropped) or as `--encoding` says; a binary file is
 * refused on its first bytes. The delimiter is the mapping's, or else detected from the header
 * line (comma, semicolon, tab or pipe). Rows that cannot be read (wrong number of cells, a broken
 * quote) come out as problems, so the import reports them and goes on; blank lines are counted,
 * not rows.
 */
import { unreadableChar } from '../model/write-rules';
import { CsvTokenizer } from './csv-tokenizer';
import { decodedText, type ImportInput, ImportInputError } from './input';
import type { RowProblem } from './types';

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export type CsvItem = { kind: 'row'; row: CsvRow } | { kind: 'problem'; problem: RowProblem };

/** Encodings `--encoding` accepts, by the names people use; values are WHATWG labels. */
export const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

export interface CsvReadOptions {
  /** The mapping's delimiter; null detects it from the header line. */
  delimiter: string | null;
  /** A key of ENCODINGS. */
  encoding: string;
  /** Called with the bytes read so far and the total when known, for the progress bar. */
  onBytes?: (bytes: number, total: number | null) => void;
}

/** How the file was read, for the report. */
export interface CsvLayout {
  header: string[];
  delimiter: string;
  delimiterDetected: boolean;
}

export class CsvHeaderError extends Error {}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/** The candidate that occurs most often outside quotes in the header line; null if none does. */
export function sniffDelimiter(headerLine: string): string | null {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char)) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const candidate of DELIMITERS) {
    if ((counts.get(candidate) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = candidate;
  }
  return best;
}

/** Tab for .tsv/.tab files, comma otherwise: used when the header line has no delimiter. */
export function defaultDelimiter(name: string): string {
  return /\.(tsv|tab)$/i.test(name) ? '\t' : ',';
}

function checkHeader(header: string[], name: string, encoding: string): void {
  const joined = header.join('');
  if (unreadableChar(joined) !== null) {
    throw new CsvHeaderError(
      `The header (line 1) of ${name} is not readable ${encoding === 'utf-8' ? 'UTF-8' : encoding} text: it is not a CSV file, or it has another encoding (try --encoding windows-1252).`,
    );
  }
  if (header.every((h) => h === '')) {
    throw new CsvHeaderError(`The header (line 1) of ${name} has no column names.`);
  }
  const quoted = header.find((h) => h.includes('"'));
  if (quoted !== undefined) {
    throw new CsvHeaderError(
      `The header (line 1) of ${name} is broken: column names cannot hold quotes: ${quoted}`,
    );
  }
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) {
    throw new CsvHeaderError(`The header names column "${duplicate}" twice.`);
  }
}

/** The header line's text (up to its first line break outside quotes), or null if none yet. */
function firstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return null;
}

/**
 * Yields every data row after the header. `onHeader` sees the header first and may throw to stop
 * before any row is read (e.g. when the mapping names a column the file lacks). `onBlank` counts
 * blank lines.
 */
export async function* readCsv(
  input: ImportInput,
  options: CsvReadOptions,
  onHeader: (layout: CsvLayout) => void = () => {},
  onBlank: (line: number) => void = () => {},
): AsyncGenerator<CsvItem> {
  let tokenizer: CsvTokenizer | null = null;
  let layout: CsvLayout | null = null;
  let head = '';
  let chosen = { delimiter: ',', delimiterDetected: false };
  const begin = (headerLine: string) => {
    const detected = options.delimiter ? null : sniffDelimiter(headerLine);
    const delimiter = options.delimiter ?? detected ?? defaultDelimiter(input.name);
    chosen = { delimiter, delimiterDetected: detected !== null };
    return new CsvTokenizer(delimiter);
  };

  function* handle(events: ReturnType<CsvTokenizer['push']>): Generator<CsvItem> {
    for (const event of events) {
      if (event.kind === 'blank') {
        if (layout) onBlank(event.line);
        continue;
      }
      if (!layout) {
        if (event.kind === 'bad') {
          throw new CsvHeaderError(
            `The header (line 1) cannot be read: ${event.reason}. Column names need no quotes.`,
          );
        }
        const header = event.fields.map((h) => h.trim());
        checkHeader(header, input.name, options.encoding.toLowerCase());
        layout = { header, ...chosen };
        onHeader(layout);
        continue;
      }
      const columns = layout.header;
      if (event.kind === 'bad') {
        yield {
          kind: 'problem',
          problem: {
            line: event.line,
            column: columns[event.field],
            reason: `cannot be read as CSV: ${event.reason.replace(/cell \d+/, (cell) => (columns[event.field] !== undefined ? `column "${columns[event.field]}"` : cell))}`,
          },
        };
        continue;
      }
      if (event.fields.length !== columns.length) {
        const span = event.endLine > event.line ? ` (lines ${event.line}–${event.endLine})` : '';
        yield {
          kind: 'problem',
          problem: {
            line: event.line,
            reason: `has ${event.fields.length} cells but the header has ${columns.length} columns${span}`,
          },
        };
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) cells[columns[i] as string] = event.fields[i] ?? '';
      yield { kind: 'row', row: { line: event.line, cells } };
    }
  }

  const label = ENCODINGS[options.encoding.toLowerCase()];
  if (!label) {
    throw new ImportInputError(
      `Unknown encoding "${options.encoding}"; allowed: ${Object.keys(ENCODINGS).join(', ')}.`,
    );
  }
  for await (const text of decodedText(input, label, options.onBytes)) {
    if (!tokenizer) {
      head += text;
      const line = firstLine(head);
      // Wait for the whole header line (a megabyte at most) before choosing the delimiter.
      if (line === null && head.length < 1024 * 1024) continue;
      tokenizer = begin(line ?? head);
      yield* handle(tokenizer.push(head));
      continue;
    }
    yield* handle(tokenizer.push(text));
  }
  if (!tokenizer) {
    tokenizer = begin(head);
    yield* handle(tokenizer.push(head));
  }
  yield* handle(tokenizer.end());
  if (!layout) {
    throw new CsvHeaderError(
      `${input.location} is empty: expected a header row with column names.`,
    );
  }
}

/** Reads only as far as the header row. */
export async function readLayout(input: ImportInput, options: CsvReadOptions): Promise<CsvLayout> {
  let layout: CsvLayout | null = null;
  for await (const _ of readCsv(input, options, (l) => {
    layout = l;
  })) {
    break;
  }
  if (!layout) {
    throw new CsvHeaderError(
      `${input.location} is empty: expected a header row with column names.`,
    );
  }
  return layout;
}
