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

/** Environment for a child process (a CLI, the server) that must use the test database. */
export function testDatabaseEnv(): NodeJS.ProcessEnv {
  const connection = testConnection();
  return {
    ...process.env,
    NEO4J_URI: connection.uri,
    NEO4J_USER: connection.user,
    NEO4J_PASSWORD: connection.password,
    NEO4J_DATABASE: connection.database,
  };
}
