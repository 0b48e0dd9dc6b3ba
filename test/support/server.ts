/** A Threadline server on a real port, for tests that need HTTP rather than yoga.fetch. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createThreadlineServer, type ThreadlineServerOptions } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** `options` add to the test defaults, e.g. `access` for a server with write tokens. */
export async function listen(
  db: Database,
  options: Partial<ThreadlineServerOptions> = {},
): Promise<RunningServer> {
  const { server } = createThreadlineServer(db, { introspection: true, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
