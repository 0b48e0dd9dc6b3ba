/**
 * `--match-existing`: before an imported entity is created under its own id, look for an entity
 * of the same kind already in the graph whose name or alias normalises to the same key as the
 * row's name or one of its aliases. Exactly one candidate → the row is linked to it (and the
 * match reported); several → nothing is merged and the ambiguity is reported. An entity whose own
 * id already exists is never re-matched, so re-runs stay stable.
 */
import { normalizeName } from '../model/normalize-name';
import type { Database } from '../neo4j/database';
import type { EntityWrite } from './types';

export type MatchDecision =
  | { kind: 'own' }
  | { kind: 'matched'; matchedId: string; by: 'name' | 'alias' }
  | { kind: 'ambiguous'; candidates: string[] };

function keysOf(entity: EntityWrite): string[] {
  return [...new Set([entity.name, ...entity.aliases].map(normalizeName).filter(Boolean))];
}

/** A Lucene phrase per key; normalised keys hold only letters, digits and spaces. */
function phraseQuery(keys: readonly string[]): string {
  return keys.map((key) => `"${key}"`).join(' OR ');
}

export class ExistingMatcher {
  private readonly decisions = new Map<string, MatchDecision>();

  constructor(private readonly db: Database) {}

  /** Decides for every entity not decided yet; returns the decisions for these entities. */
  async decide(entities: readonly EntityWrite[]): Promise<Map<string, MatchDecision>> {
    const pending = new Map<string, EntityWrite>();
    for (const entity of entities) {
      if (this.decisions.has(entity.id) || pending.has(entity.id)) continue;
      // A name with no letters or digits has no key to match on.
      if (keysOf(entity).length === 0) this.decisions.set(entity.id, { kind: 'own' });
      else pending.set(entity.id, entity);
    }
    if (pending.size > 0) {
      const items = [...pending.values()].map((e) => ({
        id: e.id,
        kind: e.kind,
        keys: keysOf(e),
        query: phraseQuery(keysOf(e)),
      }));
      const rows = await this.db.read<{
        id: string;
        exists: boolean;
        byName: string[];
        aliasCandidates: { id: string; aliases: string[] }[];
      }>(
        `UNWIND $items AS item
         OPTIONAL MATCH (own:Entity {id: item.id})
         CALL (item) {
           OPTIONAL MATCH (e:Entity) WHERE e.nameKey IN item.keys AND e.kind = item.kind
           RETURN collect(DISTINCT e.id) AS byName
         }
         CALL (item) {
           CALL db.index.fulltext.queryNodes('entity_names', item.query, {limit: 20}) YIELD node
           WHERE node.kind = item.kind
           RETURN collect({id: node.id, aliases: coalesce(node.aliases, [])}) AS aliasCandidates
         }
         RETURN item.id AS id, own IS NOT NULL AS exists, byName, aliasCandidates`,
        { items },
      );
      for (const row of rows) {
        const keys = new Set(items.find((i) => i.id === row.id)?.keys ?? []);
        const byAlias = row.aliasCandidates
          .filter((c) => c.aliases.some((alias) => keys.has(normalizeName(alias))))
          .map((c) => c.id);
        const candidates = [...new Set([...row.byName, ...byAlias])].filter((id) => id !== row.id);
        let decision: MatchDecision;
        if (row.exists || candidates.length === 0) decision = { kind: 'own' };
        else if (candidates.length === 1) {
          const matchedId = candidates[0] as string;
          decision = {
            kind: 'matched',
            matchedId,
            by: row.byName.includes(matchedId) ? 'name' : 'alias',
          };
        } else decision = { kind: 'ambiguous', candidates: candidates.sort() };
        this.decisions.set(row.id, decision);
      }
    }
    const result = new Map<string, MatchDecision>();
    for (const entity of entities) {
      result.set(entity.id, this.decisions.get(entity.id) ?? { kind: 'own' });
    }
    return result;
  }
}
