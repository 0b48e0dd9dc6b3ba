/**
 * `NODE_ENV=production npx tsx bench/plugin-cost.ts`: what each of Threadline's yoga plugins
 * adds to a request, with no database and no HTTP (`yoga.fetch` of `{ __typename }`). One yoga
 * per plugin, plus one with none, measured in rotation (300 requests each per round, 10
 * rounds, median). A diagnostic for the GraphQL-overhead section of docs/benchmarks.md; not part of
 * `npm run bench`.
 */
import { createYoga, type Plugin } from 'graphql-yoga';
import { loadConfig } from '../server/config';
import { createThreadlineSchema } from '../server/create-server';
import { useAccessControl } from '../server/http/auth';
import { useQueryCost } from '../server/http/query-cost';
import {
  useArmor,
  useBodyLimit,
  useIntrospection,
  useSecurityHeaders,
} from '../server/http/security';
import { median } from './lib/stats';

const ROUNDS = 10;
const REQUESTS = 300;
const body = JSON.stringify({ query: '{ __typename }' });
const schema = createThreadlineSchema();
const config = loadConfig({});

const variants: Record<string, () => Plugin[]> = {
  'no plugins': () => [],
  // The requests measured are JSON; GraphiQL's policy is never asked for.
  'security headers': () => [useSecurityHeaders(() => "default-src 'none'")],
  'body limit': () => [useBodyLimit(config.http.maxBodyBytes)],
  armor: () => [useArmor()],
  introspection: () => [useIntrospection(false)],
  'access control': () => [useAccessControl(config.access) as Plugin],
  'query cost': () => [useQueryCost()],
};

const servers = Object.entries(variants).map(([name, plugins]) => ({
  name,
  yoga: createYoga({
    schema,
    context: () => ({}),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    batching: false,
    plugins: plugins(),
  }),
}));

async function ask(yoga: (typeof servers)[number]['yoga']): Promise<string> {
  const response = await yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  });
  return response.text();
}

const samples = new Map<string, number[]>(servers.map((s) => [s.name, []]));
for (const server of servers) for (let i = 0; i < REQUESTS; i++) await ask(server.yoga);
for (let round = 0; round < ROUNDS; round++) {
  for (const server of servers) {
    const started = performance.now();
    for (let i = 0; i < REQUESTS; i++) await ask(server.yoga);
    samples.get(server.name)?.push((performance.now() - started) / REQUESTS);
  }
}
for (const [name, values] of samples) {
  process.stdout.write(`${name.padEnd(18)} ${median(values).toFixed(3)} ms/request\n`);
}
