/**
 * Reads entities as matcher records (server/match/prepare.ts): names, country, founding year,
 * identifiers, the parents they are listed under, their neighbours, and the identity they
 * already belong to. Read transactions only; every value a parameter, every label and type
 * from the allowlist.
 */
import type { MatchRecord } from '../match/prepare';
import { normalizeName } from '../model/normalize-name';
import { type EntityKind, LINK_TYPES, relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';

export interface GraphMatchRecord extends MatchRecord {
  /** The :Identity the record belongs to, when a SAME judgement joined it. */
  identityId: string | null;
}

/** Kinds that may describe the same body (see compatibleKinds in server/match/score.ts). */
export function comparableKinds(kind: EntityKind): EntityKind[] {
  return kind === 'Company' || kind === 'Organization' ? ['Company', 'Organization'] : [kind];
}

// A parent is not evidence that two records are one body (siblings share it), and lists and
// exchanges link to everything on them: neither counts as a shared neighbour.
const PARENT_TYPES = relationshipTypeExpression(['SUBSIDIARY_OF', 'PART_OF']);
const NEIGHBOUR_TYPES = relationshipTypeExpression(
  LINK_TYPES.filter(
    (t) => !['SUBSIDIARY_OF', 'PART_OF', 'LISTED_ON', 'LISTED_ON_EXCHANGE'].includes(t),
  ),
);

/** The RETURN part shared by every record read; `e` is the entity. */
const RECORD_FIELDS = `
  CALL (e) {
    OPTIONAL MATCH (e)-[:${PARENT_TYPES}]->(p:Entity)
    RETURN collect(DISTINCT p.name)[..20] AS parentNames
  }
  CALL (e) {
    OPTIONAL MATCH (e)-[:${NEIGHBOUR_TYPES}]-(n:Entity)
    RETURN collect(DISTINCT n.id)[..50] AS neighbourIds
  }
  OPTIONAL MATCH (e)-[:RECORD_OF]->(identity:Identity)
  RETURN e.id AS id, e.kind AS kind, e.name AS name, coalesce(e.aliases, []) AS aliases,
         coalesce(e.country, e.jurisdiction) AS country, e.founded AS founded,
         e.website AS website, e.lei AS lei, e.registrationNumber AS registrationNumber,
         parentNames, neighbourIds, identity.id AS identityId`;

type Row = {
  id: string;
  kind: string;
  name: string | null;
  aliases: string[];
  country: string | null;
  founded: string | null;
  website: string | null;
  lei: string | null;
  registrationNumber: string | null;
  parentNames: (string | null)[];
  neighbourIds: string[];
  identityId: string | null;
};

function toRecord(row: Row): GraphMatchRecord {
  const identifiers: Record<string, string[]> = {};
  for (const scheme of ['website', 'lei', 'registrationNumber'] as const) {
    const value = row[scheme];
    if (value) identifiers[scheme] = [String(value)];
  }
  return {
    id: row.id,
    kind: row.kind,
    name: row.name ?? '',
    aliases: row.aliases.map(String),
    country: row.country,
    founded: row.founded === null ? null : String(row.founded),
    parentNames: row.parentNames.filter((n): n is string => typeof n === 'string'),
    identifiers,
    neighbourIds: row.neighbourIds,
    identityId: row.identityId,
  };
}

/** Every entity of the given kinds, as records. */
export async function matchRecordsOfKinds(
  db: Database,
  kinds: readonly EntityKind[],
): Promise<GraphMatchRecord[]> {
  const rows = await db.read<Row>(`MATCH (e:Entity) WHERE e.kind IN $kinds ${RECORD_FIELDS}`, {
    kinds,
  });
  return rows.map(toRecord);
}

/** One entity as a record, or null when there is no entity with that id. */
export async function matchRecord(db: Database, id: string): Promise<GraphMatchRecord | null> {
  const rows = await db.read<Row>(`MATCH (e:Entity {id: $id}) ${RECORD_FIELDS}`, { id });
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * The records the full-text index finds for any word of the record's names: the pool its
 * candidates are scored in. Normalised words hold only letters, digits and spaces, and are in
 * lower case, so they cannot be Lucene operators or syntax.
 */
export async function matchPool(
  db: Database,
  record: MatchRecord,
  kinds: readonly EntityKind[],
  limit = 300,
): Promise<GraphMatchRecord[]> {
  const words = new Set<string>();
  for (const name of [record.name, ...(record.aliases ?? [])]) {
    for (const word of normalizeName(name).split(' ')) if (word.length > 1) words.add(word);
  }
  const terms = [...words].slice(0, 24);
  if (terms.length === 0) return [];
  const rows = await db.read<Row>(
    `CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: toInteger($limit)})
     YIELD node AS e
     WHERE e.kind IN $kinds AND e.id <> $id
     ${RECORD_FIELDS}`,
    { query: terms.join(' OR '), limit, kinds, id: record.id },
  );
  return rows.map(toRecord);
}
