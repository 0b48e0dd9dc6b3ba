import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { freePort, PASSWORD_FILE, startLocalNeo4j } from '../../server/neo4j/local-neo4j';
import { connectTestDatabase, testConnection } from '../support/database';
import { listen, type RunningServer } from '../support/server';

let db: Database;
let running: RunningServer;

beforeAll(async () => {
  db = connectTestDatabase();
  running = await listen(db);
});

afterAll(async () => {
  await running.close();
  await db.close();
});

describe('the real database', () => {
  it('answers a Cypher round trip with plain numbers', async () => {
    const rows = await db.read<{ answer: number; edition: string }>(
      'CALL dbms.components() YIELD edition, versions RETURN 40 + 2 AS answer, edition',
    );
    expect(rows).toEqual([{ answer: 42, edition: 'community' }]);
  });
});

describe('a neo4j:// (routing) URI, as for a cluster or Aura', () => {
  it('routes reads and writes through the routing table', async () => {
    const connection = testConnection();
    const routed = createDatabase(
      { ...connection, uri: connection.uri.replace(/^bolt:/, 'neo4j:') },
      { queryTimeoutMs: 10_000 },
    );
    try {
      expect(routed.uri).toMatch(/^neo4j:\/\//);
      expect(
        await routed.read("MATCH (e:Entity {id: 'person:lei-jun'}) RETURN e.name AS name"),
      ).toEqual([{ name: 'Lei Jun' }]);
      expect(await routed.write('RETURN 1 AS written')).toEqual([{ written: 1 }]);
    } finally {
      await routed.close();
    }
  });
});

describe('the HTTP server', () => {
  it('answers { __typename } at /graphql', async () => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('reports a reachable database at /health', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
  });

  it('reports an unreachable database at /health with 503', async () => {
    const port = await freePort();
    const dead = createDatabase(
      { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: '', database: 'neo4j' },
      { queryTimeoutMs: 2000 },
    );
    const deadServer = await listen(dead);
    try {
      const response = await fetch(`${deadServer.url}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'degraded',
        database: { reachable: false },
      });
    } finally {
      await deadServer.close();
      await dead.close();
    }
  });

  it('serves GraphiQL with the ready example at /graphql', async () => {
    const response = await fetch(`${running.url}/graphql`, { headers: { accept: 'text/html' } });
    const page = await response.text();
    expect(page).toContain('GraphiQL');
    expect(page).toContain('person:lei-jun');
  });
});

describe('npm start against a database that is not there', () => {
  it('exits 1 with one clear line naming the URI and how to start a database', async () => {
    const port = await freePort();
    const child = spawn('npx', ['tsx', 'server/main.ts'], {
      env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${port}`, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Cannot reach Neo4j at bolt://127.0.0.1:${port}`);
    expect(lines[0]).toContain('docker compose up -d neo4j');
  });
});

describe('the local launcher', () => {
  it('stops cleanly on SIGTERM, opens the same data directory again, and rotates its password', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-restart-'));
    try {
      const first = await startLocalNeo4j({
        dataDir,
        port: 0,
        heap: '512m',
        pageCache: '64m',
        log: () => {},
      });
      const writer = createDatabase(
        { uri: first.uri, user: first.user, password: first.password, database: 'neo4j' },
        { queryTimeoutMs: 10_000 },
      );
      await writer.write("CREATE (:RestartProbe {id: 'kept'})");
      await writer.close();
      await first.stop();

      const second = await startLocalNeo4j({
        dataDir,
        port: 0,
        heap: '512m',
        pageCache: '64m',
        log: () => {},
      });
      const reader = createDatabase(
        { uri: second.uri, user: second.user, password: second.password, database: 'neo4j' },
        { queryTimeoutMs: 10_000 },
      );
      try {
        expect(second.password).toBe(first.password);
        expect(await reader.read('MATCH (p:RestartProbe) RETURN p.id AS id')).toEqual([
          { id: 'kept' },
        ]);
      } finally {
        await reader.close();
        await second.stop();
      }

      // Rotation as docs/security.md describes it: delete the file, start again.
      unlinkSync(path.join(dataDir, PASSWORD_FILE));
      const third = await startLocalNeo4j({
        dataDir,
        port: 0,
        heap: '512m',
        pageCache: '64m',
        log: () => {},
      });
      const connect = (password: string) =>
        createDatabase(
          { uri: third.uri, user: third.user, password, database: 'neo4j' },
          { queryTimeoutMs: 10_000 },
        );
      const rotated = connect(third.password);
      const stale = connect(first.password);
      try {
        expect(third.password).not.toBe(first.password);
        expect(await rotated.read('MATCH (p:RestartProbe) RETURN p.id AS id')).toEqual([
          { id: 'kept' },
        ]);
        await expect(stale.read('RETURN 1')).rejects.toMatchObject({
          code: 'Neo.ClientError.Security.Unauthorized',
        });
      } finally {
        await rotated.close();
        await stale.close();
        await third.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
