/** A Threadline server on a real port, for tests that need HTTP rather than yoga.fetch. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createThreadlineServer, type ThreadlineServerOptions } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';

export interface RunningServer {
  url: string;
  port: number;
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
    port,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // keep-alive sockets would hold close() open
        server.close(() => resolve());
      }),
  };
}

/** Servers a test file starts with different options, all closed by `closeAll` in its afterAll. */
export function serverPool() {
  const running: RunningServer[] = [];
  return {
    async start(db: Database, options: Partial<ThreadlineServerOptions> = {}) {
      const started = await listen(db, options);
      running.push(started);
      return started;
    },
    async closeAll() {
      await Promise.all(running.splice(0).map((r) => r.close()));
    },
  };
}
