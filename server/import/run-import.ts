/**
 * Runs one import: reads the file or URL, maps rows, checks them against the write rules, and
 * writes them in batches, one transaction per batch, with at most one batch in flight while the
 * next is being read and prepared. Every row ends up imported, unchanged, skipped (with its line,
 * column and reason) or, when the database fails, in a failed batch that a re-run completes
 * (every write is keyed on stable ids). A batch the database refuses for its data is split until
 * the refusing rows are found. `dryRun` reads and validates everything and needs no database.
 */
import { readFileSync } from 'node:fs';
import { UnavailableError } from '../model/domain-errors';
import type { CitationRecord } from '../model/types';
import type { Database } from '../neo4j/database';
import { type BatchResult, type PreparedBatch, prepareBatch, sendBatch } from './batch-writer';
import { resolveConstants } from './constants';
import { type CsvLayout, DELIMITERS, delimiterName, readCsv, readLayout } from './csv-reader';
import { mapCsvRow } from './csv-row-mapper';
import { writeDatasetSource } from './dataset-source';
import { ftmAddressLinks, isFtmEdge, mapFtmEntity, readFtm } from './ftm';
import { type ImportInput, ImportInputError, InputInterrupted, importInput } from './input';
import { parseJsonText } from './json-text';
import {
  type CsvMapping,
  checkColumns,
  MappingError,
  parseFtmMapping,
  parseMapping,
} from './mapping';
import { ExistingMatcher } from './matcher';
import { RowChecker } from './row-checks';
import { ImportTally, type Summary } from './tally';
import type { DatasetSource, EntityWrite, RowWrites } from './types';

export type ImportFormat = 'csv' | 'ftm';

export interface ImportOptions {
  /** A local path or an http(s) URL. */
  file: string;
  mappingFile: string;
  format: ImportFormat;
  dryRun: boolean;
  matchExisting: boolean;
  /** Rows per transaction. */
  batchSize: number;
  /** Of the input's bytes (a key of ENCODINGS); UTF-8 when not given. */
  encoding?: string;
  onProgress?: (rows: number, bytes: number, totalBytes: number | null) => void;
}

export const DEFAULT_BATCH_SIZE = 2000;

export { ImportInputError, InputInterrupted };

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportInputError(`Cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new ImportInputError(
      `The ${what} ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof UnavailableError;
}

function neo4jCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Whether the database refused the batch for something in its rows (a value its index cannot
 * hold, a value of the wrong type): then splitting the batch finds the rows. A twin written by a
 * concurrent import is not such a refusal: it succeeds when run again.
 */
function refusedForData(error: unknown): boolean {
  const code = neo4jCode(error);
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return false;
  return code.startsWith('Neo.ClientError.') || /too large to index/i.test(String(error));
}

/** The database's refusal of one row, in words that say what to change. */
function refusalReason(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if (/too large to index/i.test(message)) {
    return 'the database refused it: a value is too long for its index (names and keys are limited to 8,000 bytes)';
  }
  return `the database refused it: ${message.split('\n')[0]}`;
}

/** What an entity write contributes; the same contribution twice changes nothing. */
function contribution(entity: EntityWrite): string {
  return JSON.stringify([
    entity.kind,
    entity.name,
    entity.aliases,
    entity.properties,
    entity.citations.map((c) => [c.sourceId, c.excerpt]),
  ]);
}

/** A batch built ahead, with the entity contributions it sends. */
interface PipelineBatch {
  prepared: PreparedBatch;
  sent: [id: string, contribution: string][];
}

// Reading and mapping rows runs in long bursts of microtasks, during which the driver cannot
// handle the database's replies, so the batch in flight waited for Node: its transaction started
// 30-75 ms after it was sent (3-15 ms with these yields; one instrumented 100k-row run each).
// Yielding to I/O every so many rows lets the replies through.
const ROWS_BETWEEN_YIELDS = 64;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether writes are a row of the input to count (constants and FtM address links are not). */
const isRow = (writes: RowWrites) => writes.line > 0 && !writes.rowCounted;

class BatchPipeline {
  private pending: RowWrites[] = [];
  /**
   * Entity contributions this run has sent, by id, the batch in flight's included (it is taken
   * to commit; a refused batch's are forgotten). A later row repeating one (the same company in
   * thousands of links) is not sent again: the database would find it unchanged.
   */
  private readonly sent = new Map<string, Set<string>>();
  /** Resolves to whether the batch in flight committed whole. */
  private inFlight: Promise<boolean> = Promise.resolve(true);
  private fatal: unknown = null;
  private readonly matcher: ExistingMatcher | null;
  private readonly stamp: { now: string; by: string };
  private sourceWritten = false;

  private readonly batchSize: number;

  constructor(
    private readonly db: Database | null,
    private readonly tally: ImportTally,
    options: Pick<ImportOptions, 'batchSize' | 'matchExisting'>,
    by: string,
    private readonly source: DatasetSource,
  ) {
    this.batchSize = options.batchSize;
    this.matcher = db && options.matchExisting ? new ExistingMatcher(db) : null;
    this.stamp = { now: new Date().toISOString(), by };
  }

  async add(writes: RowWrites): Promise<void> {
    if (this.fatal) throw this.fatal;
    this.pending.push(writes);
    if (this.pending.length >= this.batchSize) await this.flush();
    else if (this.pending.length % ROWS_BETWEEN_YIELDS === 0) await yieldToIo();
  }

  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    // Built while the batch before is still being written, so the database does not wait for
    // Node between batches; built again should that batch fail. Matching has to see what the
    // batch before wrote, so with --match-existing nothing is built ahead.
    if (rows.length > 0) await this.writeSource();
    const ahead = rows.length > 0 && this.db && !this.matcher ? this.build(rows) : null;
    const previousCommitted = await this.inFlight;
    if (this.fatal) throw this.fatal;
    if (rows.length > 0) this.inFlight = this.write(rows, previousCommitted ? ahead : null);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
    if (this.fatal) throw this.fatal;
  }

  /**
   * The input broke off: the batch in flight commits or rolls back whole before the import
   * stops, and the rows not yet sent are counted as not written.
   */
  async abandon(): Promise<void> {
    await this.inFlight;
    for (const row of this.pending) if (isRow(row)) this.tally.rowOutcome('failed');
    this.pending = [];
  }

  private build(rows: readonly RowWrites[]): PipelineBatch {
    const sent: PipelineBatch['sent'] = [];
    const inBatch = new Set<string>();
    const firstTime = (id: string, key: string) => {
      if (this.sent.get(id)?.has(key) || inBatch.has(`${id}\u0000${key}`)) return false;
      inBatch.add(`${id}\u0000${key}`);
      sent.push([id, key]);
      return true;
    };
    // A citation this run has sent already keeps the locator it was sent with (its first row's
    // line): sending it again from a later row would move the locator on every run.
    const newCitations = (id: string, citations: readonly CitationRecord[]) =>
      citations.filter((c) => firstTime(id, `cite\u0000${c.sourceId}\u0000${c.excerpt}`));
    const toSend = rows.map((row) => ({
      ...row,
      entities: row.entities
        .filter((entity) => !this.sent.get(entity.id)?.has(contribution(entity)))
        .map((entity) => {
          firstTime(entity.id, contribution(entity));
          return { ...entity, citations: newCitations(entity.id, entity.citations) };
        }),
      links: row.links.map((link) => ({
        ...link,
        citations: newCitations(link.id, link.citations),
      })),
    }));
    return { prepared: prepareBatch(toSend, this.stamp), sent };
  }

  /** The dataset's Source is written with the first batch, so a file without rows leaves none. */
  private async writeSource(): Promise<void> {
    if (this.sourceWritten) return;
    this.tally.sources.add(
      this.source.id,
      this.db ? await writeDatasetSource(this.db, this.source) : 'created',
    );
    this.sourceWritten = true;
  }

  private async write(rows: RowWrites[], ahead: PipelineBatch | null): Promise<boolean> {
    try {
      if (!this.db) {
        for (const row of rows) {
          for (const e of row.entities) this.tally.entities.add(e.id, 'created');
          for (const l of row.links) this.tally.links.add(l.id, 'created');
          if (isRow(row)) this.tally.rowOutcome('imported');
        }
        return true;
      }
      if (this.matcher) await this.applyMatches(rows);
      return await this.send(rows, ahead);
    } catch (error) {
      if (isUnavailable(error)) this.fatal = error;
      this.fail(rows, error);
      return false;
    }
  }

  /**
   * Sends rows in one transaction. A batch the database refuses for its data is split in two
   * and each half sent again, down to single rows, which are reported and skipped; the rest is
   * written. Resolves to whether every row committed.
   */
  private async send(rows: RowWrites[], ahead: PipelineBatch | null): Promise<boolean> {
    const batch = ahead ?? this.build(rows);
    for (const [id, key] of batch.sent) {
      const keys = this.sent.get(id);
      if (keys) keys.add(key);
      else this.sent.set(id, new Set([key]));
    }
    try {
      const result = await sendBatch(this.db as Database, batch.prepared);
      this.recordOutcomes(rows, result);
      return true;
    } catch (error) {
      // Only contributions new to `sent` were sent, so forgetting them undoes exactly this batch.
      for (const [id, key] of batch.sent) this.sent.get(id)?.delete(key);
      if (isUnavailable(error) || !refusedForData(error)) throw error;
      const [first] = rows;
      if (rows.length === 1 && first) {
        if (!isRow(first)) throw error;
        this.tally.rowProblem({ line: first.line, reason: refusalReason(error) });
        return false;
      }
      const half = Math.ceil(rows.length / 2);
      const a = await this.send(rows.slice(0, half), null);
      const b = await this.send(rows.slice(half), null);
      return a && b;
    }
  }

  /** Rows of a batch that did not commit: reported with their lines; a re-run writes them. */
  private fail(rows: RowWrites[], error: unknown): void {
    const lines = rows.filter(isRow).map((r) => r.line);
    this.tally.failedBatches.push({
      firstLine: lines.length > 0 ? Math.min(...lines) : 0,
      lastLine: lines.length > 0 ? Math.max(...lines) : 0,
      reason: (error as Error).message.split('\n')[0] ?? String(error),
    });
    for (let i = 0; i < lines.length; i++) this.tally.rowOutcome('failed');
  }

  /** Records every record's outcome, then each row's: skipped, imported or unchanged. */
  private recordOutcomes(rows: readonly RowWrites[], result: BatchResult): void {
    const refused = new Map<string, number>();
    for (const r of result.entities) {
      if (!this.tally.record('entity', r)) refused.set(r.id, r.line);
    }
    for (const r of result.links) {
      if (!this.tally.record('link', r)) refused.set(r.id, r.line);
    }
    for (const row of rows) {
      if (!isRow(row)) continue;
      const ids = [...row.entities.map((e) => e.id), ...row.links.map((l) => l.id)];
      const refusedId = ids.find((id) => refused.has(id));
      if (refusedId !== undefined) {
        const reportedOn = refused.get(refusedId);
        if (reportedOn === row.line) this.tally.rowOutcome('skipped');
        else {
          this.tally.rowProblem({
            line: row.line,
            reason: `its record ${refusedId} was not written (see line ${reportedOn})`,
          });
        }
        continue;
      }
      const changed =
        row.entities.some((e) => this.tally.entities.wasWritten(e.id)) ||
        row.links.some((l) => this.tally.links.wasWritten(l.id));
      this.tally.rowOutcome(changed ? 'imported' : 'unchanged');
    }
  }

  /** Points rows at entities already in the graph, as --match-existing decided. */
  private async applyMatches(rows: RowWrites[]): Promise<void> {
    const matcher = this.matcher as ExistingMatcher;
    const decisions = await matcher.decide(rows.flatMap((r) => r.entities));
    const reported = new Set(this.tally.matches.map((m) => m.name + m.matchedId));
    const target = (id: string) => {
      const d = decisions.get(id);
      return d?.kind === 'matched' ? d.matchedId : id;
    };
    for (const row of rows) {
      for (const entity of row.entities) {
        const d = decisions.get(entity.id);
        if (d?.kind === 'matched' || d?.kind === 'ambiguous') {
          const matchedId = d.kind === 'matched' ? d.matchedId : entity.id;
          const by =
            d.kind === 'matched' ? d.by : `nothing: ambiguous between ${d.candidates.join(', ')}`;
          if (!reported.has(entity.name + matchedId)) {
            reported.add(entity.name + matchedId);
            this.tally.matches.push({ line: row.line, name: entity.name, matchedId, by });
          }
        }
        entity.id = target(entity.id);
      }
      for (const link of row.links) {
        link.fromId = target(link.fromId);
        link.toId = target(link.toId);
      }
    }
  }
}

/** The mapping's delimiter as a character ("\\t" written out stands for a tab). */
export function configuredDelimiter(configured: string | null): string | null {
  return configured === '\\t' ? '\t' : configured;
}

/** Checks the mapped columns, with a hint when the header looks like several columns joined. */
function checkHeaderColumns(mapping: CsvMapping, layout: CsvLayout): void {
  try {
    checkColumns(mapping, layout.header);
  } catch (error) {
    const [only] = layout.header;
    const joinedBy = DELIMITERS.find((d) => d !== layout.delimiter && only?.includes(d));
    if (!(error instanceof MappingError) || layout.header.length !== 1 || !joinedBy) throw error;
    throw new MappingError([
      ...error.problems,
      `the header is one column, "${only}", read with the delimiter ${delimiterName(layout.delimiter)}; the file seems separated by ${delimiterName(joinedBy)}: set "delimiter": ${JSON.stringify(joinedBy)} in the mapping, or leave "delimiter" out to detect it`,
    ]);
  }
}

async function importCsv(
  db: Database | null,
  input: ImportInput,
  options: ImportOptions,
  tally: ImportTally,
  by: string,
) {
  const mapping = parseMapping(readJson(options.mappingFile, 'mapping'));
  const encoding = options.encoding ?? 'utf-8';
  const layout = await readLayout(input, {
    delimiter: configuredDelimiter(mapping.delimiter),
    encoding,
  });
  tally.layout = {
    delimiter: layout.delimiter,
    delimiterDetected: layout.delimiterDetected,
    encoding,
  };
  checkHeaderColumns(mapping, layout);
  const readOptions = { delimiter: layout.delimiter, encoding };
  const constants = await resolveConstants(() => readCsv(input, readOptions), mapping);
  const checker = new RowChecker();
  const pipeline = new BatchPipeline(db, tally, options, by, mapping.dataset);
  if (constants.entities.length + constants.links.length > 0) {
    checker.remember(constants);
    await pipeline.add({ line: 0, ...constants });
    await pipeline.flush();
  }
  let bytes = 0;
  const rows = readCsv(
    input,
    {
      ...readOptions,
      onBytes: (b, total) => {
        bytes = b;
        tally.totalBytes = total;
      },
    },
    () => {},
    () => {
      tally.blankLines += 1;
    },
  );
  try {
    for await (const item of rows) {
      tally.rowsRead += 1;
      if (item.kind === 'problem') {
        tally.rowProblem(item.problem);
      } else {
        const mapped = mapCsvRow(mapping, item.row);
        const problem = mapped.ok ? checker.check(mapped.writes, item.row.cells) : mapped.problem;
        if (problem) tally.rowProblem(problem);
        else if (mapped.ok) await pipeline.add(mapped.writes);
      }
      options.onProgress?.(tally.rowsRead, bytes, tally.totalBytes);
    }
  } catch (error) {
    await pipeline.abandon();
    throw error;
  }
  await pipeline.finish();
  if (tally.rowsRead === 0) {
    throw new ImportInputError(`${input.location} has a header but no rows: nothing to import.`);
  }
}

async function importFtm(
  db: Database | null,
  input: ImportInput,
  options: ImportOptions,
  tally: ImportTally,
  by: string,
) {
  const mapping = parseFtmMapping(readJson(options.mappingFile, 'mapping'));
  const checker = new RowChecker();
  // Pass 1 writes the things, pass 2 the relationships, so every link finds both ends.
  for (const pass of ['things', 'edges'] as const) {
    const pipeline = new BatchPipeline(db, tally, options, by, mapping.dataset);
    // The file is read twice: progress runs over both passes.
    const progress = (bytes: number, total: number | null) =>
      options.onProgress?.(
        tally.rowsRead,
        pass === 'things' ? bytes / 2 : ((total ?? bytes) + bytes) / 2,
        total,
      );
    for await (const item of readFtm(input, progress)) {
      if (item.kind === 'problem') {
        if (pass === 'things') {
          tally.rowsRead += 1;
          tally.rowProblem(item.problem);
        }
        continue;
      }
      if (isFtmEdge(item.entity.schema) !== (pass === 'edges')) {
        // A thing's links to its addresses go with the relationships, once every Address exists.
        const addressLinks = pass === 'edges' && ftmAddressLinks(mapping, item.entity, item.line);
        if (addressLinks) await pipeline.add({ ...addressLinks, rowCounted: true });
        continue;
      }
      const mapped = mapFtmEntity(mapping, item.entity, item.line);
      tally.rowsRead += 1;
      if (mapped.kind === 'unsupported') {
        tally.rowOutcome('skipped');
        tally.unsupportedSchema(mapped.schema);
        continue;
      }
      const problem =
        mapped.kind === 'problem' ? mapped.problem : checker.check(mapped.writes, null);
      if (problem) tally.rowProblem(problem);
      else if (mapped.kind !== 'problem') await pipeline.add(mapped.writes);
    }
    await pipeline.finish();
  }
  if (tally.rowsRead === 0) {
    throw new ImportInputError(`${input.location} has no entities: nothing to import.`);
  }
}

/** Imports a file or URL; `db` may be null only for a dry run. */
export async function runImport(db: Database | null, options: ImportOptions): Promise<Summary> {
  if (!db && !options.dryRun) throw new Error('A database is needed unless dryRun is set.');
  const input = importInput(options.file);
  const tally = new ImportTally(input.location, options.format);
  const by = `import:${input.name}`;
  const target = options.dryRun ? null : db;
  try {
    if (options.format === 'ftm') await importFtm(target, input, options, tally, by);
    else await importCsv(target, input, options, tally, by);
  } catch (error) {
    if (error instanceof MappingError) throw new ImportInputError(error.message);
    if (error instanceof InputInterrupted || isUnavailable(error)) {
      // Whatever was written is whole batches; say how far the import got.
      throw new ImportStopped(error as Error, tally.summary(options.dryRun));
    }
    throw error;
  }
  return tally.summary(options.dryRun);
}

/** The import stopped part-way (the database or the download went away): a re-run completes it. */
export class ImportStopped extends Error {
  constructor(
    /** Why: an UnavailableError (the database) or an InputInterrupted (the download). */
    override readonly cause: Error,
    readonly summary: Summary,
  ) {
    super(cause.message, { cause });
  }
}

/**
 * Writes rows that are already mapped, in batches, as an import does, without the row checks:
 * for tests that need the database itself to refuse a row.
 */
export async function writeRows(
  db: Database,
  rows: readonly RowWrites[],
  source: DatasetSource,
  batchSize: number,
): Promise<Summary> {
  const tally = new ImportTally('rows', 'csv');
  const pipeline = new BatchPipeline(
    db,
    tally,
    { batchSize, matchExisting: false },
    'import:rows',
    source,
  );
  for (const row of rows) {
    tally.rowsRead += 1;
    await pipeline.add(row);
  }
  await pipeline.finish();
  return tally.summary(false);
}
