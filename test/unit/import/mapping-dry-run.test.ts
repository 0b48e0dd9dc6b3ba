/** The mapping features through the importer's own dry run: the file read, nothing written. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportInputError, runImport } from '../../../server/import/run-import';

const fixture = (name: string) =>
  new URL(`../../fixtures/import/${name}`, import.meta.url).pathname;

const dryRun = (file: string, mappingFile: string) =>
  runImport(null, {
    file,
    mappingFile,
    format: 'csv',
    dryRun: true,
    matchExisting: false,
    batchSize: 100,
  });

describe('a dry run with the worked example of docs/import.md', () => {
  it('maps the free-text relationships and reports the one row with an impossible date', async () => {
    const summary = await dryRun(fixture('relations.csv'), fixture('relations.mapping.json'));
    expect(summary.rows).toMatchObject({ read: 10, imported: 9, skipped: 1 });
    expect(summary.problems).toEqual([
      {
        line: 11,
        reason: expect.stringMatching(
          /^unparseable date "31\.02\.2021" in column "Since" \(since\); expected DD\.MM\.YYYY or /,
        ),
      },
    ]);
  });

  it('names the line and column of a syntax error in the mapping file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'threadline-mapping-'));
    const broken = path.join(dir, 'broken.mapping.json');
    writeFileSync(broken, '{\n  "dataset": {},\n  "entities": {}\n  "links": []\n}\n');
    const error = await dryRun(fixture('relations.csv'), broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(
      /broken\.mapping\.json is not valid JSON: line 4, column 3: Expected ',' or '}'/,
    );
  });
});
