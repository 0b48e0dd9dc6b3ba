/** Reading entities: by id, page by page, and by full-text search. */

import { normalizeName } from '../model/normalize-name';
import type { EntityRecord } from '../model/types';
import type { EntityKind } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type NodeRow, nodeProjection, toNode } from './identity-view';
import { entityProjection, linkDegree, toEntity } from './projections';

export async function entitiesByIds(db: Database, ids: readonly string[]): Promise<EntityRecord[]> {
  const rows = await db.read<{ e: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN ${entityProjection('e')} AS e`,
    { ids },
  );
  return rows.map((row) => toEntity(row.e));
}

export interface EntityPage {
  entities: EntityRecord[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Entities ordered by id, after the cursor id; one query for the page and the total. */
export async function entityPage(
  db: Database,
  kind: EntityKind | null,
  first: number,
  afterId: string | null,
): Promise<EntityPage> {
  const rows = await db.read<{ page: Record<string, unknown>[]; total: number }>(
    `CALL () {
       MATCH (e:Entity) WHERE $kind IS NULL OR e.kind = $kind
       RETURN count(e) AS total
     }
     CALL () {
       MATCH (e:Entity) WHERE ($kind IS NULL OR e.kind = $kind) AND ($after IS NULL OR e.id > $after)
       WITH e ORDER BY e.id LIMIT toInteger($limit)
       RETURN collect(${entityProjection('e')}) AS page
     }
     RETURN page, total`,
    { kind, after: afterId, limit: first + 1 },
  );
  const page = rows[0]?.page ?? [];
  return {
    entities: page.slice(0, first).map(toEntity),
    hasNextPage: page.length > first,
    totalCount: rows[0]?.total ?? 0,
  };
}

// Lucene's reserved characters; user text never reaches the query parser unescaped.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

function escapeLucene(term: string): string {
  return term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Builds a Lucene query that ranks an exact phrase first, then all terms (exact, prefix or
 * fuzzy), then any term as a prefix. The analyzer folds case and accents for exact terms;
 * prefix and fuzzy terms skip the analyzer, so they are folded here the same way.
 */
export function luceneQuery(text: string): string | null {
  const terms = normalizeName(text).split(' ').filter(Boolean).slice(0, 12).map(escapeLucene);
  if (terms.length === 0) return null;
  const termClause = (t: string) =>
    t.length >= 4 ? `(${t}^3 OR ${t}* OR ${t}~1)` : `(${t}^3 OR ${t}*)`;
  const phrase = `"${terms.join(' ')}"^8`;
  const allTerms = `(${terms.map(termClause).join(' AND ')})^2`;
  const anyTerm = terms.map((t) => `${t}*`).join(' OR ');
  return `${phrase} OR ${allTerms} OR ${anyTerm}`;
}

/** Extra index hits read so that ties at the cut-off are broken by degree, not by chance. */
const TIE_CANDIDATES = 50;

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
}

/**
 * With `joinIdentities`, a hit on a record of an identity answers as the identity (its best
 * record's score), once; the index is asked for twice as many hits so that joins do not shorten
 * the answer.
 */
export async function searchEntities(
  db: Database,
  text: string,
  kinds: readonly EntityKind[] | null,
  first: number,
  joinIdentities = false,
): Promise<SearchHitRecord[]> {
  const query = luceneQuery(text);
  if (!query) return [];
  // Equal scores are common (one surname, many people): the better connected entity comes
  // first. The index cuts at its own limit before that order applies, so it is asked for
  // TIE_CANDIDATES more than needed; kind filtering happens after the index too.
  const asked = joinIdentities ? first * 2 : first;
  const rows = await db.read<{ e: Record<string, unknown>; score: number }>(
    `CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: toInteger($candidates)})
     YIELD node, score
     WHERE $kinds IS NULL OR node.kind IN $kinds
     WITH node, score, ${linkDegree('node')} AS degree
     ORDER BY score DESC, degree DESC, size(node.name) ASC LIMIT toInteger($first)
     RETURN ${joinIdentities ? nodeProjection('node') : entityProjection('node')} AS e, score`,
    { query, kinds, first: asked, candidates: (kinds ? asked * 10 : asked) + TIE_CANDIDATES },
  );
  if (!joinIdentities) return rows.map((row) => ({ entity: toEntity(row.e), score: row.score }));
  const hits = new Map<string, SearchHitRecord>();
  for (const row of rows) {
    const entity = toNode(row.e as unknown as NodeRow);
    if (!hits.has(entity.id)) hits.set(entity.id, { entity, score: row.score });
  }
  return [...hits.values()].slice(0, first);
}
