/**
 * Reads the research-only lists in ../shared/data (never copied into the repository) as matcher
 * records: one record per distinct name per list, the way an import keyed on the name creates
 * one entity per name. Parents named in the 1260H list become records too, as the import's
 * mapping makes them entities. Returns null, with the reason, where the files are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { MatchRecord } from '../../server/match/prepare';

/** THREADLINE_RESEARCH_DATA points elsewhere (a test of the skip path sets a missing folder). */
export const SHARED_DATA = (
  process.env.THREADLINE_RESEARCH_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname
).replace(/\/?$/, '/');
const DOD = `${SHARED_DATA}us_dod_chinese_milcorps.csv`;
export const SPECIAL_LEG_FILES = [
  'section_889',
  'section_5949',
  'section_154',
  'section_1286',
] as const;

export interface ListRecord extends MatchRecord {
  /** Which list the record comes from: "dod_1260h" or a special-legislation file name. */
  list: string;
}

function rows(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
}

const split = (value: string | undefined, separator: RegExp) =>
  (value ?? '')
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v !== '');

function collect(map: Map<string, ListRecord>, record: ListRecord): void {
  const existing = map.get(record.id);
  if (!existing) {
    map.set(record.id, record);
    return;
  }
  existing.aliases = [...new Set([...(existing.aliases ?? []), ...(record.aliases ?? [])])];
  existing.parentNames = [
    ...new Set([...(existing.parentNames ?? []), ...(record.parentNames ?? [])]),
  ];
  existing.country ??= record.country ?? null;
}

/** The id an entity gets for a list and a name (the names are keys, as in the import mappings). */
export function listRecordId(list: string, name: string): string {
  return `${list}:${name.trim()}`;
}

export function missingListFiles(): string | null {
  const paths = [DOD, ...SPECIAL_LEG_FILES.map((f) => `${SHARED_DATA}us_special_leg/${f}.csv`)];
  const missing = paths.filter((p) => !existsSync(p));
  return missing.length === 0 ? null : `research data not present: ${missing.join(', ')}`;
}

export function readListRecords(): ListRecord[] {
  const records = new Map<string, ListRecord>();
  for (const row of rows(DOD)) {
    const name = (row['Clean Name'] || row.Name || '').trim();
    if (name === '') continue;
    const parents = split(row['Parent Name'], /;/);
    collect(records, {
      id: listRecordId('dod_1260h', name),
      list: 'dod_1260h',
      kind: 'Company',
      name,
      aliases: [...split(row.Alias, /[;,]/), ...split(row['Previous Name'], /;/)],
      parentNames: parents,
    });
    for (const parent of parents) {
      collect(records, {
        id: listRecordId('dod_1260h', parent),
        list: 'dod_1260h',
        kind: 'Company',
        name: parent,
        aliases: [],
        parentNames: [],
      });
    }
  }
  for (const file of SPECIAL_LEG_FILES) {
    for (const row of rows(`${SHARED_DATA}us_special_leg/${file}.csv`)) {
      const name = (row.name ?? '').trim();
      if (name === '') continue;
      collect(records, {
        id: listRecordId(file, name),
        list: file,
        kind: row.schema === 'Organization' ? 'Organization' : 'Company',
        name,
        aliases: split(row.aliases, /;/),
        country: row.country?.trim() || null,
        parentNames: [],
      });
    }
  }
  return [...records.values()];
}
