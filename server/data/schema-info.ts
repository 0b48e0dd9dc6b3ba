/**
 * Counts per entity kind and link type. Each count is a single-label or single-type count,
 * which Neo4j answers from its count store without scanning.
 */

import { ENTITY_KINDS, type EntityKind, LINK_TYPES, type LinkType } from '../model/vocabulary';
import type { Database } from '../neo4j/database';

export interface SchemaInfoRecord {
  kinds: { kind: EntityKind; count: number }[];
  linkTypes: { type: LinkType; count: number }[];
  sources: number;
}

const SCHEMA_INFO_CYPHER = `CALL () {
  ${ENTITY_KINDS.map((k) => `MATCH (n:${k}) RETURN '${k}' AS name, 'kind' AS what, count(n) AS count`).join('\n  UNION ALL\n  ')}
  UNION ALL
  ${LINK_TYPES.map((t) => `MATCH ()-[r:${t}]->() RETURN '${t}' AS name, 'type' AS what, count(r) AS count`).join('\n  UNION ALL\n  ')}
  UNION ALL
  MATCH (s:Source) RETURN 'Source' AS name, 'source' AS what, count(s) AS count
}
RETURN name, what, count`;

export async function schemaInfo(db: Database): Promise<SchemaInfoRecord> {
  const rows = await db.read<{ name: string; what: string; count: number }>(SCHEMA_INFO_CYPHER);
  // A label or type the database has never seen yields no row rather than 0.
  const count = (what: string, name: string) =>
    rows.find((r) => r.what === what && r.name === name)?.count ?? 0;
  return {
    kinds: ENTITY_KINDS.map((kind) => ({ kind, count: count('kind', kind) })),
    linkTypes: LINK_TYPES.map((type) => ({ type, count: count('type', type) })),
    sources: count('source', 'Source'),
  };
}
