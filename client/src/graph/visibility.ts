/**
 * Filters: which canvas elements are hidden (by kind, link type, or by hand) and which links
 * fade because they were not valid on the as-of date.
 */
import type { EntityKind, LinkType } from '../api/types';
import type { GraphStore } from '../state/graph-store';
import { isValidOn } from './dates';
import { MORE_EDGE_PREFIX, MORE_PREFIX } from './elements';

export interface ViewFilters {
  hiddenKinds: ReadonlySet<EntityKind>;
  hiddenLinkTypes: ReadonlySet<LinkType>;
  /** Entities the user hid by hand. */
  hiddenEntityIds: ReadonlySet<string>;
  /** YYYY-MM-DD, or null for "any time". */
  asOf: string | null;
}

export function emptyFilters(): ViewFilters {
  return {
    hiddenKinds: new Set(),
    hiddenLinkTypes: new Set(),
    hiddenEntityIds: new Set(),
    asOf: null,
  };
}

export interface Visibility {
  /** Element ids (entities, links, "+N more" badges) not drawn. */
  hidden: Set<string>;
  /** Link ids drawn faded: not valid on the as-of date. */
  outOfDate: Set<string>;
}

export function computeVisibility(store: GraphStore, filters: ViewFilters): Visibility {
  const hidden = new Set<string>();
  const outOfDate = new Set<string>();
  for (const entity of store.entities.values()) {
    if (filters.hiddenKinds.has(entity.kind) || filters.hiddenEntityIds.has(entity.id)) {
      hidden.add(entity.id);
      hidden.add(`${MORE_PREFIX}${entity.id}`);
      hidden.add(`${MORE_EDGE_PREFIX}${entity.id}`);
    }
  }
  for (const link of store.links.values()) {
    if (filters.hiddenLinkTypes.has(link.type) || hidden.has(link.from) || hidden.has(link.to)) {
      hidden.add(link.id);
    } else if (filters.asOf && !isValidOn(link, filters.asOf)) {
      outOfDate.add(link.id);
    }
  }
  return { hidden, outOfDate };
}
