/**
 * Counts what an import did. An id met in several batches counts once, with the strongest
 * outcome (created > updated > unchanged), so the summary speaks of records, not of writes.
 */
import type { RecordResult } from './batch-writer';
import type { RowProblem } from './types';

const RANK = { unchanged: 1, updated: 2, created: 3 } as const;
type Outcome = keyof typeof RANK;
const NAMES: Outcome[] = ['unchanged', 'updated', 'created'];

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** What became of the rows of the input; `read` is always the sum of the other four. */
export interface RowCounts {
  read: number;
  /** Wrote or updated at least one record (or repeats records this run wrote). */
  imported: number;
  /** Everything it says was already in the graph. */
  unchanged: number;
  /** Reported in `problems` with its line and reason. */
  skipped: number;
  /** In a batch the database failed to write (`failedBatches`): a re-run writes them. */
  failed: number;
}

export type RowOutcome = 'imported' | 'unchanged' | 'skipped' | 'failed';

export interface Summary {
  /** The file or URL imported. */
  input: string;
  format: 'csv' | 'ftm';
  /** How a CSV file was read; null for FollowTheMoney. */
  layout: { delimiter: string; delimiterDetected: boolean; encoding: string } | null;
  rows: RowCounts;
  /** Empty lines between rows: not rows, not counted in `rows`. */
  blankLines: number;
  entities: Counts;
  links: Counts;
  sources: Counts;
  /** Every skipped row or record with its line (and column, when one is at fault), in file order. */
  problems: RowProblem[];
  /** FollowTheMoney schemata the importer does not map, with how many entities each had. */
  unsupported: Record<string, number>;
  /** Entities linked to ones already in the graph (--match-existing). */
  matches: { line: number; name: string; matchedId: string; by: string }[];
  failedBatches: { firstLine: number; lastLine: number; reason: string }[];
  dryRun: boolean;
  /** What `npm run import` exits with (docs/import.md#exit-codes). */
  exitCode: number;
}

/** 0 every row in, 3 some rows skipped, 1 some batches failed (a re-run completes them). */
export const EXIT = { ok: 0, databaseFailed: 1, badInput: 2, rowsSkipped: 3 } as const;

class RecordTally {
  private readonly outcomes = new Map<string, number>();
  skipped = 0;

  add(id: string, outcome: Outcome): void {
    const previous = this.outcomes.get(id) ?? 0;
    if (RANK[outcome] > previous) this.outcomes.set(id, RANK[outcome]);
  }

  /** Whether this run created or updated the record. */
  wasWritten(id: string): boolean {
    return (this.outcomes.get(id) ?? 0) >= RANK.updated;
  }

  counts(): Counts {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0, skipped: this.skipped };
    for (const rank of this.outcomes.values()) {
      const name = NAMES[rank - 1];
      if (name) counts[name] += 1;
    }
    return counts;
  }
}

function describeProblem(kind: 'entity' | 'link', id: string, code: string): string {
  if (code.startsWith('kind:')) {
    return `${kind} ${id} not written: it exists as a ${code.slice(5)} (a different kind)`;
  }
  if (code.startsWith('missing:')) {
    return `${kind} ${id} not written: entity ${code.slice(8)} is not in the graph`;
  }
  if (code === 'moved') {
    return `${kind} ${id} not written: a link with this id joins other entities`;
  }
  if (code.startsWith('ends:')) {
    return `${kind} ${id} not written: ${code.slice(5)}`;
  }
  return `${kind} ${id} not written: ${code}`;
}

export class ImportTally {
  readonly entities = new RecordTally();
  readonly links = new RecordTally();
  readonly sources = new RecordTally();
  readonly problems: RowProblem[] = [];
  readonly unsupported: Record<string, number> = {};
  readonly matches: Summary['matches'] = [];
  readonly failedBatches: Summary['failedBatches'] = [];
  readonly outcomes: Record<RowOutcome, number> = {
    imported: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
  };
  rowsRead = 0;
  blankLines = 0;
  totalBytes: number | null = null;
  layout: Summary['layout'] = null;

  constructor(
    readonly input = '',
    readonly format: Summary['format'] = 'csv',
  ) {}

  rowOutcome(outcome: RowOutcome): void {
    this.outcomes[outcome] += 1;
  }

  rowProblem(problem: RowProblem): void {
    this.rowOutcome('skipped');
    this.problems.push(problem);
  }

  /** Counts a record's outcome; false when it was refused (then reported as a problem). */
  record(kind: 'entity' | 'link', result: RecordResult): boolean {
    const tally = kind === 'entity' ? this.entities : this.links;
    if (result.outcome in RANK) {
      tally.add(result.id, result.outcome as Outcome);
      return true;
    }
    tally.skipped += 1;
    this.problems.push({
      line: result.line,
      reason: describeProblem(kind, result.id, result.outcome),
    });
    return false;
  }

  unsupportedSchema(schema: string): void {
    this.unsupported[schema] = (this.unsupported[schema] ?? 0) + 1;
  }

  summary(dryRun: boolean): Summary {
    const rows = { read: this.rowsRead, ...this.outcomes };
    const exitCode =
      rows.failed > 0 || this.failedBatches.length > 0
        ? EXIT.databaseFailed
        : rows.skipped > 0
          ? EXIT.rowsSkipped
          : EXIT.ok;
    return {
      input: this.input,
      format: this.format,
      layout: this.layout,
      rows,
      blankLines: this.blankLines,
      entities: this.entities.counts(),
      links: this.links.counts(),
      sources: this.sources.counts(),
      problems: [...this.problems].sort((a, b) => a.line - b.line),
      unsupported: { ...this.unsupported },
      matches: [...this.matches],
      failedBatches: [...this.failedBatches],
      dryRun,
      exitCode,
    };
  }
}
