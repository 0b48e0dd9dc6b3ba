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

export interface Summary {
  rows: { read: number; imported: number; skipped: number };
  entities: Counts;
  links: Counts;
  sources: Counts;
  /** Every skipped row or record with its line and reason, in file order. */
  problems: RowProblem[];
  /** FollowTheMoney schemata the importer does not map, with how many entities each had. */
  unsupported: Record<string, number>;
  /** Entities linked to ones already in the graph (--match-existing). */
  matches: { line: number; name: string; matchedId: string; by: string }[];
  failedBatches: { firstLine: number; lastLine: number; reason: string }[];
  dryRun: boolean;
}

class RecordTally {
  private readonly outcomes = new Map<string, number>();
  skipped = 0;

  add(id: string, outcome: Outcome): void {
    const previous = this.outcomes.get(id) ?? 0;
    if (RANK[outcome] > previous) this.outcomes.set(id, RANK[outcome]);
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
  rowsRead = 0;
  rowsSkipped = 0;

  rowProblem(problem: RowProblem): void {
    this.rowsSkipped += 1;
    this.problems.push(problem);
  }

  record(kind: 'entity' | 'link', result: RecordResult): void {
    const tally = kind === 'entity' ? this.entities : this.links;
    if (result.outcome in RANK) {
      tally.add(result.id, result.outcome as Outcome);
    } else {
      tally.skipped += 1;
      this.problems.push({
        line: result.line,
        reason: describeProblem(kind, result.id, result.outcome),
      });
    }
  }

  unsupportedSchema(schema: string): void {
    this.unsupported[schema] = (this.unsupported[schema] ?? 0) + 1;
  }

  summary(dryRun: boolean): Summary {
    return {
      rows: {
        read: this.rowsRead,
        imported: this.rowsRead - this.rowsSkipped,
        skipped: this.rowsSkipped,
      },
      entities: this.entities.counts(),
      links: this.links.counts(),
      sources: this.sources.counts(),
      problems: [...this.problems].sort((a, b) => a.line - b.line),
      unsupported: { ...this.unsupported },
      matches: [...this.matches],
      failedBatches: [...this.failedBatches],
      dryRun,
    };
  }
}

const countLine = (label: string, c: Counts, dryRun: boolean) =>
  dryRun
    ? `${label}: ${c.created} to write, ${c.skipped} skipped`
    : `${label}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`;

/** The human summary printed at the end of `npm run import`. */
export function formatSummary(summary: Summary, maxProblems = 50): string {
  const lines: string[] = [];
  lines.push(summary.dryRun ? 'Dry run: nothing was written.' : 'Import finished.');
  const r = summary.rows;
  lines.push(
    `Rows: ${r.read} read, ${r.imported} ${summary.dryRun ? 'valid' : 'imported'}, ${r.skipped} skipped`,
  );
  lines.push(countLine('Entities', summary.entities, summary.dryRun));
  lines.push(countLine('Links', summary.links, summary.dryRun));
  if (!summary.dryRun) lines.push(countLine('Sources', summary.sources, false));
  const unsupported = Object.entries(summary.unsupported);
  if (unsupported.length > 0) {
    const total = unsupported.reduce((sum, [, n]) => sum + n, 0);
    lines.push(
      `Not imported (unsupported FollowTheMoney schemata): ${total} — ${unsupported
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([schema, n]) => `${schema} ${n}`)
        .join(', ')}`,
    );
  }
  if (summary.matches.length > 0) {
    lines.push(`Matched to existing entities (${summary.matches.length}):`);
    for (const m of summary.matches) {
      lines.push(`  line ${m.line}: "${m.name}" → ${m.matchedId} (by ${m.by})`);
    }
  }
  if (summary.problems.length > 0) {
    lines.push(`Skipped (${summary.problems.length}):`);
    for (const p of summary.problems.slice(0, maxProblems))
      lines.push(`  line ${p.line}: ${p.reason}`);
    if (summary.problems.length > maxProblems) {
      lines.push(`  ... and ${summary.problems.length - maxProblems} more (use --json for all)`);
    }
  }
  for (const f of summary.failedBatches) {
    lines.push(
      `FAILED batch (lines ${f.firstLine}–${f.lastLine}), rolled back: ${f.reason}. Re-run the import to complete it.`,
    );
  }
  return lines.join('\n');
}
