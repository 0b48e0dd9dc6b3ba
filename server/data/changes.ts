/**
 * What changed around watched entities since a moment: one Cypher statement in a read
 * transaction. The area is every entity within `radius` links of a watched one (any link type
 * of the allowlist, any status, so a retraction is seen), found level by level with a DISTINCT
 * at each level (a breadth-first search, not an enumeration of paths). In the area:
 *
 *   entity  APPEARED  createdAt ≥ since          CHANGED  otherwise updatedAt ≥ since
 *   link    RETRACTED retractedAt ≥ since         APPEARED otherwise createdAt ≥ since
 *           ENDED     otherwise its validTo day lies from since's day to today
 *           CHANGED   otherwise updatedAt ≥ since
 *   merge   JOINED    a record merged into an area entity at mergedAt ≥ since
 *
 * Links count when both ends are in the area. Each entity and link is reported once, with the
 * first kind that applies. Every write stamps these times (curation, imports and merges), as
 * ISO 8601 texts in UTC, so comparing the texts compares the moments.
 */
import { LINK_TYPES } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { entityProjection, linkProjection } from './projections';

export const CHANGE_KINDS = ['APPEARED', 'CHANGED', 'RETRACTED', 'ENDED', 'JOINED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangeRow {
  kind: ChangeKind;
  /** A moment (ISO 8601) for writes; a day (YYYY-MM-DD) for ENDED. */
  at: string;
  by: string | null;
  entity: Record<string, unknown> | null;
  link: Record<string, unknown> | null;
  detail: string | null;
}

export interface ChangesQuery {
  since: string;
  today: string;
  watched: readonly string[];
  /** An investigation whose canvas entities are watched too, or null. */
  investigation: string | null;
  radius: number;
  limit: number;
}

const TYPES = LINK_TYPES.join('|');

/** The statement; `radius` is a checked integer from 1 to 3, written as levels of the search. */
export function changesCypher(radius: number): string {
  if (!Number.isInteger(radius) || radius < 1 || radius > 3) throw new Error('radius 1–3');
  const levels = Array.from(
    { length: radius },
    (_, i) => `CALL (area${i}) {
       UNWIND area${i} AS x
       OPTIONAL MATCH (x)-[:${TYPES}]-(y:Entity)
       WITH area${i}, collect(DISTINCT y) AS reached
       UNWIND area${i} + reached AS z
       RETURN collect(DISTINCT z) AS area${i + 1}
     }`,
  ).join('\n');
  return `OPTIONAL MATCH (i:Investigation {id: $investigation})
     WITH $watched + coalesce(i.entityIds, []) AS watched
     MATCH (w:Entity) WHERE w.id IN watched
     WITH collect(DISTINCT w) AS area0
     ${levels}
     WITH area${radius} AS area
     CALL (area) {
       UNWIND area AS e
       WITH e WHERE e.createdAt >= $since OR e.updatedAt >= $since
       RETURN CASE WHEN e.createdAt >= $since THEN 'APPEARED' ELSE 'CHANGED' END AS kind,
              CASE WHEN e.createdAt >= $since THEN e.createdAt ELSE e.updatedAt END AS at,
              CASE WHEN e.createdAt >= $since THEN e.createdBy ELSE e.updatedBy END AS by,
              ${entityProjection('e')} AS entity, null AS link, null AS detail
     UNION ALL
       UNWIND area AS a
       MATCH (a)-[r:${TYPES}]->(b:Entity)
       WHERE b IN area
         AND (r.retractedAt >= $since OR r.createdAt >= $since OR r.updatedAt >= $since
              OR (r.validTo >= $sinceDay AND r.validTo <= $today))
       WITH r, CASE
         WHEN r.retractedAt >= $since THEN ['RETRACTED', r.retractedAt, r.retractedBy]
         WHEN r.createdAt >= $since THEN ['APPEARED', r.createdAt, r.createdBy]
         WHEN r.validTo >= $sinceDay AND r.validTo <= $today THEN ['ENDED', r.validTo, null]
         ELSE ['CHANGED', r.updatedAt, r.updatedBy] END AS what
       RETURN what[0] AS kind, what[1] AS at, what[2] AS by,
              null AS entity, ${linkProjection('r')} AS link, null AS detail
     UNION ALL
       UNWIND area AS e
       MATCH (m:Merge {survivorId: e.id}) WHERE m.mergedAt >= $since
       RETURN 'JOINED' AS kind, m.mergedAt AS at, m.mergedBy AS by,
              ${entityProjection('e')} AS entity, null AS link,
              m.mergedName + ' (' + m.mergedId + ') was merged into it' AS detail
     }
     RETURN kind, at, by, entity, link, detail
     ORDER BY at DESC, coalesce(entity.id, link.id)
     LIMIT toInteger($limit)`;
}

export async function changesAround(db: Database, query: ChangesQuery): Promise<ChangeRow[]> {
  return db.read<ChangeRow & Record<string, unknown>>(changesCypher(query.radius), {
    watched: query.watched,
    investigation: query.investigation,
    since: query.since,
    sinceDay: query.since.slice(0, 10),
    today: query.today,
    limit: query.limit,
  });
}

/** Whether an investigation exists: asked only when `changes` found nothing, to tell why. */
export async function investigationExists(db: Database, id: string): Promise<boolean> {
  const rows = await db.read('MATCH (i:Investigation {id: $id}) RETURN 1 AS found', { id });
  return rows.length > 0;
}
