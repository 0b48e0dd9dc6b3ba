/**
 * `npm run docs:sample-report`: writes docs/sample-report.html, the evidence report of the seed
 * story, from the seed only. Starts a throw-away local Neo4j (its own temporary directory),
 * applies schema and seed, saves the story as an investigation with fixed times, renders the
 * report and stops the database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveInvestigation } from '../data/investigations';
import { addNote } from '../data/notes';
import { checkCanvas } from '../model/investigation';
import { applySchemaAndSeed } from '../neo4j/cypher-script';
import { createDatabase } from '../neo4j/database';
import { startLocalNeo4j } from '../neo4j/local-neo4j';
import { loadReport } from '../report/evidence-report';
import { renderReport } from '../report/render-report';
import { SEED_STORY } from '../report/seed-story';

const OUT = fileURLToPath(new URL('../../docs/sample-report.html', import.meta.url));
// Fixed, so the committed file changes only when the report or the seed does.
const AUTHOR = { name: 'threadline-docs', at: '2026-12-01T12:00:00.000Z' };

const dataDir = mkdtempSync(path.join(tmpdir(), 'threadline-sample-report-'));
const local = await startLocalNeo4j({ dataDir, port: 0, heap: '512m', pageCache: '128m' });
const db = createDatabase(
  { uri: local.uri, user: local.user, password: local.password, database: 'neo4j' },
  { queryTimeoutMs: 60_000 },
);
try {
  await applySchemaAndSeed(db);
  const saved = await saveInvestigation(
    db,
    {
      id: null,
      version: null,
      title: SEED_STORY.title,
      description: SEED_STORY.description,
      canvas: checkCanvas('canvas', SEED_STORY.canvas),
    },
    AUTHOR,
  );
  for (const note of SEED_STORY.notes) {
    await addNote(
      db,
      {
        investigationId: saved.id,
        target: note.target,
        targetId: note.targetId ?? saved.id,
        markdown: note.markdown,
      },
      AUTHOR,
    );
  }
  const data = await loadReport(db, saved.id);
  if (!data) throw new Error('The saved investigation was not found.');
  // The random id would change the file on every run; the sample shows a stable one.
  data.investigation.id = 'investigation:seed-story';
  writeFileSync(OUT, renderReport(data, AUTHOR.at));
  process.stderr.write(`Wrote ${OUT}\n`);
} finally {
  await db.close();
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
