/**
 * `npm start`: opens the database (starting the local one when NEO4J_URI is unset), applies
 * schema and seed to an empty database, and serves API and client on http://HOST:PORT.
 */
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { createThreadlineServer } from './create-server';
import { applySchemaAndSeed, isEmpty } from './neo4j/cypher-script';
import { DatabaseUnreachableError, openDatabase } from './neo4j/open-database';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openDatabase(config, log);
  const { db } = opened;
  if (await isEmpty(db)) {
    log('The database is empty: applying schema and the seed story...');
    await applySchemaAndSeed(db);
  }
  const { server } = createThreadlineServer(db, config);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // With PORT=0 the system picks the port; report the real one.
  const port = (server.address() as AddressInfo | null)?.port ?? config.port;
  log(
    `Threadline is ready on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ (GraphQL at /graphql)`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests, then closing the database...`);
    // close() stops accepting connections and calls back once every open one has ended.
    server.close(async () => {
      clearInterval(reaper);
      clearTimeout(deadline);
      await opened.close();
      log('Stopped.');
      process.exit(0);
    });
    // Keep-alive connections idle now or once their request is answered would hold close()
    // open until they time out; end them as soon as they are idle.
    server.closeIdleConnections();
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    // A request that never finishes must not keep the process up for ever.
    const deadline = setTimeout(() => {
      log(`Requests still open after ${config.shutdownGraceMs} ms; closing them.`);
      server.closeAllConnections();
    }, config.shutdownGraceMs);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnreachableError || error instanceof ConfigError) {
    log(error.message);
  } else {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
