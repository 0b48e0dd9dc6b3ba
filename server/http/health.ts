/**
 * GET /health: 200 when Neo4j answers, 503 otherwise. The body says which, but not where the
 * database is or why it failed: this endpoint is public, and the server log has the details.
 */
import type { Database } from '../neo4j/database';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { reachable: boolean };
}

export async function checkHealth(db: Database): Promise<HealthReport> {
  try {
    await db.read('RETURN 1 AS ok');
    return { status: 'ok', database: { reachable: true } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`/health: Neo4j at ${db.uri} did not answer: ${reason}\n`);
    return { status: 'degraded', database: { reachable: false } };
  }
}
