/**
 * `mode: ALL` asks for simple paths (no entity twice). The selector SHORTEST k must count only
 * simple paths: when the rule filtered after the k were chosen, trails that revisit an entity
 * over a second link between the same two entities took places among the k, and a simple path
 * was lost (fewer paths than exist, `hasMore` false).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { deleteGraph, writeRandomGraph } from '../support/generated-graph';
import { dataOf, graphqlClient } from '../support/graphql';
import type { RefEntity, RefLink } from '../support/reference-paths';

const P = 'all-simple:';
let db: Database;
let execute: ReturnType<typeof graphqlClient>;

const link = (id: string, from: string, to: string): RefLink => ({
  id: `${P}${id}`,
  type: 'AFFILIATED_WITH',
  from: `${P}${from}`,
  to: `${P}${to}`,
  status: 'asserted',
  validFrom: null,
  validTo: null,
});

beforeAll(async () => {
  db = connectTestDatabase();
  execute = graphqlClient(db);
  await deleteGraph(db, P);
  // a - x - d is the shortest; a - p - q - r - s - d is the only other simple path within 5
  // hops. Each of y1..y4 has two links with x, so a - x - yi - x - d are eight 4-link trails
  // through x twice: shorter than the second simple path, they come first among the k.
  const names = ['a', 'x', 'd', 'p', 'q', 'r', 's', 'y1', 'y2', 'y3', 'y4'];
  const entities: RefEntity[] = names.map((n) => ({ id: `${P}${n}`, kind: 'Company' }));
  const links = [
    link('ax', 'a', 'x'),
    link('xd', 'x', 'd'),
    link('ap', 'a', 'p'),
    link('pq', 'p', 'q'),
    link('qr', 'q', 'r'),
    link('rs', 'r', 's'),
    link('sd', 's', 'd'),
    ...['y1', 'y2', 'y3', 'y4'].flatMap((y) => [link(`x${y}`, 'x', y), link(`${y}x`, y, 'x')]),
  ];
  await writeRandomGraph(db, entities, links);
}, 120_000);

afterAll(async () => {
  await deleteGraph(db, P);
  await db.close();
});

const PATHS = `query($from: ID!, $to: ID!, $limit: Int, $joinIdentities: Boolean) {
  paths(from: $from, to: $to, maxHops: 5, mode: ALL, limit: $limit, joinIdentities: $joinIdentities) {
    hasMore paths { entities { id } }
  }
}`;

type Answer = { paths: { hasMore: boolean; paths: { entities: { id: string }[] }[] } };

describe.each([false, true])('paths mode ALL (joinIdentities %s)', (joinIdentities) => {
  it('returns every simple path up to the limit, not trails through an entity twice', async () => {
    const answer = dataOf(
      await execute<Answer>(PATHS, { from: `${P}a`, to: `${P}d`, limit: 2, joinIdentities }),
    ).paths;
    const routes = answer.paths.map((p) => p.entities.map((e) => e.id.slice(P.length)).join('-'));
    expect(routes).toEqual(['a-x-d', 'a-p-q-r-s-d']);
    expect(answer.hasMore).toBe(false);
  });

  it('says there is more when the limit cuts simple paths off', async () => {
    const answer = dataOf(
      await execute<Answer>(PATHS, { from: `${P}a`, to: `${P}d`, limit: 1, joinIdentities }),
    ).paths;
    expect(answer.paths.map((p) => p.entities.length)).toEqual([3]);
    expect(answer.hasMore).toBe(true);
  });
});
