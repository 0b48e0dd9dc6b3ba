/**
 * What an import tells its user: the summary printed at the end of `npm run import`, and the same
 * summary as JSON (`--report <file>`, `--json`), with every skipped row's line, column and reason.
 */
import { writeFileSync } from 'node:fs';
import { delimiterName } from './csv-reader';
import type { Counts, Summary } from './tally';

/** Writes the summary as JSON; a report that cannot be written is said, not fatal. */
export function writeReport(file: string, summary: Summary): string | null {
  try {
    writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    return null;
  } catch (error) {
    return `Cannot write the report ${file}: ${(error as Error).message}`;
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
    summary.dryRun
      ? `Rows: ${r.read} read, ${r.imported} valid, ${r.skipped} skipped`
      : `Rows: ${r.read} read, ${r.imported} imported, ${r.unchanged} unchanged, ${r.skipped} skipped${r.failed > 0 ? `, ${r.failed} not written (failed batches)` : ''}`,
  );
  if (summary.layout) {
    const { delimiter, delimiterDetected, encoding } = summary.layout;
    lines.push(
      `Read as: ${delimiterName(delimiter)}-separated${delimiterDetected ? ' (detected)' : ''}, ${encoding}${summary.blankLines > 0 ? `; blank lines: ${summary.blankLines}` : ''}`,
    );
  }
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
      lines.push(
        `  ... and ${summary.problems.length - maxProblems} more (--report <file.json> lists all)`,
      );
    }
  }
  for (const f of summary.failedBatches) {
    lines.push(
      `FAILED batch (lines ${f.firstLine}–${f.lastLine}), rolled back: ${f.reason}. Re-run the import to complete it.`,
    );
  }
  return lines.join('\n');
}
