/**
 * Starts a throw-away local Neo4j (own data directory, free port) for the integration tests,
 * unless NEO4J_URI points at a database to use instead. Applies schema and seed once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applySchemaAndSeed } from '../../server/neo4j/cypher-script';
import { createDatabase } from '../../server/neo4j/database';
import { type LocalNeo4j, startLocalNeo4j } from '../../server/neo4j/local-neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    neo4jDatabase: string;
    /** Data directory of the local database, or '' when NEO4J_URI was given. */
    neo4jDataDir: string;
    neo4jPort: number;
  }
}

let local: LocalNeo4j | null = null;
let dataDir = '';

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.NEO4J_URI;
  if (!external) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-test-neo4j-'));
    local = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCache: '256m' });
  }
  const connection = {
    uri: external ?? local?.uri ?? '',
    user: local?.user ?? (process.env.NEO4J_USER || 'neo4j'),
    password: local?.password ?? process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE || 'neo4j',
  };
  const db = createDatabase(connection, { queryTimeoutMs: 60_000 });
  try {
    await db.verify();
    await applySchemaAndSeed(db);
  } finally {
    await db.close();
  }
  project.provide('neo4jUri', connection.uri);
  project.provide('neo4jUser', connection.user);
  project.provide('neo4jPassword', connection.password);
  project.provide('neo4jDatabase', connection.database);
  project.provide('neo4jDataDir', local ? dataDir : '');
  project.provide('neo4jPort', local?.port ?? 0);
}

export async function teardown(): Promise<void> {
  await local?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
