/**
 * The relationship predicate shared by paths, neighbourhoods and links: allowed statuses and,
 * with an as-of day, only links valid that day. Values travel as parameters; the text is fixed.
 */
import { DEFAULT_STATUSES, LINK_STATUSES, type LinkStatus } from '../model/vocabulary';

export interface LinkFilter {
  statuses?: readonly LinkStatus[] | null;
  asOf?: string | null;
}

/**
 * Predicate over relationship `r`; expects parameters $statuses and $asOf, or, with a prefix
 * (for a second filter in the same statement), $<prefix>statuses and $<prefix>asOf. With
 * `alsoType` (a fixed word, never a request value), relationships of that type pass too: they
 * carry no status and no dates, so only the status test needs the alternative. Kept out of the
 * date test on purpose: a disjunction around the whole predicate stops Neo4j from caching the
 * properties it reads and costs the search about four times the database hits (benchmarks.md §8).
 */
export function linkPredicate(r: string, paramPrefix = '', alsoType?: 'SAME_AS'): string {
  const statuses = `$${paramPrefix}statuses`;
  const asOf = `$${paramPrefix}asOf`;
  const status = alsoType
    ? `(${r}.status IN ${statuses} OR ${r}:${alsoType})`
    : `${r}.status IN ${statuses}`;
  return `${status} AND (${asOf} IS NULL OR ((${r}.validFrom IS NULL OR ${r}.validFrom <= ${asOf}) AND (${r}.validTo IS NULL OR ${r}.validTo >= ${asOf})))`;
}

export function linkFilterParams(filter: LinkFilter): {
  statuses: LinkStatus[];
  asOf: string | null;
} {
  const asked = filter.statuses && filter.statuses.length > 0 ? filter.statuses : DEFAULT_STATUSES;
  return {
    statuses: LINK_STATUSES.filter((status) => asked.includes(status)),
    asOf: filter.asOf ?? null,
  };
}

/** The same rule in TypeScript, for `Link.validOn` and for tests. */
export function isValidOn(
  link: { validFrom: string | null; validTo: string | null },
  day: string,
): boolean {
  return (
    (link.validFrom === null || link.validFrom <= day) &&
    (link.validTo === null || link.validTo >= day)
  );
}
