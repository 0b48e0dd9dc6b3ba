/** An entity's dated links in chronological order: events (on), starts (since) and ends (until). */
import { PARTIAL_DATE_PATTERN } from '../model/partial-date';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';
import { recordsOfId } from './identity-view';
import { linkFilterParams, linkPredicate } from './link-filter';
import {
  citedSourcesSubquery,
  entityProjection,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

const MOMENTS = ['ON', 'SINCE', 'UNTIL'] as const;
export type Moment = (typeof MOMENTS)[number];

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

/**
 * Events whose date overlaps [from, to] (both full days, both optional), the earliest first, at
 * most `first`. Links take part by the shared rule (link-filter.ts: every status but retracted).
 * A partial date is a span of days: "2019-05" overlaps [from, to] when its last day is not before
 * `from` (the date is not before `from` cut to its length) and its first day not after `to` (the
 * date, a prefix of its first day, is not after `to`). Both comparisons are on strings, in Cypher.
 */
export async function timeline(
  db: Database,
  query: {
    id: string;
    from: string | null;
    to: string | null;
    first: number;
    /** The dated links of every record of the identity `id` names or is a record of. */
    joinIdentities?: boolean;
  },
): Promise<TimelineResult> {
  const start = query.joinIdentities
    ? `${recordsOfId('$id', 'records', 'identity')}`
    : 'OPTIONAL MATCH (e:Entity {id: $id}) WITH [x IN [e] WHERE x IS NOT NULL] AS records';
  const [row] = await db.read<{
    found: boolean;
    events: { date: string; moment: Moment; linkId: string }[];
    links: Record<string, unknown>[];
    others: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(
    `${start}
     CALL (records) {
       UNWIND records AS e
       MATCH (e)-[r WHERE ${linkPredicate('r')}]-(o:Entity)
       UNWIND [{moment: 'ON', date: r.on, rank: 0}, {moment: 'SINCE', date: r.since, rank: 1},
               {moment: 'UNTIL', date: r.until, rank: 2}] AS m
       WITH DISTINCT r, o, m
       WHERE m.date =~ $datePattern
         AND ($from IS NULL OR m.date >= left($from, size(m.date)))
         AND ($to IS NULL OR m.date <= $to)
       WITH r, o, m ORDER BY m.date, r.id, m.rank LIMIT toInteger($first)
       RETURN collect({date: m.date, moment: m.moment, linkId: r.id}) AS events,
              collect(DISTINCT r) AS rels, collect(DISTINCT o) AS others
     }
     ${citedSourcesSubquery('rels')}
     RETURN size(records) > 0 AS found, events, [r IN rels | ${linkProjection('r')}] AS links,
            [o IN others + records | ${entityProjection('o')}] AS others, sources`,
    {
      id: query.id,
      from: query.from,
      to: query.to,
      first: query.first,
      ...linkFilterParams({}),
      datePattern: PARTIAL_DATE_PATTERN,
    },
  );
  if (!row) return { found: false, events: [], others: [], sources: [] };
  const links = new Map(row.links.map(toLink).map((link) => [link.id, link]));
  // A link between two records of one identity is met from both ends: once is enough.
  const met = new Set<string>();
  const events = row.events.flatMap(({ date, moment, linkId }) => {
    const link = links.get(linkId);
    if (!link || met.has(`${linkId} ${moment}`)) return [];
    met.add(`${linkId} ${moment}`);
    return [{ date, moment, link }];
  });
  // collect() keeps the query's order in practice, but Cypher does not promise it.
  events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.link.id.localeCompare(b.link.id) ||
      MOMENTS.indexOf(a.moment) - MOMENTS.indexOf(b.moment),
  );
  return {
    found: row.found,
    events,
    others: row.others.map(toEntity),
    sources: row.sources.map(toSource),
  };
}
