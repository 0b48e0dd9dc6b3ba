/**
 * Writes the input files of Neo4j's offline importer (`neo4j-admin database import full`) for
 * collected writes: the same nodes, labels, relationships and properties as the batch writer's
 * Cypher (server/import/batch-writer.ts) creates, so both give the same graph.
 *
 * Files are grouped by shape (label or type, and property names with their types), since an
 * importer file has one header. Values the format cannot carry are kept aside as "fix-ups" that
 * run after the import (run-bulk-import's finish steps): the importer reads an empty field as
 * "no property", so an empty list (`aliases: []`) or a list holding one empty string cannot be
 * written in CSV. An empty list of an entity property that every entity has (`aliases`) becomes
 * one "fill" instead of a fix-up per entity: after the import, exactly the entities without the
 * property had it empty. Most entities have no aliases, so this is one pass over the entities in
 * place of one update each.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { packCitations } from '../../model/citations';
import { normalizeName } from '../../model/normalize-name';
import { searchTextOf } from '../../model/write-rules';
import type { WriteStamp } from '../batch-writer';
import { sourceProperties } from '../dataset-source';
import type { DatasetSource, EntityWrite, LinkWrite, PropertyValue } from '../types';

/** Separates list elements and labels; chosen because no real text contains it. */
export const ARRAY_DELIMITER = '\u001f';

type Value = PropertyValue | string[];

export interface FixUp {
  /** 'node' (by entity or source id) or a relationship type (by link id). */
  target: 'Entity' | 'Source' | { type: string };
  id: string;
  properties: Record<string, Value>;
}

/** Every entity without `key` after the import gets an empty list. */
export interface ListFill {
  target: 'Entity';
  key: string;
}

export interface OfflineFiles {
  nodeFiles: string[];
  relationshipFiles: string[];
  fixUps: FixUp[];
  fills: ListFill[];
  nodes: number;
  relationships: number;
  /** Links left out because an end is not in the file (the transactional importer's `missing`). */
  linksWithoutEnds: number;
}

function typeOf(value: Value): string {
  if (Array.isArray(value)) return 'string[]';
  if (typeof value === 'number') return 'double'; // the JS driver sends every number as a float
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** Whether the importer can carry a list: it reads "" as no property, so [] and [""] cannot. */
function listFits(list: readonly string[]): boolean {
  return (
    list.length > 0 &&
    !(list.length === 1 && list[0] === '') &&
    !list.some((item) => item.includes(ARRAY_DELIMITER))
  );
}

function quote(text: string): string {
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}

function cell(value: Value | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return quote(value.join(ARRAY_DELIMITER));
  if (typeof value === 'string') return quote(value);
  return String(value);
}

/** Lines are gathered into chunks of about this many characters before a file write. */
const CHUNK = 1 << 16;

interface ShapeFile {
  stream: WriteStream;
  /** Property names in header order. */
  keys: string[];
  pending: string;
}

/** One importer file per shape, opened on first use. */
class ShapeFiles {
  /** By shape: name, then sorted property names with types. */
  private readonly files = new Map<string, ShapeFile>();
  /** By the same in the record's own key order: a record's shape without sorting its keys. */
  private readonly bySignature = new Map<string, ShapeFile>();
  readonly paths: string[] = [];
  /** Files whose buffer is full: the next drain() waits for them. */
  private readonly behind = new Set<WriteStream>();

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    /** The importer's own columns (`:ID`, `:LABEL`, ...), written first. */
    private readonly fixed: readonly string[],
  ) {}

  /** `fixedCells`: the importer's own columns, already as CSV cells joined by commas. */
  write(shapeName: string, fixedCells: string, properties: Record<string, Value>) {
    let signature = shapeName;
    for (const key in properties) signature += `,${key}:${typeOf(properties[key] as Value)}`;
    let file = this.bySignature.get(signature);
    if (!file) {
      file = this.open(shapeName, properties);
      this.bySignature.set(signature, file);
    }
    let line = fixedCells;
    for (const key of file.keys) line += `,${cell(properties[key])}`;
    file.pending += `${line}\n`;
    if (file.pending.length >= CHUNK) this.flush(file);
  }

  private open(shapeName: string, properties: Record<string, Value>): ShapeFile {
    const keys = Object.keys(properties).sort();
    const columns = keys.map((k) => `${k}:${typeOf(properties[k] as Value)}`);
    const shape = `${shapeName}|${columns.join(',')}`;
    let file = this.files.get(shape);
    if (!file) {
      const name = path.join(this.dir, `${this.prefix}-${this.files.size + 1}.csv`);
      file = { stream: createWriteStream(name), keys, pending: '' };
      file.stream.write(`${[...this.fixed, ...columns].join(',')}\n`);
      this.files.set(shape, file);
      this.paths.push(name);
    }
    return file;
  }

  private flush(file: ShapeFile): void {
    if (!file.stream.write(file.pending)) this.behind.add(file.stream);
    file.pending = '';
  }

  /** Waits for buffered lines when a file is behind, so memory stays flat. */
  async drain(): Promise<void> {
    const behind = [...this.behind].filter((stream) => stream.writableNeedDrain);
    this.behind.clear();
    await Promise.all(
      behind.map((stream) => new Promise<void>((resolve) => stream.once('drain', resolve))),
    );
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.files.values()].map((file) => {
        this.flush(file);
        return new Promise<void>((resolve, reject) =>
          file.stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
      }),
    );
  }
}

const NOTHING_LATER: Record<string, Value> = Object.freeze({}) as Record<string, Value>;

/**
 * Splits properties into what the CSV carries and what a fix-up must set afterwards. Most
 * records have neither a null nor a list CSV cannot carry: they are returned as they are.
 */
function split(properties: Record<string, Value | null>): {
  inCsv: Record<string, Value>;
  later: Record<string, Value>;
} {
  let plain = true;
  for (const key in properties) {
    const value = properties[key];
    if (value === null || (Array.isArray(value) && !listFits(value))) {
      plain = false;
      break;
    }
  }
  if (plain) return { inCsv: properties as Record<string, Value>, later: NOTHING_LATER };
  const inCsv: Record<string, Value> = {};
  const later: Record<string, Value> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null) continue;
    if (Array.isArray(value) && !listFits(value)) later[key] = value;
    else inCsv[key] = value;
  }
  return { inCsv, later };
}

// In the batch writer's order: its fields, then the row's properties, then citations and stamps.
// (An entity's id is its `id:ID(Entity)` column, so it is not among these.)
function entityProperties(e: EntityWrite, stamp: WriteStamp): Record<string, Value> {
  return {
    kind: e.kind,
    name: e.name,
    nameKey: normalizeName(e.name),
    aliases: e.aliases,
    searchText: searchTextOf(e.name, e.aliases),
    ...e.properties,
    ...packCitations(e.citations),
    createdAt: stamp.now,
    createdBy: stamp.by,
    updatedAt: stamp.now,
    updatedBy: stamp.by,
  };
}

function linkProperties(l: LinkWrite, stamp: WriteStamp): Record<string, Value | null> {
  return {
    status: l.status,
    since: l.since,
    until: l.until,
    on: l.on,
    validFrom: l.validFrom,
    validTo: l.validTo,
    ...l.properties,
    ...packCitations(l.citations),
    createdAt: stamp.now,
    createdBy: stamp.by,
    updatedAt: stamp.now,
    updatedBy: stamp.by,
    id: l.id,
  };
}

/**
 * Collects the values the CSV cannot carry, per target (a label or a relationship type), and
 * decides at the end which empty lists can be one fill: those of an entity key that every entity
 * has.
 */
class FixUpCollector {
  private entities = 0;
  /** Per property name, how many entities have it (in CSV or later). */
  private readonly present = new Map<string, number>();
  /** Per property name, the entities whose value is an empty list. */
  private readonly empty = new Map<string, string[]>();
  private readonly fixUps: FixUp[] = [];

  /** One record's split properties: those in its CSV line and those the CSV cannot carry. */
  note(
    target: FixUp['target'],
    id: string,
    inCsv: Record<string, Value>,
    later: Record<string, Value>,
  ) {
    if (target === 'Entity') {
      this.entities += 1;
      for (const key in inCsv) this.present.set(key, (this.present.get(key) ?? 0) + 1);
      for (const key in later) this.present.set(key, (this.present.get(key) ?? 0) + 1);
    }
    if (later === NOTHING_LATER) return;
    const rest: Record<string, Value> = {};
    for (const [key, value] of Object.entries(later)) {
      // Fills cover entities; links keep one fix-up each.
      if (target !== 'Entity' || !Array.isArray(value) || value.length > 0) {
        rest[key] = value;
        continue;
      }
      let ids = this.empty.get(key);
      if (!ids) {
        ids = [];
        this.empty.set(key, ids);
      }
      ids.push(id);
    }
    if (Object.keys(rest).length > 0) this.fixUps.push({ target, id, properties: rest });
  }

  finish(): { fixUps: FixUp[]; fills: ListFill[] } {
    const fills: ListFill[] = [];
    for (const [key, ids] of this.empty) {
      if (this.present.get(key) === this.entities) {
        fills.push({ target: 'Entity', key });
        continue;
      }
      for (const id of ids) this.fixUps.push({ target: 'Entity', id, properties: { [key]: [] } });
    }
    return { fixUps: this.fixUps, fills };
  }
}

const DRAIN_EVERY = 10_000;

export async function writeOfflineFiles(
  dir: string,
  source: DatasetSource,
  entities: ReadonlyMap<string, EntityWrite>,
  links: ReadonlyMap<string, LinkWrite>,
  stamp: WriteStamp,
): Promise<OfflineFiles> {
  // Entities and sources live in separate id spaces: the same id string could name both.
  const nodes = new ShapeFiles(dir, 'nodes', ['id:ID(Entity)', ':LABEL']);
  const sources = new ShapeFiles(dir, 'sources', ['id:ID(Source)', ':LABEL']);
  const relationships = new ShapeFiles(dir, 'relationships', [
    ':START_ID(Entity)',
    ':END_ID(Entity)',
    ':TYPE',
  ]);
  const fixUps = new FixUpCollector();
  sources.write('Source', `${quote(source.id)},Source`, sourceProperties(source));
  let count = 0;
  for (const entity of entities.values()) {
    const { inCsv, later } = split(entityProperties(entity, stamp));
    nodes.write(entity.kind, `${quote(entity.id)},Entity${ARRAY_DELIMITER}${entity.kind}`, inCsv);
    fixUps.note('Entity', entity.id, inCsv, later);
    if (++count % DRAIN_EVERY === 0) await nodes.drain();
  }
  let linksWithoutEnds = 0;
  let relationshipCount = 0;
  for (const link of links.values()) {
    if (!entities.has(link.fromId) || !entities.has(link.toId)) {
      linksWithoutEnds += 1;
      continue;
    }
    const { inCsv, later } = split(linkProperties(link, stamp));
    relationships.write(link.type, `${quote(link.fromId)},${quote(link.toId)},${link.type}`, inCsv);
    fixUps.note({ type: link.type }, link.id, inCsv, later);
    relationshipCount += 1;
    if (relationshipCount % DRAIN_EVERY === 0) await relationships.drain();
  }
  await Promise.all([nodes.close(), sources.close(), relationships.close()]);
  return {
    nodeFiles: [...sources.paths, ...nodes.paths],
    relationshipFiles: relationships.paths,
    ...fixUps.finish(),
    nodes: entities.size + 1,
    relationships: relationshipCount,
    linksWithoutEnds,
  };
}
