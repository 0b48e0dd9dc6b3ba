/**
 * Fault test: an import killed with SIGKILL half-way and then re-run ends with exactly the
 * expected graph, no duplicates, because each batch is one transaction and every write MERGEs
 * on a stable id. The CLI runs as its own process against the test database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GeneratedLinks,
  generateLinks,
  LINKS_MAPPING,
} from '../../bench/import/generate-links';
import type { Summary } from '../../server/import/tally';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { spawnImportCli } from '../support/import-cli';

const ROWS = 20_000;
let dir: string;
let file: string;
let generated: GeneratedLinks;
let db: Database;

function startImport() {
  return spawnImportCli([file, '--mapping', LINKS_MAPPING, '--batch-size', '500', '--json']);
}

async function counts() {
  const [row] = await db.read<{
    links: number;
    linkIds: number;
    companies: number;
    companyIds: number;
  }>(
    `CALL () {
       MATCH ()-[r:OWNS]->() WHERE r.id STARTS WITH 'generated:owns:'
       RETURN count(r) AS links, count(DISTINCT r.id) AS linkIds
     }
     CALL () {
       MATCH (e:Entity) WHERE e.id STARTS WITH 'generated:company:'
       RETURN count(e) AS companies, count(DISTINCT e.id) AS companyIds
     }
     RETURN links, linkIds, companies, companyIds`,
  );
  return row ?? { links: 0, linkIds: 0, companies: 0, companyIds: 0 };
}

async function removeGenerated() {
  for (;;) {
    const [row] = await db.write<{ n: number }>(
      `MATCH (n) WHERE n.id STARTS WITH 'generated:' OR n.id = 'source:dataset:generated-links'
       WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n`,
    );
    if (!row || row.n === 0) return;
  }
}

beforeAll(async () => {
  db = connectTestDatabase(120_000);
  await removeGenerated();
  dir = mkdtempSync(path.join(tmpdir(), 'threadline-import-kill-'));
  file = path.join(dir, 'links.csv');
  generated = await generateLinks(file, ROWS);
});

afterAll(async () => {
  await removeGenerated();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an import killed half-way', () => {
  it('completes on re-run with exactly the expected records and no duplicates', async () => {
    const child = startImport();
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let finished = false;
    void exited.then(() => {
      finished = true;
    });
    // Kill it once some batches are committed, long before the end.
    while (!finished && (await counts()).links < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(finished, 'the import finished before it could be killed; use a larger file').toBe(
      false,
    );
    child.kill('SIGKILL');
    await exited;
    // A batch whose COMMIT reached Neo4j before the kill still commits after the process is
    // gone: wait until the counts hold still before taking them as what the killed run left.
    let partial = await counts();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await counts();
      if (now.links === partial.links) break;
      partial = now;
    }
    expect(partial.links).toBeGreaterThan(0);
    expect(partial.links).toBeLessThan(ROWS);

    const rerun = startImport();
    let stdout = '';
    rerun.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    let stderr = '';
    rerun.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => rerun.on('exit', resolve));
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as Summary;
    // Rows the killed run committed are unchanged now; the others are imported.
    expect(summary.rows).toEqual({
      read: ROWS,
      imported: ROWS - partial.links,
      unchanged: partial.links,
      skipped: 0,
      failed: 0,
    });
    // What the killed run committed is found unchanged; the rest is created now.
    expect(summary.links.created + summary.links.unchanged).toBe(ROWS);
    expect(summary.links.unchanged).toBe(partial.links);
    expect(await counts()).toEqual({
      links: ROWS,
      linkIds: ROWS,
      companies: generated.companies,
      companyIds: generated.companies,
    });
  }, 600_000);
});
