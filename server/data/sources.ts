/** Reading Source nodes. */

import type { SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';
import { toSource } from './projections';

export async function sourcesByIds(db: Database, ids: readonly string[]): Promise<SourceRecord[]> {
  const rows = await db.read<{ s: Record<string, unknown> }>(
    'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s { .* } AS s',
    { ids },
  );
  return rows.map((row) => toSource(row.s));
}

export async function allSources(db: Database, limit: number): Promise<SourceRecord[]> {
  const rows = await db.read<{ s: Record<string, unknown> }>(
    'MATCH (s:Source) WITH s ORDER BY s.id LIMIT toInteger($limit) RETURN s { .* } AS s',
    { limit },
  );
  return rows.map((row) => toSource(row.s));
}
