/**
 * Runs one import: reads the file, maps rows, and writes them in batches, one transaction per
 * batch, with at most one batch in flight while the next is being read and prepared. Bad rows
 * are skipped and reported; a batch the database rejects is rolled back alone and reported, and
 * the import goes on (re-running it completes the missing batch: every write is keyed on stable
 * ids).
 * `dryRun` reads and validates everything and needs no database.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../neo4j/database';
import { type PreparedBatch, prepareBatch, sendBatch } from './batch-writer';
import { resolveConstants } from './constants';
import { delimiterFor, readCsv, readHeader } from './csv-reader';
import { mapCsvRow } from './csv-row-mapper';
import { writeDatasetSource } from './dataset-source';
import { isFtmEdge, mapFtmEntity, readFtm } from './ftm';
import { parseJsonText } from './json-text';
import { checkColumns, MappingError, parseFtmMapping, parseMapping } from './mapping';
import { ExistingMatcher } from './matcher';
import { ImportTally, type Summary } from './tally';
import type { DatasetSource, EntityWrite, RowWrites } from './types';

export type ImportFormat = 'csv' | 'ftm';

export interface ImportOptions {
  file: string;
  mappingFile: string;
  format: ImportFormat;
  dryRun: boolean;
  matchExisting: boolean;
  /** Rows per transaction. */
  batchSize: number;
  onProgress?: (rows: number, bytes: number) => void;
}

export const DEFAULT_BATCH_SIZE = 2000;

/** A problem with the input as a whole (missing file, bad mapping): nothing was written. */
export class ImportInputError extends Error {}

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
  const code = (error as { extensions?: { code?: string } })?.extensions?.code;
  return code === 'SERVICE_UNAVAILABLE';
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

class BatchPipeline {
  private pending: RowWrites[] = [];
  /**
   * Entity contributions this run has sent, by id, the batch in flight's included (it is taken
   * to commit; a refused batch's are forgotten). A later row repeating one (the same company in
   * thousands of links) is not sent again: the database would find it unchanged.
   */
  private readonly sent = new Map<string, Set<string>>();
  /** Resolves to whether the batch in flight committed. */
  private inFlight: Promise<boolean> = Promise.resolve(true);
  private fatal: unknown = null;
  private readonly matcher: ExistingMatcher | null;
  private readonly stamp: { now: string; by: string };

  constructor(
    private readonly db: Database | null,
    private readonly tally: ImportTally,
    private readonly batchSize: number,
    matchExisting: boolean,
    by: string,
  ) {
    this.matcher = db && matchExisting ? new ExistingMatcher(db) : null;
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

  private build(rows: readonly RowWrites[]): PipelineBatch {
    const sent: PipelineBatch['sent'] = [];
    const toSend = rows.map((row) => ({
      ...row,
      entities: row.entities.filter((entity) => {
        const key = contribution(entity);
        if (this.sent.get(entity.id)?.has(key)) return false;
        sent.push([entity.id, key]);
        return true;
      }),
    }));
    return { prepared: prepareBatch(toSend, this.stamp), sent };
  }

  private async write(rows: RowWrites[], ahead: PipelineBatch | null): Promise<boolean> {
    if (!this.db) {
      for (const row of rows) {
        for (const e of row.entities) this.tally.entities.add(e.id, 'created');
        for (const l of row.links) this.tally.links.add(l.id, 'created');
      }
      return true;
    }
    let batch: PipelineBatch | null = null;
    try {
      if (this.matcher) await this.applyMatches(rows);
      batch = ahead ?? this.build(rows);
      for (const [id, key] of batch.sent) {
        const keys = this.sent.get(id);
        if (keys) keys.add(key);
        else this.sent.set(id, new Set([key]));
      }
      const result = await sendBatch(this.db, batch.prepared);
      for (const r of result.entities) this.tally.record('entity', r);
      for (const r of result.links) this.tally.record('link', r);
      return true;
    } catch (error) {
      // Only contributions new to `sent` were sent, so forgetting them undoes exactly this batch.
      for (const [id, key] of batch?.sent ?? []) this.sent.get(id)?.delete(key);
      const lines = rows.map((r) => r.line).filter((l) => l > 0);
      this.tally.failedBatches.push({
        firstLine: lines.length > 0 ? Math.min(...lines) : 0,
        lastLine: lines.length > 0 ? Math.max(...lines) : 0,
        reason: (error as Error).message.split('\n')[0] ?? String(error),
      });
      if (isUnavailable(error)) this.fatal = error;
      return false;
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

async function writeSource(db: Database | null, tally: ImportTally, source: DatasetSource) {
  tally.sources.add(source.id, db ? await writeDatasetSource(db, source) : 'created');
}

async function importCsv(
  db: Database | null,
  options: ImportOptions,
  tally: ImportTally,
  by: string,
) {
  const mapping = parseMapping(readJson(options.mappingFile, 'mapping'));
  const delimiter = delimiterFor(options.file, mapping.delimiter);
  checkColumns(mapping, await readHeader(options.file, delimiter));
  const constants = await resolveConstants(options.file, delimiter, mapping);
  await writeSource(db, tally, mapping.dataset);
  const pipeline = new BatchPipeline(db, tally, options.batchSize, options.matchExisting, by);
  if (constants.entities.length + constants.links.length > 0) {
    await pipeline.add({ line: 0, ...constants });
    await pipeline.flush();
  }
  let bytes = 0;
  for await (const item of readCsv(options.file, {
    delimiter,
    onBytes: (b) => {
      bytes = b;
    },
  })) {
    tally.rowsRead += 1;
    if (item.kind === 'problem') {
      tally.rowProblem(item.problem);
    } else {
      const mapped = mapCsvRow(mapping, item.row);
      if (mapped.ok) await pipeline.add(mapped.writes);
      else tally.rowProblem(mapped.problem);
    }
    options.onProgress?.(tally.rowsRead, bytes);
  }
  await pipeline.finish();
}

async function importFtm(
  db: Database | null,
  options: ImportOptions,
  tally: ImportTally,
  by: string,
) {
  const mapping = parseFtmMapping(readJson(options.mappingFile, 'mapping'));
  await writeSource(db, tally, mapping.dataset);
  const size = statSync(options.file).size;
  // Pass 1 writes the things, pass 2 the relationships, so every link finds both ends.
  for (const pass of ['things', 'edges'] as const) {
    const pipeline = new BatchPipeline(db, tally, options.batchSize, options.matchExisting, by);
    const offset = pass === 'things' ? 0 : size;
    for await (const item of readFtm(options.file, (b) =>
      options.onProgress?.(tally.rowsRead, (offset + b) / 2),
    )) {
      if (item.kind === 'problem') {
        if (pass === 'things') {
          tally.rowsRead += 1;
          tally.rowProblem(item.problem);
        }
        continue;
      }
      if (isFtmEdge(item.entity.schema) !== (pass === 'edges')) continue;
      const mapped = mapFtmEntity(mapping, item.entity, item.line);
      if (mapped.kind === 'unsupported') {
        tally.rowsRead += 1;
        tally.rowsSkipped += 1;
        tally.unsupportedSchema(mapped.schema);
        continue;
      }
      tally.rowsRead += 1;
      if (mapped.kind === 'problem') tally.rowProblem(mapped.problem);
      else await pipeline.add(mapped.writes);
    }
    await pipeline.finish();
  }
}

/** Imports a file; `db` may be null only for a dry run. */
export async function runImport(db: Database | null, options: ImportOptions): Promise<Summary> {
  if (!db && !options.dryRun) throw new Error('A database is needed unless dryRun is set.');
  try {
    statSync(options.file);
  } catch {
    throw new ImportInputError(`Cannot read the data file ${options.file}: it does not exist.`);
  }
  const tally = new ImportTally();
  const by = `import:${path.basename(options.file)}`;
  const target = options.dryRun ? null : db;
  try {
    if (options.format === 'ftm') await importFtm(target, options, tally, by);
    else await importCsv(target, options, tally, by);
  } catch (error) {
    if (error instanceof MappingError) throw new ImportInputError(error.message);
    throw error;
  }
  return tally.summary(options.dryRun);
}
