/**
 * Loads a graph from bench/data/generate-graph.ts (seeded, so every run sees the same graph)
 * through the real importer, under its own id prefix so tests can find and delete it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BENCH_SOURCE_ID,
  type GeneratedGraph,
  generateGraph,
} from '../../bench/data/generate-graph';
import { DEFAULT_BATCH_SIZE, runImport } from '../../server/import/run-import';
import type { Database } from '../../server/neo4j/database';
import type { RefEntity, RefLink } from './reference-paths';

/** Writes the generated CSV and a mapping whose ids start with `prefix` (e.g. "hubs:"). */
export async function writeGeneratedGraph(
  dir: string,
  entities: number,
  prefix: string,
): Promise<GeneratedGraph> {
  const graph = await generateGraph({ dir, entities });
  const mapping = readFileSync(graph.mappingFile, 'utf8').replaceAll('"bench:', `"${prefix}`);
  writeFileSync(graph.mappingFile, mapping);
  return graph;
}

/** Imports a generated graph of about `entities` entities with ids under `prefix`. */
export async function importGeneratedGraph(
  db: Database,
  entities: number,
  prefix: string,
): Promise<GeneratedGraph> {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadline-generated-'));
  try {
    const graph = await writeGeneratedGraph(dir, entities, prefix);
    const summary = await runImport(db, {
      file: graph.csvFile,
      mappingFile: graph.mappingFile,
      format: 'csv',
      dryRun: false,
      matchExisting: false,
      batchSize: DEFAULT_BATCH_SIZE,
    });
    if (summary.failedBatches.length > 0) {
      throw new Error(`Import of the generated graph failed: ${JSON.stringify(summary)}`);
    }
    return graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function deleteGraph(db: Database, prefix: string): Promise<void> {
  await db.write('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix });
  // The source too (the next import writes it again): left behind, it showed in later files'
  // source counts. Test files run one after another, so no other file's graph still cites it.
  await db.write('MATCH (s:Source {id: $id}) DETACH DELETE s', { id: BENCH_SOURCE_ID });
}

/**
 * The links and entities under `prefix`, read plainly, for the reference implementations.
 * SAME_AS (between records of one identity) is no link and stays out.
 */
export async function loadGraph(db: Database, prefix: string) {
  const links = await db.read<RefLink>(
    `MATCH (a:Entity)-[r]->(b:Entity)
     WHERE a.id STARTS WITH $prefix AND b.id STARTS WITH $prefix AND NOT r:SAME_AS
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.status AS status,
            r.validFrom AS validFrom, r.validTo AS validTo`,
    { prefix },
  );
  const entities = await db.read<RefEntity>(
    'MATCH (e:Entity) WHERE e.id STARTS WITH $prefix RETURN e.id AS id, e.kind AS kind',
    { prefix },
  );
  return { links, entities: new Map(entities.map((e) => [e.id, e])) };
}

/**
 * A test's own random graph: `entities` ids `prefix` + number, each of a kind drawn from `kinds`,
 * and `links` links of drawn types and statuses; ends are skewed (low ids become hubs, like big
 * lists and ministries), 70 % of links are dated and some of those ended.
 */
export function randomGraph(options: {
  prefix: string;
  entities: number;
  links: number;
  kinds: readonly string[];
  types: readonly string[];
  statuses: readonly string[];
  random: () => number;
}): { entities: RefEntity[]; links: RefLink[] } {
  const { prefix, random } = options;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const id = (i: number) => `${prefix}${i}`;
  const size = options.entities;
  const entities = Array.from({ length: size }, (_, i) => ({
    id: id(i),
    kind: pick(options.kinds),
  }));
  const links = Array.from({ length: options.links }, (_, i) => {
    const a = Math.floor(size * random() ** 2);
    const b = Math.floor(size * random());
    const year = 2010 + Math.floor(random() * 12);
    const dated = random() < 0.7;
    const ended = dated && random() < 0.3;
    return {
      id: `${prefix}link-${i}`,
      type: pick(options.types),
      from: id(a),
      to: id(a === b ? (b + 1) % size : b),
      status: pick(options.statuses),
      validFrom: dated ? `${year}-01-01` : null,
      validTo: ended ? `${year + 1 + Math.floor(random() * 4)}-12-31` : null,
    };
  });
  return { entities, links };
}

/**
 * Writes a test's own random graph: entities (`kind` a label from the model's kinds) and links
 * (`type` a link type), each link citing a seed source. Kinds and types are the tests' fixed
 * words, so they are written into the statements; the values travel as parameters.
 */
export async function writeRandomGraph(
  db: Database,
  entities: readonly RefEntity[],
  links: readonly RefLink[],
): Promise<void> {
  for (const kind of new Set(entities.map((e) => e.kind))) {
    await db.write(
      `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:${kind}, e.kind = '${kind}', e.name = row.id`,
      { rows: entities.filter((e) => e.kind === kind) },
    );
  }
  for (const type of new Set(links.map((l) => l.type))) {
    await db.write(
      `UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
       MERGE (a)-[r:${type} {id: row.id}]->(b)
       SET r.status = row.status, r.validFrom = row.validFrom, r.validTo = row.validTo,
           r.citationSourceIds = ['source:article-xiaomi-dod-blacklist'], r.citationExcerpts = ['Xiaomi'], r.citationLocators = ['paragraph 1']`,
      { rows: links.filter((l) => l.type === type) },
    );
  }
}

/** randomGraph, written with writeRandomGraph: a test's own random graph in the database. */
export async function createRandomGraph(
  db: Database,
  options: Parameters<typeof randomGraph>[0],
): Promise<void> {
  const { entities, links } = randomGraph(options);
  await writeRandomGraph(db, entities, links);
}
