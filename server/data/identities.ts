/** Reads of identities: the records SAME judgements joined (see server/data/judgements.ts). */
import type { EntityRecord } from '../model/types';
import type { Database } from '../neo4j/database';
import { identityView, recordsOfId } from './identity-view';
import { type JudgementRecord, judgementsTouching, toJudgement } from './judgements';
import { entityProjection, toEntity } from './projections';

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

/**
 * The identities of many records at once, one query (the batch behind `Entity.identity`):
 * by record id, its identity with its records and the SAME judgements among them.
 */
export async function identitiesOfRecords(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, IdentityRecord>> {
  const rows = await db.read<{
    id: string;
    identityId: string;
    recordIds: string[];
    judgements: Record<string, unknown>[];
  }>(
    `UNWIND $ids AS id
     MATCH (:Entity {id: id})-[:RECORD_OF]->(identity:Identity)
     CALL (identity) {
       MATCH (record:Entity)-[:RECORD_OF]->(identity)
       WITH record ORDER BY record.id
       RETURN collect(record.id) AS recordIds
     }
     CALL (recordIds) {
       MATCH (j:Judgement) WHERE j.aId IN recordIds AND j.bId IN recordIds AND j.decision = 'same'
       RETURN collect(j { .* }) AS judgements
     }
     RETURN id, identity.id AS identityId, recordIds, judgements`,
    { ids },
  );
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.identityId, recordIds: row.recordIds, judgements: row.judgements.map(toJudgement) },
    ]),
  );
}

/**
 * The joined view of many ids, one query: a record in no identity as itself; a record of an
 * identity, or an identity's id, as the identity (identity-view.ts). Missing ids are left out.
 */
export async function nodesByIds(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, EntityRecord>> {
  const rows = await db.read<{
    id: string;
    identityId: string | null;
    records: Record<string, unknown>[];
  }>(
    `UNWIND $ids AS id
     ${recordsOfId('id', 'records', 'identity')}
     WITH id, records, identity WHERE size(records) > 0
     RETURN id, identity.id AS identityId, [m IN records | ${entityProjection('m')}] AS records`,
    { ids },
  );
  return new Map(
    rows.map((row) => {
      const records = row.records.map(toEntity);
      const [only] = records;
      const node =
        row.identityId === null && only ? only : identityView(String(row.identityId), records);
      return [row.id, node];
    }),
  );
}
