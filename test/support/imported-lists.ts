/**
 * The real lists (../shared/data) imported into the test database through the committed
 * mappings under docs/datasets/, and removed again with everything matching made of them.
 */
import { runImport } from '../../server/import/run-import';
import type { Database } from '../../server/neo4j/database';
import { SHARED_DATA } from './list-records';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The DoD 1260H list and the special-legislation lists: file and mapping name. */
export const LIST_IMPORTS = [
  ['us_dod_chinese_milcorps.csv', 'us-dod-chinese-milcorps'],
  ['us_special_leg/section_889.csv', 'us-special-leg'],
  ['us_special_leg/section_5949.csv', 'us-special-leg'],
  ['us_special_leg/section_154.csv', 'us-special-leg'],
] as const;

export const importList = (db: Database, file: string, mappingName: string) =>
  runImport(db, {
    file: `${SHARED_DATA}${file}`,
    mappingFile: `${ROOT}docs/datasets/${mappingName}.mapping.json`,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: 100,
  });

/** Removes the imported records, lists and sources, and the judgements and identities on them. */
export async function removeImportedLists(db: Database): Promise<void> {
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH 'us-dod-1260h:' OR n.id STARTS WITH 'us-special-leg:'
        OR n.id IN ['list:us-dod-1260h', 'source:dataset:opensanctions-us-dod-chinese-milcorps',
                    'source:dataset:opensanctions-us-special-leg']
        OR (n:Judgement AND (n.aId STARTS WITH 'us-' OR n.bId STARTS WITH 'us-'))
        OR (n:Identity AND n.id STARTS WITH 'identity:us-')
     DETACH DELETE n`,
  );
}
