/**
 * Curation writes. Each write is ONE Cypher statement, so one managed transaction: it commits
 * whole or not at all. A read before each write finds what is wrong and says so; the write
 * itself re-checks every condition before it changes anything (a WHERE ahead of the first
 * MERGE/SET), so a concurrent change makes it write nothing and answer CONFLICT.
 */
import { randomUUID } from 'node:crypto';
import { packCitations, unpackCitations } from '../model/citations';
import { ConflictError, InvalidInputError, NotFoundError } from '../model/domain-errors';
import type {
  CitationRecord,
  EntityRecord,
  LinkFacts,
  LinkRecord,
  SourceRecord,
} from '../model/types';
import { ENTITY_KINDS, type EntityKind, LINK_TYPES, type LinkType } from '../model/vocabulary';
import {
  linkByIdCypher,
  linkEndsProblem,
  normalizeName,
  searchTextCypher,
} from '../model/write-rules';
import type { Database } from '../neo4j/database';
import { entityProjection, linkProjection, toEntity, toLink, toSource } from './projections';

/** Who writes, and when (ISO 8601). Recorded on everything a write touches. */
export interface Author {
  name: string;
  at: string;
}

export function authorNow(name: string): Author {
  return { name, at: new Date().toISOString() };
}

function changedMeanwhile(what: string): Error {
  return new ConflictError(
    `${what} changed while this write ran; nothing was written. Read it again and retry.`,
  );
}

// `searchText` from the stored name and aliases, as every writer derives it (write-rules.ts).
const SEARCH_TEXT = searchTextCypher('e.name', 'e.aliases');

// ---- write commands (built and checked by server/graphql/resolvers/mutation/curation-input.ts)

export interface EntityUpsertInput {
  id: string;
  kind: EntityKind;
  name: string;
  /** Stored properties to set; a null removes the property. Omitted ones are kept. */
  properties: Record<string, string | string[] | null>;
  /** undefined: keep the stored citations. */
  citations: CitationRecord[] | undefined;
}

export interface LinkUpsertInput extends LinkFacts {
  /** Every optional property, null when not given (the link is written as given). */
  properties: Record<string, string | number | null>;
}

export interface SourceWrite {
  id: string;
  properties: Record<string, string | null>;
}

// ---- evidence ------------------------------------------------------------------------------

/**
 * Refuses citations whose source does not exist, or whose excerpt is not verbatim in a source
 * that keeps its text. `field` names the input list in the error.
 */
async function checkEvidence(
  db: Database,
  field: string,
  citations: readonly CitationRecord[],
): Promise<void> {
  if (citations.length === 0) return;
  const rows = await db.read<{ i: number; found: boolean; verbatim: boolean }>(
    `UNWIND range(0, size($citations) - 1) AS i
     WITH i, $citations[i] AS c
     OPTIONAL MATCH (s:Source {id: c.sourceId})
     RETURN i, s IS NOT NULL AS found, s.text IS NULL OR s.text CONTAINS c.excerpt AS verbatim`,
    { citations: citations.map((c) => ({ sourceId: c.sourceId, excerpt: c.excerpt })) },
  );
  for (const row of rows) {
    const citation = citations[row.i];
    if (!row.found) {
      throw new InvalidInputError(
        `${field}[${row.i}].sourceId`,
        `no source with id "${citation?.sourceId}"; add it first with addSource.`,
      );
    }
    if (!row.verbatim) {
      throw new InvalidInputError(
        `${field}[${row.i}].excerpt`,
        `does not occur verbatim in the text of source "${citation?.sourceId}"; copy the words exactly.`,
      );
    }
  }
}

// A Cypher condition: every cited source exists (the write re-checks what checkEvidence read).
const SOURCES_EXIST = 'all(sid IN $citationSourceIds WHERE EXISTS { MATCH (:Source {id: sid}) })';

// ---- entities ------------------------------------------------------------------------------

export interface EntityUpsert {
  entity: EntityRecord;
  created: boolean;
}

export async function upsertEntity(
  db: Database,
  write: EntityUpsertInput,
  author: Author,
): Promise<EntityUpsert> {
  const [state] = await db.read<{ kind: string | null; mergedInto: string | null }>(
    `OPTIONAL MATCH (e:Entity {id: $id})
     OPTIONAL MATCH (m:MergedEntity {id: $id})
     RETURN e.kind AS kind, m.mergedInto AS mergedInto`,
    { id: write.id },
  );
  if (state?.mergedInto) {
    throw new ConflictError(
      `"${write.id}" was merged into "${state.mergedInto}"; write to that entity instead.`,
      { mergedInto: state.mergedInto },
    );
  }
  const exists = Boolean(state?.kind);
  if (exists && state?.kind !== write.kind) {
    throw new ConflictError(
      `"${write.id}" is a ${state?.kind}, not a ${write.kind}; an entity's kind cannot change (merge two records with mergeEntities).`,
    );
  }
  if (!exists && (!write.citations || write.citations.length === 0)) {
    throw new InvalidInputError(
      'input.citations',
      'a new entity needs at least one citation (a source and a verbatim excerpt).',
    );
  }
  await checkEvidence(db, 'input.citations', write.citations ?? []);

  const properties: Record<string, unknown> = {
    ...write.properties,
    name: write.name,
    nameKey: normalizeName(write.name),
    ...(write.citations ? packCitations(write.citations) : {}),
  };
  const label = ENTITY_KINDS.find((k) => k === write.kind);
  if (!label) throw new InvalidInputError('input.kind', 'is not an entity kind.');
  const rows = await db.write<{ e: Record<string, unknown>; created: boolean }>(
    `OPTIONAL MATCH (existing:Entity {id: $id})
     WITH existing
     WHERE NOT EXISTS { MATCH (:MergedEntity {id: $id}) }
       AND ${SOURCES_EXIST}
       AND CASE WHEN existing IS NULL THEN size($citationSourceIds) > 0
                ELSE existing.kind = $kind END
     MERGE (e:Entity {id: $id})
     ON CREATE SET e:${label}, e.kind = $kind, e.createdAt = $at, e.createdBy = $by
     WITH e, existing IS NULL AS created
     WHERE e.kind = $kind
     SET e += $properties, e.updatedAt = $at, e.updatedBy = $by
     SET e.searchText = ${SEARCH_TEXT}
     RETURN ${entityProjection('e')} AS e, created`,
    {
      id: write.id,
      kind: write.kind,
      properties,
      citationSourceIds: write.citations?.map((c) => c.sourceId) ?? [],
      at: author.at,
      by: author.name,
    },
  );
  const row = rows[0];
  if (!row) throw changedMeanwhile(`Entity "${write.id}"`);
  return { entity: toEntity(row.e), created: row.created };
}

// ---- links ---------------------------------------------------------------------------------

// Named apart from the callers' variables so the sub-query cannot shadow them.
const LINK_BY_ID = linkByIdCypher('$id', 'found');

export async function upsertLink(
  db: Database,
  write: LinkUpsertInput,
  author: Author,
): Promise<LinkRecord> {
  const [state] = await db.read<{
    fromKind: EntityKind | null;
    toKind: EntityKind | null;
    existing: { type: string; fromId: string; toId: string; status: string } | null;
  }>(
    `OPTIONAL MATCH (a:Entity {id: $fromId})
     OPTIONAL MATCH (b:Entity {id: $toId})
     OPTIONAL CALL () { ${LINK_BY_ID} }
     RETURN a.kind AS fromKind, b.kind AS toKind,
            CASE WHEN found IS NULL THEN null
                 ELSE { type: type(found), fromId: startNode(found).id, toId: endNode(found).id, status: found.status } END AS existing`,
    { id: write.id, fromId: write.fromId, toId: write.toId },
  );
  if (!state?.fromKind)
    throw new InvalidInputError('input.fromId', `no entity with id "${write.fromId}".`);
  if (!state.toKind)
    throw new InvalidInputError('input.toId', `no entity with id "${write.toId}".`);
  if (write.fromId === write.toId) {
    throw new InvalidInputError(
      'input.toId',
      'must differ from fromId: a link joins two entities.',
    );
  }
  const ends = linkEndsProblem(write.type, state.fromKind, state.toKind);
  if (ends) throw new InvalidInputError(ends.field, ends.message);
  const existing = state.existing;
  if (existing) {
    if (
      existing.type !== write.type ||
      existing.fromId !== write.fromId ||
      existing.toId !== write.toId
    ) {
      throw new ConflictError(
        `Link "${write.id}" exists as ${existing.fromId} -${existing.type}-> ${existing.toId}; a link's type and ends cannot change. Retract it and add a new link with another id.`,
      );
    }
    if (existing.status === 'retracted') {
      throw new ConflictError(
        `Link "${write.id}" is retracted; it stays as the record of that. Add a new link with another id.`,
      );
    }
  }
  await checkEvidence(db, 'input.citations', write.citations);

  const properties = {
    ...write.properties,
    status: write.status,
    since: write.since,
    until: write.until,
    on: write.on,
    validFrom: write.validFrom,
    validTo: write.validTo,
    ...packCitations(write.citations),
  };
  const type = LINK_TYPES.find((t) => t === write.type);
  if (!type) throw new InvalidInputError('input.type', 'is not a link type.');
  const rows = await db.write<{ r: Record<string, unknown> }>(
    // Re-checks only links of this type (one index seek): the read above already refused an
    // id used by another type, and a small statement plans fast even on a busy server.
    `MATCH (a:Entity {id: $fromId})
     MATCH (b:Entity {id: $toId})
     WITH a, b
     WHERE ${SOURCES_EXIST}
       AND NOT EXISTS {
         MATCH (x)-[old:${type} {id: $id}]->(y)
         WHERE x <> a OR y <> b OR old.status = 'retracted'
       }
     MERGE (a)-[r:${type} {id: $id}]->(b)
     ON CREATE SET r.createdAt = $at, r.createdBy = $by
     SET r += $properties, r.updatedAt = $at, r.updatedBy = $by
     RETURN ${linkProjection('r')} AS r`,
    {
      id: write.id,
      type: write.type,
      fromId: write.fromId,
      toId: write.toId,
      properties,
      citationSourceIds: write.citations.map((c) => c.sourceId),
      at: author.at,
      by: author.name,
    },
  );
  const row = rows[0];
  if (!row) throw changedMeanwhile(`Link "${write.id}" or its ends`);
  return toLink(row.r);
}

/** Sets status `retracted` with who, when and why; the link and its evidence stay. */
export async function retractLink(
  db: Database,
  id: string,
  reason: string,
  author: Author,
): Promise<LinkRecord> {
  const rows = await db.write<{ r: Record<string, unknown> }>(
    `CALL () { ${LINK_BY_ID} }
     WITH found AS r, found.status = 'retracted' AS already
     FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
       SET r.statusBeforeRetraction = coalesce(r.status, 'asserted'), r.status = 'retracted',
           r.retractedAt = $at, r.retractedBy = $by, r.retractionReason = $reason,
           r.updatedAt = $at, r.updatedBy = $by)
     RETURN ${linkProjection('r')} AS r`,
    { id, reason, at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('link', id);
  return toLink(row.r);
}

// ---- sources -------------------------------------------------------------------------------

export async function addSource(
  db: Database,
  write: SourceWrite,
  author: Author,
): Promise<SourceRecord> {
  const [existing] = await db.read<{ s: Record<string, unknown> }>(
    'MATCH (s:Source {id: $id}) RETURN s { .* } AS s',
    { id: write.id },
  );
  if (existing) {
    const differs = Object.entries(write.properties).filter(
      ([name, value]) => (existing.s[name] ?? null) !== value,
    );
    if (differs.length === 0) return toSource(existing.s);
    throw new ConflictError(
      `Source "${write.id}" already exists with other values for ${differs.map(([n]) => n).join(', ')}; sources are documents and do not change. Use another id.`,
    );
  }
  const rows = await db.write<{ s: Record<string, unknown> }>(
    `MERGE (s:Source {id: $id})
     ON CREATE SET s += $properties, s.createdAt = $at, s.createdBy = $by, s.created = true
     WITH s WHERE s.created = true
     REMOVE s.created
     RETURN s { .* } AS s`,
    { id: write.id, properties: write.properties, at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw changedMeanwhile(`Source "${write.id}"`);
  return toSource(row.s);
}

// ---- merges --------------------------------------------------------------------------------

export interface MergeResult {
  id: string;
  survivor: EntityRecord;
  mergedId: string;
  mergedName: string;
  movedLinkIds: string[];
  mergedAt: string;
  mergedBy: string;
  reason: string | null;
}

/**
 * Moves every relationship of `gone` onto `keep`, one sub-query per type and direction, for the
 * types `gone` has (all from the allowlist; fewer sub-queries keep planning fast). A link
 * between the two becomes a loop on the survivor. Each sub-query returns the ids it moved.
 * The old relationship is deleted before its copy is created: link ids are unique per type.
 */
function moveLinksCypher(types: readonly LinkType[]): { cypher: string; outputs: string[] } {
  const parts: string[] = [];
  const outputs: string[] = [];
  types.forEach((type, i) => {
    outputs.push(`out${i}`, `in${i}`);
    parts.push(`CALL (keep, gone) {
       MATCH (gone)-[r:${type}]->(o)
       WITH keep, r, properties(r) AS copied, CASE WHEN o = gone THEN keep ELSE o END AS target
       DELETE r
       CREATE (keep)-[n:${type}]->(target)
       SET n = copied
       RETURN collect(n.id) AS out${i}
     }
     CALL (keep, gone) {
       MATCH (o)-[r:${type}]->(gone) WHERE o <> gone
       WITH keep, o, r, properties(r) AS copied
       DELETE r
       CREATE (o)-[n:${type}]->(keep)
       SET n = copied
       RETURN collect(n.id) AS in${i}
     }`);
  });
  return { cypher: parts.join('\n'), outputs };
}

export async function mergeEntities(
  db: Database,
  keepId: string,
  goneId: string,
  reason: string | null,
  author: Author,
): Promise<MergeResult> {
  if (keepId === goneId) throw new InvalidInputError('mergeId', 'must differ from keepId.');
  const rows = await db.read<{ e: Record<string, unknown>; types: string[] }>(
    `UNWIND $ids AS id MATCH (e:Entity {id: id})
     RETURN e { .* } AS e, COLLECT { MATCH (e)-[r]-() RETURN DISTINCT type(r) } AS types`,
    { ids: [keepId, goneId] },
  );
  const keep = rows.find((r) => r.e.id === keepId)?.e;
  const goneRow = rows.find((r) => r.e.id === goneId);
  const gone = goneRow?.e;
  if (!keep) throw new InvalidInputError('keepId', `no entity with id "${keepId}".`);
  if (!gone) throw new InvalidInputError('mergeId', `no entity with id "${goneId}".`);
  if (keep.kind !== gone.kind) {
    throw new InvalidInputError(
      'mergeId',
      `is a ${String(gone.kind)} and "${keepId}" a ${String(keep.kind)}; only records of the same kind merge.`,
    );
  }
  const aliasesBefore = stringList(keep.aliases);
  const aliases = [
    ...new Set([...aliasesBefore, String(gone.name), ...stringList(gone.aliases)]),
  ].filter((a) => a !== keep.name);
  const citationsBefore = unpackCitations(keep);
  const citations = dedupeCitations([...citationsBefore, ...unpackCitations(gone)]);
  const mergeId = `merge:${randomUUID()}`;
  const types = LINK_TYPES.filter((t) => goneRow?.types.includes(t));
  const move = moveLinksCypher(types);
  const moved = move.outputs.length ? move.outputs.join(' + ') : '[]';
  const movedOut = move.outputs.filter((o) => o.startsWith('out')).join(' + ') || '[]';

  const result = await db.write<{
    e: Record<string, unknown>;
    moved: string[];
  }>(
    `MATCH (keep:Entity {id: $keepId})
     MATCH (gone:Entity {id: $goneId})
     // What the read saw must still hold, or the merge would drop a concurrent edit.
     WHERE keep.kind = gone.kind
       AND coalesce(keep.aliases, []) = $aliasesBefore
       AND coalesce(keep.citationSourceIds, []) = $citationSourceIdsBefore
       AND coalesce(keep.citationExcerpts, []) = $citationExcerptsBefore
       AND NOT EXISTS { MATCH (gone)-[r]-() WHERE NOT type(r) IN $types }
     ${move.cypher}
     WITH keep, gone, ${moved} AS moved, ${movedOut} AS movedOut
     CREATE (m:Merge {
       id: $mergeId, survivorId: keep.id, mergedId: gone.id, mergedKind: gone.kind,
       mergedName: gone.name, movedLinkIds: moved, movedOutgoingLinkIds: movedOut,
       survivorAliasesBefore: $aliasesBefore,
       survivorCitationCountBefore: size($citationSourceIdsBefore),
       mergedAt: $at, mergedBy: $by, reason: $reason
     })
     SET gone:MergedEntity, gone.mergedInto = keep.id, gone.mergedAt = $at, gone.mergedBy = $by,
         gone.mergeRecordId = $mergeId
     REMOVE gone:Entity:${ENTITY_KINDS.join(':')}
     SET keep += $survivor, keep.updatedAt = $at, keep.updatedBy = $by
     WITH keep AS e, moved
     SET e.searchText = ${SEARCH_TEXT}
     RETURN ${entityProjection('e')} AS e, moved`,
    {
      keepId,
      goneId,
      mergeId,
      aliasesBefore,
      citationSourceIdsBefore: citationsBefore.map((c) => c.sourceId),
      citationExcerptsBefore: citationsBefore.map((c) => c.excerpt),
      types,
      survivor: { aliases, ...packCitations(citations) },
      reason,
      at: author.at,
      by: author.name,
    },
  );
  const row = result[0];
  if (!row) throw changedMeanwhile(`"${keepId}" or "${goneId}"`);
  return {
    id: mergeId,
    survivor: toEntity(row.e),
    mergedId: goneId,
    mergedName: String(gone.name),
    movedLinkIds: row.moved,
    mergedAt: author.at,
    mergedBy: author.name,
    reason,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function dedupeCitations(citations: CitationRecord[]): CitationRecord[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = JSON.stringify([c.sourceId, c.excerpt, c.locator]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
