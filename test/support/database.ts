/** Connects a test file to the database the global setup started (or NEO4J_URI). */
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../server/neo4j/database';

export function testConnection() {
  return {
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
    database: inject('neo4jDatabase'),
  };
}

export function connectTestDatabase(queryTimeoutMs = 30_000): Database {
  return createDatabase(testConnection(), { queryTimeoutMs });
}

/** The environment that points a child process (server, import CLI) at the test database. */
export function testDatabaseEnv(): Record<string, string> {
  const connection = testConnection();
  return {
    NEO4J_URI: connection.uri,
    NEO4J_USER: connection.user,
    NEO4J_PASSWORD: connection.password,
    NEO4J_DATABASE: connection.database,
  };
}
