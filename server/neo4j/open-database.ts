/**
 * Connects to the configured Neo4j, or starts the local embedded one when NEO4J_URI is unset,
 * and checks that it answers before anything else runs.
 */
import type { Config } from '../config';
import { createDatabase, type Database } from './database';
import { type LocalNeo4j, startLocalNeo4j } from './local-neo4j';

export interface OpenDatabase {
  db: Database;
  /** The embedded database we started, if any. */
  local: LocalNeo4j | null;
  /** Closes the driver, then stops the local database. */
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {}

function howToStart(config: Config): string {
  return config.neo4j
    ? 'Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to run the bundled local Neo4j (needs JDK 17+ and Maven), or start one with "docker compose up -d neo4j".'
    : 'The bundled local Neo4j did not answer; see the lines above.';
}

export async function openDatabase(
  config: Config,
  log?: (line: string) => void,
): Promise<OpenDatabase> {
  const local = config.neo4j
    ? null
    : await startLocalNeo4j({ ...config.local, ...(log ? { log } : {}) });
  const connection = config.neo4j ?? {
    uri: local?.uri ?? '',
    user: local?.user ?? '',
    password: local?.password ?? '',
    database: config.database,
  };
  const db = createDatabase(connection, { queryTimeoutMs: config.queryTimeoutMs });
  const close = async () => {
    await db.close();
    await local?.stop();
  };
  try {
    await db.verify();
  } catch (error) {
    await close();
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DatabaseUnreachableError(
      `Cannot reach Neo4j at ${connection.uri}: ${reason} ${howToStart(config)}`,
    );
  }
  return { db, local, close };
}
