/**
 * Notes: a researcher's own words on an entity, a link or an investigation, kept with the
 * investigation as `:Note` nodes with no relationship. A note is never evidence: it is stored
 * apart from citations (which live on entities and links) and no read of the graph touches it.
 */
import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError } from '../model/domain-errors';
import { INVESTIGATION_LIMITS } from '../model/investigation';
import type { Database } from '../neo4j/database';
import type { Author } from './curation';
import { entitiesByIds } from './entities';
import { linksByIds } from './links';

export const NOTE_TARGETS = ['ENTITY', 'LINK', 'INVESTIGATION'] as const;
export type NoteTarget = (typeof NOTE_TARGETS)[number];

export interface NoteRecord {
  id: string;
  investigationId: string;
  target: NoteTarget;
  targetId: string;
  markdown: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** The properties a note carries besides its id and investigation (copied by duplicates). */
export const NOTE_FIELDS =
  '.target, .targetId, .markdown, .author, .createdAt, .updatedAt, .updatedBy';
const PROJECTION = `n { .id, .investigationId, ${NOTE_FIELDS} }`;

function toNote(row: Record<string, unknown>): NoteRecord {
  return row as unknown as NoteRecord;
}

export interface NoteWrite {
  investigationId: string;
  target: NoteTarget;
  targetId: string;
  markdown: string;
}

async function checkTarget(db: Database, write: NoteWrite): Promise<void> {
  if (write.target === 'INVESTIGATION') {
    if (write.targetId !== write.investigationId) {
      throw new InvalidInputError(
        'input.targetId',
        'a note on the investigation takes its id (or none).',
      );
    }
    return;
  }
  const found =
    write.target === 'ENTITY'
      ? (await entitiesByIds(db, [write.targetId])).length
      : (await linksByIds(db, [write.targetId])).length;
  if (!found) {
    throw new InvalidInputError(
      'input.targetId',
      `no ${write.target.toLowerCase()} with id "${write.targetId}".`,
    );
  }
}

export async function addNote(db: Database, write: NoteWrite, author: Author): Promise<NoteRecord> {
  await checkTarget(db, write);
  const rows = await db.write<{ n: Record<string, unknown>; full: boolean }>(
    `MATCH (i:Investigation {id: $investigationId})
     WITH i, COUNT { MATCH (old:Note {investigationId: i.id}) } >= $max AS full
     CALL (i, full) {
       WITH i WHERE NOT full
       CREATE (n:Note {id: $id, investigationId: i.id, target: $target, targetId: $targetId,
         markdown: $markdown, author: $by, createdAt: $at, updatedAt: $at, updatedBy: $by})
       RETURN ${PROJECTION} AS n
     UNION
       WITH i WHERE full
       RETURN null AS n
     }
     RETURN n, full`,
    {
      ...write,
      id: `note:${randomUUID()}`,
      max: INVESTIGATION_LIMITS.notesPerInvestigation,
      at: author.at,
      by: author.name,
    },
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('investigation', write.investigationId);
  if (row.full || !row.n) {
    throw new InvalidInputError(
      'input.investigationId',
      `that investigation has ${INVESTIGATION_LIMITS.notesPerInvestigation} notes, the most it keeps; delete some first.`,
    );
  }
  return toNote(row.n);
}

export async function updateNote(
  db: Database,
  id: string,
  markdown: string,
  author: Author,
): Promise<NoteRecord> {
  const rows = await db.write<{ n: Record<string, unknown> }>(
    `MATCH (n:Note {id: $id})
     SET n.markdown = $markdown, n.updatedAt = $at, n.updatedBy = $by
     RETURN ${PROJECTION} AS n`,
    { id, markdown, at: author.at, by: author.name },
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('note', id);
  return toNote(row.n);
}

export async function deleteNote(db: Database, id: string): Promise<string> {
  const rows = await db.write<{ id: string }>(
    'MATCH (n:Note {id: $id}) DELETE n RETURN $id AS id',
    { id },
  );
  if (!rows[0]) throw new NotFoundError('note', id);
  return id;
}

/** The notes of an investigation, oldest first. */
export async function notesOfInvestigation(
  db: Database,
  investigationId: string,
): Promise<NoteRecord[]> {
  const rows = await db.read<{ n: Record<string, unknown> }>(
    `MATCH (n:Note {investigationId: $investigationId})
     RETURN ${PROJECTION} AS n ORDER BY n.createdAt, n.id`,
    { investigationId },
  );
  return rows.map((row) => toNote(row.n));
}
