/**
 * The server side of the benchmarks, run as a child process of bench/run.ts so the client's work
 * never shares an event loop with the servers. Listens on three free ports:
 * - Threadline (graphql-yoga, exactly as createThreadlineServer builds it; rate limit off);
 * - a bare node:http endpoint that runs the same Cypher with neo4j-driver and answers the same
 *   JSON (bench/lib/queries.ts), so the difference is what the GraphQL layer and our mapping cost;
 * - @neo4j/graphql over the same database (bench/servers/library-schema.ts).
 * Prints one line `BENCH_SERVERS_READY {"threadline":port,...}` when all three listen.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../server/config';
import { createThreadlineServer } from '../../server/create-server';
import { createDatabase } from '../../server/neo4j/database';
import { cypherRequest, type Pair, shapeAnswer, type Variant } from '../lib/queries';
import { LIBRARY_TYPE_DEFS } from './library-schema';

const uri = process.argv[2];
if (!uri) throw new Error('usage: NEO4J_PASSWORD=… serve.ts <bolt uri>');
const password = process.env.NEO4J_PASSWORD ?? '';
const QUERY_TIMEOUT_MS = 15_000;

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const config = loadConfig({});
const db = createDatabase(
  { uri, user: 'neo4j', password, database: 'neo4j' },
  { queryTimeoutMs: QUERY_TIMEOUT_MS },
);
const { server: threadline } = createThreadlineServer(db, {
  introspection: false,
  http: { ...config.http, rateLimitPerSecond: 0 },
});

// The bare endpoint: its own driver, with the settings Threadline's uses.
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
  disableLosslessIntegers: true,
  logging: { level: 'error', logger: () => {} },
});
const bare = createServer(async (request, response) => {
  try {
    const { variant, pair } = JSON.parse(await readBody(request)) as {
      variant: Variant;
      pair: Pair;
    };
    const { cypher, params } = cypherRequest(variant, pair);
    const result = await driver.executeQuery(cypher, params, {
      routing: 'READ',
      database: 'neo4j',
      transactionConfig: { timeout: QUERY_TIMEOUT_MS },
    });
    const body = JSON.stringify(shapeAnswer(variant, result.records[0]?.toObject()));
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
  }
});

const libraryDriver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
  logging: { level: 'error', logger: () => {} },
});
const library = new Neo4jGraphQL({ typeDefs: LIBRARY_TYPE_DEFS, driver: libraryDriver });
const libraryYoga = createYoga({
  schema: await library.getSchema(),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
});
const libraryServer = createServer(libraryYoga);

const ports = {
  threadline: await listen(threadline),
  bare: await listen(bare),
  library: await listen(libraryServer),
  pid: process.pid,
};
process.stdout.write(`BENCH_SERVERS_READY ${JSON.stringify(ports)}\n`);

process.on('SIGTERM', async () => {
  for (const server of [threadline, bare, libraryServer]) server.closeAllConnections();
  await Promise.all([db.close(), driver.close(), libraryDriver.close()]);
  process.exit(0);
});
