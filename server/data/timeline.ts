/** An entity's dated links in chronological order: events (on), starts (since) and ends (until). */
import { firstDay, lastDay, parsePartialDate } from '../model/partial-date';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';
import {
  citedSourcesSubquery,
  entityProjection,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export type Moment = 'ON' | 'SINCE' | 'UNTIL';

export interface TimelineEventRecord {
  date: string;
  moment: Moment;
  link: LinkRecord;
}

export interface TimelineResult {
  found: boolean;
  events: TimelineEventRecord[];
  /** The entity itself and those at the other ends of its links. */
  others: EntityRecord[];
  sources: SourceRecord[];
}

/** Events whose date overlaps [from, to] (both full days, both optional). */
export async function timeline(
  db: Database,
  id: string,
  from: string | null,
  to: string | null,
): Promise<TimelineResult> {
  const [row] = await db.read<{
    found: boolean;
    links: Record<string, unknown>[];
    others: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(
    `OPTIONAL MATCH (e:Entity {id: $id})
     CALL (e) {
       MATCH (e)-[r]-(o:Entity)
       WHERE r.status <> 'retracted' AND (r.on IS NOT NULL OR r.since IS NOT NULL OR r.until IS NOT NULL)
       RETURN collect(r) AS rels, collect(DISTINCT o) AS others
     }
     ${citedSourcesSubquery('rels')}
     RETURN e IS NOT NULL AS found, [r IN rels | ${linkProjection('r')}] AS links,
            [o IN others + [x IN [e] WHERE x IS NOT NULL] | ${entityProjection('o')}] AS others, sources`,
    { id },
  );
  if (!row) return { found: false, events: [], others: [], sources: [] };
  const events: TimelineEventRecord[] = [];
  for (const link of row.links.map(toLink)) {
    const moments: [Moment, string | null][] = [
      ['ON', link.on],
      ['SINCE', link.since],
      ['UNTIL', link.until],
    ];
    for (const [moment, date] of moments) {
      const parsed = date ? parsePartialDate(date) : null;
      if (!date || !parsed) continue;
      // A partial date is a span of days; keep it when the span overlaps [from, to].
      if ((from && lastDay(parsed) < from) || (to && firstDay(parsed) > to)) continue;
      events.push({ date, moment, link });
    }
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || a.link.id.localeCompare(b.link.id));
  return {
    found: row.found,
    events,
    others: row.others.map(toEntity),
    sources: row.sources.map(toSource),
  };
}
