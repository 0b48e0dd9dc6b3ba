/** Reads of identities: the records SAME judgements joined (see server/data/judgements.ts). */
import type { Database } from '../neo4j/database';
import { type JudgementRecord, judgementsTouching } from './judgements';

export interface IdentityRecord {
  id: string;
  recordIds: string[];
  judgements: JudgementRecord[];
}

/**
 * The identity with this id, or the one the record with this id belongs to; null if none.
 * With `recordOnly`, only the record's identity (an entity field must not match an identity id).
 */
export async function identityOf(
  db: Database,
  id: string,
  recordOnly = false,
): Promise<IdentityRecord | null> {
  const rows = await db.read<{ id: string; recordIds: string[] }>(
    `OPTIONAL MATCH (byId:Identity {id: $id}) WHERE NOT $recordOnly
     OPTIONAL MATCH (:Entity {id: $id})-[:RECORD_OF]->(byRecord:Identity)
     WITH coalesce(byId, byRecord) AS identity WHERE identity IS NOT NULL
     MATCH (record:Entity)-[:RECORD_OF]->(identity)
     WITH identity, record ORDER BY record.id
     RETURN identity.id AS id, collect(record.id) AS recordIds`,
    { id, recordOnly },
  );
  const row = rows[0];
  if (!row) return null;
  const members = new Set(row.recordIds);
  const judgements = (await judgementsTouching(db, row.recordIds)).filter(
    (j) => j.decision === 'same' && members.has(j.aId) && members.has(j.bId),
  );
  return { id: row.id, recordIds: row.recordIds, judgements };
}
