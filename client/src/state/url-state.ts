/**
 * The view in the address bar, so a link can be shared and reopened: the entities on the
 * canvas, the selection, the as-of date, filters, layout and the path being shown. Decoding
 * never throws: values it cannot use are dropped and reported.
 */

import { LIMITS } from '../../../server/model/limits';
import {
  ENTITY_KINDS,
  type EntityKind,
  isEntityKind,
  isLinkType,
  LINK_TYPES,
  type LinkType,
} from '../api/types';
import { isFullDate } from '../graph/dates';

export const LAYOUT_NAMES = ['fcose', 'concentric', 'breadthfirst'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** The server's range and default for `maxHops`, so the path finder offers what it accepts. */
export const MAX_HOPS = LIMITS.maxHops;

export interface PathState {
  from: string;
  to: string;
  maxHops: number;
  linkTypes: LinkType[];
  asOf: string | null;
  /** Index of the path shown alone; null shows all paths at once. */
  step: number | null;
}

export interface ViewState {
  entityIds: string[];
  selected: { type: 'entity' | 'link'; id: string } | null;
  asOf: string | null;
  hiddenKinds: EntityKind[];
  hiddenLinkTypes: LinkType[];
  hiddenEntityIds: string[];
  layout: LayoutName;
  path: PathState | null;
}

export function emptyViewState(): ViewState {
  return {
    entityIds: [],
    selected: null,
    asOf: null,
    hiddenKinds: [],
    hiddenLinkTypes: [],
    hiddenEntityIds: [],
    layout: 'fcose',
    path: null,
  };
}

/** The query string (without "?") for a view; empty for the empty view. */
export function encodeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  for (const id of state.entityIds) params.append('e', id);
  if (state.selected)
    params.set(state.selected.type === 'entity' ? 'node' : 'link', state.selected.id);
  if (state.asOf) params.set('asOf', state.asOf);
  // Keep the vocabulary order so equal views give equal URLs.
  const kinds = ENTITY_KINDS.filter((k) => state.hiddenKinds.includes(k));
  if (kinds.length) params.set('hideKinds', kinds.join(','));
  const types = LINK_TYPES.filter((t) => state.hiddenLinkTypes.includes(t));
  if (types.length) params.set('hideLinks', types.join(','));
  for (const id of state.hiddenEntityIds) params.append('hidden', id);
  if (state.layout !== 'fcose') params.set('layout', state.layout);
  if (state.path) {
    params.set('from', state.path.from);
    params.set('to', state.path.to);
    params.set('hops', String(state.path.maxHops));
    const via = LINK_TYPES.filter((t) => state.path?.linkTypes.includes(t));
    if (via.length) params.set('via', via.join(','));
    if (state.path.asOf) params.set('pathAsOf', state.path.asOf);
    if (state.path.step !== null) params.set('step', String(state.path.step + 1));
  }
  return params.toString();
}

export interface DecodedView {
  state: ViewState;
  /** What was dropped and why, e.g. 'asOf "2021-13-01" is not a YYYY-MM-DD date'. */
  problems: string[];
}

function splitList(value: string | null): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

export function decodeViewState(search: string): DecodedView {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const problems: string[] = [];
  const state = emptyViewState();
  state.entityIds = [...new Set(params.getAll('e').filter(Boolean))];

  const date = (name: string): string | null => {
    const value = params.get(name);
    if (value === null || value === '') return null;
    if (isFullDate(value)) return value;
    problems.push(`${name} "${value}" is not a YYYY-MM-DD date`);
    return null;
  };
  state.asOf = date('asOf');

  const node = params.get('node');
  const link = params.get('link');
  if (node) state.selected = { type: 'entity', id: node };
  else if (link) state.selected = { type: 'link', id: link };

  for (const kind of splitList(params.get('hideKinds'))) {
    if (isEntityKind(kind)) state.hiddenKinds.push(kind);
    else problems.push(`"${kind}" is not an entity kind`);
  }
  for (const type of splitList(params.get('hideLinks'))) {
    if (isLinkType(type)) state.hiddenLinkTypes.push(type);
    else problems.push(`"${type}" is not a link type`);
  }
  state.hiddenEntityIds = params.getAll('hidden').filter((id) => state.entityIds.includes(id));

  const layout = params.get('layout');
  if (layout) {
    if ((LAYOUT_NAMES as readonly string[]).includes(layout)) state.layout = layout as LayoutName;
    else problems.push(`layout "${layout}" is not one of ${LAYOUT_NAMES.join(', ')}`);
  }

  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    const hopsText = params.get('hops');
    let maxHops: number = MAX_HOPS.default;
    if (hopsText !== null) {
      const hops = Number(hopsText);
      if (Number.isInteger(hops) && hops >= MAX_HOPS.min && hops <= MAX_HOPS.max) maxHops = hops;
      else
        problems.push(
          `hops "${hopsText}" is not a whole number from ${MAX_HOPS.min} to ${MAX_HOPS.max}`,
        );
    }
    const linkTypes: LinkType[] = [];
    for (const type of splitList(params.get('via'))) {
      if (isLinkType(type)) linkTypes.push(type);
      else problems.push(`"${type}" is not a link type`);
    }
    const stepText = params.get('step');
    const step = stepText === null ? null : Number(stepText);
    const validStep = step !== null && Number.isInteger(step) && step >= 1;
    if (stepText !== null && !validStep) problems.push(`step "${stepText}" is not a path number`);
    state.path = {
      from,
      to,
      maxHops,
      linkTypes,
      asOf: date('pathAsOf'),
      step: validStep ? step - 1 : null,
    };
  } else if (from || to) {
    problems.push('a path needs both "from" and "to"');
  }
  return { state, problems };
}
