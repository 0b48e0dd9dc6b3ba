/** A second, throw-away local Neo4j for tests that need a database of their own. */
import { createDatabase, type Database } from '../../server/neo4j/database';
import { startLocalNeo4j } from '../../server/neo4j/local-neo4j';

export interface ScratchNeo4j {
  db: Database;
  close(): Promise<void>;
}

/** Starts the launcher on `dataDir` (new or an existing store) and connects to it. */
export async function openScratchNeo4j(
  dataDir: string,
  options: { graphDataScience: boolean },
): Promise<ScratchNeo4j> {
  const local = await startLocalNeo4j({
    dataDir,
    port: 0,
    heap: '512m',
    pageCache: '64m',
    graphDataScience: options.graphDataScience,
    log: () => {},
  });
  const db = createDatabase(
    { uri: local.uri, user: local.user, password: local.password, database: 'neo4j' },
    { queryTimeoutMs: 60_000 },
  );
  return {
    db,
    async close() {
      await db.close();
      await local.stop();
    },
  };
}
