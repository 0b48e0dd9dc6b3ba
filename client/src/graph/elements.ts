/**
 * Maps the canvas state (entities, links, hubs) to Cytoscape element definitions. Pure: the
 * same store always gives the same elements, so the canvas can be re-synced at any time.
 */
import type { ElementDefinition } from 'cytoscape';
import type { EntitySummary, LinkRecord, PathRecord } from '../api/types';
import type { GraphStore, MoreInfo } from '../state/graph-store';
import { describeTimeScope } from './dates';
import { EDGE_LABEL_GAP } from './edge-label';
import { linkTypeLabel } from './kind-style';

/** Labels longer than this are cut with an ellipsis on the canvas (the panel shows all). */
const MAX_LABEL_LENGTH = 48;

export const MORE_PREFIX = 'more:';
export const MORE_EDGE_PREFIX = 'more-edge:';

export function nodeLabel(name: string): string {
  return name.length > MAX_LABEL_LENGTH
    ? `${name.slice(0, MAX_LABEL_LENGTH - 1).trimEnd()}…`
    : name;
}

/** "listed on · since 2021-01-14", "received · 2019", "denied: affiliated with". */
export function edgeLabel(link: LinkRecord): string {
  const when = describeTimeScope(link);
  const type = linkTypeLabel(link.type);
  const status = link.status === 'ASSERTED' ? '' : `${link.status.toLowerCase()}: `;
  return when ? `${status}${type} · ${when}` : `${status}${type}`;
}

export function entityNode(entity: EntitySummary, more?: MoreInfo): ElementDefinition {
  return {
    group: 'nodes',
    data: {
      id: entity.id,
      label: nodeLabel(entity.name),
      name: entity.name,
      kind: entity.kind,
      degree: entity.degree,
      more: more?.omitted ?? 0,
    },
  };
}

export function linkEdge(link: LinkRecord): ElementDefinition {
  return {
    group: 'edges',
    data: {
      id: link.id,
      source: link.from,
      target: link.to,
      type: link.type,
      status: link.status,
      label: edgeLabel(link),
      // Where the label sits beside the line; the canvas sets it from the ends' positions.
      labelDx: 0,
      labelDy: -EDGE_LABEL_GAP,
    },
  };
}

/** The "+N more" badge of a hub: a small node joined to it by a dashed line. */
export function moreElements(hubId: string, more: MoreInfo): ElementDefinition[] {
  const filtered = more.linkTypes?.length
    ? ` (${more.linkTypes.map(linkTypeLabel).join(', ')})`
    : '';
  const label = `+${more.omitted} more${filtered}`;
  return [
    {
      group: 'nodes',
      // Width from the label length: Cytoscape's `width: label` is deprecated.
      data: { id: `${MORE_PREFIX}${hubId}`, hub: hubId, label, width: 14 + label.length * 6 },
      classes: 'more',
    },
    {
      group: 'edges',
      data: { id: `${MORE_EDGE_PREFIX}${hubId}`, source: hubId, target: `${MORE_PREFIX}${hubId}` },
      classes: 'more-edge',
    },
  ];
}

export function isMoreElementId(id: string): boolean {
  return id.startsWith(MORE_PREFIX) || id.startsWith(MORE_EDGE_PREFIX);
}

export function storeToElements(store: GraphStore): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const entity of store.entities.values()) {
    elements.push(entityNode(entity, store.more.get(entity.id)));
  }
  for (const link of store.links.values()) {
    if (store.entities.has(link.from) && store.entities.has(link.to)) elements.push(linkEdge(link));
  }
  for (const [hubId, more] of store.more) {
    if (store.entities.has(hubId) && more.omitted > 0) elements.push(...moreElements(hubId, more));
  }
  return elements;
}

/** Element ids (entities and links) of one path, or of all paths, for highlighting. */
export function pathElementIds(paths: readonly PathRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const path of paths) {
    for (const id of path.entityIds) ids.add(id);
    for (const id of path.linkIds) ids.add(id);
  }
  return ids;
}

export interface ElementDiff {
  add: ElementDefinition[];
  remove: string[];
  /** Elements present on both sides whose data may have changed. */
  update: ElementDefinition[];
}

/** What to add to and remove from the canvas so it shows `desired`. */
export function diffElements(
  currentIds: ReadonlySet<string>,
  desired: readonly ElementDefinition[],
): ElementDiff {
  const desiredIds = new Set<string>();
  const add: ElementDefinition[] = [];
  const update: ElementDefinition[] = [];
  for (const element of desired) {
    const id = String(element.data.id);
    desiredIds.add(id);
    (currentIds.has(id) ? update : add).push(element);
  }
  const remove = [...currentIds].filter((id) => !desiredIds.has(id));
  return { add, remove, update };
}
