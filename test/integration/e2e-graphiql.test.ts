/**
 * GraphiQL at /graphql in Debian's Chromium with every other host unreachable: the page must
 * load from this server alone, under its content security policy, open the docs/queries
 * operations as tabs and run the first one, showing the paths in its result pane.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, EXAMPLE_QUERY } from '../../server/graphql/example-query';
import type { Database } from '../../server/neo4j/database';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

requireChromiumUnlessLocal('e2e-graphiql');

let db: Database;
let running: RunningServer;
let browser: Browser;
let page: Page;
/** Requests to any host but this server's, which the page must never make. */
const elsewhere: string[] = [];
const consoleErrors: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  db = connectTestDatabase();
  running = await listen(db);
  browser = await launchChromium();
  // Tall enough that the editor renders every line of the answer (Monaco draws only what shows).
  const context = await browser.newContext({ viewport: { width: 1400, height: 5000 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${running.url}/`)) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await db?.close();
});

function operationName(query: string): string {
  return /^(?:query|mutation)\s+(\w+)/m.exec(query)?.[1] ?? '';
}

describe.skipIf(!chromiumAvailable())('GraphiQL in Chromium with no other host reachable', () => {
  it('allows its inline script by hash, not by unsafe-inline, and its editor workers from blob:', async () => {
    const response = await fetch(`${running.url}/graphql`, { headers: { accept: 'text/html' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    await response.arrayBuffer();
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/^ ?script-src 'sha256-[A-Za-z0-9+/]+={0,2}'$/);
    expect(csp).toContain('worker-src blob:');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('loads, opens every docs/queries operation as a tab, the paths first', async () => {
    await page.goto(`${running.url}/graphql`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs.map((t) => t.trim())).toEqual(
      EXAMPLE_OPERATIONS.map((o) => operationName(o.query)),
    );
    expect(tabs[0]?.trim()).toBe('LeiJunToTheList');
    const editor = (await page.locator('.graphiql-query-editor').textContent()) ?? '';
    expect(editor.replace(/\u00a0/g, ' ')).toContain(
      'paths(from: "person:lei-jun", to: "list:us-dod-blacklist"',
    );
  });

  it('runs the default operation and shows the paths from Lei Jun to the list in the result pane', async () => {
    const answered = page.waitForResponse(
      (r) => r.url() === `${running.url}/graphql` && r.request().method() === 'POST',
    );
    await page.click('.graphiql-execute-button');
    expect((await answered).status()).toBe(200);
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response')?.textContent?.includes('"paths"'),
      null,
      { timeout: 30_000 },
    );
    // Monaco draws each line (and each part of a wrapped one) as its own element, with
    // non-breaking spaces; joined in order, they are the JSON.
    const text = await page.evaluate(() =>
      [...document.querySelectorAll('.graphiql-response .view-line')]
        .sort((a, b) => (a as HTMLElement).offsetTop - (b as HTMLElement).offsetTop)
        .map((line) => line.textContent ?? '')
        .join('')
        .replace(/\u00a0/g, ' '),
    );
    type Shown = {
      data: {
        paths: { paths: { entities: { id: string }[]; links: { type: string }[] }[] };
      };
    };
    // Wrapped lines carry the editor's indentation into long strings; compare the routes.
    const routesOf = (answer: Shown) =>
      answer.data.paths.paths.map((p) => ({
        entities: p.entities.map((e) => e.id),
        links: p.links.map((l) => l.type),
      }));
    const shown = routesOf(JSON.parse(text) as Shown);
    const direct = (await (
      await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: EXAMPLE_QUERY }),
      })
    ).json()) as Shown;
    expect(shown).toEqual(routesOf(direct));
    const routes = shown.map((p) => p.entities);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route[0]).toBe('person:lei-jun');
      expect(route.at(-1)).toBe('list:us-dod-blacklist');
    }
    expect(routes).toContainEqual(['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist']);
  });

  it('asked no other host for anything, and broke no rule of its policy', () => {
    expect(elsewhere).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
