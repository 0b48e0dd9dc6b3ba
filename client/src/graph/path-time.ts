/**
 * Paths over a date range. The API restricts paths to one day (`asOf`); for a range the client
 * asks for every simple path regardless of date and keeps those whose every link was valid at
 * some time in the range (each link on its own: not a time-ordered journey).
 */
import type { PathAnswer } from '../api/types';
import { isValidDuring } from './dates';

export function pathsDuring(
  answer: PathAnswer,
  from: string,
  to: string,
  shortestOnly: boolean,
): PathAnswer {
  const links = new Map(answer.links.map((l) => [l.id, l]));
  let paths = answer.paths.filter((path) =>
    path.linkIds.every((id) => {
      const link = links.get(id);
      return link !== undefined && isValidDuring(link, from, to);
    }),
  );
  if (shortestOnly && paths.length) {
    const shortest = Math.min(...paths.map((p) => p.linkIds.length));
    paths = paths.filter((p) => p.linkIds.length === shortest);
  }
  const entityIds = new Set(paths.flatMap((p) => p.entityIds));
  const linkIds = new Set(paths.flatMap((p) => p.linkIds));
  return {
    paths,
    hasMore: answer.hasMore,
    entities: answer.entities.filter((e) => entityIds.has(e.id)),
    links: answer.links.filter((l) => linkIds.has(l.id)),
  };
}
