/** GET /health: 200 when Neo4j answers, 503 otherwise, with a JSON body that says which. */
import type { Database } from '../neo4j/database';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { reachable: boolean; uri: string; error?: string };
}

export async function checkHealth(db: Database): Promise<HealthReport> {
  try {
    await db.read('RETURN 1 AS ok');
    return { status: 'ok', database: { reachable: true, uri: db.uri } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'degraded', database: { reachable: false, uri: db.uri, error: message } };
  }
}
