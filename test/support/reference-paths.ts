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
}

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
    (!(q.avoid ?? []).includes(id) && (!q.kinds || q.kinds.includes(entities.get(id)?.kind ?? '')));
  for (const link of links) {
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
