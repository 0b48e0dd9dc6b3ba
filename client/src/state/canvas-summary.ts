/**
 * The status line under the canvas and the counts the filter panel shows. Pure.
 */
import type { EntityKind, LinkType } from '../api/types';
import { counted } from './counted';
import type { GraphStore } from './graph-store';
import type { ViewModel } from './view';

/** E.g. "7 entities · 9 links · 2 entities and 1 link hidden by filters · as of 2021-06-01". */
export function canvasSummary(
  store: GraphStore,
  view: ViewModel,
  hidden: { entities: number; links: number },
): string {
  const { filters, path } = view;
  const hiddenParts = [
    hidden.entities ? counted(hidden.entities, 'entity', 'entities') : '',
    hidden.links ? counted(hidden.links, 'link', 'links') : '',
  ].filter(Boolean);
  const parts = [
    counted(store.entities.size, 'entity', 'entities'),
    counted(store.links.size, 'link', 'links'),
  ];
  if (hiddenParts.length) parts.push(`${hiddenParts.join(' and ')} hidden by filters`);
  if (filters.asOf)
    parts.push(filters.asOfTo ? `${filters.asOf} to ${filters.asOfTo}` : `as of ${filters.asOf}`);
  if (path)
    parts.push(
      `path ${path.step === null ? 'all' : `${path.step + 1}/${path.answer.paths.length}`} highlighted`,
    );
  return parts.join(' · ');
}

/** How many entities of each kind and links of each type are on the canvas. */
export function countOnCanvas(store: GraphStore): {
  kinds: Map<EntityKind, number>;
  linkTypes: Map<LinkType, number>;
} {
  const kinds = new Map<EntityKind, number>();
  for (const e of store.entities.values()) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const linkTypes = new Map<LinkType, number>();
  for (const l of store.links.values()) linkTypes.set(l.type, (linkTypes.get(l.type) ?? 0) + 1);
  return { kinds, linkTypes };
}
