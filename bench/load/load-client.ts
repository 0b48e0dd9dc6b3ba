/**
 * The load generator for the throughput section, run as its own process so it does not share
 * CPU time slices with the server's event loop: autocannon against one URL, cycling through a
 * list of POST bodies. Reads `{url, bodies, connections, seconds}` from the JSON file named by argv[2] and prints
 * one JSON line with requests/s and latency percentiles.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface LoadPlan {
  url: string;
  bodies: string[];
  connections: number;
  seconds: number;
}

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadPlan;
let next = 0;
const result = await autocannon({
  url: plan.url,
  method: 'POST',
  connections: plan.connections,
  duration: plan.seconds,
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (request: Record<string, unknown>) => {
        const body = plan.bodies[next++ % plan.bodies.length];
        return { ...request, body };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  })}\n`,
);
