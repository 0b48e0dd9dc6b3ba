/**
 * How a path search of the view becomes the API's `paths` arguments — written once, for the
 * search itself and for the probes after an empty answer. Pure; the caller sends it.
 */
import { LIMITS } from '../../../server/model/limits';
import type { LinkStatus, LinkType, PathMode } from '../api/types';
import type { PathQuery } from './view';

export interface PathsArguments {
  from: string;
  to: string;
  maxHops: number;
  linkTypes: LinkType[];
  statuses: LinkStatus[] | null;
  asOf: string | null;
  mode: PathMode;
  limit: number | undefined;
}

export interface PathRequest {
  args: PathsArguments;
  /** A date range: the answer is to be filtered to paths valid during it (the API takes a day). */
  range: { from: string; to: string } | null;
  /** With a range, keep only the shortest of the paths that remain. */
  shortestOnly: boolean;
}

/**
 * The request for `query`; `probe` overrides parts of it and asks only whether a path exists
 * (the single shortest one).
 */
export function pathRequest(query: PathQuery, probe?: Partial<PathQuery>): PathRequest {
  const q = { ...query, ...probe };
  const range = q.asOf && q.asOfTo ? { from: q.asOf, to: q.asOfTo } : null;
  return {
    args: {
      from: q.from.id,
      to: q.to.id,
      maxHops: q.maxHops,
      linkTypes: q.linkTypes,
      statuses: q.assertedOnly ? ['ASSERTED'] : null,
      // The API takes one day; for a range every simple path is asked for and filtered.
      asOf: range ? null : q.asOf,
      mode: range ? 'ALL' : probe ? 'SHORTEST' : q.mode,
      limit: range ? LIMITS.pathLimit.max : probe ? 1 : undefined,
    },
    range,
    shortestOnly: Boolean(probe) || q.mode !== 'ALL',
  };
}
