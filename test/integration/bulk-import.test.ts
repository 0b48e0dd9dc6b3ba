/**
 * The bulk load (Neo4j's offline importer into a new store) gives the same graph as the
 * transactional importer: every node and relationship is compared, by checksum and line by
 * line, on a generated graph and on the DoD 1260H list (../shared/data, skipped when absent).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BulkImportError,
  finishBulkImport,
  runBulkImport,
  runLauncherImport,
  shellCommand,
} from '../../server/import/bulk/run-bulk-import';
import { DEFAULT_BATCH_SIZE, runImport } from '../../server/import/run-import';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { deleteGraph, writeGeneratedGraph } from '../support/generated-graph';
import { countAll, graphContent, type NodeSelection } from '../support/graph-checksum';
import { openScratchNeo4j } from '../support/scratch-neo4j';

const DOD_CSV = new URL('../../../shared/data/us_dod_chinese_milcorps.csv', import.meta.url)
  .pathname;
const DOD_MAPPING = new URL(
  '../../docs/datasets/us-dod-chinese-milcorps.mapping.json',
  import.meta.url,
).pathname;

let db: Database;
let work: string;

beforeAll(() => {
  db = connectTestDatabase(120_000);
  work = mkdtempSync(path.join(tmpdir(), 'threadline-bulk-'));
});

afterAll(async () => {
  await db.close();
  rmSync(work, { recursive: true, force: true });
});

async function transactional(file: string, mappingFile: string) {
  const summary = await runImport(db, {
    file,
    mappingFile,
    format: 'csv',
    dryRun: false,
    matchExisting: false,
    batchSize: DEFAULT_BATCH_SIZE,
  });
  expect(summary.failedBatches).toEqual([]);
  return summary;
}

/** Bulk-loads into a new store, then reads the selection's content and the store's totals. */
async function bulk(name: string, file: string, mappingFile: string, selection: NodeSelection) {
  const dataDir = path.join(work, `${name}-store`);
  const summary = await runBulkImport({
    file,
    mappingFile,
    format: 'csv',
    outDir: path.join(work, `${name}-files`),
    dataDir,
    heap: '512m',
  });
  const scratch = await openScratchNeo4j(dataDir, { graphDataScience: false });
  const store = scratch.db;
  try {
    return {
      summary,
      content: await graphContent(store, selection),
      totals: await countAll(store),
      constraints: (
        await store.read<{ n: number }>('SHOW CONSTRAINTS YIELD name RETURN count(*) AS n')
      )[0]?.n,
    };
  } finally {
    await scratch.close();
  }
}

function expectSameContent(
  expected: Awaited<ReturnType<typeof graphContent>>,
  actual: Awaited<ReturnType<typeof graphContent>>,
) {
  // Line by line first, so a failure shows the node or relationship that differs.
  const firstDiff = (a: string[], b: string[]) => a.findIndex((line, i) => line !== b[i]);
  const node = firstDiff(expected.nodes, actual.nodes);
  expect(node < 0 ? null : actual.nodes[node], 'first node that differs').toBe(
    node < 0 ? null : expected.nodes[node],
  );
  const rel = firstDiff(expected.relationships, actual.relationships);
  expect(rel < 0 ? null : actual.relationships[rel], 'first relationship that differs').toBe(
    rel < 0 ? null : expected.relationships[rel],
  );
  expect(actual.nodes.length).toBe(expected.nodes.length);
  expect(actual.relationships.length).toBe(expected.relationships.length);
  expect(actual.checksum).toBe(expected.checksum);
}

describe('bulk load of a generated graph', () => {
  const PREFIX = 'bulk:';
  const SOURCE = 'source:dataset:threadline-bench';

  afterAll(async () => {
    await deleteGraph(db, PREFIX);
    await db.write('MATCH (s:Source {id: $id}) DETACH DELETE s', { id: SOURCE });
  });

  it('gives the same nodes and relationships as the transactional importer', async () => {
    await deleteGraph(db, PREFIX);
    await db.write('MATCH (s:Source {id: $id}) DETACH DELETE s', { id: SOURCE });
    const dir = path.join(work, 'generated');
    mkdirSync(dir);
    const graph = await writeGeneratedGraph(dir, 3000, PREFIX);
    const summary = await transactional(graph.csvFile, graph.mappingFile);
    const selection = { prefixes: [PREFIX], ids: [SOURCE] };
    const expected = await graphContent(db, selection);
    const loaded = await bulk('generated', graph.csvFile, graph.mappingFile, selection);

    expect(loaded.summary.entities).toBe(summary.entities.created);
    expect(loaded.summary.links).toBe(summary.links.created);
    expect(expected.nodes.length).toBe(summary.entities.created + 1);
    expectSameContent(expected, loaded.content);
    // The new store holds the import and nothing else, with the schema applied.
    expect(loaded.totals).toEqual({
      nodes: expected.nodes.length,
      relationships: expected.relationships.length,
    });
    expect(loaded.constraints).toBeGreaterThan(10);

    // As for a Neo4j elsewhere: the files and steps only, the importer alone, then `--finish`
    // runs the steps over Bolt. The same graph again.
    const remoteFiles = path.join(work, 'generated-remote-files');
    const remoteStore = path.join(work, 'generated-remote-store');
    const remote = await runBulkImport({
      file: graph.csvFile,
      mappingFile: graph.mappingFile,
      format: 'csv',
      outDir: remoteFiles,
      dataDir: null,
    });
    await runLauncherImport(remoteStore, remote.importArgs, null, '512m', '256m', () => {});
    const scratch = await openScratchNeo4j(remoteStore, { graphDataScience: false });
    try {
      expect(await finishBulkImport(scratch.db, remoteFiles)).toBeGreaterThan(0);
      expectSameContent(expected, await graphContent(scratch.db, selection));
    } finally {
      await scratch.close();
    }
  }, 900_000);
});

describe.skipIf(!existsSync(DOD_CSV))('bulk load of the DoD 1260H list (../shared/data)', () => {
  const selection = {
    prefixes: ['us-dod-1260h:'],
    ids: ['list:us-dod-1260h', 'source:dataset:opensanctions-us-dod-chinese-milcorps'],
  };
  const remove = () =>
    db.write(`MATCH (n) WHERE n.id STARTS WITH 'us-dod-1260h:' OR n.id IN $ids DETACH DELETE n`, {
      ids: selection.ids,
    });

  afterAll(remove);

  it('gives the same nodes and relationships as the transactional importer', async () => {
    await remove();
    await transactional(DOD_CSV, DOD_MAPPING);
    const expected = await graphContent(db, selection);
    expect(expected.nodes.length).toBeGreaterThan(100);
    const loaded = await bulk('dod', DOD_CSV, DOD_MAPPING, selection);
    expectSameContent(expected, loaded.content);
  }, 900_000);
});

describe('bulk load, other cases', () => {
  it('refuses a data directory that already holds a database, writing nothing', async () => {
    const dataDir = path.join(work, 'taken');
    mkdirSync(path.join(dataDir, 'data', 'databases', 'neo4j'), { recursive: true });
    await expect(
      runBulkImport({
        file: DOD_MAPPING,
        mappingFile: DOD_MAPPING,
        format: 'csv',
        outDir: path.join(work, 'taken-files'),
        dataDir,
      }),
    ).rejects.toThrow(BulkImportError);
    expect(existsSync(path.join(work, 'taken-files'))).toBe(false);
  });

  it('for a remote Neo4j, writes the files and the neo4j-admin command that loads them', async () => {
    const dir = path.join(work, 'remote');
    mkdirSync(dir);
    const graph = await writeGeneratedGraph(dir, 50, 'remote:');
    const summary = await runBulkImport({
      file: graph.csvFile,
      mappingFile: graph.mappingFile,
      format: 'csv',
      outDir: path.join(dir, 'files'),
      dataDir: null,
    });
    const command = shellCommand(summary.importArgs);
    expect(command).toMatch(/^neo4j-admin database import full /);
    expect(command).toContain("--array-delimiter=$'\\x1f'");
    expect(command).toMatch(/ 'neo4j'$/);
    const files = summary.importArgs
      .filter((a) => a.startsWith('--nodes=') || a.startsWith('--relationships='))
      .map((a) => a.slice(a.indexOf('=') + 1));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(command).toContain(file);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(
        /:(ID|START_ID)\((Entity|Source)\)/,
      );
    }
    expect(summary.seconds.import).toBe(0);
  });
});
