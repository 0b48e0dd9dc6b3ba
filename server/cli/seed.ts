/**
 * `npm run db:seed`: applies cypher/schema.cypher then cypher/seed.cypher (both idempotent), and
 * brings entities written under an older rule up to the current searchText rule.
 */
import { loadConfig } from '../config';
import { refreshSearchText } from '../data/search-text-refresh';
import { relationshipTypeExpression } from '../model/vocabulary';
import { applySchemaAndSeed } from '../neo4j/cypher-script';
import { openDatabase } from '../neo4j/open-database';

const opened = await openDatabase(loadConfig(), (line) => process.stderr.write(`${line}\n`));
try {
  await applySchemaAndSeed(opened.db);
  const refreshed = await refreshSearchText(opened.db);
  if (refreshed) process.stderr.write(`Search text brought up to date: ${refreshed} entities.\n`);
  const [counts] = await opened.db.read<{ entities: number; links: number }>(
    // Links only: RECORD_OF and SAME_AS, which join records into identities, are no links.
    `MATCH (e:Entity) WITH count(e) AS entities
     MATCH ()-[r:${relationshipTypeExpression([])}]->() RETURN entities, count(r) AS links`,
  );
  process.stderr.write(`Seeded: ${counts?.entities} entities, ${counts?.links} links.\n`);
} finally {
  await opened.close();
}
