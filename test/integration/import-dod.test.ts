/**
 * Imports the real Section 1260H list (../shared/data, research-only: read at run time, never
 * committed) with the committed mapping, and checks the graph against counts computed here from
 * the CSV independently of the importer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/import/run-import';
import type { Summary } from '../../server/import/tally';
import { normalizeName } from '../../server/model/normalize-name';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';

const CSV = new URL('../../../shared/data/us_dod_chinese_milcorps.csv', import.meta.url).pathname;
const MAPPING = new URL('../../docs/datasets/us-dod-chinese-milcorps.mapping.json', import.meta.url)
  .pathname;
const PRESENT = existsSync(CSV);
const SOURCE = 'source:dataset:opensanctions-us-dod-chinese-milcorps';
const LIST = 'list:us-dod-1260h';

type Row = Record<string, string>;

/** What the CSV says, computed without the importer's code (only the shared name key). */
function expectations(rows: Row[]) {
  const key = (name: string) => normalizeName(name);
  const companies = new Set<string>();
  const parents = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();
  for (const row of rows) {
    const company = key(row['Clean Name'] ?? '');
    companies.add(company);
    const known = names.get(company) ?? new Set<string>();
    for (const column of ['Clean Name', 'Alias', 'Previous Name']) {
      for (const name of (row[column] ?? '').split(';').map((n) => n.trim())) {
        if (name) known.add(name);
      }
    }
    names.set(company, known);
    const parent = (row['Parent Name'] ?? '').trim();
    if (parent) {
      companies.add(key(parent));
      parents.set(company, (parents.get(company) ?? new Set()).add(key(parent)));
    }
  }
  return {
    companies,
    periods: rows.length,
    delistings: rows.filter((r) => (r['End date'] ?? '').trim() !== '').length,
    subsidiaryPairs: [...parents.values()].reduce((sum, set) => sum + set.size, 0),
    parents,
    names,
  };
}

let db: Database;

async function removeImported() {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH 'us-dod-1260h:' OR n.id IN [$list, $source] DETACH DELETE n`,
    { list: LIST, source: SOURCE },
  );
}

describe.skipIf(!PRESENT)(`the real DoD Section 1260H list (skipped when ${CSV} is absent)`, () => {
  let rows: Row[];
  let expected: ReturnType<typeof expectations>;
  let summary: Summary;

  beforeAll(async () => {
    db = connectTestDatabase(60_000);
    await removeImported();
    rows = parse(readFileSync(CSV), { columns: true, bom: true }) as Row[];
    expected = expectations(rows);
    summary = await runImport(db, {
      file: CSV,
      mappingFile: MAPPING,
      format: 'csv',
      dryRun: false,
      matchExisting: false,
      batchSize: 100,
    });
  });

  afterAll(async () => {
    await removeImported();
    await db.close();
  });

  it('imports every row', () => {
    expect(summary.rows).toEqual({
      read: rows.length,
      imported: rows.length,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });
    expect(summary.exitCode).toBe(0);
    expect(summary.problems).toEqual([]);
    expect(summary.failedBatches).toEqual([]);
  });

  it('makes one company per distinct name, parents included', async () => {
    const [row] = await db.read<{ n: number; keys: string[] }>(
      `MATCH (e:Company) WHERE e.id STARTS WITH 'us-dod-1260h:company:'
         RETURN count(e) AS n, collect(e.nameKey) AS keys`,
    );
    expect(row?.n).toBe(expected.companies.size);
    expect(new Set(row?.keys)).toEqual(expected.companies);
  });

  it('has one LISTED_ON per listing period, with the delistings ended', async () => {
    const [row] = await db.read<{ periods: number; ids: number; ended: number; uncited: number }>(
      `MATCH (:Company)-[r:LISTED_ON]->(:GovernmentList {id: $list})
         RETURN count(r) AS periods, count(DISTINCT r.id) AS ids,
                count(r.until) AS ended,
                sum(CASE WHEN size(coalesce(r.citationExcerpts, [])) = 0 THEN 1 ELSE 0 END) AS uncited`,
      { list: LIST },
    );
    expect(row).toEqual({
      periods: expected.periods,
      ids: expected.periods,
      ended: expected.delistings,
      uncited: 0,
    });
  });

  it('keeps the document url of a period and quotes its row', async () => {
    const sample = rows.find((r) => r['Source Url'] && r['End date'] === '');
    if (!sample) throw new Error('the CSV has no listed row with a document url');
    const [link] = await db.read<{ r: Record<string, unknown> }>(
      `MATCH (e:Company {nameKey: $key})-[r:LISTED_ON {since: $since}]->(:GovernmentList {id: $list})
         RETURN properties(r) AS r`,
      { key: normalizeName(sample['Clean Name'] ?? ''), since: sample['Start date'], list: LIST },
    );
    expect(link?.r.citationSourceIds).toEqual([SOURCE]);
    expect(link?.r.citationLocators).toEqual([expect.stringContaining(sample['Source Url'] ?? '')]);
    expect(link?.r.citationExcerpts).toEqual([expect.stringContaining(`Name: ${sample.Name}`)]);
  });

  it('links subsidiaries to their parent companies', async () => {
    const pairs = await db.read<{ child: string; parent: string }>(
      `MATCH (c:Company)-[:SUBSIDIARY_OF]->(p:Company) WHERE c.id STARTS WITH 'us-dod-1260h:'
         RETURN c.nameKey AS child, p.nameKey AS parent`,
    );
    expect(pairs).toHaveLength(expected.subsidiaryPairs);
    for (const { child, parent } of pairs) {
      expect(expected.parents.get(child)?.has(parent)).toBe(true);
    }
  });

  it('keeps aliases and former names', async () => {
    const entities = await db.read<{ key: string; name: string; aliases: string[] }>(
      `MATCH (e:Company) WHERE e.id STARTS WITH 'us-dod-1260h:company:'
         RETURN e.nameKey AS key, e.name AS name, e.aliases AS aliases`,
    );
    const stored = new Map(entities.map((e) => [e.key, new Set([e.name, ...e.aliases])]));
    for (const [key, names] of expected.names) {
      for (const name of names) expect(stored.get(key)?.has(name), `${key}: ${name}`).toBe(true);
    }
  });

  it('has the list maintained by the Department of Defense, quoted from the data', async () => {
    const [row] = await db.read<{ name: string; maintainer: string; excerpts: string[] }>(
      `MATCH (m:Ministry)-[r:MAINTAINS]->(l:GovernmentList {id: $list})
         RETURN l.name AS name, m.id AS maintainer, r.citationExcerpts AS excerpts`,
      { list: LIST },
    );
    expect(row?.maintainer).toBe('ministry:us-dod');
    expect(row?.name).toMatch(/Chinese Military Companies/);
    expect(row?.excerpts[0]).toMatch(/^Source Url: https:\/\/media\.defense\.gov\//);
  });

  it('attributes OpenSanctions and its licence in the dataset source', async () => {
    const [source] = await db.read<{ s: Record<string, unknown> }>(
      'MATCH (s:Source {id: $id}) RETURN properties(s) AS s',
      { id: SOURCE },
    );
    expect(source?.s).toMatchObject({ kind: 'dataset', publisher: 'OpenSanctions' });
    expect(source?.s.licence).toMatch(/CC BY-NC 4\.0/);
    // The licence forbids copying the data: the source keeps no text of it.
    expect(source?.s.text).toBeUndefined();
  });

  it('changes nothing when imported again', async () => {
    const again = await runImport(db, {
      file: CSV,
      mappingFile: MAPPING,
      format: 'csv',
      dryRun: false,
      matchExisting: false,
      batchSize: 250,
    });
    expect(again.entities.created + again.entities.updated).toBe(0);
    expect(again.links.created + again.links.updated).toBe(0);
    expect(again.links.unchanged).toBe(summary.links.created);
    // Batches of another size: every row still finds its records, locators included, unchanged.
    expect(again.rows.unchanged).toBe(rows.length);
  });
});
