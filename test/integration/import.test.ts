/**
 * The importer against the real database, on small fixtures written for the tests: every bad
 * row reported and skipped, re-imports that change nothing, a newer list that updates periods
 * and statuses, FollowTheMoney relationships, dry runs, matching to existing entities, and a
 * batch refused half-way through.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../server/import/batch-writer';
import { ImportStopped, runImport } from '../../server/import/run-import';
import type { Summary } from '../../server/import/tally';
import type { EntityWrite, RowWrites } from '../../server/import/types';
import { UnavailableError } from '../../server/model/domain-errors';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { freePort } from '../../server/neo4j/local-neo4j';
import { connectTestDatabase } from '../support/database';
import { testDataset } from '../support/import-cli';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const PREFIXES = ['fixture-import:', 'fixture-ftm:', 'fixture-match:', 'fixture-refused:'];
const SOURCES = [
  'source:dataset:fixture-import-registry',
  'source:dataset:fixture-import-ftm',
  'source:dataset:fixture-import-match',
  'source:dataset:fixture-refused',
];

let db: Database;

async function removeFixtureData() {
  await db.write(
    `MATCH (n) WHERE any(p IN $prefixes WHERE n.id STARTS WITH p) OR n.id IN $sources
     DETACH DELETE n`,
    { prefixes: PREFIXES, sources: SOURCES },
  );
}

function importFile(
  file: string,
  mapping: string,
  options: Partial<{
    format: 'csv' | 'ftm';
    dryRun: boolean;
    matchExisting: boolean;
    batchSize: number;
  }> = {},
): Promise<Summary> {
  return runImport(db, {
    file: `${FIXTURES}${file}`,
    mappingFile: `${FIXTURES}${mapping}`,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: 3,
    ...options,
  });
}

async function graphUnder(prefix: string) {
  const [row] = await db.read<{ entities: unknown[]; links: unknown[] }>(
    `CALL () {
       MATCH (e:Entity) WHERE e.id STARTS WITH $prefix
       WITH e ORDER BY e.id RETURN collect(properties(e)) AS entities
     }
     CALL () {
       MATCH (a)-[r]->(b) WHERE r.id STARTS WITH $prefix
       WITH r, a, b ORDER BY r.id
       RETURN collect({type: type(r), from: a.id, to: b.id, properties: properties(r)}) AS links
     }
     RETURN entities, links`,
    { prefix },
  );
  return row ?? { entities: [], links: [] };
}

async function link(id: string) {
  const [row] = await db.read<{ r: Record<string, unknown>; from: string; to: string }>(
    'MATCH (a)-[r {id: $id}]->(b) RETURN properties(r) AS r, a.id AS from, b.id AS to',
    { id },
  );
  return row;
}

beforeAll(async () => {
  db = connectTestDatabase(60_000);
  await removeFixtureData();
});

afterAll(async () => {
  await removeFixtureData();
  await db.close();
});

describe('importing a CSV with a mapping', () => {
  let first: Summary;

  beforeAll(async () => {
    first = await importFile('registry.csv', 'registry.mapping.json');
  });

  it('imports the good rows and reports every bad one with its line and reason', () => {
    expect(first.rows).toEqual({ read: 13, imported: 5, unchanged: 0, skipped: 8, failed: 0 });
    expect(first.exitCode).toBe(3);
    expect(first.problems.map((p) => [p.line, p.reason.split(/[:;]/)[0]])).toEqual([
      [6, 'missing key'],
      [7, 'unknown kind "robot" in column "Owner type" for entity "owner"'],
      [8, 'unparseable date "2020-13-01" in column "Since" (since)'],
      [9, 'until "2021-01-01" is before since "2022-05-01"'],
      [10, 'unknown status "rumoured"'],
      [11, 'has 7 cells but the header has 12 columns'],
      [12, 'share "thirty" is not a number'],
      [14, 'cannot be read as CSV'],
    ]);
    expect(first.entities).toEqual({ created: 9, updated: 0, unchanged: 0, skipped: 0 });
    expect(first.links).toEqual({ created: 8, updated: 0, unchanged: 0, skipped: 0 });
    expect(first.sources.created).toBe(1);
  });

  it('folds names written differently into one entity, keeping the other spellings as aliases', async () => {
    const [row] = await db.read<{ e: Record<string, unknown>; owns: number }>(
      `MATCH (e:Person {id: 'fixture-import:entity:asa-berg'})
       RETURN properties(e) AS e, COUNT { (e)-[:OWNS]->() } AS owns`,
    );
    expect(row?.e.name).toBe('ÅSA  Berg');
    expect(row?.e.aliases).toEqual(['Asa Berg', 'Berg Asa']);
    expect(row?.e.searchText).toBe('ÅSA  Berg\nAsa Berg\nBerg Asa');
    expect(row?.e.nameKey).toBe('asa berg');
    expect(row?.owns).toBe(2);
  });

  it("cites the dataset with the row's own cells and its document url on every link", async () => {
    const owns = await link('fixture-import:owns:ada-lindqvist:nordlys-holding-ab');
    expect(owns).toMatchObject({
      from: 'fixture-import:entity:ada-lindqvist',
      to: 'fixture-import:entity:nordlys-holding-ab',
    });
    expect(owns?.r).toMatchObject({
      status: 'asserted',
      since: '2019-03',
      validFrom: '2019-03-01',
      share: 51,
      citationSourceIds: ['source:dataset:fixture-import-registry'],
      citationExcerpts: [
        'Owner: Ada Lindqvist | Company: Nordlys Holding AB | Share: 51 | Since: 2019-03',
      ],
      citationLocators: ['line 2, https://example.org/docs/1'],
    });
    const [source] = await db.read<{ s: Record<string, unknown> }>(
      "MATCH (s:Source {id: 'source:dataset:fixture-import-registry'}) RETURN properties(s) AS s",
    );
    expect(source?.s).toMatchObject({
      kind: 'dataset',
      publisher: 'Threadline tests',
      url: 'https://example.org/fixture-registry',
      retrievedAt: '2026-11-26',
      licence: 'CC0 (written for the tests)',
    });
    const uncited = await db.read(
      `MATCH ()-[r]->() WHERE r.id STARTS WITH 'fixture-import:' AND size(coalesce(r.citationExcerpts, [])) = 0
       RETURN r.id`,
    );
    expect(uncited).toEqual([]);
  });

  it('quotes the file for a constant such as the list itself', async () => {
    const [list] = await db.read<{ e: Record<string, unknown>; listed: number }>(
      `MATCH (e:GovernmentList {id: 'fixture-import:list:watch'})
       RETURN properties(e) AS e, COUNT { ()-[:LISTED_ON]->(e) } AS listed`,
    );
    expect(list?.e.citationExcerpts).toEqual([
      'Reason: Named on the Fixture Watch List for export breaches',
    ]);
    expect(list?.listed).toBe(3);
  });

  it('leaves the same graph when the same file is imported again, and says nothing changed', async () => {
    const before = await graphUnder('fixture-import:');
    const again = await importFile('registry.csv', 'registry.mapping.json', { batchSize: 5 });
    expect(again.entities).toEqual({ created: 0, updated: 0, unchanged: 9, skipped: 0 });
    expect(again.links).toEqual({ created: 0, updated: 0, unchanged: 8, skipped: 0 });
    expect(again.sources).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: 0 });
    expect(again.rows).toEqual({ read: 13, imported: 0, unchanged: 5, skipped: 8, failed: 0 });
    expect(await graphUnder('fixture-import:')).toEqual(before);
  });

  it('updates periods and statuses from a newer version of the list instead of duplicating', async () => {
    const v2 = await importFile('registry-v2.csv', 'registry.mapping.json');
    // Lund Bank's row moved from line 13 to line 6: its citations' locators are updated too.
    expect(v2.links).toEqual({ created: 0, updated: 3, unchanged: 5, skipped: 0 });
    expect(v2.entities).toEqual({ created: 0, updated: 2, unchanged: 7, skipped: 0 });
    expect(v2.rows).toEqual({ read: 5, imported: 2, unchanged: 3, skipped: 0, failed: 0 });
    expect((await link('fixture-import:owns:jonas-lund:lund-bank'))?.r.citationLocators).toEqual([
      'line 6, https://example.org/docs/13',
    ]);
    const delisted = await link('fixture-import:listed:nordlys-holding-ab:2021-01-14');
    expect(delisted?.r).toMatchObject({ until: '2023-06-30', validTo: '2023-06-30' });
    expect(delisted?.r.citationExcerpts).toHaveLength(2);
    expect((await link('fixture-import:listed:lund-bank:2020-11-30'))?.r.status).toBe('asserted');
    const [counts] = await db.read<{ links: number; ids: number }>(
      `MATCH ()-[r]->() WHERE r.id STARTS WITH 'fixture-import:'
       RETURN count(r) AS links, count(DISTINCT r.id) AS ids`,
    );
    expect(counts).toEqual({ links: 8, ids: 8 });
  });

  it('validates everything in a dry run and writes nothing', async () => {
    await removeFixtureData();
    const dry = await importFile('registry.csv', 'registry.mapping.json', { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.rows).toEqual({ read: 13, imported: 5, unchanged: 0, skipped: 8, failed: 0 });
    expect(dry.entities.created).toBe(9);
    expect(dry.links.created).toBe(8);
    expect((await graphUnder('fixture-import:')).entities).toEqual([]);
    const [source] = await db.read('MATCH (s:Source {id: $id}) RETURN s.id', { id: SOURCES[0] });
    expect(source).toBeUndefined();
  });
});

describe('matching rows to entities already in the graph', () => {
  beforeAll(async () => {
    await removeFixtureData();
    await importFile('registry.csv', 'registry.mapping.json');
  });

  it('links a row to the existing entity by normalised name or alias, and reports each match', async () => {
    const summary = await importFile('match.csv', 'match.mapping.json', { matchExisting: true });
    expect(summary.matches).toEqual([
      {
        line: 2,
        name: 'A. Lindqvist',
        matchedId: 'fixture-import:entity:ada-lindqvist',
        by: 'alias',
      },
      {
        line: 2,
        name: 'Nordlys  Holding AB.',
        matchedId: 'fixture-import:entity:nordlys-holding-ab',
        by: 'name',
      },
      {
        line: 3,
        name: 'Nordlys Shipping AB',
        matchedId: 'fixture-import:entity:nordlys-shipping-ab',
        by: 'name',
      },
    ]);
    // The matched entities gain this dataset's citation (and a new spelling as an alias).
    expect(summary.entities).toEqual({ created: 1, updated: 3, unchanged: 0, skipped: 0 });
    const owns = await link('fixture-match:owns:a-lindqvist:nordlys-holding-ab');
    expect(owns).toMatchObject({
      from: 'fixture-import:entity:ada-lindqvist',
      to: 'fixture-import:entity:nordlys-holding-ab',
    });
    const created = await db.read<{ id: string }>(
      "MATCH (e:Entity) WHERE e.id STARTS WITH 'fixture-match:' RETURN e.id AS id",
    );
    expect(created).toEqual([{ id: 'fixture-match:entity:nils-nyman' }]);
  });

  it('keeps entities apart without --match-existing', async () => {
    await importFile('match.csv', 'match.mapping.json');
    const [row] = await db.read<{ n: number }>(
      "MATCH (e:Entity) WHERE e.id STARTS WITH 'fixture-match:entity:' RETURN count(e) AS n",
    );
    expect(row?.n).toBe(4);
  });
});

describe('importing FollowTheMoney JSON lines', () => {
  let summary: Summary;

  beforeAll(async () => {
    summary = await importFile('ftm.jsonl', 'ftm.mapping.json', { format: 'ftm' });
  });

  it('imports things and relationships, and counts what it cannot map', () => {
    // Line 19's link has an end that is not in the graph: the row is skipped and says why.
    // Skipped: line 19 (an end not in the graph), the two Vessels, and lines 23-27.
    expect(summary.rows).toEqual({ read: 27, imported: 19, unchanged: 0, skipped: 8, failed: 0 });
    expect(summary.unsupported).toEqual({ Vessel: 2 });
    expect(summary.entities).toEqual({ created: 11, updated: 0, unchanged: 0, skipped: 0 });
    expect(summary.links).toEqual({ created: 9, updated: 0, unchanged: 0, skipped: 1 });
    expect(summary.problems.map((p) => p.line)).toEqual([19, 23, 24, 25, 26, 27]);
    expect(summary.problems[0]?.reason).toBe(
      'link fixture-ftm:own-2 not written: entity fixture-ftm:c-ghost is not in the graph',
    );
  });

  it('maps each schema to its kind and link type', async () => {
    const kinds = await db.read<{ id: string; kind: string }>(
      "MATCH (e:Entity) WHERE e.id STARTS WITH 'fixture-ftm:' RETURN e.id AS id, e.kind AS kind ORDER BY id",
    );
    expect(Object.fromEntries(kinds.map((k) => [k.id.slice(12), k.kind]))).toEqual({
      'a-1': 'Address',
      'c-acme': 'Company',
      'c-sub': 'Company',
      'le-fund': 'Organization',
      'list:fixture-treasury:export-controls': 'GovernmentList',
      'm-trade': 'Ministry',
      'o-club': 'Organization',
      'p-ana': 'Person',
      'p-bo': 'Person',
      'p-cy': 'Person',
      'pos-mayor': 'Position',
    });
    const links = await db.read<{ id: string; type: string; from: string; to: string }>(
      `MATCH (a)-[r]->(b) WHERE r.id STARTS WITH 'fixture-ftm:'
       RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to ORDER BY id`,
    );
    expect(links.map((l) => `${l.from.slice(12)} ${l.type} ${l.to.slice(12)}`)).toEqual([
      'p-ana ASSOCIATE_OF p-bo',
      'p-ana LEADS c-acme',
      'p-bo EMPLOYED_BY m-trade',
      'p-ana FAMILY_OF p-cy',
      'p-bo MEMBER_OF o-club',
      'p-cy HOLDS_POSITION pos-mayor',
      'c-acme OWNS c-sub',
      'c-acme LISTED_ON list:fixture-treasury:export-controls',
      'p-ana LISTED_ON list:fixture-treasury:export-controls',
    ]);
    const sanction = await link('fixture-ftm:san-2');
    expect(sanction?.r).toMatchObject({
      since: '2021-03-04',
      until: '2022-01-31',
      program: 'Export Controls',
    });
    expect((await link('fixture-ftm:occ-1'))?.r.since).toBe('2020-07-01');
    expect((await link('fixture-ftm:own-1'))?.r.share).toBe(75);
  });

  it('updates the same entities when a newer export is imported', async () => {
    const again = await importFile('ftm.jsonl', 'ftm.mapping.json', { format: 'ftm' });
    expect(again.entities).toEqual({ created: 0, updated: 0, unchanged: 11, skipped: 0 });
    expect(again.links).toEqual({ created: 0, updated: 0, unchanged: 9, skipped: 1 });
  });
});

describe('two imports writing the same new records at the same time', () => {
  const cite = [
    { sourceId: 'source:dataset:fixture-import-registry', excerpt: 'x', locator: null },
  ];
  const company = (id: string, name: string): EntityWrite => ({
    id,
    kind: 'Company',
    name,
    aliases: [],
    properties: {},
    citations: cite,
    line: 2,
  });
  const ends: RowWrites = {
    line: 2,
    entities: [
      company('fixture-import:twin:a', 'Twin A'),
      company('fixture-import:twin:b', 'Twin B'),
    ],
    links: [],
  };
  const owns: RowWrites = {
    line: 3,
    entities: [],
    links: [
      {
        id: 'fixture-import:twin:owns',
        type: 'OWNS',
        fromId: 'fixture-import:twin:a',
        toId: 'fixture-import:twin:b',
        status: 'asserted',
        since: '2020',
        until: null,
        on: null,
        validFrom: '2020-01-01',
        validTo: null,
        properties: {},
        citations: cite,
        line: 3,
      },
    ],
  };
  const stamp = { now: '2026-11-26T00:00:00Z', by: 'test' };

  it('leave one entity and one link per id; a refused batch completes when run again', async () => {
    const results = await Promise.allSettled([
      writeBatch(db, [ends], stamp),
      writeBatch(db, [ends], stamp),
    ]);
    // Both ends exist now; two batches that find no link both try to create it.
    results.push(
      ...(await Promise.allSettled([writeBatch(db, [owns], stamp), writeBatch(db, [owns], stamp)])),
    );
    const [count] = await db.read<{ entities: number; links: number }>(
      `CALL () { MATCH (e:Entity) WHERE e.id STARTS WITH 'fixture-import:twin:' RETURN count(e) AS entities }
       CALL () { MATCH ()-[r:OWNS {id: 'fixture-import:twin:owns'}]->() RETURN count(r) AS links }
       RETURN entities, links`,
    );
    expect(count).toEqual({ entities: 2, links: 1 });
    // The loser either waited and found everything written, or was refused by a constraint.
    for (const result of results) {
      if (result.status === 'rejected') expect(String(result.reason)).toMatch(/already exists/);
    }
    const again = await writeBatch(db, [ends, owns], stamp);
    expect([...again.entities, ...again.links].map((r) => r.outcome)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('reports a kind clash, a moved link and a missing end, and writes none of them', async () => {
    await writeBatch(db, [ends, owns], stamp);
    const [ownsLink] = owns.links;
    if (!ownsLink) throw new Error('fixture has no link');
    const result = await writeBatch(
      db,
      [
        {
          line: 4,
          entities: [{ ...company('fixture-import:twin:a', 'Twin A'), kind: 'Person' }],
          links: [
            { ...ownsLink, fromId: 'fixture-import:twin:b', toId: 'fixture-import:twin:a' },
            { ...ownsLink, id: 'fixture-import:twin:dangling', toId: 'fixture-import:twin:nobody' },
          ],
        },
      ],
      stamp,
    );
    expect([...result.entities, ...result.links].map((r) => [r.id, r.outcome])).toEqual([
      ['fixture-import:twin:a', 'kind:Company'],
      ['fixture-import:twin:owns', 'moved'],
      ['fixture-import:twin:dangling', 'missing:fixture-import:twin:nobody'],
    ]);
    expect((await link('fixture-import:twin:owns'))?.from).toBe('fixture-import:twin:a');
    expect(await link('fixture-import:twin:dangling')).toBeUndefined();
    const [a] = await db.read<{ labels: string[] }>(
      "MATCH (e:Entity {id: 'fixture-import:twin:a'}) RETURN labels(e) AS labels",
    );
    expect(a?.labels).not.toContain('Person');
  });
});

describe('a batch the database refuses in the middle of an import', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'threadline-refused-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reported, and later rows still write the entities it carried', async () => {
    const company = (column: string) => ({
      kind: { value: 'Company' },
      id: { prefix: 'fixture-refused:company:', keys: [column] },
      name: column,
      evidence: [column],
    });
    const mapping = {
      dataset: testDataset('source:dataset:fixture-refused'),
      entities: { owner: company('owner'), company: company('company') },
      links: [
        {
          type: { value: 'OWNS' },
          from: 'owner',
          to: 'company',
          id: { prefix: 'fixture-refused:owns:', keys: ['link'] },
          evidence: ['link', 'owner', 'company'],
        },
      ],
    };
    writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify(mapping));
    // Carol first appears on line 3, whose batch is refused; line 4 needs her again.
    writeFileSync(
      path.join(dir, 'links.csv'),
      'link,owner,company\nL1,Alpha,Beta\nL2,Carol,Alpha\nL3,Carol,Beta\nL4,Alpha,Delta\n',
    );
    // The real database, with one batch refused as a lost lock or a full disk would refuse it:
    // after a while, by which time the importer has read and prepared the next batch.
    const refusing: Database = {
      ...db,
      writeAll: (statements, then) =>
        JSON.stringify(statements).includes('fixture-refused:owns:l2')
          ? new Promise((_, reject) =>
              setTimeout(() => reject(new Error('refused for the test')), 200),
            )
          : db.writeAll(statements, then),
    };
    const summary = await runImport(refusing, {
      file: path.join(dir, 'links.csv'),
      mappingFile: path.join(dir, 'mapping.json'),
      format: 'csv',
      dryRun: false,
      matchExisting: false,
      batchSize: 1,
    });
    expect(summary.failedBatches).toEqual([
      { firstLine: 3, lastLine: 3, reason: 'refused for the test' },
    ]);
    const graph = await graphUnder('fixture-refused:');
    expect(graph.entities.map((e) => (e as { id: string }).id)).toEqual([
      'fixture-refused:company:alpha',
      'fixture-refused:company:beta',
      'fixture-refused:company:carol',
      'fixture-refused:company:delta',
    ]);
    expect(
      graph.links.map((l) => [(l as { from: string }).from, (l as { to: string }).to]),
    ).toEqual([
      ['fixture-refused:company:alpha', 'fixture-refused:company:beta'],
      ['fixture-refused:company:carol', 'fixture-refused:company:beta'],
      ['fixture-refused:company:alpha', 'fixture-refused:company:delta'],
    ]);
  });

  it('stops at the first batch the database cannot take because it is gone, with a domain error', async () => {
    // Batches go to a port where nothing listens (a real driver, a real connection refusal);
    // the dataset source still goes to the test database.
    const nowhere = createDatabase(
      {
        uri: `bolt://127.0.0.1:${await freePort()}`,
        user: 'neo4j',
        password: '',
        database: 'neo4j',
      },
      { queryTimeoutMs: 2_000 },
    );
    const written: string[] = [];
    const gone: Database = {
      ...db,
      writeAll: (statements, then) => {
        written.push(JSON.stringify(statements));
        return nowhere.writeAll(statements, then);
      },
    };
    try {
      const outcome = await runImport(gone, {
        file: `${FIXTURES}registry.csv`,
        mappingFile: `${FIXTURES}registry.mapping.json`,
        format: 'csv',
        dryRun: false,
        matchExisting: false,
        batchSize: 1,
      }).catch((error: unknown) => error);
      // The import says how far it got (ImportStopped) and why: the database is unavailable.
      expect(outcome).toBeInstanceOf(ImportStopped);
      expect((outcome as ImportStopped).cause).toBeInstanceOf(UnavailableError);
      // It stopped instead of trying (and reporting) every batch of the file.
      expect(written.length).toBeLessThanOrEqual(2);
    } finally {
      await nowhere.close();
      await removeFixtureData();
    }
  });
});
