/**
 * Imports the four US special-legislation lists (../shared/data, research-only: read at run
 * time, never committed) with the committed mappings and checks the graph against counts
 * computed here from the files, independently of the importer (only the shared name key).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/run-import';
import type { Summary } from '../../server/import/tally';
import { normalizeName } from '../../server/model/normalize-name';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';

const DATA = new URL('../../../shared/data/us_special_leg/', import.meta.url).pathname;
const mappingFile = (name: string) =>
  new URL(`../../docs/datasets/${name}`, import.meta.url).pathname;
const FILES = [
  { file: 'section_889.csv', mapping: 'us-special-leg.mapping.json', perReport: false },
  { file: 'section_5949.csv', mapping: 'us-special-leg.mapping.json', perReport: false },
  { file: 'section_154.csv', mapping: 'us-special-leg.mapping.json', perReport: false },
  {
    file: 'section_1286.csv',
    mapping: 'us-special-leg-section-1286.mapping.json',
    perReport: true,
  },
];
const PRESENT = FILES.every(({ file }) => existsSync(`${DATA}${file}`));
const SOURCE = 'source:dataset:opensanctions-us-special-leg';

type Row = Record<string, string>;
const key = (value: string) => normalizeName(value);

/** "October 1, 2027" or "2027-10-01" → "2027-10-01", by the platform's own date parser. */
function isoDay(cell: string): string {
  if (/^\d{4}(-\d{2}){0,2}$/.test(cell)) return cell;
  const date = new Date(`${cell} UTC`);
  if (Number.isNaN(date.getTime())) throw new Error(`the test cannot read the date "${cell}"`);
  return date.toISOString().slice(0, 10);
}

/** What the files say: one LISTED_ON per entity and act (per yearly report for Section 1286). */
function expectations(files: { rows: Row[]; perReport: boolean }[]) {
  const entities = new Set<string>();
  const programs = new Set<string>();
  const maintained = new Set<string>();
  const listings = new Map<string, { since: string | null; until: string | null }>();
  for (const { rows, perReport } of files) {
    for (const row of rows) {
      const name = row.name ?? '';
      const program = row.program ?? '';
      entities.add(key(name));
      programs.add(program);
      maintained.add(`${key(row.authority ?? '')}|${key(program)}`);
      const since = perReport ? row['report-date'] : row['start-date'];
      listings.set(
        [key(name), key(program), ...(perReport ? [row['report-date'] ?? ''] : [])].join('|'),
        {
          since: since ? isoDay(since) : null,
          until: row['end-date'] ? isoDay(row['end-date']) : null,
        },
      );
    }
  }
  return { entities, programs, maintained, listings };
}

let db: Database;

async function removeImported() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH 'us-special-leg:' OR n.id = $source DETACH DELETE n`,
    { source: SOURCE },
  );
}

const importFile = (file: string, mapping: string) =>
  runImport(db, {
    file: `${DATA}${file}`,
    mappingFile: mappingFile(mapping),
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: 100,
  });

describe.skipIf(!PRESENT)(
  `the US special-legislation lists (skipped when ${DATA} is absent)`,
  () => {
    const files = FILES.map((f) => ({
      ...f,
      rows: PRESENT
        ? (parse(readFileSync(`${DATA}${f.file}`), { columns: true, bom: true }) as Row[])
        : [],
    }));
    const expected = expectations(files);
    const summaries: Summary[] = [];

    beforeAll(async () => {
      db = connectTestDatabase(60_000);
      await removeImported();
      for (const { file, mapping } of files) summaries.push(await importFile(file, mapping));
    });

    afterAll(async () => {
      await removeImported();
      await db.close();
    });

    it('imports every row of every file', () => {
      files.forEach(({ rows }, i) => {
        expect(summaries[i]?.rows).toEqual({
          read: rows.length,
          imported: rows.length,
          unchanged: 0,
          skipped: 0,
          failed: 0,
        });
        expect(summaries[i]?.problems).toEqual([]);
      });
    });

    it('makes one entity per distinct name, each listed at least once', async () => {
      const [row] = await db.read<{ n: number; keys: string[]; unlisted: number }>(
        `MATCH (e:Entity) WHERE e.id STARTS WITH 'us-special-leg:entity:'
         RETURN count(e) AS n, collect(e.nameKey) AS keys,
                sum(CASE WHEN EXISTS { (e)-[:LISTED_ON]->(:GovernmentList) } THEN 0 ELSE 1 END) AS unlisted`,
      );
      expect(row?.n).toBe(expected.entities.size);
      expect(new Set(row?.keys)).toEqual(expected.entities);
      expect(row?.unlisted).toBe(0);
    });

    it('makes one list per act, maintained by the authority the rows name', async () => {
      const lists = await db.read<{ name: string; maintainers: string[] }>(
        `MATCH (l:GovernmentList) WHERE l.id STARTS WITH 'us-special-leg:list:'
         OPTIONAL MATCH (a:Organization)-[:MAINTAINS]->(l)
         RETURN l.name AS name, collect(a.nameKey) AS maintainers`,
      );
      expect(new Set(lists.map((l) => l.name))).toEqual(expected.programs);
      const pairs = lists.flatMap((l) => l.maintainers.map((m) => `${m}|${key(l.name)}`));
      expect(new Set(pairs)).toEqual(expected.maintained);
      expect(pairs).toHaveLength(expected.maintained.size);
    });

    it('has one LISTED_ON per listing with its dates read from the files, each citing its row', async () => {
      const links = await db.read<{
        entity: string;
        program: string;
        since: string | null;
        until: string | null;
        sources: string[];
        excerpts: string[];
      }>(
        `MATCH (e:Entity)-[r:LISTED_ON]->(l:GovernmentList)
         WHERE e.id STARTS WITH 'us-special-leg:' AND l.id STARTS WITH 'us-special-leg:list:'
         RETURN e.nameKey AS entity, l.name AS program, r.since AS since, r.until AS until,
                r.citationSourceIds AS sources, r.citationExcerpts AS excerpts`,
      );
      expect(links).toHaveLength(expected.listings.size);
      const dates = new Map<string, { since: string | null; until: string | null }[]>();
      for (const link of links) {
        expect(link.sources).toEqual([SOURCE]);
        expect(link.excerpts).toEqual([expect.stringMatching(/^name: .+ \| program: /)]);
        const id = `${link.entity}|${key(link.program)}`;
        dates.set(id, [...(dates.get(id) ?? []), { since: link.since, until: link.until }]);
      }
      // Every listing's dates, grouped by entity and act (Section 1286 has one per report).
      const wanted = new Map<string, { since: string | null; until: string | null }[]>();
      for (const [listing, value] of expected.listings) {
        const id = listing.split('|').slice(0, 2).join('|');
        wanted.set(id, [...(wanted.get(id) ?? []), value]);
      }
      const sorted = (m: typeof dates) =>
        [...m.entries()]
          .map(([id, v]) => [id, v.map((d) => `${d.since}/${d.until}`).sort()] as const)
          .sort(([a], [b]) => a.localeCompare(b));
      expect(sorted(dates)).toEqual(sorted(wanted));
    });

    it('reads the start date "October 1, 2027" of Section 154 as a day', async () => {
      const section154 = files.find((f) => f.file === 'section_154.csv')?.rows ?? [];
      const sample = section154.find((r) => r['start-date']);
      if (!sample) throw new Error('section_154.csv has no start date');
      const [link] = await db.read<{ since: string; validFrom: string; locators: string[] }>(
        `MATCH (e:Entity {nameKey: $name})-[r:LISTED_ON]->(l:GovernmentList {name: $program})
         RETURN r.since AS since, r.validFrom AS validFrom, r.citationLocators AS locators`,
        { name: key(sample.name ?? ''), program: sample.program },
      );
      expect(link?.since).toBe(isoDay(sample['start-date'] ?? ''));
      expect(link?.validFrom).toBe(isoDay(sample['start-date'] ?? ''));
      expect(link?.locators).toEqual([expect.stringContaining(sample.source_url ?? '')]);
    });

    it('changes nothing when the files are imported again', async () => {
      for (const { file, mapping } of files) {
        const again = await importFile(file, mapping);
        expect(again.entities.created + again.entities.updated, file).toBe(0);
        expect(again.links.created + again.links.updated, file).toBe(0);
        // Rows that quote the same authority as the other files leave its locator alone.
        expect(again.rows.unchanged, file).toBe(again.rows.read);
      }
    });
  },
);
