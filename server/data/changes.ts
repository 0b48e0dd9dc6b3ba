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
 * ISO 8601 texts in UTC, so comparing the texts compares the moments. An area of more than
 * `maxArea` entities is refused rather than searched (the caller says so).
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
  /** The most entities the area may hold; a larger area is not searched (`tooLarge`). */
  maxArea: number;
}

export interface ChangesAnswer {
  /** Newest first, at most `limit`. */
  changes: ChangeRow[];
  /**
   * Entities in the area; when it is over `maxArea` the expansion stopped as soon as it passed
   * the cap, nothing was searched, and this is the size reached by then (a lower bound).
   */
  areaSize: number;
  tooLarge: boolean;
}

const TYPES = LINK_TYPES.join('|');

/**
 * The statement; `radius` is a checked integer from 1 to 3, written as levels of the search.
 *
 * What keeps it small: each level is a DISTINCT set of nodes (never paths); a level stops
 * expanding once it has found more than `$maxArea` nodes (the area is then too large whatever
 * the rest holds), a level whose area is already over the cap is not expanded at all, and an
 * area over the cap is not searched. The branches return node and relationship references with a sort key only, and the
 * maps (all properties, citations included) are built for the `$limit` newest alone: sorting
 * whole maps kept every changed record of the area in memory (340 MB at radius 2 on the 100k
 * benchmark graph, over the 1.4 GiB transaction limit at radius 3). Every write stamps
 * `updatedAt` whenever it sets `createdAt` or `retractedAt`, so `updatedAt ≥ since` is the one
 * property read that rules an unchanged record out.
 */
export function changesCypher(radius: number): string {
  if (!Number.isInteger(radius) || radius < 1 || radius > 3) throw new Error('radius 1–3');
  const levels = Array.from(
    { length: radius },
    (_, i) => `CALL (area${i}) {
       UNWIND CASE WHEN size(area${i}) > $maxArea THEN [] ELSE area${i} END AS x
       MATCH (x)-[:${TYPES}]-(y:Entity)
       // More than the cap is as good as too large: the search stops pulling there.
       WITH DISTINCT y LIMIT toInteger($maxArea) + 1
       RETURN collect(y) AS reached${i}
     }
     CALL (area${i}, reached${i}) {
       UNWIND area${i} + reached${i} AS z
       RETURN collect(DISTINCT z) AS area${i + 1}
     }`,
  ).join('\n');
  return `OPTIONAL MATCH (i:Investigation {id: $investigation})
     WITH $watched + coalesce(i.entityIds, []) AS watched
     OPTIONAL MATCH (w:Entity) WHERE w.id IN watched
     WITH collect(DISTINCT w) AS area0
     ${levels}
     WITH area${radius} AS area, size(area${radius}) AS areaSize
     WITH areaSize, CASE WHEN areaSize > $maxArea THEN [] ELSE area END AS area
     CALL (area) {
         UNWIND area AS e
         WITH e WHERE e.updatedAt >= $since
         WITH e, e.createdAt >= $since AS created
         RETURN CASE WHEN created THEN 'APPEARED' ELSE 'CHANGED' END AS kind,
                CASE WHEN created THEN e.createdAt ELSE e.updatedAt END AS at,
                CASE WHEN created THEN e.createdBy ELSE e.updatedBy END AS by,
                e AS node, null AS rel, e.id AS key, null AS detail
       UNION ALL
         UNWIND area AS a
         MATCH (a)-[r:${TYPES}]->(b:Entity)
         WHERE (r.updatedAt >= $since OR (r.validTo >= $sinceDay AND r.validTo <= $today))
           AND b IN area
         WITH r, CASE
           WHEN r.retractedAt >= $since THEN ['RETRACTED', r.retractedAt, r.retractedBy]
           WHEN r.createdAt >= $since THEN ['APPEARED', r.createdAt, r.createdBy]
           WHEN r.validTo >= $sinceDay AND r.validTo <= $today THEN ['ENDED', r.validTo, null]
           ELSE ['CHANGED', r.updatedAt, r.updatedBy] END AS what
         RETURN what[0] AS kind, what[1] AS at, what[2] AS by,
                null AS node, r AS rel, r.id AS key, null AS detail
       UNION ALL
         // From the few merges since (an index range), not a look-up per entity of the area.
         MATCH (m:Merge) WHERE m.mergedAt >= $since
         MATCH (e:Entity {id: m.survivorId}) WHERE e IN area
         RETURN 'JOINED' AS kind, m.mergedAt AS at, m.mergedBy AS by, e AS node, null AS rel,
                e.id AS key, m.mergedName + ' (' + m.mergedId + ') was merged into it' AS detail
       UNION ALL
         // One row that always comes first (a null sorts first when descending): the area's
         // size reaches the caller even when nothing changed.
         RETURN null AS kind, null AS at, null AS by, null AS node, null AS rel, null AS key,
                null AS detail
     }
     // Sorted without the area list in the rows: kept in each row, it multiplied the memory.
     WITH areaSize, kind, at, by, node, rel, key, detail, count(*) AS rowsOfIt
     ORDER BY at DESC, key LIMIT toInteger($limit) + 1
     RETURN areaSize, kind, at, by, detail,
            CASE WHEN node IS NULL THEN null ELSE ${entityProjection('node')} END AS entity,
            CASE WHEN rel IS NULL THEN null ELSE ${linkProjection('rel')} END AS link`;
}

export async function changesAround(db: Database, query: ChangesQuery): Promise<ChangesAnswer> {
  const [first, ...rows] = await db.read<ChangeRow & { areaSize: number }>(
    changesCypher(query.radius),
    {
      watched: query.watched,
      investigation: query.investigation,
      since: query.since,
      sinceDay: query.since.slice(0, 10),
      today: query.today,
      limit: query.limit,
      maxArea: query.maxArea,
    },
  );
  const areaSize = first?.areaSize ?? 0;
  const changes = rows.map(({ areaSize: _, ...change }) => change);
  return { changes, areaSize, tooLarge: areaSize > query.maxArea };
}

/** Whether an investigation exists: asked only when `changes` found nothing, to tell why. */
export async function investigationExists(db: Database, id: string): Promise<boolean> {
  const rows = await db.read('MATCH (i:Investigation {id: $id}) RETURN 1 AS found', { id });
  return rows.length > 0;
}
