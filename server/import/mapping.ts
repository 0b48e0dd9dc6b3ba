/**
 * The declarative mapping that turns the rows of a CSV/TSV file into entities and links, in the
 * spirit of FollowTheMoney's mapping files (docs/import.md describes every field). `parseMapping`
 * checks everything it can without the file; `checkColumns` checks the column names once the
 * header is known. Both return every problem at once, each naming where it is in the mapping.
 */
import { parsePartialDate } from '../model/partial-date';
import {
  ENTITY_KINDS,
  type EntityKind,
  isEntityKind,
  isLinkType,
  KIND_PROPERTIES,
  LINK_STATUSES,
  LINK_TYPE_PROPERTIES,
  LINK_TYPES,
  type LinkStatus,
  type LinkType,
} from '../model/vocabulary';
import { compileDateFormat, type DateFormat } from './date-formats';
import { nearestKey, type SchemaProblem, schemaProblems } from './mapping-schema';
import type { DatasetSource } from './types';

/** An ordered rule of a column value: the first whose expression matches the cell wins. */
export interface PatternRule {
  match: RegExp;
  value: string;
}

/**
 * A cell read from `column`. A non-empty cell is translated by `map` (exact), then `patterns`
 * (in order), then `default`; a cell none of them covers stays as it is. `formats` read dates.
 */
export interface ColumnSpec {
  column: string;
  map?: Record<string, string>;
  patterns?: PatternRule[];
  default?: string;
  ignoreCase?: boolean;
  formats?: DateFormat[];
}

/** A cell (`"Column"` or `{column, ...}`) or a constant (`{value}`). */
export type ValueSpec = ColumnSpec | { value: string };

/** Entity properties that hold dates, read like a link's since/until/on. */
export const DATE_PROPERTIES: ReadonlySet<string> = new Set(['birthDate', 'founded']);

export interface IdSpec {
  /** Put before the key; name the dataset in it so ids cannot collide with other data. */
  prefix: string;
  /** Columns whose normalised values make the stable id. */
  keys: string[];
}

export interface AliasSpec {
  column: string;
  /** Splits one cell into several aliases (e.g. ";"). */
  split?: string;
}

export interface RowEntitySpec {
  kind: ValueSpec;
  id: IdSpec;
  name: ValueSpec;
  aliases: AliasSpec[];
  properties: Record<string, ValueSpec>;
  /** When true, a row whose key cells are empty simply has no such entity. */
  optional: boolean;
  /** Columns quoted in the entity's citation. */
  evidence: string[];
}

/** How a link names its ends: an entity of the mapping, or an entity already in the graph. */
export type EndpointSpec = { entity: string } | { existing: string };

export interface RowLinkSpec {
  /** The link exists only in rows where this column is not empty (e.g. a listing date). */
  when: string | null;
  type: ValueSpec;
  from: EndpointSpec;
  to: EndpointSpec;
  id: IdSpec;
  since: ValueSpec | null;
  until: ValueSpec | null;
  on: ValueSpec | null;
  status: ValueSpec;
  properties: Record<string, ValueSpec>;
  evidence: string[];
}

/** Evidence for a constant: the first row whose cell in `column` contains `contains`. */
export interface ConstantEvidence {
  column: string;
  contains: string;
}

export interface ConstantEntitySpec {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  properties: Record<string, string>;
  evidence: ConstantEvidence[];
}

export interface ConstantLinkSpec {
  id: string;
  type: LinkType;
  from: EndpointSpec;
  to: EndpointSpec;
  status: LinkStatus;
  since: string | null;
  until: string | null;
  note: string | null;
  evidence: ConstantEvidence[];
}

export interface CsvMapping {
  dataset: DatasetSource;
  /** Field delimiter; defaults from the file name (tab for .tsv, comma otherwise). */
  delimiter: string | null;
  /** Column holding the row's own document URL; it goes into every citation's locator. */
  rowUrl: string | null;
  entities: Record<string, RowEntitySpec>;
  links: RowLinkSpec[];
  constantEntities: Record<string, ConstantEntitySpec>;
  constantLinks: ConstantLinkSpec[];
}

export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`The mapping is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The schema's problems, then the checker's that are not about the same place or inside it
 * (the schema already said what is wrong there, and in the words editors show too).
 */
function mergeProblems(fromSchema: SchemaProblem[], fromChecker: SchemaProblem[]): string[] {
  const covered = (path: string) =>
    fromSchema.some(
      (s) => path === s.path || path.startsWith(`${s.path}.`) || path.startsWith(`${s.path}[`),
    );
  return [...fromSchema, ...fromChecker.filter((p) => !covered(p.path))].map(
    (p) => `${p.path}: ${p.message}`,
  );
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SHARED_ENTITY_PROPERTIES = ['description', 'country'];

/** Entity properties a mapping may set for a kind (shared ones plus docs/model.md's). */
export function entityPropertiesFor(kind: EntityKind): readonly string[] {
  return [...SHARED_ENTITY_PROPERTIES, ...KIND_PROPERTIES[kind]];
}

class Checker {
  readonly problems: SchemaProblem[] = [];

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  string(value: unknown, path: string, optional = false): string | null {
    if (value === undefined || value === null) {
      if (!optional) this.fail(path, 'is required (a string)');
      return null;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, 'must be a non-empty string');
      return null;
    }
    return value;
  }

  /** A value; `date` says whether it may name date formats (since/until/on, date properties). */
  value(value: unknown, path: string, date = false): ValueSpec | null {
    if (typeof value === 'string' && value !== '') return { column: value };
    if (isObject(value)) {
      if (typeof value.value === 'string') return { value: value.value };
      if (typeof value.column === 'string' && value.column !== '') {
        return this.columnValue(value, value.column, path, date);
      }
    }
    this.fail(path, 'must be a column name, {"column": ..., "map"?: {...}} or {"value": ...}');
    return null;
  }

  private columnValue(raw: Json, column: string, path: string, date: boolean): ColumnSpec {
    const spec: ColumnSpec = { column };
    const ignoreCase = raw.ignoreCase === true;
    if (ignoreCase) spec.ignoreCase = true;
    if (isObject(raw.map)) {
      const seen = new Map<string, string>();
      for (const cell of Object.keys(raw.map)) {
        const key = ignoreCase ? cell.toLowerCase() : cell;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          this.fail(
            `${path}.map`,
            `"${earlier}" and "${cell}" are the same key when ignoreCase is true; keep one`,
          );
        }
        seen.set(key, cell);
      }
      // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
      spec.map = Object.fromEntries(
        Object.entries(raw.map)
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([cell, value]) => [ignoreCase ? cell.toLowerCase() : cell, value]),
      );
    }
    if (Array.isArray(raw.patterns)) {
      spec.patterns = raw.patterns.flatMap((rule, i) => {
        if (!isObject(rule) || typeof rule.match !== 'string' || typeof rule.value !== 'string') {
          return [];
        }
        try {
          return [{ match: new RegExp(rule.match, ignoreCase ? 'i' : ''), value: rule.value }];
        } catch (error) {
          this.fail(
            `${path}.patterns[${i}].match`,
            `is not a regular expression: ${(error as Error).message}`,
          );
          return [];
        }
      });
    }
    if (typeof raw.default === 'string') spec.default = raw.default;
    if (raw.format !== undefined) {
      if (!date) {
        this.fail(
          `${path}.format`,
          `only dates have a format (since, until, on, ${[...DATE_PROPERTIES].join(', ')})`,
        );
      }
      const texts = Array.isArray(raw.format) ? raw.format : [raw.format];
      spec.formats = texts.flatMap((text, i) => {
        const where = Array.isArray(raw.format) ? `${path}.format[${i}]` : `${path}.format`;
        const format = typeof text === 'string' ? compileDateFormat(text) : null;
        if (typeof format === 'string') this.fail(where, format);
        return format && typeof format !== 'string' ? [format] : [];
      });
    }
    return spec;
  }

  optionalValue(value: unknown, path: string, date = false): ValueSpec | null {
    return value === undefined || value === null ? null : this.value(value, path, date);
  }

  columns(value: unknown, path: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((c) => typeof c !== 'string' || c === '')) {
      this.fail(path, 'must be a list of column names');
      return [];
    }
    return value as string[];
  }

  /** Constant values of a kind/type/status must be in the vocabulary; mapped ones too. */
  allowed(spec: ValueSpec | null, allowed: readonly string[], path: string, what: string): void {
    if (!spec) return;
    const values =
      'value' in spec
        ? [spec.value]
        : [
            ...Object.values(spec.map ?? {}),
            ...(spec.patterns ?? []).map((p) => p.value),
            ...(spec.default === undefined ? [] : [spec.default]),
          ];
    for (const value of values) {
      if (!allowed.includes(value)) {
        this.fail(path, `unknown ${what} "${value}"; allowed: ${allowed.join(', ')}`);
      }
    }
  }
}

function parseDataset(c: Checker, raw: unknown): DatasetSource {
  const source = isObject(raw) && isObject(raw.source) ? raw.source : null;
  const path = 'dataset.source';
  if (!source) {
    c.fail(
      path,
      'is required: the Source every imported fact cites ({id, title, publisher, url, retrievedAt, licence})',
    );
    return {
      id: '',
      title: '',
      publisher: '',
      url: '',
      retrievedAt: '',
      licence: '',
      language: null,
      published: null,
    };
  }
  const s = source;
  const dataset: DatasetSource = {
    id: c.string(s.id, `${path}.id`) ?? '',
    title: c.string(s.title, `${path}.title`) ?? '',
    publisher: c.string(s.publisher, `${path}.publisher`) ?? '',
    url: c.string(s.url, `${path}.url`) ?? '',
    retrievedAt: c.string(s.retrievedAt, `${path}.retrievedAt`) ?? '',
    licence: c.string(s.licence, `${path}.licence`) ?? '',
    language: c.string(s.language, `${path}.language`, true),
    published: c.string(s.published, `${path}.published`, true),
  };
  if (dataset.id && !dataset.id.startsWith('source:')) {
    c.fail(`${path}.id`, 'must start with "source:" like every Source id');
  }
  for (const field of ['retrievedAt', 'published'] as const) {
    const value = dataset[field];
    if (value && !parsePartialDate(value)) {
      c.fail(`${path}.${field}`, `"${value}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    }
  }
  return dataset;
}

function parseId(c: Checker, raw: unknown, path: string): IdSpec {
  const id = isObject(raw) ? raw : {};
  if (!isObject(raw)) c.fail(path, 'is required: {"prefix": ..., "keys": [columns]}');
  const prefix = c.string(id.prefix, `${path}.prefix`) ?? '';
  const keys = c.columns(id.keys, `${path}.keys`);
  if (isObject(raw) && keys.length === 0) c.fail(`${path}.keys`, 'needs at least one column');
  return { prefix, keys };
}

function parseProperties(
  c: Checker,
  raw: unknown,
  path: string,
  allowed: readonly string[],
): Record<string, ValueSpec> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    c.fail(path, 'must be an object of property → value');
    return {};
  }
  const properties: Record<string, ValueSpec> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!allowed.includes(name)) {
      c.fail(`${path}.${name}`, `is not a property here; allowed: ${allowed.join(', ') || 'none'}`);
      continue;
    }
    const spec = c.value(value, `${path}.${name}`, DATE_PROPERTIES.has(name));
    if (spec) properties[name] = spec;
  }
  return properties;
}

function parseRowEntity(c: Checker, raw: unknown, path: string): RowEntitySpec {
  const e = isObject(raw) ? raw : {};
  if (!isObject(raw)) c.fail(path, 'must be an object');
  const kind = c.value(e.kind, `${path}.kind`);
  c.allowed(kind, ENTITY_KINDS, `${path}.kind`, 'kind');
  const id = parseId(c, e.id, `${path}.id`);
  const name =
    e.name === undefined && id.keys[0] ? { column: id.keys[0] } : c.value(e.name, `${path}.name`);
  const aliases: AliasSpec[] = [];
  if (e.aliases !== undefined) {
    if (!Array.isArray(e.aliases)) c.fail(`${path}.aliases`, 'must be a list');
    for (const [i, alias] of (Array.isArray(e.aliases) ? e.aliases : []).entries()) {
      if (typeof alias === 'string') aliases.push({ column: alias });
      else if (isObject(alias) && typeof alias.column === 'string') {
        aliases.push(
          typeof alias.split === 'string' && alias.split !== ''
            ? { column: alias.column, split: alias.split }
            : { column: alias.column },
        );
      } else c.fail(`${path}.aliases[${i}]`, 'must be a column name or {"column", "split"?}');
    }
  }
  const constantKind = kind && 'value' in kind && isEntityKind(kind.value) ? kind.value : null;
  const allowedProperties = constantKind
    ? entityPropertiesFor(constantKind)
    : [...new Set(ENTITY_KINDS.flatMap(entityPropertiesFor))];
  const properties = parseProperties(c, e.properties, `${path}.properties`, allowedProperties);
  const defaultEvidence = [
    ...new Set([
      ...(name && 'column' in name ? [name.column] : []),
      ...aliases.map((a) => a.column),
    ]),
  ];
  const evidence =
    e.evidence === undefined ? defaultEvidence : c.columns(e.evidence, `${path}.evidence`);
  if (evidence.length === 0) c.fail(`${path}.evidence`, 'needs at least one column to quote');
  return {
    kind: kind ?? { value: 'Organization' },
    id,
    name: name ?? { value: '' },
    aliases,
    properties,
    optional: e.optional === true,
    evidence,
  };
}

function parseEndpoint(c: Checker, raw: unknown, path: string): EndpointSpec {
  if (typeof raw === 'string' && raw !== '') return { entity: raw };
  if (isObject(raw) && typeof raw.existing === 'string' && raw.existing !== '') {
    return { existing: raw.existing };
  }
  c.fail(path, 'must name an entity of this mapping or be {"existing": "<id in the graph>"}');
  return { entity: '' };
}

function linkPropertiesAllowed(type: ValueSpec | null): readonly string[] {
  if (type && 'value' in type && isLinkType(type.value)) return LINK_TYPE_PROPERTIES[type.value];
  return [...new Set(LINK_TYPES.flatMap((t) => LINK_TYPE_PROPERTIES[t])), 'note'];
}

function parseRowLink(c: Checker, raw: unknown, path: string): RowLinkSpec {
  const l = isObject(raw) ? raw : {};
  if (!isObject(raw)) c.fail(path, 'must be an object');
  const type = c.value(l.type, `${path}.type`);
  c.allowed(type, LINK_TYPES, `${path}.type`, 'link type');
  const status =
    l.status === undefined ? { value: 'asserted' } : c.value(l.status, `${path}.status`);
  c.allowed(status, LINK_STATUSES, `${path}.status`, 'status');
  const evidence = c.columns(l.evidence, `${path}.evidence`);
  if (evidence.length === 0) c.fail(`${path}.evidence`, 'needs at least one column to quote');
  return {
    when: c.string(l.when, `${path}.when`, true),
    type: type ?? { value: 'AFFILIATED_WITH' },
    from: parseEndpoint(c, l.from, `${path}.from`),
    to: parseEndpoint(c, l.to, `${path}.to`),
    id: parseId(c, l.id, `${path}.id`),
    since: c.optionalValue(l.since, `${path}.since`, true),
    until: c.optionalValue(l.until, `${path}.until`, true),
    on: c.optionalValue(l.on, `${path}.on`, true),
    status: status ?? { value: 'asserted' },
    properties: parseProperties(c, l.properties, `${path}.properties`, [
      ...linkPropertiesAllowed(type),
      'note',
    ]),
    evidence,
  };
}

function parseConstantEvidence(c: Checker, raw: unknown, path: string): ConstantEvidence[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    c.fail(
      path,
      'needs at least one {"column", "contains"}: constants must be quoted from the file',
    );
    return [];
  }
  return raw.flatMap((item, i) => {
    if (isObject(item) && typeof item.column === 'string' && typeof item.contains === 'string') {
      return [{ column: item.column, contains: item.contains }];
    }
    c.fail(`${path}[${i}]`, 'must be {"column": ..., "contains": "verbatim text"}');
    return [];
  });
}

function parseConstants(c: Checker, raw: unknown) {
  const entities: Record<string, ConstantEntitySpec> = {};
  const links: ConstantLinkSpec[] = [];
  if (raw === undefined) return { entities, links };
  const constants = isObject(raw) ? raw : {};
  if (!isObject(raw)) c.fail('constants', 'must be an object with "entities" and "links"');
  const rawEntities = isObject(constants.entities) ? constants.entities : {};
  for (const [name, value] of Object.entries(rawEntities)) {
    const path = `constants.entities.${name}`;
    const e = isObject(value) ? value : {};
    const kind = c.string(e.kind, `${path}.kind`) ?? '';
    if (kind && !isEntityKind(kind)) {
      c.fail(`${path}.kind`, `unknown kind "${kind}"; allowed: ${ENTITY_KINDS.join(', ')}`);
    }
    const properties: Record<string, string> = {};
    if (isObject(e.properties)) {
      const allowed = isEntityKind(kind) ? entityPropertiesFor(kind) : [];
      for (const [key, v] of Object.entries(e.properties)) {
        if (!allowed.includes(key))
          c.fail(`${path}.properties.${key}`, `is not a ${kind} property`);
        else if (typeof v === 'string') properties[key] = v;
        else c.fail(`${path}.properties.${key}`, 'must be a string');
      }
    }
    entities[name] = {
      id: c.string(e.id, `${path}.id`) ?? '',
      kind: isEntityKind(kind) ? kind : 'Organization',
      name: c.string(e.name, `${path}.name`) ?? '',
      aliases: c.columns(e.aliases, `${path}.aliases`),
      properties,
      evidence: parseConstantEvidence(c, e.evidence, `${path}.evidence`),
    };
  }
  const rawLinks = Array.isArray(constants.links) ? constants.links : [];
  for (const [i, value] of rawLinks.entries()) {
    const path = `constants.links[${i}]`;
    const l = isObject(value) ? value : {};
    const type = c.string(l.type, `${path}.type`) ?? '';
    if (type && !isLinkType(type)) {
      c.fail(`${path}.type`, `unknown link type "${type}"; allowed: ${LINK_TYPES.join(', ')}`);
    }
    const status = typeof l.status === 'string' ? l.status : 'asserted';
    if (!(LINK_STATUSES as readonly string[]).includes(status)) {
      c.fail(`${path}.status`, `unknown status "${status}"; allowed: ${LINK_STATUSES.join(', ')}`);
    }
    links.push({
      id: c.string(l.id, `${path}.id`) ?? '',
      type: isLinkType(type) ? type : 'AFFILIATED_WITH',
      from: parseEndpoint(c, l.from, `${path}.from`),
      to: parseEndpoint(c, l.to, `${path}.to`),
      status: status as LinkStatus,
      since: c.string(l.since, `${path}.since`, true),
      until: c.string(l.until, `${path}.until`, true),
      note: c.string(l.note, `${path}.note`, true),
      evidence: parseConstantEvidence(c, l.evidence, `${path}.evidence`),
    });
  }
  return { entities, links };
}

/** Validates a parsed mapping file; throws MappingError listing every problem. */
export function parseMapping(raw: unknown): CsvMapping {
  const c = new Checker();
  if (!isObject(raw)) throw new MappingError(['(top level): must be a JSON object']);
  const fromSchema = schemaProblems('mapping.schema.json', raw);
  const dataset = parseDataset(c, raw.dataset);
  const delimiter = c.string(raw.delimiter, 'delimiter', true);
  const rowUrl = c.string(raw.rowUrl, 'rowUrl', true);
  const entities: Record<string, RowEntitySpec> = {};
  if (!isObject(raw.entities)) c.fail('entities', 'is required: an object of name → entity');
  for (const [name, value] of Object.entries(isObject(raw.entities) ? raw.entities : {})) {
    entities[name] = parseRowEntity(c, value, `entities.${name}`);
  }
  if (raw.links !== undefined && !Array.isArray(raw.links)) c.fail('links', 'must be a list');
  const links = (Array.isArray(raw.links) ? raw.links : []).map((l, i) =>
    parseRowLink(c, l, `links[${i}]`),
  );
  const constants = parseConstants(c, raw.constants);
  const known = new Set([...Object.keys(entities), ...Object.keys(constants.entities)]);
  const checkEnd = (end: EndpointSpec, path: string) => {
    if ('entity' in end && end.entity && !known.has(end.entity)) {
      c.fail(
        path,
        `names no entity of this mapping ("${end.entity}"); known: ${[...known].join(', ')}`,
      );
    }
  };
  links.forEach((l, i) => {
    checkEnd(l.from, `links[${i}].from`);
    checkEnd(l.to, `links[${i}].to`);
  });
  constants.links.forEach((l, i) => {
    checkEnd(l.from, `constants.links[${i}].from`);
    checkEnd(l.to, `constants.links[${i}].to`);
    for (const end of [l.from, l.to]) {
      if ('entity' in end && entities[end.entity]) {
        c.fail(`constants.links[${i}]`, 'may only join constants or existing entities');
      }
    }
  });
  for (const [field, value] of [
    ['since', constants.links.map((l) => l.since)],
    ['until', constants.links.map((l) => l.until)],
  ] as const) {
    value.forEach((date, i) => {
      if (date && !parsePartialDate(date))
        c.fail(`constants.links[${i}].${field}`, `"${date}" is not a date`);
    });
  }
  const problems = mergeProblems(fromSchema, c.problems);
  if (problems.length > 0) throw new MappingError(problems);
  return {
    dataset,
    delimiter,
    rowUrl,
    entities,
    links,
    constantEntities: constants.entities,
    constantLinks: constants.links,
  };
}

export interface FtmMapping {
  dataset: DatasetSource;
  /** Put before every FollowTheMoney id, e.g. "ftm:my-dataset:". */
  idPrefix: string;
}

/** The mapping for a FollowTheMoney file: the dataset's Source and the id prefix. */
export function parseFtmMapping(raw: unknown): FtmMapping {
  const c = new Checker();
  if (!isObject(raw)) throw new MappingError(['(top level): must be a JSON object']);
  const fromSchema = schemaProblems('ftm-mapping.schema.json', raw);
  const dataset = parseDataset(c, raw.dataset);
  const idPrefix = c.string(raw.idPrefix, 'idPrefix') ?? '';
  const problems = mergeProblems(fromSchema, c.problems);
  if (problems.length > 0) throw new MappingError(problems);
  return { dataset, idPrefix };
}

/** Every column the mapping reads. */
export function mappedColumns(mapping: CsvMapping): Set<string> {
  const columns: string[] = [];
  const specColumns = (specs: (ValueSpec | null)[]) =>
    specs.flatMap((spec) => (spec && 'column' in spec ? [spec.column] : []));
  if (mapping.rowUrl) columns.push(mapping.rowUrl);
  for (const e of Object.values(mapping.entities)) {
    columns.push(...specColumns([e.kind, e.name, ...Object.values(e.properties)]));
    columns.push(...e.id.keys, ...e.aliases.map((a) => a.column), ...e.evidence);
  }
  for (const l of mapping.links) {
    columns.push(
      ...specColumns([l.type, l.since, l.until, l.on, l.status, ...Object.values(l.properties)]),
    );
    columns.push(...l.id.keys, ...l.evidence, ...(l.when ? [l.when] : []));
  }
  for (const e of [...Object.values(mapping.constantEntities), ...mapping.constantLinks]) {
    columns.push(...e.evidence.map((ev) => ev.column));
  }
  return new Set(columns);
}

/** Names the mapped columns the file's header lacks, with the columns it has. */
export function checkColumns(mapping: CsvMapping, header: readonly string[]): void {
  const have = new Set(header);
  const missing = [...mappedColumns(mapping)].filter((column) => !have.has(column));
  if (missing.length > 0) {
    throw new MappingError(
      missing.map((column) => {
        const nearest = nearestKey(column, header, false);
        const columns = header.join(', ');
        return nearest
          ? `column "${column}" is not in the file; did you mean "${nearest}"? Its columns are: ${columns}`
          : `column "${column}" is not in the file; its columns are: ${columns}`;
      }),
    );
  }
}
