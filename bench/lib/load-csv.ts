/**
 * The LOAD CSV baseline for the links file of bench/import/generate-links.ts: the same records
 * Threadline's importer writes, in Cypher alone. Shared by bench:import and the bulk section.
 * LOAD CSV needs CALL ... IN TRANSACTIONS, which only runs in an auto-commit transaction, so it
 * is sent through a driver session. The embedded launcher sets no import directory, so file:///
 * URLs reach the file.
 */
import neo4j, { type Driver } from 'neo4j-driver';

// The same records the importer writes: entities with names, keys and a citation, links with
// dates, share and a citation. Ids are lower-cased like the importer's keys.
const LOAD_CSV = `
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

export async function runLoadCsv(
  driver: Driver,
  csv: string,
  prefix: string,
  batch: number,
): Promise<void> {
  const session = driver.session();
  try {
    await session.run(LOAD_CSV, {
      url: `file://${csv}`,
      prefix,
      source: 'source:dataset:generated-links',
      now: new Date().toISOString(),
      batch: neo4j.int(batch),
    });
  } finally {
    await session.close();
  }
}
