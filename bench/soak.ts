/**
 * `npm run soak -- [--seconds 60] [--clients 50] [--write-every-ms 500]`
 *
 * A soak test, not part of `npm test`: starts a throw-away local Neo4j (seed story only) and the
 * real server process (`node --import tsx server/main.ts`, loopback only), then runs `clients`
 * concurrent readers with a mix of the API's queries for `seconds`, plus one curator writing an
 * entity or a link every `write-every-ms`. Reports errors, latency percentiles, throughput and
 * the server's RSS before and after. docs/reliability.md records a run.
 *
 * The per-IP rate limit is turned off for the run: all clients share 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_QUERY } from '../server/graphql/example-query';
import { freePort } from '../server/neo4j/local-neo4j';
import { startBenchDatabase } from './lib/bench-database';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SECONDS = option('seconds', 60);
const CLIENTS = option('clients', 50);
const WRITE_EVERY_MS = option('write-every-ms', 500);

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

/** The reads people make, with the weights they roughly come in. */
const READS: {
  name: string;
  weight: number;
  query: string;
  variables?: Record<string, unknown>;
}[] = [
  {
    name: 'search',
    weight: 4,
    query: 'query($t: String!) { search(text: $t, first: 10) { score entity { id name kind } } }',
    variables: { t: 'xiao' },
  },
  {
    name: 'entity+links',
    weight: 4,
    query: `query($id: ID!) { entity(id: $id) { id name aliases citations { excerpt source { title } }
      links(first: 50) { id type status from { id name } to { id name } citations { excerpt } } } }`,
    variables: { id: 'company:xiaomi' },
  },
  {
    name: 'neighborhood',
    weight: 3,
    query: `query { neighborhood(id: "company:xiaomi", depth: 2, limit: 25) {
      entities { id name kind } links { id type from { id } to { id } } truncated { omitted } } }`,
  },
  { name: 'paths', weight: 3, query: EXAMPLE_QUERY },
  {
    name: 'timeline',
    weight: 1,
    query: 'query { timeline(id: "company:xiaomi") { date moment link { id type } } }',
  },
  { name: 'schemaInfo', weight: 1, query: '{ schemaInfo { kinds { kind count } sources } }' },
];
const WEIGHTED = READS.flatMap((r) => Array.from({ length: r.weight }, () => r));

interface Sample {
  name: string;
  ms: number;
  ok: boolean;
  problem?: string;
}

async function call(
  url: string,
  name: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Sample> {
  const started = performance.now();
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    const ms = performance.now() - started;
    if (response.status !== 200 || body.errors) {
      return { name, ms, ok: false, problem: `${response.status} ${JSON.stringify(body.errors)}` };
    }
    return { name, ms, ok: true };
  } catch (error) {
    // fetch hides the reason (ECONNRESET, a timeout...) in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : '';
    return { name, ms: performance.now() - started, ok: false, problem: `${error}${reason}` };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

async function startServer(
  database: { uri: string; password: string },
  port: number,
  token: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEO4J_URI: database.uri,
      NEO4J_PASSWORD: database.password,
      PORT: String(port),
      HOST: '127.0.0.1',
      THREADLINE_WRITE_TOKENS: `soak-curator:${token}`,
      THREADLINE_RATE_LIMIT_PER_SECOND: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('is ready on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  return child;
}

async function main() {
  log(`soak: ${CLIENTS} clients, ${SECONDS} s, one write every ${WRITE_EVERY_MS} ms`);
  const database = await startBenchDatabase({ heap: '1g', pageCache: '256m', log });
  const token = randomBytes(24).toString('hex');
  const port = await freePort();
  const server = await startServer(database, port, token);
  const url = `http://127.0.0.1:${port}/graphql`;
  const pid = server.pid ?? 0;
  try {
    // Warm-up: plan caches and JIT, so "before" is the steady state, not a cold process.
    for (const read of READS)
      for (let i = 0; i < 20; i++) await call(url, read.name, read.query, read.variables);
    const rssBefore = rssMiB(pid);
    log(`RSS after warm-up: ${rssBefore} MiB`);

    const samples: Sample[] = [];
    const writes: Sample[] = [];
    let rssPeak = rssBefore;
    const deadline = Date.now() + SECONDS * 1000;
    let n = 0;
    const reader = async (seed: number) => {
      let i = seed;
      while (Date.now() < deadline) {
        const read = WEIGHTED[i++ % WEIGHTED.length];
        if (read) samples.push(await call(url, read.name, read.query, read.variables));
      }
    };
    const writer = async () => {
      const citations = [
        {
          sourceId: 'source:article-xiaomi-dod-blacklist',
          excerpt: 'Xiaomi',
          locator: 'paragraph 1',
        },
      ];
      while (Date.now() < deadline) {
        n++;
        const entity = await call(
          url,
          'upsertEntity',
          'mutation($i: EntityInput!) { upsertEntity(input: $i) { id updatedAt } }',
          { i: { id: `topic:soak-${n}`, kind: 'TOPIC', name: `Soak topic ${n}`, citations } },
          token,
        );
        writes.push(entity);
        const link = await call(
          url,
          'upsertLink',
          'mutation($i: LinkInput!) { upsertLink(input: $i) { id } }',
          {
            i: {
              id: `link:soak-${n}`,
              type: 'INVESTS_IN',
              fromId: 'company:xiaomi',
              toId: `topic:soak-${n}`,
              citations,
            },
          },
          token,
        );
        writes.push(link);
        await new Promise((resolve) => setTimeout(resolve, WRITE_EVERY_MS));
      }
    };
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMiB(pid));
    }, 1000);
    await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => reader(i)), writer()]);
    clearInterval(sampler);
    const rssAfter = rssMiB(pid);

    const all = [...samples, ...writes];
    const failed = all.filter((s) => !s.ok);
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const wms = writes.map((s) => s.ms).sort((a, b) => a - b);
    const byName = Object.fromEntries(
      READS.map((r) => {
        const own = samples
          .filter((s) => s.name === r.name)
          .map((s) => s.ms)
          .sort((a, b) => a - b);
        return [
          r.name,
          { count: own.length, p50: round(percentile(own, 50)), p99: round(percentile(own, 99)) },
        ];
      }),
    );
    const report = {
      seconds: SECONDS,
      clients: CLIENTS,
      reads: samples.length,
      writes: writes.length,
      errors: failed.length,
      firstErrors: failed.slice(0, 5).map((f) => `${f.name}: ${f.problem}`),
      readsPerSecond: round(samples.length / SECONDS),
      readMs: {
        p50: round(percentile(ms, 50)),
        p95: round(percentile(ms, 95)),
        p99: round(percentile(ms, 99)),
        max: round(ms.at(-1) ?? Number.NaN),
      },
      writeMs: {
        p50: round(percentile(wms, 50)),
        p99: round(percentile(wms, 99)),
        max: round(wms.at(-1) ?? Number.NaN),
      },
      byRead: byName,
      rssMiB: { afterWarmUp: rssBefore, peak: Math.max(rssPeak, rssAfter), after: rssAfter },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await database.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
