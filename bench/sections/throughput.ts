/**
 * Section 3: throughput of Threadline's GraphQL endpoint under a mix of search, neighbourhood and
 * paths requests, with autocannon in a second process, at 1 and 32 connections. Also the server
 * process's resident memory before and after.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlRequest, type Pair, SEARCH_DOCUMENT } from '../lib/queries';
import type { ServerProcess } from '../lib/server-process';

export interface ThroughputResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  rssMiB: { before: number; after: number };
}

const CLIENT = fileURLToPath(new URL('../load/load-client.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** One third each: search for a name word, a depth-1 neighbourhood, all shortest paths (4 hops). */
export function mixedBodies(pairs: readonly Pair[], words: readonly string[]): string[] {
  const bodies: string[] = [];
  for (const [i, pair] of pairs.entries()) {
    bodies.push(
      JSON.stringify({ query: SEARCH_DOCUMENT, variables: { text: words[i % words.length] } }),
      JSON.stringify(
        graphqlRequest({ kind: 'neighborhood', name: '', depth: 1, asOf: null }, pair),
      ),
      JSON.stringify(
        graphqlRequest(
          { kind: 'paths', name: '', maxHops: 4, mode: 'ALL_SHORTEST', asOf: null },
          pair,
        ),
      ),
    );
  }
  return bodies;
}

function runClient(
  plan: object,
): Promise<Omit<ThroughputResult, 'rssMiB' | 'connections' | 'seconds'>> {
  // The plan (hundreds of request bodies) is too long for a command line: pass it as a file.
  const dir = mkdtempSync(path.join(tmpdir(), 'threadline-load-'));
  const planFile = path.join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLIENT, planFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`load client exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
      resolve({
        requestsPerSecond: r.requestsPerSecond,
        total: r.total,
        non2xx: r.non2xx,
        errors: r.errors,
        latencyMs: r.latency,
      });
    });
  });
}

export async function measureThroughput(options: {
  servers: ServerProcess;
  bodies: string[];
  connections: number[];
  seconds: number;
  log: (line: string) => void;
}): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  for (const connections of options.connections) {
    const before = options.servers.rssMiB();
    const r = await runClient({
      url: options.servers.urls.threadline,
      bodies: options.bodies,
      connections,
      seconds: options.seconds,
    });
    const after = options.servers.rssMiB();
    const result = { connections, seconds: options.seconds, ...r, rssMiB: { before, after } };
    options.log(
      `  ${connections} connection(s), ${options.seconds} s: ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; RSS ${before} → ${after} MiB`,
    );
    results.push(result);
  }
  return results;
}
