/**
 * An independent reference for path answers: plain breadth-first and depth-first search in
 * TypeScript over links loaded into memory. Shares no code with the server's Cypher.
 */

export interface RefLink {
  id: string;
  type: string;
  from: string;
  to: string;
  status: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface RefEntity {
  id: string;
  kind: string;
}

export interface RefQuery {
  from: string;
  to: string;
  maxHops: number;
  linkTypes?: string[];
  kinds?: string[];
  statuses?: string[];
  asOf?: string;
  avoid?: string[];
  direction?: 'OUTGOING' | 'INCOMING' | 'BOTH';
  /** Entities between the ends may have at most this many links (`degrees` must be given). */
  avoidHubsOver?: number;
  /** Links per entity, every type and status counted: see `degreesOf`. */
  degrees?: ReadonlyMap<string, number>;
}

/** The type of the reference's crossings (see joinedShortestSteps). */
const CROSSING = 'SAME_AS';

interface Step {
  link: RefLink;
  next: string;
}

function usable(link: RefLink, q: RefQuery): boolean {
  const statuses = q.statuses ?? ['asserted', 'disputed', 'denied'];
  if (!statuses.includes(link.status)) return false;
  if (q.linkTypes && !q.linkTypes.includes(link.type)) return false;
  if (q.asOf) {
    if (link.validFrom !== null && link.validFrom > q.asOf) return false;
    if (link.validTo !== null && link.validTo < q.asOf) return false;
  }
  return true;
}

function adjacency(
  links: readonly RefLink[],
  entities: ReadonlyMap<string, RefEntity>,
  q: RefQuery,
) {
  const steps = new Map<string, Step[]>();
  const add = (at: string, step: Step) => {
    if (!steps.has(at)) steps.set(at, []);
    steps.get(at)?.push(step);
  };
  const enterable = (id: string) =>
    id === q.to ||
    (!(q.avoid ?? []).includes(id) &&
      (!q.kinds || q.kinds.includes(entities.get(id)?.kind ?? '')) &&
      (q.avoidHubsOver === undefined || (q.degrees?.get(id) ?? 0) <= q.avoidHubsOver));
  for (const link of links) {
    if (link.type === CROSSING) {
      // A crossing between two records of one identity: every filter lets it through, both ways.
      if (enterable(link.to)) add(link.from, { link, next: link.to });
      if (enterable(link.from)) add(link.to, { link, next: link.from });
      continue;
    }
    if (!usable(link, q)) continue;
    const direction = q.direction ?? 'BOTH';
    if (direction !== 'INCOMING' && enterable(link.to)) add(link.from, { link, next: link.to });
    if (direction !== 'OUTGOING' && enterable(link.from)) add(link.to, { link, next: link.from });
  }
  return steps;
}

/** Every simple path from q.from to q.to of at most maxHops links, as lists of link ids. */
export function allSimplePaths(
  links: readonly RefLink[],
  entities: ReadonlyMap<string, RefEntity>,
  q: RefQuery,
): string[][] {
  const steps = adjacency(links, entities, q);
  const found: string[][] = [];
  const onPath = new Set([q.from]);
  const trail: string[] = [];
  const walk = (at: string) => {
    if (at === q.to) {
      found.push([...trail]);
      return;
    }
    if (trail.length === q.maxHops) return;
    for (const { link, next } of steps.get(at) ?? []) {
      if (onPath.has(next)) continue;
      onPath.add(next);
      trail.push(link.id);
      walk(next);
      trail.pop();
      onPath.delete(next);
    }
  };
  walk(q.from);
  return found;
}

/** Length of the shortest path (BFS), or null when none is within maxHops. */
export function shortestLength(
  links: readonly RefLink[],
  entities: ReadonlyMap<string, RefEntity>,
  q: RefQuery,
): number | null {
  const steps = adjacency(links, entities, q);
  const distance = new Map([[q.from, 0]]);
  let frontier = [q.from];
  for (let hops = 1; hops <= q.maxHops && frontier.length > 0; hops++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const step of steps.get(at) ?? []) {
        if (distance.has(step.next)) continue;
        if (step.next === q.to) return hops;
        distance.set(step.next, hops);
        next.push(step.next);
      }
    }
    frontier = next;
  }
  return null;
}

/** Links per entity over every link given, whatever its type, status or direction. */
export function degreesOf(links: readonly RefLink[]): Map<string, number> {
  const degrees = new Map<string, number>();
  for (const link of links) {
    degrees.set(link.from, (degrees.get(link.from) ?? 0) + 1);
    degrees.set(link.to, (degrees.get(link.to) ?? 0) + 1);
  }
  return degrees;
}

/** The entities a path of link ids visits, from `from` on. */
export function pathEntities(
  linkIds: readonly string[],
  from: string,
  links: ReadonlyMap<string, RefLink>,
): string[] {
  const visited = [from];
  for (const id of linkIds) {
    const link = links.get(id);
    const at = visited.at(-1);
    if (!link || (link.from !== at && link.to !== at)) throw new Error(`Broken path at ${id}`);
    visited.push(link.from === at ? link.to : link.from);
  }
  return visited;
}

/** Hub cost as docs/api.md defines it: sum of ln(1 + degree) over the entities between the ends. */
export function hubCost(
  entityIds: readonly string[],
  degrees: ReadonlyMap<string, number>,
): number {
  return entityIds.slice(1, -1).reduce((sum, id) => sum + Math.log(1 + (degrees.get(id) ?? 0)), 0);
}

/** The crossings of the joined view: one between every two records of each identity. */
function crossingsOf(groups: readonly (readonly string[])[]): RefLink[] {
  return groups.flatMap((g) =>
    g.flatMap((x, i) =>
      g.slice(i + 1).map((y) => ({
        id: `crossing:${x}:${y}`,
        type: CROSSING,
        from: x,
        to: y,
        status: 'asserted',
        validFrom: null,
        validTo: null,
      })),
    ),
  );
}

/**
 * Runs `search` for every pair of an end's records over links plus crossings: the ends stand
 * for all records of their identities; a path never runs through another record of either
 * end's identity; avoiding a record avoids its whole identity.
 */
function overEndRecords<T>(
  links: readonly RefLink[],
  groups: readonly (readonly string[])[],
  q: RefQuery,
  search: (all: readonly RefLink[], q: RefQuery) => T,
): T[] {
  const groupOf = new Map(groups.flatMap((g) => g.map((id) => [id, g] as const)));
  const recordsOf = (id: string) => groupOf.get(id) ?? [id];
  const all = [...links, ...crossingsOf(groups)];
  const starts = recordsOf(q.from);
  const ends = recordsOf(q.to);
  const avoided = (q.avoid ?? []).flatMap(recordsOf);
  return starts.flatMap((from) =>
    ends.map((to) => {
      const others = [...starts, ...ends].filter((id) => id !== from && id !== to);
      return search(all, { ...q, from, to, avoid: [...avoided, ...others] });
    }),
  );
}

/**
 * The joined view's shortest path in steps, where a step is a link or a crossing between two
 * records of one identity (`groups`: the records of each identity), or null when none is within
 * maxHops steps.
 */
export function joinedShortestSteps(
  links: readonly RefLink[],
  entities: ReadonlyMap<string, RefEntity>,
  groups: readonly (readonly string[])[],
  q: RefQuery,
): number | null {
  const found = overEndRecords(links, groups, q, (all, pair) =>
    shortestLength(all, entities, pair),
  );
  const lengths = found.filter((steps): steps is number => steps !== null);
  return lengths.length > 0 ? Math.min(...lengths) : null;
}

/**
 * Every simple path of the joined view within maxHops steps, as its link ids (crossings left
 * out, so one entry per path the view shows): each identity is entered once, and crossed at
 * most once there.
 */
export function joinedSimplePaths(
  links: readonly RefLink[],
  entities: ReadonlyMap<string, RefEntity>,
  groups: readonly (readonly string[])[],
  q: RefQuery,
): string[][] {
  const groupOf = new Map(groups.flatMap((g, i) => g.map((id) => [id, i] as const)));
  const byId = new Map([...links, ...crossingsOf(groups)].map((l) => [l.id, l]));
  const found = new Map<string, string[]>();
  for (const paths of overEndRecords(links, groups, q, (all, pair) =>
    allSimplePaths(all, entities, pair).map((ids) => ({ ids, from: pair.from })),
  )) {
    for (const { ids, from } of paths) {
      const nodes = pathEntities(ids, from, byId).map((id) => groupOf.get(id) ?? id);
      const runs = nodes.filter((node, i) => i === 0 || nodes[i - 1] !== node);
      const crossings = ids.map((id) => byId.get(id)?.type === CROSSING);
      if (new Set(runs).size !== runs.length) continue;
      if (crossings.some((c, i) => c && crossings[i + 1])) continue;
      const linkIds = ids.filter((_, i) => !crossings[i]);
      found.set(linkIds.join(' '), linkIds);
    }
  }
  return [...found.values()];
}

/**
 * The i-th query of a random sweep from `from` to `to`: maxHops 4–6 and, in turn, no filter, a
 * day, three link types, `avoid`, three kinds, or outgoing links of two statuses.
 */
export function sweepQuery(i: number, from: string, to: string, avoid: string[]): RefQuery {
  const q: RefQuery = { from, to, maxHops: 4 + (i % 3) };
  const variant = i % 6;
  if (variant === 1) q.asOf = `${2012 + (i % 8)}-06-30`;
  if (variant === 2) q.linkTypes = ['LEADS', 'OWNS', 'MEMBER_OF'];
  if (variant === 3) q.avoid = avoid.filter((a) => a !== from);
  if (variant === 4) q.kinds = ['Company', 'Organization', 'Person'];
  if (variant === 5) {
    q.direction = 'OUTGOING';
    q.statuses = ['asserted', 'retracted'];
  }
  return q;
}
