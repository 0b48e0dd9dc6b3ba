/**
 * A saved investigation: what a researcher had on the canvas, checked on the way in so that what
 * is stored is always well-formed and within the caps. Every refusal is BAD_USER_INPUT naming
 * the field (e.g. `input.canvas.entities[3].x`) and what is allowed. Enum values arrive already
 * mapped onto the allowlist by the GraphQL layer; they are checked again here because the
 * stored JSON is read back without GraphQL's help.
 */

import { InvalidInputError } from './domain-errors';
import { checkId, checkText } from './input-checks';
import { LIMITS } from './limits';
import {
  ENTITY_KINDS,
  type EntityKind,
  LINK_STATUSES,
  LINK_TYPES,
  type LinkStatus,
  type LinkType,
} from './vocabulary';

export const INVESTIGATION_LIMITS = {
  title: 200,
  description: 4000,
  /** Entities on one canvas. */
  entities: 5000,
  /** Saved paths, each at most maxHops links long. */
  selectedPaths: 100,
  /** How far from the origin a position may be, in canvas pixels. */
  coordinate: 10_000_000,
  /** Zoom factor, as Cytoscape.js allows it. */
  zoom: { min: 1e-4, max: 1e4 },
  /** Markdown text of one note. */
  note: 20_000,
  /** Notes kept with one investigation. */
  notesPerInvestigation: 1000,
  /** Saved GraphQL queries in one investigation, and the size of each part. */
  queries: 50,
  queryName: 200,
  queryText: 20_000,
  queryVariables: 20_000,
} as const;

const LAYOUT_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export interface CanvasEntity {
  id: string;
  x: number;
  y: number;
  pinned: boolean;
  hidden: boolean;
}

export interface CanvasFilters {
  kinds: EntityKind[];
  linkTypes: LinkType[];
  statuses: LinkStatus[];
}

export interface DateRange {
  from: string | null;
  to: string | null;
}

export interface SavedPath {
  entityIds: string[];
  linkIds: string[];
}

export interface Layout {
  name: string;
  zoom: number | null;
  panX: number | null;
  panY: number | null;
}

/** A GraphQL query kept with the investigation, to run again later; `variables` is JSON text. */
export interface SavedQuery {
  name: string;
  query: string;
  variables: string;
}

/** How the API chooses paths (its PathMode enum). */
export const PATH_MODES = ['SHORTEST', 'ALL_SHORTEST', 'ALL'] as const;
export type PathMode = (typeof PATH_MODES)[number];

/**
 * The path finder's settings as the researcher left them, whether or not a search ran: the two
 * ends (either may be unset), the most links, the mode, the link types and statuses allowed
 * (empty: any). Its date is the canvas's own `asOf`/`asOfRange`.
 */
export interface PathFinder {
  from: string | null;
  to: string | null;
  maxHops: number;
  mode: PathMode;
  linkTypes: LinkType[];
  statuses: LinkStatus[];
}

/** Everything the canvas needs to come back as it was. Stored as one JSON text. */
export interface Canvas {
  entities: CanvasEntity[];
  filters: CanvasFilters;
  asOf: string | null;
  asOfRange: DateRange | null;
  selectedPaths: SavedPath[];
  layout: Layout | null;
  queries: SavedQuery[];
  /** null: the path finder was left empty (or the canvas was saved before it was kept). */
  pathFinder: PathFinder | null;
}

export interface InvestigationWrite {
  /** null: create a new investigation. */
  id: string | null;
  /** The version the client read; required with an id. */
  version: number | null;
  title: string;
  description: string | null;
  canvas: Canvas;
}

type Input = Record<string, unknown>;

function isObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(field: string, value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidInputError(field, 'must be a list.');
  if (value.length > max) {
    throw new InvalidInputError(field, `allows at most ${max} items, got ${value.length}.`);
  }
  return value;
}

function finite(field: string, value: unknown, limit: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new InvalidInputError(field, `must be a number from -${limit} to ${limit}.`);
  }
  return value;
}

function optionalFinite(field: string, value: unknown, limit: number): number | null {
  return value === undefined || value === null ? null : finite(field, value, limit);
}

function flag(field: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new InvalidInputError(field, 'must be true or false.');
  return value;
}

function enumList<T extends string>(field: string, value: unknown, vocabulary: readonly T[]): T[] {
  const values = list(field, value, vocabulary.length);
  const chosen = new Set<T>();
  values.forEach((v, i) => {
    const known = vocabulary.find((allowed) => allowed === v);
    if (!known)
      throw new InvalidInputError(`${field}[${i}]`, `must be one of ${vocabulary.join(', ')}.`);
    chosen.add(known);
  });
  // A set, in the vocabulary's order: the same filters always store the same way.
  return vocabulary.filter((v) => chosen.has(v));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function optionalDay(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidInputError(field, 'must be a day, YYYY-MM-DD.');
  }
  return value;
}

function canvasEntities(field: string, value: unknown): CanvasEntity[] {
  const seen = new Set<string>();
  return list(field, value, INVESTIGATION_LIMITS.entities).map((item, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(item))
      throw new InvalidInputError(at, 'must be an object { id x y pinned hidden }.');
    const id = checkId(`${at}.id`, item.id);
    if (seen.has(id))
      throw new InvalidInputError(`${at}.id`, `"${id}" is on the canvas twice; once is enough.`);
    seen.add(id);
    const limit = INVESTIGATION_LIMITS.coordinate;
    return {
      id,
      x: finite(`${at}.x`, item.x, limit),
      y: finite(`${at}.y`, item.y, limit),
      pinned: flag(`${at}.pinned`, item.pinned),
      hidden: flag(`${at}.hidden`, item.hidden),
    };
  });
}

function savedPaths(field: string, value: unknown): SavedPath[] {
  const maxLinks = LIMITS.maxHops.max;
  return list(field, value, INVESTIGATION_LIMITS.selectedPaths).map((item, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(item))
      throw new InvalidInputError(at, 'must be an object { entityIds linkIds }.');
    const linkIds = list(`${at}.linkIds`, item.linkIds, maxLinks).map((id, j) =>
      checkId(`${at}.linkIds[${j}]`, id),
    );
    const entityIds = list(`${at}.entityIds`, item.entityIds, maxLinks + 1).map((id, j) =>
      checkId(`${at}.entityIds[${j}]`, id),
    );
    if (linkIds.length === 0 || entityIds.length !== linkIds.length + 1) {
      throw new InvalidInputError(
        at,
        `a path of n links (1 to ${maxLinks}) has n + 1 entities; got ${linkIds.length} links and ${entityIds.length} entities.`,
      );
    }
    return { entityIds, linkIds };
  });
}

function layout(field: string, value: unknown): Layout | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value))
    throw new InvalidInputError(field, 'must be an object { name zoom panX panY }.');
  if (typeof value.name !== 'string' || !LAYOUT_NAME.test(value.name)) {
    throw new InvalidInputError(
      `${field}.name`,
      'must be a layout name: lower-case letters, digits and -, at most 40 (e.g. fcose, preset).',
    );
  }
  const { min, max } = INVESTIGATION_LIMITS.zoom;
  const zoom = value.zoom;
  if (
    zoom !== undefined &&
    zoom !== null &&
    (typeof zoom !== 'number' || !Number.isFinite(zoom) || zoom < min || zoom > max)
  ) {
    throw new InvalidInputError(`${field}.zoom`, `must be a number from ${min} to ${max}.`);
  }
  const limit = INVESTIGATION_LIMITS.coordinate;
  return {
    name: value.name,
    zoom: typeof zoom === 'number' ? zoom : null,
    panX: optionalFinite(`${field}.panX`, value.panX, limit),
    panY: optionalFinite(`${field}.panY`, value.panY, limit),
  };
}

/** The variables as JSON text of one object ("{}" when none); anything else is refused. */
function queryVariables(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '{}';
  const text = checkText(field, value, INVESTIGATION_LIMITS.queryVariables);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInputError(
      field,
      'must be JSON text of one object, e.g. {"id": "person:lei-jun"}.',
    );
  }
  if (!isObject(parsed)) {
    throw new InvalidInputError(
      field,
      'must be JSON text of one object, e.g. {"id": "person:lei-jun"}.',
    );
  }
  return JSON.stringify(parsed);
}

function savedQueries(field: string, value: unknown): SavedQuery[] {
  const names = new Set<string>();
  return list(field, value, INVESTIGATION_LIMITS.queries).map((item, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(item))
      throw new InvalidInputError(at, 'must be an object { name query variables }.');
    const name = checkText(`${at}.name`, item.name, INVESTIGATION_LIMITS.queryName);
    if (names.has(name))
      throw new InvalidInputError(
        `${at}.name`,
        `"${name}" is used twice; give each query its own name.`,
      );
    names.add(name);
    return {
      name,
      query: checkText(`${at}.query`, item.query, INVESTIGATION_LIMITS.queryText),
      variables: queryVariables(`${at}.variables`, item.variables),
    };
  });
}

function pathFinder(field: string, value: unknown): PathFinder | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    throw new InvalidInputError(
      field,
      'must be an object { from to maxHops mode linkTypes statuses }.',
    );
  }
  const { min, max, default: defaultHops } = LIMITS.maxHops;
  const hops = value.maxHops ?? defaultHops;
  if (typeof hops !== 'number' || !Number.isInteger(hops) || hops < min || hops > max) {
    throw new InvalidInputError(`${field}.maxHops`, `must be an integer from ${min} to ${max}.`);
  }
  const mode = PATH_MODES.find((m) => m === (value.mode ?? 'ALL_SHORTEST'));
  if (!mode)
    throw new InvalidInputError(`${field}.mode`, `must be one of ${PATH_MODES.join(', ')}.`);
  const end = (name: 'from' | 'to') => {
    const id = value[name];
    return id === undefined || id === null ? null : checkId(`${field}.${name}`, id);
  };
  return {
    from: end('from'),
    to: end('to'),
    maxHops: hops,
    mode,
    linkTypes: enumList(`${field}.linkTypes`, value.linkTypes, LINK_TYPES),
    statuses: enumList(`${field}.statuses`, value.statuses, LINK_STATUSES),
  };
}

/** A canvas from client input (or from storage), normalised: defaults filled in, sets ordered. */
export function checkCanvas(field: string, value: unknown): Canvas {
  if (!isObject(value)) throw new InvalidInputError(field, 'must be an object { entities … }.');
  const filters = value.filters ?? {};
  if (!isObject(filters)) throw new InvalidInputError(`${field}.filters`, 'must be an object.');
  const asOf = optionalDay(`${field}.asOf`, value.asOf);
  let asOfRange: DateRange | null = null;
  if (value.asOfRange !== undefined && value.asOfRange !== null) {
    if (!isObject(value.asOfRange))
      throw new InvalidInputError(`${field}.asOfRange`, 'must be { from to }.');
    asOfRange = {
      from: optionalDay(`${field}.asOfRange.from`, value.asOfRange.from),
      to: optionalDay(`${field}.asOfRange.to`, value.asOfRange.to),
    };
    if (asOfRange.from && asOfRange.to && asOfRange.from > asOfRange.to) {
      throw new InvalidInputError(
        `${field}.asOfRange.to`,
        `must not be before from (${asOfRange.from}).`,
      );
    }
    if (asOf)
      throw new InvalidInputError(`${field}.asOfRange`, 'give either asOf (one day) or asOfRange.');
  }
  return {
    entities: canvasEntities(`${field}.entities`, value.entities),
    filters: {
      kinds: enumList(`${field}.filters.kinds`, filters.kinds, ENTITY_KINDS),
      linkTypes: enumList(`${field}.filters.linkTypes`, filters.linkTypes, LINK_TYPES),
      statuses: enumList(`${field}.filters.statuses`, filters.statuses, LINK_STATUSES),
    },
    asOf,
    asOfRange,
    selectedPaths: savedPaths(`${field}.selectedPaths`, value.selectedPaths),
    layout: layout(`${field}.layout`, value.layout),
    queries: savedQueries(`${field}.queries`, value.queries),
    pathFinder: pathFinder(`${field}.pathFinder`, value.pathFinder),
  };
}

export function checkTitle(field: string, value: unknown): string {
  return checkText(field, value, INVESTIGATION_LIMITS.title);
}

/** The write command for saveInvestigation's input. */
export function investigationWrite(input: Input): InvestigationWrite {
  const id = input.id === undefined || input.id === null ? null : checkId('input.id', input.id);
  const version = input.version ?? null;
  if (
    version !== null &&
    (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
  ) {
    throw new InvalidInputError(
      'input.version',
      'must be a positive integer: the version you read.',
    );
  }
  if (id !== null && version === null) {
    throw new InvalidInputError(
      'input.version',
      'is required to update an investigation: send the version you read, so a save never overwrites a newer one.',
    );
  }
  const description =
    input.description === undefined || input.description === null || input.description === ''
      ? null
      : checkText('input.description', input.description, INVESTIGATION_LIMITS.description);
  return {
    id,
    version,
    title: checkTitle('input.title', input.title),
    description,
    canvas: checkCanvas('input.canvas', input.canvas),
  };
}
