/**
 * Saved investigations and their notes, stored in Neo4j as `:Investigation` and `:Note` nodes.
 * Neither is an `:Entity` and neither has a relationship: every graph read (search, paths,
 * neighbourhoods, links) matches `:Entity` and relationship types from the allowlist, so a
 * saved investigation can never appear in them. The canvas is one JSON text, checked on write;
 * the ids on it are also kept as a list (`entityIds`) for `changes` to read. When each person
 * last opened it is kept on the node too, as two lists of the same length (`openedBy`,
 * `openedAt`), outside its version: opening changes nothing of the investigation itself.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../model/domain-errors';
import { type Canvas, checkCanvas, type InvestigationWrite } from '../model/investigation';
import type { Database } from '../neo4j/database';
import type { Author } from './curation';
import { NOTE_FIELDS } from './notes';

export interface InvestigationRecord {
  id: string;
  title: string;
  description: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  entityCount: number;
  /** Absent in list pages; `Investigation.canvas` loads it. */
  canvas?: Canvas;
}

// The summary without the canvas, which can hold thousands of positions.
const SUMMARY = `.id, .title, .description, .version, .createdAt, .createdBy, .updatedAt, .updatedBy,
  entityCount: size(coalesce(i.entityIds, []))`;
const FULL = `i { ${SUMMARY}, .canvas }`;

function toInvestigation(row: Record<string, unknown>): InvestigationRecord {
  const record: InvestigationRecord = {
    id: String(row.id),
    title: String(row.title),
    description: row.description == null ? null : String(row.description),
    version: Number(row.version),
    createdAt: String(row.createdAt),
    createdBy: String(row.createdBy),
    updatedAt: String(row.updatedAt),
    updatedBy: String(row.updatedBy),
    entityCount: Number(row.entityCount ?? 0),
  };
  if (typeof row.canvas === 'string') {
    record.canvas = checkCanvas('canvas', JSON.parse(row.canvas));
  }
  return record;
}

function stored(write: InvestigationWrite) {
  return {
    title: write.title,
    description: write.description,
    canvas: JSON.stringify(write.canvas),
    entityIds: write.canvas.entities.map((e) => e.id),
  };
}

function stale(id: string, current: number, sent: number) {
  return new ConflictError(
    `Investigation "${id}" was saved by someone else meanwhile (version ${current}, you sent ${sent}); nothing was written. Open it again and redo your change.`,
    { currentVersion: current },
  );
}

/** Why a versioned write matched nothing: the investigation is gone, or the version is stale. */
async function refusal(db: Database, id: string, version: number) {
  const [row] = await db.read<{ version: number }>(
    'MATCH (i:Investigation {id: $id}) RETURN i.version AS version',
    { id },
  );
  return row ? stale(id, row.version, version) : new NotFoundError('investigation', id);
}

// Takes the node's write lock before the version is compared: two saves of the same version
// cannot both pass the check (a plain MATCH … WHERE would read before waiting for the lock).
const LOCKED = `MATCH (i:Investigation {id: $id})
  SET i.lock = true REMOVE i.lock
  WITH i WHERE $version IS NULL OR i.version = $version`;

export async function saveInvestigation(
  db: Database,
  write: InvestigationWrite,
  author: Author,
): Promise<InvestigationRecord> {
  if (write.id === null) {
    // Its author has it open: their "changes since you last opened this" counts from now.
    const rows = await db.write<{ i: Record<string, unknown> }>(
      `CREATE (i:Investigation {id: $id})
       SET i += $properties, i.version = 1, i.createdAt = $at, i.createdBy = $by,
           i.updatedAt = $at, i.updatedBy = $by, i.openedBy = [$by], i.openedAt = [$at]
       RETURN ${FULL} AS i`,
      {
        id: `investigation:${randomUUID()}`,
        properties: stored(write),
        at: author.at,
        by: author.name,
      },
    );
    return toInvestigation(rows[0]?.i ?? {});
  }
  const version = write.version ?? 0;
  const rows = await db.write<{ i: Record<string, unknown> }>(
    `${LOCKED}
     SET i += $properties, i.version = i.version + 1, i.updatedAt = $at, i.updatedBy = $by
     RETURN ${FULL} AS i`,
    { id: write.id, version, properties: stored(write), at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw await refusal(db, write.id, version);
  return toInvestigation(row.i);
}

export async function renameInvestigation(
  db: Database,
  id: string,
  title: string,
  version: number | null,
  author: Author,
): Promise<InvestigationRecord> {
  const rows = await db.write<{ i: Record<string, unknown> }>(
    `${LOCKED}
     SET i.title = $title, i.version = i.version + 1, i.updatedAt = $at, i.updatedBy = $by
     RETURN ${FULL} AS i`,
    { id, version, title, at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw await refusal(db, id, version ?? 0);
  return toInvestigation(row.i);
}

/** A copy under a new id, at version 1, with copies of its notes. */
export async function duplicateInvestigation(
  db: Database,
  id: string,
  title: string | null,
  author: Author,
): Promise<InvestigationRecord> {
  const rows = await db.write<{ i: Record<string, unknown> }>(
    `MATCH (source:Investigation {id: $id})
     CREATE (i:Investigation {id: $newId})
     SET i += source { .description, .canvas, .entityIds },
         i.title = coalesce($title, source.title + ' (copy)'), i.duplicatedFrom = source.id,
         i.version = 1, i.createdAt = $at, i.createdBy = $by, i.updatedAt = $at, i.updatedBy = $by,
         i.openedBy = [$by], i.openedAt = [$at]
     WITH source, i
     CALL (source, i) {
       MATCH (n:Note {investigationId: source.id})
       CREATE (copy:Note {id: 'note:' + randomUUID(), investigationId: i.id})
       SET copy += n { ${NOTE_FIELDS} }
       RETURN count(copy) AS notesCopied
     }
     RETURN ${FULL} AS i`,
    { id, newId: `investigation:${randomUUID()}`, title, at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('investigation', id);
  return toInvestigation(row.i);
}

export interface Opening {
  /** When this person opened it before, or null for never (the first opening). */
  previous: string | null;
  at: string;
}

/**
 * Records that `author.name` opens the investigation now and answers when they opened it
 * before: read and written under the node's lock, so two openings at once each get a previous
 * time and the later one stays. Not a change of the investigation (no new version).
 */
export async function markOpened(db: Database, id: string, author: Author): Promise<Opening> {
  const rows = await db.write<{ previous: string | null }>(
    `MATCH (i:Investigation {id: $id})
     SET i.lock = true REMOVE i.lock
     WITH i, coalesce(i.openedBy, []) AS people, coalesce(i.openedAt, []) AS times
     WITH i, people, times, [k IN range(0, size(people) - 1) WHERE people[k] = $by][0] AS mine
     SET i.openedBy = CASE WHEN mine IS NULL THEN people + $by ELSE people END,
         i.openedAt = CASE WHEN mine IS NULL THEN times + $at
                      ELSE [k IN range(0, size(times) - 1) | CASE WHEN k = mine THEN $at ELSE times[k] END] END
     RETURN CASE WHEN mine IS NULL THEN null ELSE times[mine] END AS previous`,
    { id, by: author.name, at: author.at },
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('investigation', id);
  return { previous: row.previous, at: author.at };
}

/** Deletes the investigation and its notes; answers the id. */
export async function deleteInvestigation(
  db: Database,
  id: string,
  version: number | null,
): Promise<string> {
  const rows = await db.write<{ id: string }>(
    `${LOCKED}
     CALL (i) { MATCH (n:Note {investigationId: i.id}) DELETE n }
     DELETE i
     RETURN $id AS id`,
    { id, version },
  );
  if (!rows[0]) throw await refusal(db, id, version ?? 0);
  return id;
}

export async function investigationsByIds(
  db: Database,
  ids: readonly string[],
): Promise<InvestigationRecord[]> {
  const rows = await db.read<{ i: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (i:Investigation {id: id}) RETURN ${FULL} AS i`,
    { ids },
  );
  return rows.map((row) => toInvestigation(row.i));
}

export interface InvestigationPage {
  investigations: InvestigationRecord[];
  hasNextPage: boolean;
  totalCount: number;
}

/** The most recently saved first; `after` is the last row's [updatedAt, id]. */
export async function investigationPage(
  db: Database,
  first: number,
  after: [string, string] | null,
): Promise<InvestigationPage> {
  const rows = await db.read<{ page: Record<string, unknown>[]; total: number }>(
    `CALL () { MATCH (i:Investigation) RETURN count(i) AS total }
     CALL () {
       MATCH (i:Investigation)
       WHERE $afterAt IS NULL OR i.updatedAt < $afterAt OR (i.updatedAt = $afterAt AND i.id < $afterId)
       WITH i ORDER BY i.updatedAt DESC, i.id DESC LIMIT toInteger($limit)
       RETURN collect(i { ${SUMMARY} }) AS page
     }
     RETURN page, total`,
    { afterAt: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: first + 1 },
  );
  const page = rows[0]?.page ?? [];
  return {
    investigations: page.slice(0, first).map(toInvestigation),
    hasNextPage: page.length > first,
    totalCount: rows[0]?.total ?? 0,
  };
}
