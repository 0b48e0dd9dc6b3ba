/**
 * The bundled Neo4j's Bolt port speaks WebSocket too, so any web page the researcher opens can
 * reach it. These tests play that page: served from another origin in Debian's Chromium, it loads
 * neo4j-driver's browser build and tries to read and write the graph. Authentication (a random
 * password kept in the data directory) is what stops it; Neo4j 5.26 cannot refuse WebSocket.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PASSWORD_FILE } from '../../server/neo4j/local-neo4j';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { connectTestDatabase, testConnection } from '../support/database';

const DRIVER_BUNDLE = fileURLToPath(
  new URL('../../node_modules/neo4j-driver/lib/browser/neo4j-web.min.js', import.meta.url),
);
/** Guesses an attacker would try: empty, Neo4j's default, the old fixed Docker password. */
const GUESSES = ['', 'neo4j', 'threadline-local', 'password'];

const dataDir = inject('neo4jDataDir');
const boltPort = inject('neo4jPort');
// With NEO4J_URI set the tests use someone else's database, whose security is theirs.
const local = dataDir !== '';
if (!local) console.warn('bolt-auth skipped: NEO4J_URI is set, so no bundled Neo4j runs here.');
if (local) requireChromiumUnlessLocal('bolt-auth');

interface Attempt {
  ok: boolean;
  code: string;
}

let attacker: Server;
let attackerOrigin: string;
let browser: Browser;
let page: Page;

/** A page on another origin (another port) that carries neo4j-driver's browser build. */
function startAttackerSite(): Promise<Server> {
  const html = '<!doctype html><title>elsewhere</title><script src="/driver.js"></script>';
  const server = createServer((request, response) => {
    if (request.url === '/driver.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(DRIVER_BUNDLE));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs one statement from the attacker's page through Bolt over WebSocket. */
function fromPage(password: string, cypher: string): Promise<Attempt> {
  return page.evaluate(
    async ({ port, password, cypher }) => {
      const neo4j = (window as unknown as { neo4j: typeof import('neo4j-driver').default }).neo4j;
      const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', password));
      try {
        await driver.executeQuery(cypher);
        return { ok: true, code: '' };
      } catch (error) {
        return { ok: false, code: String((error as { code?: string }).code ?? error) };
      } finally {
        await driver.close();
      }
    },
    { port: boltPort, password, cypher },
  );
}

beforeAll(async () => {
  if (!local || !chromiumAvailable()) return;
  attacker = await startAttackerSite();
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${attackerOrigin}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(null)));
});

describe.runIf(local && chromiumAvailable())('the bundled Neo4j against a web page', () => {
  it('keeps its generated password readable by its owner only', () => {
    const file = path.join(dataDir, PASSWORD_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(testConnection().password.length).toBeGreaterThanOrEqual(24);
  });

  it('reaches Bolt from the page at all, so the refusals below are authentication', async () => {
    // The page's WebSocket path works with the right password; without this the test could
    // pass because the page never connected.
    expect(await fromPage(testConnection().password, 'RETURN 1')).toEqual({ ok: true, code: '' });
  });

  it('refuses a page from another origin that tries to read or write', async () => {
    const db = connectTestDatabase();
    try {
      const before = await db.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
      for (const guess of GUESSES) {
        expect(await fromPage(guess, 'MATCH (n) RETURN count(n)')).toEqual({
          ok: false,
          code: 'Neo.ClientError.Security.Unauthorized',
        });
        expect(await fromPage(guess, 'CREATE (:CrossOriginProbe)')).toEqual({
          ok: false,
          code: 'Neo.ClientError.Security.Unauthorized',
        });
      }
      expect(await db.read('MATCH (p:CrossOriginProbe) RETURN p')).toEqual([]);
      expect(await db.read<{ n: number }>('MATCH (n) RETURN count(n) AS n')).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it('does not lock Threadline out after the page fails many times', async () => {
    for (let i = 0; i < 12; i++) await fromPage(`guess-${i}`, 'RETURN 1');
    const db = connectTestDatabase();
    try {
      expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
