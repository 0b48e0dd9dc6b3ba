/**
 * Request-scoped DataLoaders. Every query result primes them with the entities, links and
 * sources it already fetched, so nested `from`/`to`/`source` fields cost no further query, and
 * nested `links` of many entities cost one query per nesting level.
 */
import DataLoader from 'dataloader';
import { entitiesByIds } from '../data/entities';
import { type EntityLinks, type LinksQuery, linksByIds, linksOfEntities } from '../data/links';
import { sourcesByIds } from '../data/sources';
import type { EntityRecord, LinkRecord, SourceRecord } from '../model/types';
import type { Database } from '../neo4j/database';

export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  link: DataLoader<string, LinkRecord | null>;
  /** Source summaries as queries return them (no text). */
  source: DataLoader<string, SourceRecord | null>;
  /** Full sources, text included. */
  sourceText: DataLoader<string, string | null>;
  linksOf(query: LinksQuery): DataLoader<string, EntityLinks>;
  /** Remembers records a query already returned. */
  prime(found: { entities?: EntityRecord[]; links?: LinkRecord[]; sources?: SourceRecord[] }): void;
}

function byId<T extends { id: string }>(ids: readonly string[], records: readonly T[]) {
  const map = new Map(records.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(db: Database): Loaders {
  const entity = new DataLoader<string, EntityRecord | null>(async (ids) =>
    byId(ids, await entitiesByIds(db, ids)),
  );
  const source = new DataLoader<string, SourceRecord | null>(async (ids) =>
    byId(ids, await sourcesByIds(db, ids)),
  );
  const sourceText = new DataLoader<string, string | null>(async (ids) =>
    byId(ids, await sourcesByIds(db, ids)).map((s) => s?.text ?? null),
  );
  const prime: Loaders['prime'] = ({ entities = [], links = [], sources = [] }) => {
    for (const e of entities) entity.prime(e.id, e);
    for (const l of links) link.prime(l.id, l);
    for (const s of sources) source.prime(s.id, s);
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
  });
  const linkLoaders = new Map<string, DataLoader<string, EntityLinks>>();
  const linksOf = (query: LinksQuery) => {
    const key = JSON.stringify([
      query.types ?? null,
      query.direction,
      query.asOf ?? null,
      query.statuses ?? null,
      query.first,
    ]);
    let loader = linkLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, EntityLinks>(async (ids) => {
        const batch = await linksOfEntities(db, ids, query);
        const all = [...batch.byEntity.values()];
        prime({
          entities: all.flatMap((x) => x.others),
          links: all.flatMap((x) => x.links),
          sources: batch.sources,
        });
        return ids.map((id) => batch.byEntity.get(id) ?? { links: [], others: [] });
      });
      linkLoaders.set(key, loader);
    }
    return loader;
  };
  return { entity, link, source, sourceText, linksOf, prime };
}
