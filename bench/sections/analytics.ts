/**
 * Analytics at scale: the generated graph is bulk-loaded into a new store (which also times the
 * bulk load), Neo4j starts with Graph Data Science, and each analytics query of the API
 * (server/data/analytics.ts, the same single statement GraphQL runs) is timed over the whole
 * graph. Heap: the JVM's used heap is sampled every 100 ms through JMX on a second connection
 * while a query runs; the peak minus the used heap just before is reported. It includes garbage
 * not yet collected, so it is an upper bound of what the query needed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CentralityMeasure,
  centrality,
  type Grouping,
  grouping,
  projectionCypher,
  projectionParams,
} from '../../server/data/analytics';
import { runBulkImport } from '../../server/import/bulk/run-bulk-import';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { startLocalNeo4j } from '../../server/neo4j/local-neo4j';
import { generateGraph } from '../data/generate-graph';
import { round } from '../lib/stats';

/** What a run answered, kept in the result file: betweenness's sampling. */
interface TaskAnswer {
  starts?: number | null;
  sampled?: boolean;
}

const TASKS: { name: string; run: (db: Database) => Promise<TaskAnswer> }[] = [
  ...(['PAGE_RANK', 'BETWEENNESS', 'DEGREE'] as CentralityMeasure[]).map((measure) => ({
    name: measure,
    run: async (db: Database) => {
      const { starts, sampled } = await centrality(db, measure, {}, 20);
      return { starts, sampled };
    },
  })),
  ...(['COMMUNITIES', 'COMPONENTS'] as Grouping[]).map((kind) => ({
    name: kind,
    run: async (db: Database) => {
      await grouping(db, kind, {}, 20, 20);
      return {};
    },
  })),
];

/**
 * Betweenness's sampled answer beside a larger sample (another seed) on the same projection: how
 * many of the reference's first 10 and 20 the answer's first 10 and 20 hold. Exact betweenness
 * of 100k entities is out of reach here (one search per entity), so a larger sample stands in.
 */
async function betweennessAgreement(db: Database, referenceStarts: number) {
  const answer = await centrality(db, 'BETWEENNESS', {}, 20);
  const started = performance.now();
  const rows = await db.read<{ id: string }>(
    `${projectionCypher({})}
     CALL (g) {
       CALL gds.betweenness.stream(g.graphName,
         {samplingSize: toInteger($starts), samplingSeed: 7, concurrency: 1}) YIELD nodeId, score
       WITH gds.util.asNode(nodeId).id AS id, score ORDER BY score DESC, id LIMIT 20
       RETURN collect(id) AS ids
     }
     CALL gds.graph.drop(g.graphName, false) YIELD graphName
     UNWIND ids AS id RETURN id`,
    { ...projectionParams({}, `bench-reference-${referenceStarts}`), starts: referenceStarts },
  );
  const reference = rows.map((r) => r.id);
  const ids = answer.scores.map((s) => s.entity.id);
  const overlap = (n: number) =>
    ids.slice(0, n).filter((id) => reference.slice(0, n).includes(id)).length;
  return {
    answerStarts: answer.starts,
    referenceStarts,
    referenceSeconds: round((performance.now() - started) / 1000, 1),
    top10Overlap: overlap(10),
    top20Overlap: overlap(20),
    answerTop20: ids,
    referenceTop20: reference,
  };
}

/** GDS's own estimate of betweenness's memory on the whole graph, as the API runs it (one thread). */
async function betweennessEstimate(db: Database) {
  const [row] = await db.read<{ requiredMemory: string; bytesMax: number }>(
    `${projectionCypher({})}
     CALL gds.betweenness.stream.estimate(g.graphName, {concurrency: 1})
       YIELD requiredMemory, bytesMax
     CALL gds.graph.drop(g.graphName, false) YIELD graphName
     RETURN requiredMemory, bytesMax`,
    projectionParams({}, 'bench-estimate'),
  );
  return row ?? null;
}

async function usedHeap(db: Database): Promise<number> {
  const [row] = await db.read<{ used: number }>(
    "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties.used AS used",
  );
  return row?.used ?? 0;
}

/** Runs `task` while sampling the heap; returns seconds and the peak heap growth in MiB. */
async function measured(sampler: Database, task: () => Promise<TaskAnswer>) {
  const before = await usedHeap(sampler);
  let peak = before;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await usedHeap(sampler));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  let answer: TaskAnswer;
  try {
    answer = await task();
  } finally {
    running = false;
    await sampling;
  }
  return {
    seconds: round((performance.now() - started) / 1000, 2),
    heapGrowthMiB: round((peak - before) / 2 ** 20, 0),
    ...answer,
  };
}

export async function measureAnalytics(options: {
  sizes: number[];
  repeats: number;
  heap: string;
  /**
   * Starts of the larger betweenness sample the answer is compared with, on graphs up to
   * 100k entities (0: no comparison). At 1M it would take hours.
   */
  referenceStarts: number;
  log: (line: string) => void;
}): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const entities of options.sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-analytics-'));
    try {
      const graph = await generateGraph({ dir, entities });
      options.log(`  ${entities} entities: bulk-loading ${graph.rows} rows ...`);
      const dataDir = path.join(dir, 'store');
      const bulk = await runBulkImport({
        file: graph.csvFile,
        mappingFile: graph.mappingFile,
        format: 'csv',
        outDir: path.join(dir, 'files'),
        dataDir,
        heap: options.heap,
      });
      const local = await startLocalNeo4j({
        dataDir,
        port: 0,
        heap: options.heap,
        pageCache: '1g',
        log: options.log,
      });
      const connection = {
        uri: local.uri,
        user: local.user,
        password: local.password,
        database: 'neo4j',
      };
      const db = createDatabase(connection, { queryTimeoutMs: 3_600_000 });
      const sampler = createDatabase(connection, { queryTimeoutMs: 60_000 });
      try {
        const tasks: Record<string, unknown> = {};
        for (const task of TASKS) {
          // The first run pays for class loading and JIT; it is reported apart.
          const first = await measured(sampler, () => task.run(db));
          const runs = [];
          for (let i = 0; i < options.repeats; i++) {
            runs.push(await measured(sampler, () => task.run(db)));
          }
          tasks[task.name] = { first, runs };
          options.log(
            `    ${task.name}: first ${first.seconds} s, then ${runs.map((r) => r.seconds).join(', ')} s`,
          );
        }
        const estimate = await betweennessEstimate(db);
        options.log(`    betweenness memory, GDS's estimate: ${estimate?.requiredMemory}`);
        const agreement =
          options.referenceStarts > 0 && entities <= 100_000
            ? await betweennessAgreement(db, options.referenceStarts)
            : null;
        if (agreement) {
          options.log(
            `    betweenness, ${agreement.answerStarts} starts against ${agreement.referenceStarts}: ${agreement.top10Overlap} of the first 10, ${agreement.top20Overlap} of the first 20`,
          );
        }
        results.push({
          entities,
          rows: graph.rows,
          neo4jHeap: options.heap,
          bulkLoad: { seconds: bulk.seconds, entities: bulk.entities, links: bulk.links },
          tasks,
          betweennessEstimate: estimate,
          betweennessAgreement: agreement,
        });
      } finally {
        await db.close();
        await sampler.close();
        await local.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
