/**
 * Writes a batch of rows in ONE managed write transaction (`db.writeAll`): one UNWIND statement
 * per entity kind, then per link type, MERGE on stable ids. A batch that fails rolls back alone.
 *
 * Each record comes back with what happened to it, computed by the same query from the stored
 * values: `created`, `updated` (a value changed, an alias or a citation was added) or `unchanged`
 * (nothing is written then), or a problem (`kind:<Kind>` for an id that exists with another kind,
 * `missing:<id>` for a link end that is not in the graph, `moved` for a link id that joins other
 * entities). Merging rules, so that re-importing converges:
 * - an entity keeps the name it was created with; other spellings become aliases;
 * - aliases and citations accumulate (a citation is new when its source and excerpt are);
 * - link fields (status, dates, properties) take the newest row's values; null clears one.
 */
import { packCitations } from '../model/citations';
import { normalizeName } from '../model/normalize-name';
import type { CitationRecord } from '../model/types';
import { isEntityKind, isLinkType } from '../model/vocabulary';
import type { Database, Statement } from '../neo4j/database';
import type { EntityWrite, LinkWrite, RowWrites } from './types';

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

function mergeCitations(into: CitationRecord[], more: readonly CitationRecord[]): void {
  for (const citation of more) {
    if (!into.some((c) => c.sourceId === citation.sourceId && c.excerpt === citation.excerpt)) {
      into.push(citation);
    }
  }
}

/** Folds repeated ids within a batch into one write each, in row order. */
export function combineEntities(writes: readonly EntityWrite[]): {
  combined: EntityWrite[];
  conflicts: RecordResult[];
} {
  const byId = new Map<string, EntityWrite>();
  const conflicts: RecordResult[] = [];
  for (const write of writes) {
    const seen = byId.get(write.id);
    if (!seen) {
      byId.set(write.id, {
        ...write,
        aliases: [...write.aliases],
        properties: { ...write.properties },
        citations: [...write.citations],
      });
      continue;
    }
    if (seen.kind !== write.kind) {
      conflicts.push({ id: write.id, outcome: `kind:${seen.kind}`, line: write.line });
      continue;
    }
    for (const alias of [write.name, ...write.aliases]) {
      if (alias !== seen.name && !seen.aliases.includes(alias)) seen.aliases.push(alias);
    }
    Object.assign(seen.properties, write.properties);
    mergeCitations(seen.citations, write.citations);
  }
  return { combined: [...byId.values()], conflicts };
}

export function combineLinks(writes: readonly LinkWrite[]): LinkWrite[] {
  const byId = new Map<string, LinkWrite>();
  for (const write of writes) {
    const seen = byId.get(write.id);
    if (!seen) {
      byId.set(write.id, { ...write, citations: [...write.citations] });
      continue;
    }
    const citations = [...seen.citations];
    mergeCitations(citations, write.citations);
    byId.set(write.id, { ...write, line: seen.line, citations });
  }
  return [...byId.values()];
}

// Indices of the row's citations whose (source, excerpt) the stored lists lack.
const NEW_CITATIONS = `[i IN range(0, size(row.cite.citationSourceIds) - 1)
    WHERE NOT any(j IN range(0, size(coalesce(old.citationSourceIds, [])) - 1)
      WHERE old.citationSourceIds[j] = row.cite.citationSourceIds[i]
        AND old.citationExcerpts[j] = row.cite.citationExcerpts[i])]`;

const APPEND_CITATIONS = (
  v: string,
) => `${v}.citationSourceIds = coalesce(${v}.citationSourceIds, []) + [i IN newCites | row.cite.citationSourceIds[i]],
      ${v}.citationExcerpts = coalesce(${v}.citationExcerpts, []) + [i IN newCites | row.cite.citationExcerpts[i]],
      ${v}.citationLocators = coalesce(${v}.citationLocators, []) + [i IN newCites | row.cite.citationLocators[i]],
      ${v}.createdAt = coalesce(${v}.createdAt, $now), ${v}.createdBy = coalesce(${v}.createdBy, $by),
      ${v}.updatedAt = $now, ${v}.updatedBy = $by`;

function entityQuery(kind: string): string {
  if (!isEntityKind(kind)) throw new Error(`Not an entity kind: ${kind}`);
  return `CALL () {
  UNWIND $batch.rows AS row
  OPTIONAL MATCH (old:Entity {id: row.id})
  WITH row, old, old IS NOT NULL AND old.kind <> '${kind}' AS conflict,
       coalesce(old.name, row.name) AS name, coalesce(old.aliases, []) AS oldAliases
  WITH row, old, conflict, name, oldAliases,
       reduce(acc = [], a IN [row.name] + row.aliases |
         CASE WHEN a = name OR a IN oldAliases OR a IN acc THEN acc ELSE acc + a END) AS newAliases,
       ${NEW_CITATIONS} AS newCites,
       [k IN keys(row.properties) WHERE old IS NULL OR old[k] IS NULL OR old[k] <> row.properties[k]] AS changedProperties
  WITH row, old, conflict, name, oldAliases + newAliases AS aliases, newCites,
       old IS NOT NULL AND (size(newAliases) > 0 OR size(newCites) > 0 OR size(changedProperties) > 0) AS changed
  FOREACH (_ IN CASE WHEN NOT conflict AND (old IS NULL OR changed) THEN [1] ELSE [] END |
    MERGE (e:Entity {id: row.id})
    SET e:${kind}, e.kind = '${kind}', e.name = name, e.nameKey = coalesce(e.nameKey, row.nameKey),
      e.aliases = aliases, e.searchText = reduce(s = name, a IN aliases | s + '\\n' + a),
      e += row.properties,
      ${APPEND_CITATIONS('e')}
  )
  RETURN collect({id: row.id, outcome: CASE WHEN conflict THEN 'kind:' + old.kind
    WHEN old IS NULL THEN 'created' WHEN changed THEN 'updated' ELSE 'unchanged' END}) AS results
}`;
}

function linkQuery(type: string): string {
  if (!isLinkType(type)) throw new Error(`Not a link type: ${type}`);
  return `CALL () {
  UNWIND $batch.rows AS row
  OPTIONAL MATCH (a:Entity {id: row.fromId})
  OPTIONAL MATCH (b:Entity {id: row.toId})
  OPTIONAL MATCH ()-[old:${type} {id: row.id}]->()
  WITH row, a, b, old,
       CASE WHEN a IS NULL THEN 'missing:' + row.fromId WHEN b IS NULL THEN 'missing:' + row.toId
            WHEN old IS NOT NULL AND (startNode(old) <> a OR endNode(old) <> b) THEN 'moved'
            ELSE null END AS problem
  WITH row, a, b, old, problem, ${NEW_CITATIONS} AS newCites,
       [k IN keys(row.fields) WHERE old IS NULL
          OR NOT coalesce(old[k] = row.fields[k], old[k] IS NULL AND row.fields[k] IS NULL)] AS changedFields
  WITH row, a, b, old, problem, newCites,
       old IS NOT NULL AND (size(newCites) > 0 OR size(changedFields) > 0) AS changed
  FOREACH (_ IN CASE WHEN problem IS NULL AND (old IS NULL OR changed) THEN [1] ELSE [] END |
    MERGE (a)-[r:${type} {id: row.id}]->(b)
    SET r += row.fields,
      ${APPEND_CITATIONS('r')}
  )
  RETURN collect({id: row.id, outcome: CASE WHEN problem IS NOT NULL THEN problem
    WHEN old IS NULL THEN 'created' WHEN changed THEN 'updated' ELSE 'unchanged' END}) AS results
}`;
}

function entityParameter(e: EntityWrite) {
  return {
    id: e.id,
    name: e.name,
    nameKey: normalizeName(e.name),
    aliases: e.aliases,
    properties: e.properties,
    cite: packCitations(e.citations),
  };
}

function linkParameter(l: LinkWrite) {
  return {
    id: l.id,
    fromId: l.fromId,
    toId: l.toId,
    fields: {
      status: l.status,
      since: l.since,
      until: l.until,
      on: l.on,
      validFrom: l.validFrom,
      validTo: l.validTo,
      ...l.properties,
    },
    cite: packCitations(l.citations),
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
}

/**
 * The statements for a batch: one per entity kind, then one per link type, each with the same
 * text whatever the batch holds, so Neo4j plans each once and reuses it. Exported so tests can
 * inspect them without a database.
 */
export function buildBatchStatements(
  entities: readonly EntityWrite[],
  links: readonly LinkWrite[],
  stamp: WriteStamp,
): BatchStatement[] {
  const statements: BatchStatement[] = [];
  for (const [kind, group] of groupBy(entities, (e) => e.kind)) {
    statements.push({
      cypher: `${entityQuery(kind)}\nRETURN results`,
      params: { batch: { rows: group.map(entityParameter) }, now: stamp.now, by: stamp.by },
      returns: 'entities',
    });
  }
  for (const [type, group] of groupBy(links, (l) => l.type)) {
    statements.push({
      cypher: `${linkQuery(type)}\nRETURN results`,
      params: { batch: { rows: group.map(linkParameter) }, now: stamp.now, by: stamp.by },
      returns: 'links',
    });
  }
  return statements;
}

/** Writes the rows of one batch in one transaction and reports every record's outcome. */
export async function writeBatch(
  db: Database,
  rows: readonly RowWrites[],
  stamp: WriteStamp,
): Promise<BatchResult> {
  const { combined, conflicts } = combineEntities(rows.flatMap((r) => r.entities));
  const links = combineLinks(rows.flatMap((r) => r.links));
  if (combined.length === 0 && links.length === 0) return { entities: conflicts, links: [] };
  const statements = buildBatchStatements(combined, links, stamp);
  const results = await db.writeAll(statements);
  const outcomes = (returns: BatchStatement['returns']) =>
    statements.flatMap((statement, i) =>
      statement.returns === returns
        ? ((results[i]?.[0]?.results ?? []) as { id: string; outcome: string }[])
        : [],
    );
  const entityLines = new Map(combined.map((e) => [e.id, e.line]));
  const linkLines = new Map(links.map((l) => [l.id, l.line]));
  return {
    entities: [
      ...conflicts,
      ...outcomes('entities').map((r) => ({ ...r, line: entityLines.get(r.id) ?? 0 })),
    ],
    links: outcomes('links').map((r) => ({ ...r, line: linkLines.get(r.id) ?? 0 })),
  };
}
