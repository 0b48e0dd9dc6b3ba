/**
 * Filters: which canvas elements are hidden (by kind, link type, or by hand) and which links
 * fade because they were not valid on the as-of date.
 */
import type { EntityKind, LinkType } from '../api/types';
import type { GraphStore } from '../state/graph-store';
import { isValidDuring, isValidOn, type TimeScope } from './dates';
import { MORE_EDGE_PREFIX, MORE_PREFIX } from './elements';

export interface ViewFilters {
  hiddenKinds: ReadonlySet<EntityKind>;
  hiddenLinkTypes: ReadonlySet<LinkType>;
  /** Entities the user hid by hand. */
  hiddenEntityIds: ReadonlySet<string>;
  /** YYYY-MM-DD, or null for "any time". */
  asOf: string | null;
  /** With `asOf`, the end of a date range: links valid at some day in it are not faded. */
  asOfTo?: string | null;
}

function validInTime(link: TimeScope, asOf: string, asOfTo: string | null): boolean {
  return asOfTo ? isValidDuring(link, asOf, asOfTo) : isValidOn(link, asOf);
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
  /** How many entities and links of the store the filters hide (badges not counted). */
  hiddenEntities: number;
  hiddenLinks: number;
  /** Ids in `keep` that the filters would have hidden. */
  keptDespiteFilters: Set<string>;
}

/**
 * `keep` (the highlighted path) is always drawn: hiding one of its links or entities would
 * leave the path visibly broken while the path finder still lists the step.
 */
export function computeVisibility(
  store: GraphStore,
  filters: ViewFilters,
  keep: ReadonlySet<string> = new Set(),
): Visibility {
  const hidden = new Set<string>();
  const outOfDate = new Set<string>();
  const kept = new Set<string>();
  const filtered = new Set<string>();
  let hiddenEntities = 0;
  let hiddenLinks = 0;
  for (const entity of store.entities.values()) {
    if (filters.hiddenKinds.has(entity.kind) || filters.hiddenEntityIds.has(entity.id)) {
      hidden.add(`${MORE_PREFIX}${entity.id}`);
      hidden.add(`${MORE_EDGE_PREFIX}${entity.id}`);
      filtered.add(entity.id);
      if (keep.has(entity.id)) kept.add(entity.id);
      else {
        hidden.add(entity.id);
        hiddenEntities++;
      }
    }
  }
  for (const link of store.links.values()) {
    if (
      filters.hiddenLinkTypes.has(link.type) ||
      filtered.has(link.from) ||
      filtered.has(link.to)
    ) {
      if (keep.has(link.id)) kept.add(link.id);
      else {
        hidden.add(link.id);
        hiddenLinks++;
        continue;
      }
    }
    if (filters.asOf && !validInTime(link, filters.asOf, filters.asOfTo ?? null))
      outOfDate.add(link.id);
  }
  return { hidden, outOfDate, hiddenEntities, hiddenLinks, keptDespiteFilters: kept };
}
