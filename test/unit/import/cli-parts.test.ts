import { describe, expect, it } from 'vitest';
import { parseImportArgs, UsageError } from '../../../server/import/args';
import { formatProgress } from '../../../server/import/progress';
import { formatSummary } from '../../../server/import/report';
import { ImportTally } from '../../../server/import/tally';

describe('import command line', () => {
  it('reads file, mapping and flags', () => {
    expect(
      parseImportArgs([
        'a.jsonl',
        '--format',
        'ftm',
        '--mapping',
        'm.json',
        '--dry-run',
        '--match-existing',
      ]),
    ).toMatchObject({
      file: 'a.jsonl',
      mappingFile: 'm.json',
      format: 'ftm',
      dryRun: true,
      matchExisting: true,
    });
  });

  it.each([
    [[], /Name the file to import/],
    [['a.csv'], /CSV imports need --mapping/],
    [['a.csv', '--mapping'], /--mapping needs a value/],
    [['a.csv', '--mapping', 'm', '--format', 'xml'], /--format must be csv or ftm, got "xml"/],
    [['a.csv', '--mapping', 'm', '--batch-size', '0'], /--batch-size must be an integer from 1/],
    [['a.csv', '--mapping', 'm', '--fast'], /Unknown option --fast/],
  ])('explains %j', (argv, message) => {
    expect(() => parseImportArgs(argv)).toThrow(UsageError);
    expect(() => parseImportArgs(argv)).toThrow(message);
  });
});

describe('progress and summary', () => {
  it('shows rows per second and the share of the file read, or the bytes when the size is unknown', () => {
    expect(formatProgress(5000, 50, 100, 2)).toMatch(
      /^\[#{14}-{14}\] {2}50% of 100 bytes, 5,000 rows, 2,500 rows\/s$/,
    );
    expect(formatProgress(10, 2_500_000, null, 1)).toBe('2.5 MB read, 10 rows, 10 rows/s');
  });

  it('counts an id met in several batches once, by its strongest outcome', () => {
    const tally = new ImportTally();
    tally.rowsRead = 3;
    tally.rowOutcome('imported');
    tally.rowOutcome('unchanged');
    tally.record('entity', { id: 'a', outcome: 'created', line: 2 });
    tally.record('entity', { id: 'a', outcome: 'updated', line: 3 });
    tally.record('entity', { id: 'b', outcome: 'unchanged', line: 3 });
    tally.record('link', { id: 'l', outcome: 'missing:x', line: 4 });
    tally.rowProblem({ line: 4, reason: 'bad' });
    const summary = tally.summary(false);
    expect(summary.entities).toEqual({ created: 1, updated: 0, unchanged: 1, skipped: 0 });
    expect(summary.links.skipped).toBe(1);
    expect(summary.rows).toEqual({ read: 3, imported: 1, unchanged: 1, skipped: 1, failed: 0 });
    expect(summary.exitCode).toBe(3);
    const text = formatSummary(summary);
    expect(text).toContain('Entities: 1 created, 0 updated, 1 unchanged, 0 skipped');
    expect(text).toContain('line 4: link l not written: entity x is not in the graph');
  });
});
