/**
 * Turns one CSV row into entity and link writes as the mapping says. Any problem (missing key,
 * unparseable date, unknown kind, ...) rejects the whole row, so a row is written whole or not at
 * all. Citations quote the row's own cells: `Column: value | Column: value`, verbatim.
 */

import { validityWindow } from '../model/partial-date';
import type { CitationRecord } from '../model/types';
import {
  ENTITY_KINDS,
  type EntityKind,
  isEntityKind,
  isLinkType,
  LINK_STATUSES,
  LINK_TYPE_PROPERTIES,
  LINK_TYPES,
  type LinkStatus,
} from '../model/vocabulary';
import type { CsvRow } from './csv-reader';
import { describeFormats, readDate } from './date-formats';
import { stableId } from './ids';
import {
  type ColumnSpec,
  type CsvMapping,
  DATE_PROPERTIES,
  type EndpointSpec,
  type IdSpec,
  type ValueSpec,
} from './mapping';
import type { EntityWrite, LinkWrite, MappedRow, PropertyValue } from './types';

class RowRejected extends Error {}

const NUMBER_PROPERTIES = new Set(['share', 'amount']);

/** The quoted cells of a row: non-empty columns in the order given. */
export function rowExcerpt(cells: Record<string, string>, columns: readonly string[]): string {
  return columns
    .filter((column) => (cells[column] ?? '').trim() !== '')
    .map((column) => `${column}: ${cells[column]}`)
    .join(' | ');
}

export function rowLocator(line: number, url: string | null): string {
  return url ? `line ${line}, ${url}` : `line ${line}`;
}

class RowContext {
  constructor(
    readonly mapping: CsvMapping,
    readonly row: CsvRow,
  ) {}

  cell(column: string): string {
    return (this.row.cells[column] ?? '').trim();
  }

  resolve(spec: ValueSpec): string {
    if ('value' in spec) return spec.value;
    return translate(spec, this.cell(spec.column));
  }

  citation(columns: readonly string[]): CitationRecord {
    const excerpt = rowExcerpt(this.row.cells, columns);
    if (excerpt === '') throw new RowRejected(`has no text to quote in ${columns.join(', ')}`);
    const url = this.mapping.rowUrl ? this.cell(this.mapping.rowUrl) : '';
    return {
      sourceId: this.mapping.dataset.id,
      excerpt,
      locator: rowLocator(this.row.line, url || null),
    };
  }

  id(spec: IdSpec, what: string): string {
    const values = spec.keys.map((key) => {
      const value = this.cell(key);
      if (value === '') throw new RowRejected(`missing key: column "${key}" of ${what} is empty`);
      return value;
    });
    const id = stableId(spec.prefix, values);
    if (!id) {
      throw new RowRejected(`key of ${what} (${spec.keys.join(', ')}) has no letters or digits`);
    }
    return id;
  }

  /** A date value as a partial ISO date, read with the column's formats; null when empty. */
  date(spec: ValueSpec | null, field: string): string | null {
    if (!spec) return null;
    const value = this.resolve(spec);
    if (value === '') return null;
    const formats = 'column' in spec ? spec.formats : undefined;
    const date = readDate(value, formats);
    if (!date) {
      const where = 'column' in spec ? `column "${spec.column}"` : field;
      throw new RowRejected(
        `unparseable date "${value}" in ${where} (${field}); expected ${describeFormats(formats)}`,
      );
    }
    return date;
  }
}

/**
 * A non-empty cell through the column's `map` (exact), `patterns` (first match) and `default`;
 * a cell none of them covers stays as it is, so the vocabulary check can name it.
 */
export function translate(spec: ColumnSpec, cell: string): string {
  if (cell === '') return cell;
  const key = spec.ignoreCase ? cell.toLowerCase() : cell;
  // Own keys only: a cell reading "constructor" must not find Object.prototype.constructor.
  if (spec.map && Object.hasOwn(spec.map, key)) return spec.map[key] ?? cell;
  const rule = spec.patterns?.find((p) => p.match.test(cell));
  if (rule) return rule.value;
  return spec.default ?? cell;
}

function entityFor(ctx: RowContext, name: string): EntityWrite | null {
  const spec = ctx.mapping.entities[name];
  if (!spec) return null;
  if (spec.optional && spec.id.keys.every((key) => ctx.cell(key) === '')) return null;
  const what = `entity "${name}"`;
  const id = ctx.id(spec.id, what);
  const kind = ctx.resolve(spec.kind);
  if (!isEntityKind(kind)) {
    const where = 'column' in spec.kind ? ` in column "${spec.kind.column}"` : '';
    throw new RowRejected(
      `unknown kind "${kind}"${where} for ${what}; allowed: ${ENTITY_KINDS.join(', ')}`,
    );
  }
  const entityName = ctx.resolve(spec.name);
  if (entityName === '') throw new RowRejected(`${what} has an empty name`);
  const aliases: string[] = [];
  for (const alias of spec.aliases) {
    const cell = ctx.cell(alias.column);
    const parts = alias.split ? cell.split(alias.split) : [cell];
    for (const part of parts.map((p) => p.trim())) {
      if (part !== '' && part !== entityName && !aliases.includes(part)) aliases.push(part);
    }
  }
  const properties: Record<string, PropertyValue> = {};
  for (const [property, valueSpec] of Object.entries(spec.properties)) {
    const value = DATE_PROPERTIES.has(property)
      ? ctx.date(valueSpec, `${property} of ${what}`)
      : ctx.resolve(valueSpec);
    if (value) properties[property] = value;
  }
  return {
    id,
    kind: kind as EntityKind,
    name: entityName,
    aliases,
    properties,
    citations: [ctx.citation(spec.evidence)],
    line: ctx.row.line,
  };
}

function endpointId(
  end: EndpointSpec,
  entities: Map<string, EntityWrite | null>,
  mapping: CsvMapping,
): string | null {
  if ('existing' in end) return end.existing;
  const constant = mapping.constantEntities[end.entity];
  if (constant) return constant.id;
  return entities.get(end.entity)?.id ?? null;
}

export function mapCsvRow(mapping: CsvMapping, row: CsvRow): MappedRow {
  const ctx = new RowContext(mapping, row);
  try {
    const entities = new Map<string, EntityWrite | null>();
    for (const name of Object.keys(mapping.entities)) entities.set(name, entityFor(ctx, name));
    const links: LinkWrite[] = [];
    for (const [i, spec] of mapping.links.entries()) {
      if (spec.when && ctx.cell(spec.when) === '') continue;
      const fromId = endpointId(spec.from, entities, mapping);
      const toId = endpointId(spec.to, entities, mapping);
      // An optional entity that this row lacks takes its links with it.
      if (!fromId || !toId) continue;
      const type = ctx.resolve(spec.type);
      if (!isLinkType(type)) {
        throw new RowRejected(`unknown link type "${type}"; allowed: ${LINK_TYPES.join(', ')}`);
      }
      const status = ctx.resolve(spec.status) || 'asserted';
      if (!(LINK_STATUSES as readonly string[]).includes(status)) {
        throw new RowRejected(`unknown status "${status}"; allowed: ${LINK_STATUSES.join(', ')}`);
      }
      const since = ctx.date(spec.since, 'since');
      const until = ctx.date(spec.until, 'until');
      const on = ctx.date(spec.on, 'on');
      let window: { validFrom: string | null; validTo: string | null };
      try {
        window = validityWindow({ since, until, on });
      } catch (error) {
        throw new RowRejected((error as Error).message.replace(/\.$/, ''));
      }
      const properties: Record<string, PropertyValue | null> = {};
      const allowed = [...LINK_TYPE_PROPERTIES[type], 'note'];
      for (const [property, valueSpec] of Object.entries(spec.properties)) {
        // A type read from a column can differ per row: each link keeps only its type's own.
        if (!allowed.includes(property)) continue;
        const value = ctx.resolve(valueSpec);
        if (value !== '' && NUMBER_PROPERTIES.has(property)) {
          const number = Number(value.replace(/[%,\s]/g, ''));
          if (!Number.isFinite(number)) {
            throw new RowRejected(`${property} "${value}" is not a number`);
          }
          properties[property] = number;
        } else {
          properties[property] = value === '' ? null : value;
        }
      }
      links.push({
        id: ctx.id(spec.id, `link ${i + 1} (${type})`),
        type,
        fromId,
        toId,
        status: status as LinkStatus,
        since,
        until,
        on,
        ...window,
        properties,
        citations: [ctx.citation(spec.evidence)],
        line: row.line,
      });
    }
    const written = [...entities.values()].filter((e): e is EntityWrite => e !== null);
    return { ok: true, writes: { line: row.line, entities: written, links } };
  } catch (error) {
    if (error instanceof RowRejected) {
      return { ok: false, problem: { line: row.line, reason: error.message } };
    }
    throw error;
  }
}
