/**
 * Request-scoped DataLoaders. Every query result primes them with the entities, links and
 * sources it already fetched, so nested `from`/`to`/`source` fields cost no further query, and
 * nested `links` of many entities cost one query per two nesting levels.
 */
import DataLoader from 'dataloader';
import { entitiesByIds } from '../data/entities';
import { type IdentityRecord, identitiesOfRecords, nodesByIds } from '../data/identities';
import { type EntityLinks, type LinksQuery, linksByIds, linksOfEntities } from '../data/links';
import { sourcesByIds } from '../data/sources';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';

export interface Loaders {
  /** Records by id, as stored. */
  entity: DataLoader<string, EntityRecord | null>;
  /** The joined view by a record's or an identity's id (identity-view.ts). */
  node: DataLoader<string, EntityRecord | null>;
  /** The identity a record is joined into, by the record's id; null when none. */
  identity: DataLoader<string, IdentityRecord | null>;
  link: DataLoader<string, LinkRecord | null>;
  /** Source summaries as queries return them (no text). */
  source: DataLoader<string, SourceRecord | null>;
  /** Full sources, text included. */
  sourceText: DataLoader<string, string | null>;
  /**
   * Links of entities by query. `nested`: the query of a `links` selection one level further
   * down, fetched in the same statement when the batch runs (see linksOfEntities).
   */
  linksOf(query: LinksQuery, nested?: LinksQuery | null): DataLoader<string, EntityLinks>;
  /** Remembers records a query already returned. */
  prime(found: { entities?: EntityRecord[]; links?: LinkRecord[]; sources?: SourceRecord[] }): void;
  /**
   * Entities and sources primed so far, for resolvers to answer without a promise: graphql-js
   * pays for every field that returns one, and a neighbourhood has hundreds of `from`/`to`.
   */
  primed: {
    entities: ReadonlyMap<string, EntityRecord>;
    sources: ReadonlyMap<string, SourceRecord>;
  };
}

interface LinksOfEntry {
  loader: DataLoader<string, EntityLinks>;
  /** The nested query to fetch with the next batch; null when callers asked for different ones. */
  nested: { key: string; query: LinksQuery } | null | undefined;
}

function linksQueryKey(query: LinksQuery): string {
  return JSON.stringify([
    query.types ?? null,
    query.direction,
    query.asOf ?? null,
    query.statuses ?? null,
    query.first,
  ]);
}

function byId<T extends { id: string }>(ids: readonly string[], records: readonly T[]) {
  const map = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/**
 * Every loader dispatches its batch once the event loop turns, not at the next tick: resolvers
 * that answer at once from primed records and those that wait for a promise reach the same
 * nested loader in different microtask waves, and each wave would otherwise be a query of its own.
 */
const AFTER_MICROTASKS = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

export function createLoaders(db: Database): Loaders {
  const entity = new DataLoader<string, EntityRecord | null>(
    async (ids) => byId(ids, await entitiesByIds(db, ids)),
    AFTER_MICROTASKS,
  );
  const node = new DataLoader<string, EntityRecord | null>(async (ids) => {
    const found = await nodesByIds(db, ids);
    // Their records are what link ends load next.
    prime({ entities: [...found.values()] });
    return ids.map((id) => found.get(id) ?? null);
  }, AFTER_MICROTASKS);
  const identity = new DataLoader<string, IdentityRecord | null>(async (ids) => {
    const found = await identitiesOfRecords(db, ids);
    return ids.map((id) => found.get(id) ?? null);
  }, AFTER_MICROTASKS);
  const source = new DataLoader<string, SourceRecord | null>(
    async (ids) => byId(ids, await sourcesByIds(db, ids)),
    AFTER_MICROTASKS,
  );
  const sourceText = new DataLoader<string, string | null>(
    async (ids) => byId(ids, await sourcesByIds(db, ids)).map((s) => s?.text ?? null),
    AFTER_MICROTASKS,
  );
  // Kept like DataLoader's own cache: the first record primed for an id stays.
  const primed = {
    entities: new Map<string, EntityRecord>(),
    sources: new Map<string, SourceRecord>(),
  };
  const prime: Loaders['prime'] = ({ entities = [], links = [], sources = [] }) => {
    // A joined view answers for its identity's id and its records' ids; the records themselves
    // are what link ends and `records` load.
    const records = entities.flatMap((e) => {
      if (!e.records) return [e];
      node.prime(e.id, e);
      for (const r of e.records) node.prime(r.id, e);
      return e.records;
    });
    for (const e of records) {
      entity.prime(e.id, e);
      if (!primed.entities.has(e.id)) primed.entities.set(e.id, e);
    }
    for (const l of links) link.prime(l.id, l);
    for (const s of sources) {
      source.prime(s.id, s);
      if (!primed.sources.has(s.id)) primed.sources.set(s.id, s);
    }
  };
  const link = new DataLoader<string, LinkRecord | null>(async (ids) => {
    const found = await linksByIds(db, ids);
    prime({
      entities: found.flatMap((f) => f.ends),
      sources: found.flatMap((f) => f.sources),
    });
    return byId(
      ids,
      found.map((f) => f.link),
    );
  }, AFTER_MICROTASKS);
  // One loader per distinct query. A resolver that can see a nested `links` selection below it
  // leaves that query as a wish on its loader; the next batch then fetches both levels in one
  // statement and primes the nested query's loader, so the inner resolvers find their answers.
  const linkLoaders = new Map<string, LinksOfEntry>();
  const linksOf: Loaders['linksOf'] = (query, nested) => {
    const entry = linksOfEntry(query);
    if (nested) {
      const wish = linksQueryKey(nested);
      if (entry.nested === undefined) entry.nested = { key: wish, query: nested };
      else if (entry.nested !== null && entry.nested.key !== wish) entry.nested = null;
    }
    return entry.loader;
  };
  const linksOfEntry = (query: LinksQuery): LinksOfEntry => {
    const key = linksQueryKey(query);
    const existing = linkLoaders.get(key);
    if (existing) return existing;
    const entry: LinksOfEntry = {
      loader: new DataLoader<string, EntityLinks>(async (ids) => {
        const nested = entry.nested?.query;
        entry.nested = undefined;
        const batch = await linksOfEntities(db, ids, query, nested);
        const all = [...batch.byEntity.values(), ...batch.nested.values()];
        prime({
          entities: all.flatMap((x) => x.others),
          links: all.flatMap((x) => x.links),
          sources: batch.sources,
        });
        if (nested) {
          const inner = linksOfEntry(nested).loader;
          for (const [id, found] of batch.nested) inner.prime(id, found);
        }
        return ids.map((id) => batch.byEntity.get(id) ?? { links: [], others: [] });
      }, AFTER_MICROTASKS),
      nested: undefined,
    };
    linkLoaders.set(key, entry);
    return entry;
  };
  return { entity, node, identity, link, source, sourceText, linksOf, prime, primed };
}
