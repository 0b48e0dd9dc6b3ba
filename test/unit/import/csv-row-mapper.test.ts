import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { mapCsvRow } from '../../../server/import/csv-row-mapper';
import { stableId } from '../../../server/import/ids';
import { parseMapping } from '../../../server/import/mapping';

const mapping = parseMapping(
  JSON.parse(
    readFileSync(new URL('../../fixtures/import/registry.mapping.json', import.meta.url), 'utf8'),
  ),
);

const base: Record<string, string> = {
  Owner: 'Ada Lindqvist',
  'Owner type': 'person',
  'Owner aliases': 'A. Lindqvist; Ada L.',
  'Owner country': 'SE',
  Company: 'Nordlys Holding AB',
  Share: '51',
  Since: '2019-03',
  Listed: '2021-01-14',
  Delisted: '',
  Status: 'asserted',
  Reason: 'Named on the list',
  Document: 'https://example.org/docs/1',
};

const map = (cells: Record<string, string>) =>
  mapCsvRow(mapping, { line: 7, cells: { ...base, ...cells } });

describe('mapping one CSV row', () => {
  it('makes entities and links with stable ids, dates and verbatim citations', () => {
    const mapped = map({});
    if (!mapped.ok) throw new Error(mapped.problem.reason);
    const [owner, company] = mapped.writes.entities;
    expect(owner).toMatchObject({
      id: 'fixture-import:entity:ada-lindqvist',
      kind: 'Person',
      name: 'Ada Lindqvist',
      aliases: ['A. Lindqvist', 'Ada L.'],
      properties: { country: 'SE' },
    });
    expect(owner?.citations).toEqual([
      {
        sourceId: 'source:dataset:fixture-import-registry',
        excerpt:
          'Owner: Ada Lindqvist | Owner type: person | Owner aliases: A. Lindqvist; Ada L. | Owner country: SE',
        locator: 'line 7, https://example.org/docs/1',
      },
    ]);
    expect(company?.kind).toBe('Company');
    const [owns, listed] = mapped.writes.links;
    expect(owns).toMatchObject({
      type: 'OWNS',
      fromId: owner?.id,
      toId: company?.id,
      since: '2019-03',
      validFrom: '2019-03-01',
      validTo: null,
      properties: { share: 51 },
    });
    expect(listed).toMatchObject({
      type: 'LISTED_ON',
      toId: 'fixture-import:list:watch',
      id: 'fixture-import:listed:nordlys-holding-ab:2021-01-14',
      until: null,
    });
  });

  it('gives the same id to names written differently', () => {
    expect(stableId('p:', ['  ÅSA  Berg '])).toBe(stableId('p:', ['Asa berg']));
    expect(stableId('c:', ['Fjord Tech, Ltd.'])).toBe('c:fjord-tech-ltd');
    expect(stableId('c:', ['***'])).toBeNull();
  });

  it('leaves out a link whose condition column is empty', () => {
    const mapped = map({ Listed: '' });
    expect(mapped.ok && mapped.writes.links.map((l) => l.type)).toEqual(['OWNS']);
  });

  it.each([
    [{ Owner: '' }, 'missing key: column "Owner" of entity "owner" is empty'],
    [{ 'Owner type': 'robot' }, 'unknown kind "robot" in column "Owner type"'],
    [{ Since: '2020-13-01' }, 'unparseable date "2020-13-01" in column "Since" (since)'],
    [
      { Listed: '2022-05-01', Delisted: '2021-01-01' },
      'until "2021-01-01" is before since "2022-05-01"',
    ],
    [{ Status: 'rumoured' }, 'unknown status "rumoured"'],
    [{ Share: 'thirty' }, 'share "thirty" is not a number'],
    [{ Owner: '!!!' }, 'has no letters or digits'],
  ])('rejects the whole row for %o', (cells, reason) => {
    const mapped = map(cells);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) {
      expect(mapped.problem.line).toBe(7);
      expect(mapped.problem.reason).toContain(reason);
    }
  });
});

describe('translating free-text cells and reading dates in their own formats', () => {
  const fixture = (name: string) =>
    readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');
  const relations = parseMapping(JSON.parse(fixture('relations.mapping.json')));
  const rows = (parse(fixture('relations.csv'), { columns: true }) as Record<string, string>[]).map(
    (cells, i) => mapCsvRow(relations, { line: i + 2, cells }),
  );
  const link = (i: number) => {
    const row = rows[i];
    if (!row?.ok) throw new Error(`row ${i} was rejected: ${row?.problem.reason}`);
    return row.writes.links[0];
  };

  it('turns a relationship column into link types with map, ordered patterns and a default', () => {
    expect(rows.slice(0, 9).map((_, i) => [link(i)?.type, link(i)?.properties])).toEqual([
      ['OWNS', {}], // "Ownership": the map, whatever the case
      ['LEADS', { role: 'Director' }], // a pattern
      ['LEADS', { role: 'Board member' }],
      ['OWNS', {}], // "Beneficial owner (indirect)": the first pattern that matches
      ['LEADS', { role: 'NON-EXECUTIVE DIRECTOR' }], // ignoreCase
      ['EMPLOYED_BY', { role: 'Company secretary' }],
      ['OWNS', {}], // "Shareholder (25%)"
      ['AFFILIATED_WITH', {}], // "Adviser to the board's chair": no rule, the default
      ['AFFILIATED_WITH', {}], // "Sister-in-law of a director": anchored rules do not match
    ]);
  });

  it('reads each date in the format its cell is written in, partial dates staying partial', () => {
    expect(rows.slice(0, 9).map((_, i) => link(i)?.since)).toEqual([
      '2019-12-02', // 02.12.2019
      '2023-07-13', // 13.07.23 (below the pivot: 20YY)
      '2021-03-12', // March 12, 2021
      '2021-03-12', // 12 March 2021
      '2021-03-12', // 2021/03/12
      '2020', // ISO year, always accepted
      '2019-04', // ISO month
      '2027-10-01', // October 1, 2027
      null, // empty
    ]);
    expect(link(5)).toMatchObject({ validFrom: '2020-01-01' });
  });

  it('skips a row whose date names no real day, saying which column and which formats', () => {
    expect(rows[9]).toEqual({
      ok: false,
      problem: {
        line: 11,
        reason:
          'unparseable date "31.02.2021" in column "Since" (since); expected DD.MM.YYYY or DD.MM.YY or MMMM D, YYYY or D MMMM YYYY or YYYY/MM/DD or YYYY, YYYY-MM or YYYY-MM-DD',
      },
    });
  });

  it('applies map, patterns and formats to dates and entity date properties too', () => {
    const raw = JSON.parse(fixture('registry.mapping.json'));
    raw.entities.owner.properties.birthDate = {
      column: 'Born',
      map: { unknown: '' },
      patterns: [{ match: '^c\\. ?(\\d{4})$', value: '' }],
      format: 'DD/MM/YYYY',
    };
    raw.entities.owner.evidence.push('Born');
    const withBirth = parseMapping(raw);
    const born = (cell: string) => {
      const row = mapCsvRow(withBirth, { line: 3, cells: { ...base, Born: cell } });
      return row.ok ? row.writes.entities[0]?.properties.birthDate : row.problem.reason;
    };
    expect(born('14/01/1970')).toBe('1970-01-14');
    expect(born('1970-01')).toBe('1970-01');
    expect(born('unknown')).toBeUndefined();
    expect(born('c. 1970')).toBeUndefined();
    expect(born('1970.01.14')).toBe(
      'unparseable date "1970.01.14" in column "Born" (birthDate of entity "owner"); expected DD/MM/YYYY or YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });
});

describe('hostile cells in a translated column', () => {
  it('never takes an inherited object property for a map entry', () => {
    const raw = JSON.parse(
      readFileSync(new URL('../../fixtures/import/registry.mapping.json', import.meta.url), 'utf8'),
    );
    raw.entities.owner.kind = {
      column: 'Owner type',
      map: { person: 'Person' },
      default: 'Company',
    };
    const withDefault = parseMapping(raw);
    for (const cell of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const row = mapCsvRow(withDefault, { line: 4, cells: { ...base, 'Owner type': cell } });
      expect(row.ok && row.writes.entities[0]?.kind, cell).toBe('Company');
    }
  });

  it('refuses map keys that become the same when case is ignored', () => {
    const raw = JSON.parse(
      readFileSync(new URL('../../fixtures/import/registry.mapping.json', import.meta.url), 'utf8'),
    );
    raw.entities.owner.kind = {
      column: 'Owner type',
      ignoreCase: true,
      map: { Person: 'Person', person: 'Company' },
    };
    expect(() => parseMapping(raw)).toThrow(
      /entities\.owner\.kind\.map: "Person" and "person" are the same key when ignoreCase is true/,
    );
  });
});
