/**
 * A throw-away Neo4j for one benchmark size: its own temporary data directory and a free port
 * (never anyone else's database), schema applied, removed again on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { applySchemaAndSeed } from '../../server/neo4j/cypher-script';
import { createDatabase, type Database } from '../../server/neo4j/database';
import { type LocalNeo4j, startLocalNeo4j } from '../../server/neo4j/local-neo4j';

export interface BenchDatabase {
  db: Database;
  local: LocalNeo4j;
  uri: string;
  /** The generated password of the user neo4j (authentication is on). */
  password: string;
  close(): Promise<void>;
}

export async function startBenchDatabase(options: {
  heap: string;
  pageCache: string;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-bench-neo4j-'));
  const local = await startLocalNeo4j({
    dataDir,
    port: 0,
    heap: options.heap,
    pageCache: options.pageCache,
    log: options.log,
  });
  // Imports and PROFILE runs take longer than API reads.
  const db = createDatabase(
    { uri: local.uri, user: local.user, password: local.password, database: 'neo4j' },
    { queryTimeoutMs: 600_000 },
  );
  await db.verify();
  await applySchemaAndSeed(db);
  return {
    db,
    local,
    uri: local.uri,
    password: local.password,
    async close() {
      await db.close();
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A plain driver on the bench database, for the sections that time statements without the API. */
export function benchDriver(uri: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    disableLosslessIntegers: true,
    logging: { level: 'error', logger: () => {} },
  });
}
