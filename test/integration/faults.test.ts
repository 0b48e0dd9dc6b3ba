/**
 * Neo4j goes away while the server runs, and comes back. This file starts its OWN local Neo4j
 * (the shared test database is never stopped), stops it under a running server, and restarts it
 * on the same port and data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreadlineServer } from '../../server/create-server';
import { applySchemaAndSeed } from '../../server/neo4j/cypher-script';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { type LocalNeo4j, startLocalNeo4j } from '../../server/neo4j/local-neo4j';

const QUERY = '{ entity(id: "company:xiaomi") { name links { type } } }';

let dataDir: string;
let neo4j: LocalNeo4j | null = null;
let db: Database;
let server: Server;
let url: string;

function start(port: number) {
  return startLocalNeo4j({ dataDir, port, heap: '512m', pageCache: '64m', log: () => {} });
}

async function ask(): Promise<{ ms: number; status: number; body: Record<string, unknown> }> {
  const started = Date.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { ms: Date.now() - started, status: response.status, body };
}

async function health(): Promise<{ ms: number; status: number; body: { status: string } }> {
  const started = Date.now();
  const response = await fetch(`${url}/health`);
  return {
    ms: Date.now() - started,
    status: response.status,
    body: (await response.json()) as { status: string },
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-faults-'));
  neo4j = await start(0);
  db = createDatabase(
    { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: 'neo4j' },
    { queryTimeoutMs: 10_000 },
  );
  await applySchemaAndSeed(db);
  server = createThreadlineServer(db, { introspection: true }).server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('Neo4j stops and starts again under a running server', () => {
  it('fails fast with SERVICE_UNAVAILABLE and 503 at /health, then recovers by itself', async () => {
    const healthy = await ask();
    expect(healthy.body).toMatchObject({ data: { entity: { name: 'Xiaomi' } } });
    const port = neo4j?.port ?? 0;

    await neo4j?.stop();
    neo4j = null;

    // Ten requests at once while the database is down: every one answers quickly, with the code.
    const down = await Promise.all(Array.from({ length: 10 }, () => ask()));
    for (const answer of down) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } }),
      ]);
      expect(answer.ms).toBeLessThan(6_000);
    }
    const downHealth = await health();
    expect(downHealth.status).toBe(503);
    expect(downHealth.body.status).toBe('degraded');
    expect(downHealth.ms).toBeLessThan(6_000);
    console.log(
      `database down: slowest request ${Math.max(...down.map((a) => a.ms))} ms, /health ${downHealth.ms} ms`,
    );

    // Same port, same data: the server was not restarted and must find the database again.
    neo4j = await start(port);
    const readyAt = Date.now();
    let recovered: Awaited<ReturnType<typeof ask>> | null = null;
    for (let attempt = 0; attempt < 60 && !recovered; attempt++) {
      const answer = await ask();
      if (!answer.body.errors) recovered = answer;
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered?.body).toMatchObject({ data: { entity: { name: 'Xiaomi' } } });
    expect((await health()).status).toBe(200);
    console.log(`answering again ${Date.now() - readyAt} ms after Neo4j reported ready`);
  }, 240_000);
});
