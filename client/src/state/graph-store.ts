/**
 * What is on the canvas, independent of Cytoscape: entities, links and, for hubs, how many
 * neighbours the last expansion left out. Every addition returns a change record so an
 * expansion can be undone exactly.
 */
import type { EntitySummary, LinkRecord, LinkType, Truncation } from '../api/types';

export interface MoreInfo {
  /** Neighbours the API left out at the last expansion. */
  omitted: number;
  /** The link types that expansion asked for; null for all. */
  linkTypes: LinkType[] | null;
  /** The per-entity limit used, so "load more" can ask for a larger one. */
  limit: number;
}

export interface GraphStore {
  entities: Map<string, EntitySummary>;
  links: Map<string, LinkRecord>;
  more: Map<string, MoreInfo>;
}

export interface StoreChange {
  label: string;
  entityIds: string[];
  linkIds: string[];
  /** Hub information as it was before the change (undefined: none). */
  moreBefore: [string, MoreInfo | undefined][];
}

export function createStore(): GraphStore {
  return { entities: new Map(), links: new Map(), more: new Map() };
}

export interface Addition {
  entities: readonly EntitySummary[];
  links: readonly LinkRecord[];
  /** Hubs whose neighbours were cut, with the request that cut them. */
  truncated?: readonly Truncation[];
  /** Entities that were expanded by this request (their "+N more" is replaced). */
  expanded?: readonly string[];
  expansion?: { linkTypes: LinkType[] | null; limit: number };
}

/**
 * Adds entities and the links whose both ends are on the canvas; updates entity data that
 * changed. Returns what was new, for undo.
 */
export function addToStore(store: GraphStore, label: string, addition: Addition): StoreChange {
  const change: StoreChange = { label, entityIds: [], linkIds: [], moreBefore: [] };
  for (const entity of addition.entities) {
    if (!store.entities.has(entity.id)) change.entityIds.push(entity.id);
    store.entities.set(entity.id, entity);
  }
  for (const link of addition.links) {
    if (!store.entities.has(link.from) || !store.entities.has(link.to)) continue;
    if (!store.links.has(link.id)) change.linkIds.push(link.id);
    store.links.set(link.id, link);
  }
  const touched = new Set([
    ...(addition.expanded ?? []),
    ...(addition.truncated ?? []).map((t) => t.entityId),
  ]);
  for (const id of touched) {
    change.moreBefore.push([id, store.more.get(id)]);
    const cut = addition.truncated?.find((t) => t.entityId === id);
    if (cut && cut.omitted > 0 && store.entities.has(id)) {
      store.more.set(id, {
        omitted: cut.omitted,
        linkTypes: addition.expansion?.linkTypes ?? null,
        limit: addition.expansion?.limit ?? 0,
      });
    } else {
      store.more.delete(id);
    }
  }
  return change;
}

/** Undoes a change: removes what it added (and links touching removed entities). */
export function revertChange(store: GraphStore, change: StoreChange): void {
  for (const id of change.linkIds) store.links.delete(id);
  const removed = new Set(change.entityIds);
  for (const id of removed) {
    store.entities.delete(id);
    store.more.delete(id);
  }
  for (const [id, link] of store.links) {
    if (removed.has(link.from) || removed.has(link.to)) store.links.delete(id);
  }
  for (const [id, before] of [...change.moreBefore].reverse()) {
    if (removed.has(id)) continue;
    if (before) store.more.set(id, before);
    else store.more.delete(id);
  }
}

/** The change history; only the last expansion can be undone at a time (a stack). */
export class UndoStack {
  private readonly changes: StoreChange[] = [];
  constructor(private readonly capacity = 50) {}

  push(change: StoreChange): void {
    if (change.entityIds.length === 0 && change.linkIds.length === 0 && !change.moreBefore.length)
      return;
    this.changes.push(change);
    if (this.changes.length > this.capacity) this.changes.shift();
  }

  pop(): StoreChange | undefined {
    return this.changes.pop();
  }

  peek(): StoreChange | undefined {
    return this.changes.at(-1);
  }

  clear(): void {
    this.changes.length = 0;
  }

  get size(): number {
    return this.changes.length;
  }
}
