import { readFileSync } from 'node:fs';
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
