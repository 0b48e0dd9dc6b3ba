/**
 * Matching on the real lists (../shared/data, research-only, read at run time; skipped with the
 * reason where absent): the DoD 1260H list and the special-legislation lists imported through
 * the committed mappings, then every true cross-list pair of the labelled set must be its
 * special-legislation record's first candidate, with the reasons given; `npm run match` prints
 * the same; and a SAME judgement survives re-importing the list.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorNow } from '../../server/data/curation';
import { identityOf } from '../../server/data/identities';
import { judge, undoJudgement } from '../../server/data/judgements';
import { matchCandidates } from '../../server/data/match-candidates';
import { stableId } from '../../server/import/ids';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase, testDatabaseEnv } from '../support/database';
import { wholeGraphChecksum } from '../support/graph-checksum';
import { importList, LIST_IMPORTS, removeImportedLists } from '../support/imported-lists';
import { missingListFiles } from '../support/list-records';
import { readLabelledPairs } from '../support/match-evaluation';

const missing = missingListFiles();
const ROOT = new URL('../../', import.meta.url).pathname;
/** The id the committed mappings give a record of a list. */
function graphId([list, name]: [string, string]): string {
  const prefix = list === 'dod_1260h' ? 'us-dod-1260h:company:' : 'us-special-leg:entity:';
  return stableId(prefix, [name]) ?? '';
}

let db: Database;

const removeImported = () => removeImportedLists(db);
const importFile = (file: string, name: string) => importList(db, file, name);

describe.skipIf(missing !== null)(
  `matching the imported lists${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    const crossList = readLabelledPairs().filter(
      (p) =>
        p.same && p.a[0] !== 'dod_1260h' && p.a[0] !== 'section_1286' && p.b[0] === 'dod_1260h',
    );

    beforeAll(async () => {
      db = connectTestDatabase(120_000);
      await removeImported();
      for (const [file, name] of LIST_IMPORTS) await importFile(file, name);
    }, 300_000);

    afterAll(async () => {
      await removeImported();
      await db.close();
    });

    it('ranks the 1260H record first for every special-legislation company on both lists', async () => {
      expect(crossList.length).toBeGreaterThanOrEqual(9);
      for (const pair of crossList) {
        const page = await matchCandidates(db, {
          entityId: graphId(pair.a),
          kind: null,
          minScore: 0.5,
          first: 3,
          offset: 0,
        });
        const first = page.candidates[0];
        const partner = first && (first.a === graphId(pair.a) ? first.b : first.a);
        expect({ record: pair.a[1], first: partner }).toEqual({
          record: pair.a[1],
          first: graphId(pair.b),
        });
        expect(first?.features[0]?.detail).toContain(pair.b[1].slice(0, 10));
      }
    });

    it('prints the candidates and their reasons from npm run match', () => {
      const run = spawnSync(
        'npx',
        [
          'tsx',
          'server/cli/match.ts',
          '--entity',
          graphId(['section_889', 'Dahua Technology Company']),
          '--first',
          '2',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: testDatabaseEnv(),
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const [firstLine, reason] = run.stdout.split('\n');
      expect(firstLine).toMatch(/^0\.9\d\d {2}.*"Zhejiang Dahua Technology Co\., Ltd\.?"/);
      expect(reason).toMatch(
        /\+0\.9\d\d name: "Dahua Technology Company" ~ "Zhejiang Dahua Technology Co\., Ltd\.?": token/,
      );
      expect(run.stderr).toMatch(/candidate pairs at score ≥ 0\.5; shown 1–/);
    });

    it('keeps a SAME judgement across a re-import, and undo restores the graph exactly', async () => {
      const huawei889 = graphId(['section_889', 'Huawei Technologies Company']);
      const huaweiDod = graphId(['dod_1260h', 'Huawei Technologies Co., Ltd.']);
      const before = await wholeGraphChecksum(db);
      const judgement = await judge(
        db,
        { a: huawei889, b: huaweiDod, decision: 'same', note: 'Same name up to the legal form.' },
        authorNow('test-curator'),
      );
      await importFile('us_special_leg/section_889.csv', 'us-special-leg');
      await importFile('us_dod_chinese_milcorps.csv', 'us-dod-chinese-milcorps');
      const identity = await identityOf(db, huawei889);
      expect(identity?.recordIds.sort()).toEqual([huawei889, huaweiDod].sort());
      await undoJudgement(db, judgement.id);
      // Re-importing the same files wrote the same data, so the graph is as before the judgement.
      expect(await wholeGraphChecksum(db)).toEqual(before);
    });
  },
);
