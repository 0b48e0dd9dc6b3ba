/**
 * Every row accounted for (issue 16's "done when"): `npm run import` on files generated here with
 * mixed LF/CRLF/CR endings, quoted line breaks, a BOM, a stray quote, a cut-off last line, a 1 MB
 * key cell, a 1 MB free-text cell, a header-only file and an empty file. For each: the report's
 * numbers add up to the rows of the file, line numbers are the ones an editor shows, the database
 * holds exactly the rows reported written, and the exit code is the documented one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../server/import/tally';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { ownsMapping, runImportCli } from '../support/import-cli';

const HEADER = ['link', 'owner', 'company', 'note'];
const MB = 1024 * 1024;

interface Row {
  cells: string[];
  /** The line break after the row ('' for none). */
  ending: string;
}

interface Case {
  name: string;
  text: string;
  /** Start line of every data row, counted here independently of the importer. */
  lines: number[];
  /** Lines of the rows that must be skipped, with what the reason must say and the column. */
  skipped: Record<number, [RegExp, string | undefined]>;
  exit: number;
}

const BREAK = /\r\n|\r|\n/g;
const breaks = (text: string) => text.match(BREAK)?.length ?? 0;

/** A file from rows; every row's start line is one more than the line breaks before it. */
function assemble(
  head: string,
  rows: Row[],
  cellText = (cell: string) => cell,
): { text: string; lines: number[] } {
  let text = head;
  const lines: number[] = [];
  for (const row of rows) {
    lines.push(breaks(text) + 1);
    text += row.cells.map(cellText).join(',') + row.ending;
  }
  return { text, lines };
}

const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

function row(i: number, ending = '\n', note = `note ${i}`): Row {
  return { cells: [`L${i}`, `Owner ${i}`, `Company ${i}`, note], ending };
}

function cases(): Case[] {
  const all: Case[] = [];
  const add = (
    name: string,
    built: { text: string; lines: number[] },
    skipped: Case['skipped'] = {},
    exit = 0,
  ) => all.push({ name, ...built, skipped, exit });

  const endings = ['\r\n', '\r', '\n'];
  add(
    'mixed-endings',
    assemble(
      `${HEADER.join(',')}\n`,
      Array.from({ length: 30 }, (_, i) => row(i + 1, endings[i % 3])),
      (cell) => (cell.startsWith('note') ? quoted(cell) : cell),
    ),
  );
  add(
    'quoted-newlines',
    assemble(
      `${HEADER.join(',')}\r\n`,
      Array.from({ length: 10 }, (_, i) =>
        row(i + 1, '\n', i % 3 === 0 ? `first ${i}\r\nsecond\rthird\nfourth` : `note ${i}`),
      ),
      quoted,
    ),
  );
  add(
    'bom-crlf-header',
    assemble(
      `\uFEFF${HEADER.join(',')}\r\n`,
      Array.from({ length: 12 }, (_, i) => row(i + 1, '\n')),
    ),
  );
  const stray = assemble(
    `${HEADER.join(',')}\n`,
    Array.from({ length: 100 }, (_, i) => row(i + 1)),
    (cell) => (cell.startsWith('note') ? quoted(cell) : cell),
  );
  // Line 31 gets a quote that opens its company cell and is never closed on that line.
  const strayLines = stray.text.split('\n');
  strayLines[30] = 'L30,Owner 30,"Company 30,plain note';
  add(
    'stray-quote',
    { text: strayLines.join('\n'), lines: stray.lines },
    {
      31: [/cannot be read as CSV: a quote closes cell 3/, 'company'],
    },
    3,
  );
  const truncated = assemble(`${HEADER.join(',')}\n`, [
    ...Array.from({ length: 9 }, (_, i) => row(i + 1)),
    { cells: ['L10', 'Owner 10', 'Company 10', '"cut sho'], ending: '' },
  ]);
  add('truncated-last-line', truncated, { 11: [/never closed.*cut short/, 'note'] }, 3);
  const key = Array.from({ length: 5 }, (_, i) => row(i + 1));
  (key[2] as Row).cells[1] = 'A'.repeat(MB);
  add(
    'key-1mb',
    assemble(`${HEADER.join(',')}\n`, key),
    { 4: [/cell "owner" has 1,048,576 bytes; names and keys are limited to 8,000/, 'owner'] },
    3,
  );
  const note = Array.from({ length: 5 }, (_, i) => row(i + 1));
  (note[1] as Row).cells[3] = `"${'n'.repeat(MB)}"`;
  add(
    'text-1mb',
    assemble(`${HEADER.join(',')}\n`, note),
    { 3: [/cell "note" has 1,048,576 characters; free-text values are limited to 10,000/, 'note'] },
    3,
  );
  add('header-only', { text: `${HEADER.join(',')}\r\n`, lines: [] }, {}, 2);
  add('empty', { text: '', lines: [] }, {}, 2);
  return all;
}

let db: Database;
let dir: string;

async function removeGenerated() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH 'trust-' OR n.id STARTS WITH 'source:dataset:trust-'
     DETACH DELETE n`,
  );
}

beforeAll(async () => {
  db = connectTestDatabase(60_000);
  await removeGenerated();
  dir = mkdtempSync(path.join(tmpdir(), 'threadline-every-row-'));
});

afterAll(async () => {
  await removeGenerated();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function files(c: Case) {
  const file = path.join(dir, `${c.name}.csv`);
  const mapping = path.join(dir, `${c.name}.mapping.json`);
  writeFileSync(file, c.text);
  writeFileSync(
    mapping,
    JSON.stringify(ownsMapping(`trust-${c.name}:`, `source:dataset:trust-${c.name}`)),
  );
  return { file, mapping, report: path.join(dir, `${c.name}.report.json`) };
}

/** The lines the database's links cite, in order: the rows it holds. */
async function writtenLines(name: string): Promise<number[]> {
  const rows = await db.read<{ locators: string[] }>(
    `MATCH ()-[r:OWNS]->() WHERE r.id STARTS WITH $prefix RETURN r.citationLocators AS locators`,
    { prefix: `trust-${name}:` },
  );
  return rows
    .flatMap((r) => r.locators.map((l) => Number(/^line (\d+)$/.exec(l)?.[1])))
    .sort((a, b) => a - b);
}

async function sourceExists(name: string): Promise<boolean> {
  const rows = await db.read('MATCH (s:Source {id: $id}) RETURN s.id', {
    id: `source:dataset:trust-${name}`,
  });
  return rows.length > 0;
}

describe('every row of a file is accounted for', () => {
  for (const c of cases()) {
    it(`${c.name}: exit ${c.exit}, ${c.lines.length} rows, ${Object.keys(c.skipped).length} skipped`, async () => {
      const { file, mapping, report } = files(c);
      const dry = await runImportCli([file, '--mapping', mapping, '--dry-run', '--json']);
      const run = await runImportCli([file, '--mapping', mapping, '--report', report]);
      expect(run.code, run.stderr).toBe(c.exit);
      expect(dry.code, dry.stderr).toBe(c.exit);
      if (c.exit === 2) {
        expect(run.stderr).toMatch(
          /(is empty|has a header but no rows).*\nNothing was written\.\n$/,
        );
        expect(await sourceExists(c.name)).toBe(false);
        expect(await writtenLines(c.name)).toEqual([]);
        return;
      }
      const summary = JSON.parse(readFileSync(report, 'utf8')) as Summary;
      const { read, imported, unchanged, skipped, failed } = summary.rows;
      expect(read).toBe(c.lines.length);
      expect(imported + unchanged + skipped + failed).toBe(read);
      const skippedLines = Object.keys(c.skipped).map(Number);
      expect(skipped).toBe(skippedLines.length);
      expect(summary.problems.map((p) => p.line)).toEqual(skippedLines);
      for (const problem of summary.problems) {
        const [reason, column] = c.skipped[problem.line] ?? [/^$/, undefined];
        expect(problem.reason).toMatch(reason);
        expect(problem.column).toBe(column);
      }
      // The dry run finds the same rows, values that can never be written included.
      const drySummary = JSON.parse(dry.stdout) as Summary;
      expect(drySummary.problems).toEqual(summary.problems);
      const expectedLines = c.lines.filter((line) => !skippedLines.includes(line));
      expect(await writtenLines(c.name)).toEqual(expectedLines);
      expect(imported).toBe(expectedLines.length);
      expect(summary.links.created).toBe(expectedLines.length);
      expect(run.stdout).toContain(`Rows: ${read} read, ${imported} imported, 0 unchanged`);
      for (const line of skippedLines) expect(run.stdout).toContain(`  line ${line}: `);
    });
  }

  it('a second run of the same file finds every row unchanged and exits 0', async () => {
    const [mixed] = cases();
    if (!mixed) throw new Error('no cases');
    const { file, mapping } = files(mixed);
    const again = await runImportCli([file, '--mapping', mapping, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Summary).rows).toEqual({
      read: 30,
      imported: 0,
      unchanged: 30,
      skipped: 0,
      failed: 0,
    });
  });
});
