import { describe, expect, it } from 'vitest';
import type { EntityWrite } from '../../../server/import/types';
import { WriteFolder } from '../../../server/import/write-folder';

const listRow = (
  row: number,
  excerpt = `row ${row}: Huawei Technologies Co., Ltd.`,
): EntityWrite => ({
  id: 'list:dod-1260h',
  kind: 'GovernmentList',
  name: 'DoD 1260H list',
  aliases: [],
  properties: {},
  citations: [{ sourceId: 'source:dod', excerpt, locator: `line ${row + 1}` }],
  line: row + 1,
});

describe('folding a whole file (bulk load)', () => {
  // A list file names its list on every row. Folding by copying the growing citation list and
  // scanning it for each row took 2 s of CPU at 20,000 rows and grew with the square of the rows.
  it('folds a list named by 100,000 rows into one entity citing each row once', () => {
    const folder = new WriteFolder();
    for (let row = 1; row <= 100_000; row++) folder.addEntity(listRow(row));
    folder.addEntity(listRow(7)); // the same row read twice cites it once
    const [list, ...others] = folder.entities.values();
    expect(others).toEqual([]);
    expect(list?.citations).toHaveLength(100_000);
    expect(list?.citations[6]).toMatchObject({ locator: 'line 8' });
  }, 10_000);

  it('keeps one citation per source and excerpt, whichever rows repeat it', () => {
    const folder = new WriteFolder();
    folder.addEntity(listRow(1, 'same words'));
    folder.addEntity({
      ...listRow(2, 'same words'),
      citations: [{ sourceId: 'source:other', excerpt: 'same words', locator: 'line 3' }],
    });
    folder.addEntity(listRow(3, 'same words'));
    const [list] = folder.entities.values();
    expect(list?.citations.map((c) => [c.sourceId, c.locator])).toEqual([
      ['source:dod', 'line 2'],
      ['source:other', 'line 3'],
    ]);
  });

  // Short lists are checked by a scan and long ones by an index built when the list outgrows the
  // scan: a repeat must be recognised on both sides of that switch.
  it('recognises a repeated citation before and after the list grows long', () => {
    const folder = new WriteFolder();
    for (let row = 1; row <= 40; row++) {
      folder.addEntity(listRow(row));
      folder.addEntity(listRow(1)); // the first row again, every time
      folder.addEntity(listRow(row)); // and this row again at once
    }
    const [list] = folder.entities.values();
    expect(list?.citations.map((c) => c.locator)).toEqual(
      Array.from({ length: 40 }, (_, i) => `line ${i + 2}`),
    );
  });
});
