/**
 * The LOAD CSV baselines: for the links file of bench/import/generate-links.ts (one kind, one
 * link type) and for the mixed graph of bench/data/generate-graph.ts (every kind and link type,
 * given by columns), the same records Threadline's importer writes, in Cypher alone. Shared by
 * bench:import, the cold import benchmark and the bulk section.
 * LOAD CSV needs CALL ... IN TRANSACTIONS, which only runs in an auto-commit transaction, so it
 * is sent through a driver session. The embedded launcher sets no import directory, so file:///
 * URLs reach the file.
 */
import neo4j, { type Driver } from 'neo4j-driver';

// The same records the importer writes: entities with names, keys and a citation, links with
// dates, share and a citation. Ids are lower-cased like the importer's keys.
const LOAD_LINKS_CSV = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Entity {id: $prefix + 'company:' + toLower(row.owner_id)})
    ON CREATE SET a:Company, a.kind = 'Company', a.name = row.owner_name, a.nameKey = toLower(row.owner_name),
      a.aliases = [], a.searchText = row.owner_name, a.citationSourceIds = [$source],
      a.citationExcerpts = ['owner_id: ' + row.owner_id + ' | owner_name: ' + row.owner_name],
      a.citationLocators = [''], a.createdAt = $now, a.createdBy = 'load-csv'
  MERGE (b:Entity {id: $prefix + 'company:' + toLower(row.company_id)})
    ON CREATE SET b:Company, b.kind = 'Company', b.name = row.company_name, b.nameKey = toLower(row.company_name),
      b.aliases = [], b.searchText = row.company_name, b.citationSourceIds = [$source],
      b.citationExcerpts = ['company_id: ' + row.company_id + ' | company_name: ' + row.company_name],
      b.citationLocators = [''], b.createdAt = $now, b.createdBy = 'load-csv'
  MERGE (a)-[r:OWNS {id: $prefix + 'owns:' + toLower(row.link_id)}]->(b)
  SET r.status = 'asserted', r.since = row.since, r.until = nullif(row.until, ''),
    r.validFrom = CASE WHEN size(row.since) = 4 THEN row.since + '-01-01' ELSE row.since + '-01' END,
    r.validTo = CASE WHEN row.until = '' THEN null ELSE row.until + '-12-31' END,
    r.share = toFloat(row.share), r.citationSourceIds = [$source],
    r.citationExcerpts = ['link_id: ' + row.link_id + ' | owner_id: ' + row.owner_id],
    r.citationLocators = [''], r.createdAt = $now, r.createdBy = 'load-csv'
} IN TRANSACTIONS OF $batch ROWS`;

// Kinds and types come from the file's columns, through Neo4j 5.26's dynamic labels and types
// (`$(…)`): one statement for the whole file, as a LOAD CSV user would write it. The MERGEs find
// entities through the Entity id constraint and links through their bound ends, so no lookup
// goes by a dynamic label. Dates are widened like the importer's (YYYY → YYYY-01-01, …).
const widen = (column: string, start: boolean) =>
  `CASE size(${column}) WHEN 0 THEN null WHEN 4 THEN ${column} + '${start ? '-01-01' : '-12-31'}' WHEN 7 THEN ${column} + '${start ? '-01' : '-28'}' ELSE ${column} END`;
const LOAD_GRAPH_CSV = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Entity {id: $prefix + 'e:' + toLower(row.From)})
    ON CREATE SET a:$(row.\`From kind\`), a.kind = row.\`From kind\`, a.name = row.From, a.nameKey = toLower(row.From),
      a.aliases = [], a.searchText = row.From, a.citationSourceIds = [$source],
      a.citationExcerpts = ['From: ' + row.From + ' | From kind: ' + row.\`From kind\`],
      a.citationLocators = [''], a.createdAt = $now, a.createdBy = 'load-csv'
  MERGE (b:Entity {id: $prefix + 'e:' + toLower(row.To)})
    ON CREATE SET b:$(row.\`To kind\`), b.kind = row.\`To kind\`, b.name = row.To, b.nameKey = toLower(row.To),
      b.aliases = [], b.searchText = row.To, b.citationSourceIds = [$source],
      b.citationExcerpts = ['To: ' + row.To + ' | To kind: ' + row.\`To kind\`],
      b.citationLocators = [''], b.createdAt = $now, b.createdBy = 'load-csv'
  MERGE (a)-[r:$(row.Type) {id: $prefix + 'l:' + toLower(row.Link)}]->(b)
  SET r.status = row.Status, r.since = nullif(row.Since, ''), r.until = nullif(row.Until, ''),
    r.on = nullif(row.On, ''),
    r.validFrom = coalesce(${widen('row.Since', true)}, ${widen('row.On', true)}),
    r.validTo = coalesce(${widen('row.Until', false)}, ${widen('row.On', false)}),
    r.citationSourceIds = [$source],
    r.citationExcerpts = ['From: ' + row.From + ' | Type: ' + row.Type + ' | To: ' + row.To],
    r.citationLocators = [''], r.createdAt = $now, r.createdBy = 'load-csv'
} IN TRANSACTIONS OF $batch ROWS`;

/** Which of the two files: the links of one type, or the mixed graph. */
export type LoadCsvShape = 'links' | 'graph';

export async function runLoadCsv(
  driver: Driver,
  csv: string,
  prefix: string,
  batch: number,
  shape: LoadCsvShape = 'links',
): Promise<void> {
  const session = driver.session();
  try {
    await session.run(shape === 'links' ? LOAD_LINKS_CSV : LOAD_GRAPH_CSV, {
      url: `file://${csv}`,
      prefix,
      source:
        shape === 'links' ? 'source:dataset:generated-links' : 'source:dataset:threadline-bench',
      now: new Date().toISOString(),
      batch: neo4j.int(batch),
    });
  } finally {
    await session.close();
  }
}
