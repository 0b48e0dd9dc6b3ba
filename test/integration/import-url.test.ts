/**
 * Importing a file by URL: `npm run import -- http://…/file.csv` streams it from a local HTTP
 * server that this test starts (127.0.0.1 only). A connection dropped mid-file gives a clear
 * error and exit 1 with only whole batches written; running the same command again completes
 * the import with exact counts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../server/import/tally';
import type { Database } from '../../server/neo4j/database';
import { connectTestDatabase } from '../support/database';
import { ownsMapping, runImportCli } from '../support/import-cli';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const FTM = `${FIXTURES}ftm.jsonl`;
const ROWS = 3000;
const BATCH = 100;
const PREFIX = 'trust-url:';
const SOURCE = 'source:dataset:trust-url';

const body = Buffer.from(
  `link,owner,company,note\n${Array.from(
    { length: ROWS },
    (_, i) => `L${i + 1},Owner ${i + 1},Company ${i % 97},"note ${i + 1}"`,
  ).join('\r\n')}\r\n`,
);

let db: Database;
let server: Server;
let base: string;
let dir: string;
let mapping: string;
/** While set, every response stops after this many bytes by closing the connection. */
let dropAfter: number | null = null;

async function linkCount(): Promise<number> {
  const [row] = await db.read<{ n: number }>(
    'MATCH ()-[r:OWNS]->() WHERE r.id STARTS WITH $prefix RETURN count(r) AS n',
    { prefix: PREFIX },
  );
  return row?.n ?? -1;
}

async function removeImported() {
  await db.write('MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source DETACH DELETE n', {
    prefix: PREFIX,
    source: SOURCE,
  });
}

beforeAll(async () => {
  db = connectTestDatabase(60_000);
  await removeImported();
  dir = mkdtempSync(path.join(tmpdir(), 'threadline-url-'));
  mapping = path.join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify(ownsMapping(PREFIX, SOURCE)));
  server = createServer((request, response) => {
    if (request.url === '/exports/ftm.jsonl') {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(readFileSync(FTM));
      return;
    }
    if (request.url !== '/lists/owners.csv') {
      response.writeHead(404).end('not here');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
    if (dropAfter === null) {
      response.end(body);
      return;
    }
    // Half the file in small writes, then the connection goes away.
    const cut = dropAfter;
    let sent = 0;
    const step = () => {
      const next = Math.min(cut, sent + 8192);
      response.write(body.subarray(sent, next));
      sent = next;
      if (sent < cut) setTimeout(step, 5);
      else setTimeout(() => response.socket?.destroy(), 50);
    };
    step();
  });
  // Node closes a keep-alive socket 5 s after it has handed the last byte to the kernel, even
  // while the client is still reading: the importer reads only as fast as it writes.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await removeImported();
  await db.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('importing a file by URL', () => {
  const importOwners = () =>
    runImportCli([
      `${base}/lists/owners.csv`,
      '--mapping',
      mapping,
      '--batch-size',
      `${BATCH}`,
      '--json',
    ]);

  it('stops on a dropped connection with a clear error, having written only whole batches', async () => {
    dropAfter = Math.floor(body.length / 2);
    const run = await importOwners();
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `The download of ${base}/lists/owners.csv stopped after [\\d,]+ (of [\\d,]+ )?bytes`,
      ),
    );
    expect(run.stderr).toContain('run the same command again to complete it');
    const written = await linkCount();
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(ROWS);
    expect(written % BATCH).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    const { read, imported, unchanged, skipped, failed } = summary.rows;
    expect(imported + unchanged + skipped + failed).toBe(read);
    expect(imported).toBe(written);
  });

  it('completes with exact counts when run again', async () => {
    const before = await linkCount();
    dropAfter = null;
    const run = await importOwners();
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.rows).toEqual({
      read: ROWS,
      imported: ROWS - before,
      unchanged: before,
      skipped: 0,
      failed: 0,
    });
    expect(summary.links.created).toBe(ROWS - before);
    expect(await linkCount()).toBe(ROWS);
  });

  it('reads FollowTheMoney JSON lines by URL as from a file (a dry run of both)', async () => {
    const args = [
      '--format',
      'ftm',
      '--mapping',
      `${FIXTURES}ftm.mapping.json`,
      '--dry-run',
      '--json',
    ];
    const [local, remote] = await Promise.all([
      runImportCli([FTM, ...args]),
      runImportCli([`${base}/exports/ftm.jsonl`, ...args]),
    ]);
    const summaries = [local, remote].map((run) => {
      const { rows, entities, links, problems, unsupported } = JSON.parse(run.stdout) as Summary;
      return { rows, entities, links, problems, unsupported };
    });
    expect(summaries[0]?.rows.read).toBeGreaterThan(20);
    expect(summaries[1]).toEqual(summaries[0]);
    expect(remote.code).toBe(local.code);
  });

  it('refuses a URL the server does not have with exit 2', async () => {
    const run = await runImportCli([`${base}/lists/missing.csv`, '--mapping', mapping]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `Cannot download ${base}/lists/missing.csv: the server answered 404`,
    );
  });
});
