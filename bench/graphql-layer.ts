/**
 * `NEO4J_PASSWORD=… npx tsx bench/graphql-layer.ts <bolt uri> <from id> <to id> [variant name]`: the GraphQL
 * layer's own cost with Neo4j taken out. Each query's row is recorded once from a real database;
 * then Threadline's yoga (in process, `yoga.fetch`) answers from a Database that replays that row,
 * and is timed against the bare endpoint's mapping of the same row. A diagnostic for where the
 * section-1 overhead goes (run it under `node --cpu-prof` for a profile; ROUNDS=n sets the requests
 * timed per query, 1000 by default); not part of `npm run bench`.
 */
import neo4j from 'neo4j-driver';
import { loadConfig } from '../server/config';
import { createThreadlineServer } from '../server/create-server';
import type { Database } from '../server/neo4j/database';
import { cypherRequest, graphqlRequest, overheadVariants, shapeAnswer } from './lib/queries';

const [uri, from, to, only] = process.argv.slice(2);
if (!uri || !from || !to)
  throw new Error('usage: graphql-layer.ts <bolt uri> <from id> <to id> [variant]');
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? ''), {
  disableLosslessIntegers: true,
});
const ROUNDS = Number(process.env.ROUNDS ?? 1000);
try {
  for (const variant of overheadVariants().filter((v) => (only ? v.name === only : !v.asOf))) {
    const pair = { from, to };
    const { cypher, params } = cypherRequest(variant, pair);
    const result = await driver.executeQuery(cypher, params, { routing: 'READ' });
    const row = result.records[0]?.toObject() ?? {};
    const replay = {
      read: async () => [structuredClone(row)],
      write: async () => [],
      verify: async () => {},
      onQuery: () => () => {},
      close: async () => {},
      uri: 'replay://',
    } as unknown as Database;
    const { yoga } = createThreadlineServer(replay, {
      introspection: false,
      http: { ...loadConfig({}).http, rateLimitPerSecond: 0 },
    });
    const body = JSON.stringify(graphqlRequest(variant, pair));
    const ask = async () =>
      (
        await yoga.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).text();
    for (let i = 0; i < 200; i++) await ask();
    let started = performance.now();
    for (let i = 0; i < ROUNDS; i++) await ask();
    const graphql = (performance.now() - started) / ROUNDS;
    started = performance.now();
    for (let i = 0; i < ROUNDS; i++) JSON.stringify(shapeAnswer(variant, structuredClone(row)));
    const bare = (performance.now() - started) / ROUNDS;
    process.stdout.write(
      `${variant.name.padEnd(36)} GraphQL ${graphql.toFixed(3)} ms/request, bare mapping ${bare.toFixed(3)} ms, answer ${(await ask()).length} bytes\n`,
    );
  }
} finally {
  await driver.close();
}
