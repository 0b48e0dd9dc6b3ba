/**
 * Writes a batch of rows in ONE managed write transaction (`db.writeAll`), on stable ids, in up
 * to two rounds. The first creates every record whose id is new, with one statement for all
 * entities and one for all links, whatever their kinds and types (a first import needs nothing
 * else). The second compares the records that exist already with their rows: one statement per
 * entity kind, then per link type. A batch that fails rolls back alone.
 *
 * Each record comes back with what happened to it, computed by the same query from the stored
 * values (a record the query does not mention was created): `created`, `updated` (a value
 * changed, an alias or a citation was added) or `unchanged` (nothing is written then), or a
 * problem (`kind:<Kind>` for an id that exists with another kind, `missing:<id>` for a link end
 * that is not in the graph, `moved` for a link id that joins other entities, `ends:<why>` for a
 * link whose ends have kinds the model does not allow for its type). Merging rules, so
 * that re-importing converges:
 * - an entity keeps the name it was created with; other spellings become aliases;
 * - aliases and citations accumulate (a citation is new when its source and excerpt are; a
 *   known citation with another locator gets the new locator and counts as an update);
 * - link fields (status, dates, properties) take the newest row's values; null clears one.
 */

import type { RecordShape } from 'neo4j-driver';
import { packCitations, type StoredCitations } from '../model/citations';
import { LINK_ENDS } from '../model/link-ends';
import type { CitationRecord } from '../model/types';
import { isEntityKind, isLinkType, type LinkType } from '../model/vocabulary';
import { normalizeName, searchTextCypher } from '../model/write-rules';
import type { Database, Statement } from '../neo4j/database';
import type { EntityWrite, LinkWrite, RowWrites } from './types';
import { WriteFolder } from './write-folder';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface RecordResult {
  id: string;
  /** A WriteOutcome, or a problem code (see the module comment). */
  outcome: string;
  line: number;
}

export interface BatchResult {
  entities: RecordResult[];
  links: RecordResult[];
}

export interface WriteStamp {
  /** ISO timestamp written to createdAt/updatedAt. */
  now: string;
  /** Who wrote it, e.g. "import:us_dod_chinese_milcorps.csv". */
  by: string;
}

/** Folds repeated ids within a batch into one write each, in row order. */
export function combineEntities(writes: readonly EntityWrite[]): {
  combined: EntityWrite[];
  conflicts: RecordResult[];
} {
  const folder = new WriteFolder();
  for (const write of writes) folder.addEntity(write);
  return { combined: [...folder.entities.values()], conflicts: folder.conflicts };
}

export function combineLinks(writes: readonly LinkWrite[]): LinkWrite[] {
  const folder = new WriteFolder();
  for (const write of writes) folder.addLink(write);
  return [...folder.links.values()];
}

// Rows travel as positional lists, not maps: the driver packs every map key of every row as a
// string, and packing was the largest share of the importer's own CPU (3,636 entity rows: 137 ms
// as maps, 74 ms as lists). Each layout is one table: a column's name in the statement, where
// the row is unpacked into named variables once, and how a record gives its value.
type Column<T> = [name: string, value: (record: T, cite: StoredCitations) => unknown];

const CITATION_COLUMNS: Column<unknown>[] = [
  ['sourceIds', (_, cite) => cite.citationSourceIds],
  ['excerpts', (_, cite) => cite.citationExcerpts],
  ['locators', (_, cite) => cite.citationLocators],
];

const ENTITY_COLUMNS: Column<EntityWrite>[] = [
  ['id', (e) => e.id],
  ['rowName', (e) => e.name],
  ['nameKey', (e) => normalizeName(e.name)],
  ['rowAliases', (e) => e.aliases],
  ['properties', (e) => e.properties],
  ...CITATION_COLUMNS,
];

const LINK_COLUMNS: Column<LinkWrite>[] = [
  ['id', (l) => l.id],
  ['fromId', (l) => l.fromId],
  ['toId', (l) => l.toId],
  ['status', (l) => l.status],
  ['since', (l) => l.since],
  ['until', (l) => l.until],
  ['on', (l) => l.on],
  ['validFrom', (l) => l.validFrom],
  ['validTo', (l) => l.validTo],
  ['properties', (l) => l.properties],
  ...CITATION_COLUMNS,
];

// The first round's rows carry their kind or type as data: one statement text serves them all.
const NEW_ENTITY_COLUMNS: Column<EntityWrite>[] = [...ENTITY_COLUMNS, ['kind', (e) => e.kind]];
const NEW_LINK_COLUMNS: Column<LinkWrite>[] = [...LINK_COLUMNS, ['type', (l) => l.type]];

function rowOf<T extends { citations: readonly CitationRecord[] }>(
  columns: readonly Column<T>[],
  record: T,
): unknown[] {
  const cite = packCitations(record.citations);
  return columns.map(([, value]) => value(record, cite));
}

const unpackRow = (columns: readonly Column<never>[]) =>
  `UNWIND $batch.rows AS row
  WITH ${columns.map(([name], i) => `row[${i}] AS ${name}`).join(', ')}`;

// The keys of a map of new values that differ from the stored ones (null stands for "absent").
const changedKeys = (values: string) =>
  `[k IN keys(${values}) WHERE NOT coalesce(old[k] = ${values}[k], old[k] IS NULL AND ${values}[k] IS NULL)]`;

const NEW_RECORD_STAMP = `citationSourceIds: sourceIds, citationExcerpts: excerpts, citationLocators: locators,
      createdAt: $now, createdBy: $by, updatedAt: $now, updatedBy: $by`;

// What a new record is written with (`kind`: a Cypher expression for the entity's kind).
const newEntityValues = (
  kind: string,
) => `e += {kind: ${kind}, name: rowName, nameKey: nameKey, aliases: rowAliases,
      searchText: ${searchTextCypher('rowName', 'rowAliases')}},
      e += properties,
      e += {${NEW_RECORD_STAMP}}`;
const NEW_LINK_VALUES = `r += fields, r += properties, r += {${NEW_RECORD_STAMP}}`;
const LINK_FIELDS =
  '{status: status, since: since, until: until, on: on, validFrom: validFrom, validTo: validTo}';

// Indices of the row's citations whose (source, excerpt) the stored lists lack.
const NEW_CITATIONS = `[i IN range(0, size(sourceIds) - 1)
      WHERE NOT any(j IN range(0, size(coalesce(old.citationSourceIds, [])) - 1)
        WHERE old.citationSourceIds[j] = sourceIds[i] AND old.citationExcerpts[j] = excerpts[i])]`;

// What a locator says beyond its line number ("line 5, https://…" → "https://…").
const afterLine = (locator: string) =>
  `CASE WHEN ${locator} CONTAINS ', ' THEN substring(${locator}, size(split(${locator}, ', ')[0]) + 2) ELSE '' END`;

// Indices of the row's citations that are stored with another locator (the row moved in the
// file, or a wrong line number was corrected): the locator is updated, the citation kept. Only
// when this same file wrote the record last, or both locators name the same row document: two
// files of one dataset that quote the same cells (an authority named in every list) would
// otherwise move each other's locators on every run.
const MOVED_CITATIONS = `[i IN range(0, size(sourceIds) - 1)
      WHERE any(j IN range(0, size(coalesce(old.citationSourceIds, [])) - 1)
        WHERE old.citationSourceIds[j] = sourceIds[i] AND old.citationExcerpts[j] = excerpts[i]
          AND coalesce(old.citationLocators[j], '') <> locators[i]
          AND (coalesce(old.updatedBy, old.createdBy) = $by
            OR (${afterLine('locators[i]')} <> ''
              AND ${afterLine('locators[i]')} = ${afterLine("coalesce(old.citationLocators[j], '')")})))]`;

// Locators first: they are computed from the stored lists before those grow.
const APPEND_CITATIONS = `old.citationLocators = [j IN range(0, size(coalesce(old.citationSourceIds, [])) - 1) |
          coalesce(head([i IN movedCites WHERE old.citationSourceIds[j] = sourceIds[i]
            AND old.citationExcerpts[j] = excerpts[i] | locators[i]]), old.citationLocators[j], '')]
          + [i IN newCites | locators[i]],
        old.citationSourceIds = coalesce(old.citationSourceIds, []) + [i IN newCites | sourceIds[i]],
        old.citationExcerpts = coalesce(old.citationExcerpts, []) + [i IN newCites | excerpts[i]],
        old.createdAt = coalesce(old.createdAt, $now), old.createdBy = coalesce(old.createdBy, $by),
        old.updatedAt = $now, old.updatedBy = $by`;

// Each statement sends every row down exactly one branch (a row no branch took would go
// missing from the answer and count as created): a new record is CREATEd in one step (the
// uniqueness constraints on ids stop a concurrent writer from making a twin); an existing one
// is compared with the row and written only if something changed. Splitting the paths keeps
// the common one, a first import, free of the comparison work.
// One text for entities of every kind: the kind is a value in the row, which becomes a label
// through `$(…)` only where a node is created (kinds are checked in buildCreateStatements).
const ENTITIES_QUERY = `CALL () {
  ${unpackRow(NEW_ENTITY_COLUMNS)}
  OPTIONAL MATCH (old:Entity {id: id})
  CALL (*) {
    WITH * WHERE old IS NULL
    CREATE (e:Entity:$(kind) {id: id})
    SET ${newEntityValues('kind')}
    RETURN 'created' AS outcome
  UNION ALL
    WITH * WHERE old IS NOT NULL AND NOT coalesce(old.kind = kind, false)
    RETURN 'kind:' + coalesce(old.kind, 'none') AS outcome
  UNION ALL
    WITH * WHERE old.kind = kind
    WITH *, reduce(acc = [], a IN [rowName] + rowAliases |
        CASE WHEN a = old.name OR a IN coalesce(old.aliases, []) OR a IN acc THEN acc ELSE acc + a END) AS newAliases,
      ${NEW_CITATIONS} AS newCites, ${MOVED_CITATIONS} AS movedCites,
      ${changedKeys('properties')} AS changedProperties
    WITH *, size(newAliases) + size(newCites) + size(movedCites) + size(changedProperties) > 0 AS changed
    CALL (*) {
      WITH * WHERE changed
      WITH *, coalesce(old.aliases, []) + newAliases AS aliases
      SET old.aliases = aliases, old.searchText = ${searchTextCypher('old.name', 'aliases')},
        old.nameKey = coalesce(old.nameKey, nameKey),
        old += properties,
        ${APPEND_CITATIONS}
    }
    RETURN CASE WHEN changed THEN 'updated' ELSE 'unchanged' END AS outcome
  }
  RETURN collect(CASE WHEN outcome <> 'created' THEN [id, outcome] END) AS others
}
RETURN others`;

function linkQuery(type: string): string {
  if (!isLinkType(type)) throw new Error(`Not a link type: ${type}`);
  return `CALL () {
  ${unpackRow(LINK_COLUMNS)}
  WITH *, ${LINK_FIELDS} AS fields
  OPTIONAL MATCH (a:Entity {id: fromId})
  OPTIONAL MATCH (b:Entity {id: toId})
  OPTIONAL MATCH ()-[old:${type} {id: id}]->()
  WITH *, ($ends.from IS NULL OR a.kind IN $ends.from) AS fromFits,
    ($ends.to IS NULL OR b.kind IN $ends.to) AS toFits
  CALL (*) {
    WITH * WHERE a IS NULL OR b IS NULL
    RETURN 'missing:' + CASE WHEN a IS NULL THEN fromId ELSE toId END AS outcome
  UNION ALL
    WITH * WHERE a IS NOT NULL AND b IS NOT NULL AND NOT (fromFits AND toFits)
    RETURN 'ends:' + CASE WHEN fromFits THEN toId + ' is a ' + b.kind + $ends.toText
      ELSE fromId + ' is a ' + a.kind + $ends.fromText END AS outcome
  UNION ALL
    WITH * WHERE a IS NOT NULL AND b IS NOT NULL AND fromFits AND toFits AND old IS NULL
    CREATE (a)-[r:${type} {id: id}]->(b)
    SET ${NEW_LINK_VALUES}
    RETURN 'created' AS outcome
  UNION ALL
    WITH * WHERE fromFits AND toFits AND (startNode(old) <> a OR endNode(old) <> b)
    RETURN 'moved' AS outcome
  UNION ALL
    WITH * WHERE fromFits AND toFits AND startNode(old) = a AND endNode(old) = b
    WITH *, ${NEW_CITATIONS} AS newCites, ${MOVED_CITATIONS} AS movedCites,
      ${changedKeys('fields')} + ${changedKeys('properties')} AS changedFields
    WITH *, size(newCites) + size(movedCites) + size(changedFields) > 0 AS changed
    CALL (*) {
      WITH * WHERE changed
      SET old += fields, old += properties,
        ${APPEND_CITATIONS}
    }
    RETURN CASE WHEN changed THEN 'updated' ELSE 'unchanged' END AS outcome
  }
  RETURN collect(CASE WHEN outcome <> 'created' THEN [id, outcome] END) AS others
}`;
}

// The first round: the entities of every kind in one statement (ENTITIES_QUERY), and one
// statement for the links of every type, which creates the links whose ids are new and returns
// the others' ids. A kind or type travels as data and becomes a label or type through `$(…)`;
// each row's is checked against the vocabulary before it is sent (buildCreateStatements).
// Neo4j 5.26 cannot use an index to MATCH a label or type given that way, so these statements
// only CREATE with it: entities are found through the Entity id constraint, and an existing link
// through its ends (a link with the same id elsewhere makes its CREATE break the type's id
// constraint; then the comparing statements, which find it, write the whole batch: sendBatch).
// Why: planning is what a first import into a fresh database waits for, and the number of
// texts no longer grows with the number of kinds and types (docs/import.md#performance).
const CREATE_NEW_LINKS = `CALL () {
  ${unpackRow(NEW_LINK_COLUMNS)}
  WITH *, ${LINK_FIELDS} AS fields, $ends[type] AS ends
  OPTIONAL MATCH (a:Entity {id: fromId})
  OPTIONAL MATCH (b:Entity {id: toId})
  WITH *, coalesce(a IS NOT NULL AND b IS NOT NULL
    AND (ends.from IS NULL OR a.kind IN ends.from) AND (ends.to IS NULL OR b.kind IN ends.to)
    AND NOT EXISTS { (a)-[old {id: id}]->(b) }, false) AS fresh
  CALL (*) {
    WITH * WHERE fresh
    CREATE (a)-[r:$(type) {id: id}]->(b)
    SET ${NEW_LINK_VALUES}
  }
  RETURN collect(CASE WHEN NOT fresh THEN id END) AS existing
}
RETURN existing`;

/** The kinds a link type's ends may have (null: any), and the words for a misfit. */
function endsParam(type: LinkType) {
  const ends = LINK_ENDS[type];
  return {
    from: ends?.from ?? null,
    to: ends?.to ?? null,
    fromText: `; a ${type} link starts at ${ends?.from?.join(' or ')}`,
    toText: `; a ${type} link ends at ${ends?.to?.join(' or ')}`,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// Rows travel inside a map (`$batch.rows`): Neo4j keys its plan cache on a list parameter's
// size bucket (1, 10, 100, 1000, ...) too, and a kind's or type's group size crosses buckets
// from batch to batch, so a bare list parameter made it plan the same statement again (0.2-0.5
// s each, measured). Re-planning after the store's statistics drift is left on: a plan frozen
// on an almost empty store (`CYPHER replan=skip`, tried) turned MERGE into index seeks that
// slowed the 100k-entity import to a crawl.

export interface BatchStatement extends Statement {
  /** Whose outcomes the statement returns. */
  returns: 'entities' | 'links';
  /** The ids it writes, in order. */
  ids: string[];
}

/**
 * The first round's statements for a batch: at most two, with the same texts whatever the
 * batch holds. The entities' statement reports every entity's outcome (`others`, as the
 * comparing statements do); the links' returns, as `existing`, the ids it did not create.
 * Exported so tests can inspect them without a database.
 */
export function buildCreateStatements(
  entities: readonly EntityWrite[],
  links: readonly LinkWrite[],
  stamp: WriteStamp,
): BatchStatement[] {
  const statements: BatchStatement[] = [];
  for (const e of entities)
    if (!isEntityKind(e.kind)) throw new Error(`Not an entity kind: ${e.kind}`);
  for (const l of links) if (!isLinkType(l.type)) throw new Error(`Not a link type: ${l.type}`);
  if (entities.length > 0) {
    statements.push({
      cypher: ENTITIES_QUERY,
      params: {
        batch: { rows: entities.map((e) => rowOf(NEW_ENTITY_COLUMNS, e)) },
        now: stamp.now,
        by: stamp.by,
      },
      returns: 'entities',
      ids: entities.map((e) => e.id),
    });
  }
  if (links.length > 0) {
    const types = [...new Set(links.map((l) => l.type))];
    statements.push({
      cypher: CREATE_NEW_LINKS,
      params: {
        batch: { rows: links.map((l) => rowOf(NEW_LINK_COLUMNS, l)) },
        ends: Object.fromEntries(types.map((type) => [type, endsParam(type)])),
        now: stamp.now,
        by: stamp.by,
      },
      returns: 'links',
      ids: links.map((l) => l.id),
    });
  }
  return statements;
}

/**
 * The comparing statements: the entities' (as in the first round), then one per link type,
 * each with the same text whatever the batch holds, so Neo4j plans each once and reuses it.
 * They also create what is new, for a batch sent without the first round. Exported so tests
 * can inspect them without a database.
 */
export function buildBatchStatements(
  entities: readonly EntityWrite[],
  links: readonly LinkWrite[],
  stamp: WriteStamp,
): BatchStatement[] {
  const statements = buildCreateStatements(entities, [], stamp);
  for (const [type, group] of groupBy(links, (l) => l.type)) {
    statements.push({
      cypher: `${linkQuery(type)}\nRETURN others`,
      params: {
        batch: { rows: group.map((l) => rowOf(LINK_COLUMNS, l)) },
        ends: endsParam(type as LinkType),
        now: stamp.now,
        by: stamp.by,
      },
      returns: 'links',
      ids: group.map((l) => l.id),
    });
  }
  return statements;
}

/** A batch ready to send: its statements and what is needed to report every record. */
export interface PreparedBatch {
  /** The first round (see buildCreateStatements). */
  statements: BatchStatement[];
  /** The batch's records, repeats folded, for the second round or a retry. */
  entities: EntityWrite[];
  links: LinkWrite[];
  stamp: WriteStamp;
  /** Ids that repeat within the batch with another kind: reported, never sent. */
  conflicts: RecordResult[];
  entityLines: Map<string, number>;
  linkLines: Map<string, number>;
}

/** Everything a batch needs before the database: Node work only, so it can run ahead. */
export function prepareBatch(rows: readonly RowWrites[], stamp: WriteStamp): PreparedBatch {
  const { combined, conflicts } = combineEntities(rows.flatMap((r) => r.entities));
  const links = combineLinks(rows.flatMap((r) => r.links));
  return {
    statements: buildCreateStatements(combined, links, stamp),
    entities: combined,
    links,
    stamp,
    conflicts,
    entityLines: new Map(combined.map((e) => [e.id, e.line])),
    linkLines: new Map(links.map((l) => [l.id, l.line])),
  };
}

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** The outcomes the statements reported, by whose they are and id; the rest were created. */
type Reported = Record<BatchStatement['returns'], Map<string, string>>;

function reported(statements: readonly BatchStatement[], results: RecordShape[][]): Reported {
  const found: Reported = { entities: new Map(), links: new Map() };
  statements.forEach((statement, i) => {
    for (const [id, outcome] of (results[i]?.[0]?.others ?? []) as [string, string][]) {
      found[statement.returns].set(id, outcome);
    }
  });
  return found;
}

/** Both rounds in one transaction; the second only for records the first found. */
async function createThenCompare(db: Database, batch: PreparedBatch): Promise<Reported> {
  let compared: BatchStatement[] = [];
  const results = await db.writeAll(batch.statements, (first) => {
    const existing: Record<BatchStatement['returns'], Set<string>> = {
      entities: new Set(),
      links: new Set(),
    };
    batch.statements.forEach((statement, i) => {
      for (const id of (first[i]?.[0]?.existing ?? []) as string[])
        existing[statement.returns].add(id);
    });
    compared = buildBatchStatements(
      [],
      batch.links.filter((l) => existing.links.has(l.id)),
      batch.stamp,
    );
    return compared;
  });
  // The first round's entity statement reports outcomes; its link statement does not.
  return reported([...batch.statements, ...compared], results);
}

/** Writes a prepared batch in one transaction and reports every record's outcome. */
export async function sendBatch(db: Database, batch: PreparedBatch): Promise<BatchResult> {
  const { statements, conflicts, entityLines, linkLines } = batch;
  if (statements.length === 0) return { entities: conflicts, links: [] };
  let found: Reported;
  try {
    found = await createThenCompare(db, batch);
  } catch (error) {
    if ((error as { code?: unknown })?.code !== CONSTRAINT_FAILED) throw error;
    // A link id that joins other entities now ('moved'), or a twin that a concurrent import
    // wrote after the first round looked: the comparing statements find it, so they write the
    // whole batch again, in a new transaction.
    const compared = buildBatchStatements(batch.entities, batch.links, batch.stamp);
    found = reported(compared, await db.writeAll(compared));
  }
  // Only what was not created comes back: on a first import, almost nothing to decode.
  return {
    entities: [
      ...conflicts,
      ...batch.entities.map(({ id }) => ({
        id,
        outcome: found.entities.get(id) ?? 'created',
        line: entityLines.get(id) ?? 0,
      })),
    ],
    links: batch.links.map(({ id }) => ({
      id,
      outcome: found.links.get(id) ?? 'created',
      line: linkLines.get(id) ?? 0,
    })),
  };
}

/** Writes the rows of one batch in one transaction and reports every record's outcome. */
export function writeBatch(
  db: Database,
  rows: readonly RowWrites[],
  stamp: WriteStamp,
): Promise<BatchResult> {
  return sendBatch(db, prepareBatch(rows, stamp));
}
