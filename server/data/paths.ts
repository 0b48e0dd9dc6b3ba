/**
 * Relationship paths between two entities, in one Cypher round trip. Uses Neo4j 5's path
 * selectors (ALL SHORTEST / SHORTEST k) over a quantified path pattern, so with both ends bound
 * the planner runs a bidirectional search, and every filter is applied during the search.
 */

import type { EntityRecord, LinkRecord, PathRecord, SourceRecord } from '../model/types';
import type { EntityKind, LinkType } from '../model/vocabulary';
import { kindLabels, relationshipTypeExpression } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type LinkFilter, linkFilterParams, linkPredicate } from './link-filter';
import { DIRECTION_PATTERNS, type Direction } from './links';
import {
  citedSourcesSubquery,
  entityProjection,
  linkProjection,
  toEntity,
  toLink,
  toSource,
} from './projections';

export type PathMode = 'SHORTEST' | 'ALL_SHORTEST' | 'ALL';

export interface PathQuery extends LinkFilter {
  from: string;
  to: string;
  /** A validated integer within LIMITS.maxHops: it is written into the pattern's quantifier. */
  maxHops: number;
  linkTypes?: readonly LinkType[] | null;
  /** Kinds allowed for the entities between the ends (labels from the allowlist). */
  kinds?: readonly EntityKind[] | null;
  avoid?: readonly string[] | null;
  mode: PathMode;
  direction: Direction;
  /** A validated integer within LIMITS.pathLimit. */
  limit: number;
}

export interface PathsResult {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRecord[];
  hasMore: boolean;
  entities: EntityRecord[];
  links: LinkRecord[];
  sources: SourceRecord[];
}

/** `y = b OR y:Person OR y:Company`: the end may be of any kind, the steps between may not. */
function kindPredicate(kinds: readonly EntityKind[] | null | undefined): string {
  const labels = kindLabels(kinds);
  if (labels.length === 0) return 'true';
  return `(y = b OR ${labels.map((kind) => `y:${kind}`).join(' OR ')})`;
}

/** The MATCH clause: selector, pattern and the simple-path rule. Exported for the benchmarks. */
export function pathPattern(query: PathQuery): string {
  const step = DIRECTION_PATTERNS[query.direction](
    relationshipTypeExpression(query.linkTypes ?? []),
    linkPredicate('r'),
  );
  const node = `(y:Entity WHERE NOT y.id IN $avoid AND ${kindPredicate(query.kinds)})`;
  const quantified = `(a)((x)${step}${node}){1,${Math.trunc(query.maxHops)}}(b)`;
  // Shortest paths are simple already; SHORTEST k over trails needs the no-repeat rule, which
  // is part of the pattern's WHERE and so applies before the k are chosen.
  const selector =
    query.mode === 'ALL_SHORTEST'
      ? 'ALL SHORTEST'
      : `SHORTEST ${query.mode === 'SHORTEST' ? 1 : Math.trunc(query.limit) + 1}`;
  const simple =
    query.mode === 'ALL'
      ? 'WHERE all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])'
      : '';
  return `MATCH p = ${selector} ${quantified} ${simple}`;
}

export function pathsCypher(query: PathQuery): string {
  return `OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  ${pathPattern(query)}
  WITH p ORDER BY length(p) LIMIT toInteger($limit) + 1
  RETURN collect(p) AS found
}
WITH a, b, found, reduce(rs = [], p IN found | rs + relationships(p)) AS allRels
${citedSourcesSubquery('allRels')}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       [p IN found | {entityIds: [n IN nodes(p) | n.id], linkIds: [r IN relationships(p) | r.id]}] AS paths,
       [n IN reduce(ns = [], p IN found | ns + nodes(p)) | ${entityProjection('n')}] AS entities,
       [r IN allRels | ${linkProjection('r')}] AS links,
       sources`;
}

export function pathParams(query: PathQuery) {
  return {
    from: query.from,
    to: query.to,
    avoid: [...(query.avoid ?? [])],
    limit: query.limit,
    ...linkFilterParams(query),
  };
}

export async function findPaths(db: Database, query: PathQuery): Promise<PathsResult> {
  const [row] = await db.read<{
    fromFound: boolean;
    toFound: boolean;
    paths: PathRecord[];
    entities: Record<string, unknown>[];
    links: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }>(pathsCypher(query), pathParams(query));
  if (!row) throw new Error('The paths query returned no row.');
  return {
    fromFound: row.fromFound,
    toFound: row.toFound,
    paths: row.paths.slice(0, query.limit),
    hasMore: row.paths.length > query.limit,
    entities: dedupe(row.entities.map(toEntity)),
    links: dedupe(row.links.map(toLink)),
    sources: row.sources.map(toSource),
  };
}

export function dedupe<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
