/**
 * The explorer end to end: Debian's Chromium against the real server and the seeded Neo4j.
 * A researcher searches Lei Jun, expands him, finds the paths to the Department of Defense
 * list, reads a link's evidence, shares the view and reopens it, and sees a clear message when
 * the API fails. Screenshots go to test-results/e2e/ (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { ensureClientBuilt } from '../e2e/client-build';
import {
  apiExcerpts as apiExcerptsFrom,
  type Cy,
  canvasEntities as canvasEntitiesOf,
  classesOf as classesIn,
  idle as idleIn,
  pickSuggestion as pickSuggestionIn,
  screenPoint as screenPointIn,
} from '../e2e/explorer-page';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

const SHOTS = new URL('../../test-results/e2e/', import.meta.url);
const README_SHOT = new URL('../../docs/screenshots/explorer.png', import.meta.url);
const LEI_JUN = 'person:lei-jun';
const DOD_LIST = 'list:us-dod-blacklist';
const LISTED_ON = 'link:xiaomi-listed-on-us-dod-blacklist';

requireChromiumUnlessLocal('e2e-explorer');

let db: Database;
let running: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  mkdirSync(SHOTS, { recursive: true });
  await ensureClientBuilt();
  db = connectTestDatabase();
  running = await listen(db);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await db?.close();
});

async function shot(target: Page, name: string) {
  await target.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname });
}

const idle = (target: Page = page) => idleIn(target);
const canvasEntities = (target: Page = page) => canvasEntitiesOf(target);
const classesOf = (id: string, target: Page = page) => classesIn(target, id);
const screenPoint = (id: string, edge = false) => screenPointIn(page, id, edge);

const apiExcerpts = (linkId: string) => apiExcerptsFrom(running.url, linkId);

const pickSuggestion = (input: string, text: string, entityId: string) =>
  pickSuggestionIn(page, input, text, entityId);

describe.skipIf(!chromiumAvailable())('the explorer in Chromium', () => {
  it('greets a first visit with starting points and a one-line explanation', async () => {
    await page.goto(running.url);
    await page.waitForSelector('body[data-ready="true"]');
    const empty = page.locator('#empty-state');
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toContain('through what, since when, and on what evidence');
    expect(await page.locator('#starting-points button').allTextContents()).toEqual([
      expect.stringContaining('Lei Jun'),
      expect.stringContaining('Xiaomi'),
    ]);
    await shot(page, '01-empty');
  });

  it('suggests entities with their kind as you type, and adds the one picked', async () => {
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    const option = await pickSuggestion('#search', 'Lei Jun', LEI_JUN);
    expect(await option.textContent()).toContain('Person');
    await shot(page, '02-suggestions');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.entity-details[data-entity-id="${LEI_JUN}"]`);
    await idle();
    expect(await canvasEntities()).toEqual([LEI_JUN]);
    expect(await page.locator('#empty-state').isVisible()).toBe(false);
    const panel = await page.locator('#details').textContent();
    expect(panel).toContain('Person');
    expect(panel).toContain('Founder and CEO of Xiaomi');
  });

  it('expands Lei Jun on double-click, placing his neighbours around him', async () => {
    const before = await screenPoint(LEI_JUN);
    await page.mouse.dblclick(before.x, before.y);
    await page.waitForFunction(() =>
      (window as unknown as { cy: Cy }).cy.getElementById('company:xiaomi').visible(),
    );
    await idle();
    expect(await canvasEntities()).toEqual([
      'award:miit-2019-distinction',
      'company:xiaomi',
      LEI_JUN,
    ]);
    expect(await page.locator('#canvas-summary').textContent()).toContain('3 entities');
    await shot(page, '03-expanded');
  });

  it('undoes the last expansion', async () => {
    await page.click('#undo');
    expect(await canvasEntities()).toEqual([LEI_JUN]);
    await page.click(`#details button[data-action="expand"]`);
    await idle();
    expect(await canvasEntities()).toHaveLength(3);
  });

  it('finds the paths to the Department of Defense list, highlights one and steps through them', async () => {
    await (await pickSuggestion('#path-from', 'Lei Jun', LEI_JUN)).click();
    await (await pickSuggestion('#path-to', 'Defense blacklist', DOD_LIST)).click();
    await page.click('#path-find');
    await page.waitForSelector('#path-counter');
    await idle();
    const counter = (await page.locator('#path-counter').textContent()) ?? '';
    const total = Number(/of (\d+)/.exec(counter)?.[1]);
    expect(counter).toMatch(/^Path 1 of \d+$/);
    expect(total).toBeGreaterThanOrEqual(2); // founded and leads both reach Xiaomi
    expect(await page.locator('#path-steps').textContent()).toContain(
      'US Department of Defense blacklist',
    );
    expect(await canvasEntities()).toContain(DOD_LIST);
    expect(await classesOf(DOD_LIST)).toContain('on-path');
    expect(await classesOf(LISTED_ON)).toContain('on-path');
    expect(await classesOf('award:miit-2019-distinction')).toContain('dimmed');
    await page.waitForTimeout(600); // let the layout animation finish before the picture
    await shot(page, '04-path');
    const firstPathLinks = await page
      .locator('#path-steps [data-link-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-link-id')));
    await page.click('#path-next');
    expect(await page.locator('#path-counter').textContent()).toBe(`Path 2 of ${total}`);
    const secondPathLinks = await page
      .locator('#path-steps [data-link-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-link-id')));
    expect(secondPathLinks).not.toEqual(firstPathLinks);
    for (const id of secondPathLinks) expect(await classesOf(id ?? '')).toContain('on-path');
    for (const id of firstPathLinks.filter((l) => !secondPathLinks.includes(l))) {
      expect(await classesOf(id ?? '')).toContain('dimmed');
    }
  });

  it("shows a selected link's verbatim excerpts and source", async () => {
    const point = await screenPoint(LISTED_ON, true);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector(`.link-details[data-link-id="${LISTED_ON}"]`);
    const shown = await page.locator('.link-details .excerpt').allTextContents();
    const expected = await apiExcerpts(LISTED_ON);
    expect(expected.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.map((e) => `“${e}”`));
    expect(await page.locator('.link-details .citation-source').first().textContent()).toContain(
      'US Department of Defense blacklist',
    );
    expect(page.url()).toContain(`link=${encodeURIComponent(LISTED_ON)}`);
    await shot(page, '05-link-evidence');
  });

  it('fades links not valid on the as-of date, and searches the paths again for it', async () => {
    await page.check('#asof-enabled');
    await page.fill('#asof-date', '2020-06-01');
    await page.press('#asof-date', 'Enter');
    await idle();
    expect(await classesOf(LISTED_ON)).toContain('out-of-date');
    expect(await page.locator('#asof-summary').textContent()).toContain('As of 2020-06-01');
    expect(page.url()).toContain('asOf=2020-06-01');
    // Xiaomi was listed on 2021-01-14: no path that day, and the old highlight is gone.
    await page.waitForFunction(() =>
      document.querySelector('#path-none')?.textContent?.includes('Outside that date'),
    );
    expect(await page.locator('#path-none').textContent()).toContain(
      'No path within 4 hops on 2020-06-01',
    );
    expect(await classesOf(LISTED_ON)).not.toContain('on-path');
    await page.fill('#asof-date', '2021-02-01');
    await page.press('#asof-date', 'Enter');
    await page.waitForSelector('#path-counter');
    await idle();
    await page.click('#path-next');
    expect(await classesOf(LISTED_ON)).toContain('on-path');
    expect(await classesOf(LISTED_ON)).not.toContain('out-of-date');
  });

  it('reopens the same view from the shared URL', async () => {
    const shared = page.url();
    const entities = await canvasEntities();
    const other = await context.newPage();
    await other.goto(shared);
    await other.waitForSelector('body[data-ready="true"]');
    await idle(other);
    expect(await canvasEntities(other)).toEqual(entities);
    await other.waitForSelector(`.link-details[data-link-id="${LISTED_ON}"]`);
    expect(await other.locator('#path-counter').textContent()).toMatch(/^Path 2 of \d+$/);
    expect(await classesOf(LISTED_ON, other)).toContain('on-path');
    expect(await other.inputValue('#asof-date')).toBe('2021-02-01');
    await shot(other, '06-reopened');
    await other.close();
  });

  it('clears the selection with Escape', async () => {
    await page
      .locator('#cy')
      .focus()
      .catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    expect(await page.locator('#details').textContent()).toContain('Select an entity or a link');
    expect(page.url()).not.toContain('link=');
  });

  it('offers "+N more" for a hub and loads the rest on request', async () => {
    // Ask the real server for at most 2 neighbours, as if Xiaomi were a hub with many.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as {
        query: string;
        variables: Record<string, unknown>;
      };
      if (body.query.includes('neighborhood(') && body.variables.limit === 25) {
        await route.continue({
          postData: JSON.stringify({ ...body, variables: { ...body.variables, limit: 2 } }),
        });
      } else await route.continue();
    });
    await page.click('summary:has-text("On the canvas")');
    await page.click('#canvas-list button[data-entity-id="company:xiaomi"]');
    await page.waitForSelector('.entity-details[data-entity-id="company:xiaomi"]');
    await page.click('#details button[data-action="expand"]');
    await idle();
    await page.waitForSelector('.more-box');
    const label = await page.evaluate(() =>
      (window as unknown as { cy: Cy }).cy.getElementById('more:company:xiaomi').visible(),
    );
    expect(label).toBe(true);
    const heading = (await page.locator('.more-box h3').textContent()) ?? '';
    const omitted = Number(/\+(\d+) more/.exec(heading)?.[1]);
    expect(omitted).toBeGreaterThan(0);
    await shot(page, '07-more');
    const before = (await canvasEntities()).length;
    await page.click('#details button[data-action="load-more"]');
    await idle();
    await page.unroute('**/graphql');
    expect((await canvasEntities()).length).toBe(before + omitted);
    expect(await page.locator('.more-box').count()).toBe(0);
  });

  it('highlights the path again with the whole neighbourhood around it', async () => {
    await page.click('#path-find');
    await page.waitForFunction(() =>
      document.querySelector('#path-counter')?.textContent?.startsWith('Path 1 of'),
    );
    await idle();
    await page.uncheck('#asof-enabled');
    await page.waitForTimeout(800); // the layout animation
    expect(await classesOf('org:hong-kong-stock-exchange')).toContain('dimmed');
    expect(await classesOf(DOD_LIST)).toContain('on-path');
    await shot(page, '08-path-in-context');
    if (process.env.THREADLINE_UPDATE_SCREENSHOT) {
      // The README's picture: smaller, so the committed PNG stays small.
      await page.setViewportSize({ width: 1280, height: 720 });
      if (await page.locator('#banner').isVisible()) await page.click('.banner-close');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Escape'); // no selection: the picture shows the path alone
      await page.evaluate(() => document.querySelector('.sidebar.left')?.scrollTo(0, 0));
      await page.click('#fit');
      await page.waitForTimeout(600);
      mkdirSync(new URL('.', README_SHOT), { recursive: true });
      await page.screenshot({ path: README_SHOT.pathname });
      await page.setViewportSize({ width: 1400, height: 860 });
    }
  });

  it('exports the view as JSON with citations, and as PNG', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const data = JSON.parse(readFileSync((await json.path()) ?? '', 'utf8'));
    expect(data.entities.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(await canvasEntities()),
    );
    const listed = data.links.find((l: { id: string }) => l.id === LISTED_ON);
    expect(listed.citations.map((c: { excerpt: string }) => c.excerpt)).toEqual(
      await apiExcerpts(LISTED_ON),
    );
    expect(data.sources.length).toBeGreaterThan(0);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync((await png.path()) ?? '');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5_000);
  });

  it('says what failed when the API is down, and the view stays usable', async () => {
    const entities = await canvasEntities();
    const banner = page.locator('#banner');
    const bannerSays = (text: string) =>
      page.waitForFunction(
        (t) => document.querySelector('#banner')?.textContent?.includes(t),
        text,
      );

    await page.route('**/graphql', (route) =>
      route.fulfill({ status: 503, body: 'Service Unavailable' }),
    );
    await page.fill('#search', '');
    await page.type('#search', 'Xia', { delay: 20 });
    // A failed search says so in its own list, which would cover the banner.
    await page.waitForFunction(() =>
      document
        .querySelector('#search-suggestions')
        ?.textContent?.includes('Searching failed: the server answered HTTP 503'),
    );
    expect(await banner.isVisible()).toBe(false);
    await page.unroute('**/graphql');

    // A dead server: the connection is refused.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.click('#canvas-list button[data-entity-id="company:xiaomi"]');
    await page.waitForSelector('.entity-details[data-entity-id="company:xiaomi"]');
    await page.click('#details button[data-action="expand"]');
    await bannerSays('Loading the neighbours of Xiaomi failed: the server could not be reached');
    await shot(page, '09-api-down');
    expect(await canvasEntities()).toEqual(entities);
    await page.unroute('**/graphql');

    // Usable again: the message can be dismissed and the next action works.
    await page.click('.banner-close');
    expect(await banner.isVisible()).toBe(false);
    await (await pickSuggestion('#search', 'Donald Trump', 'person:donald-trump')).click();
    await idle();
    expect(await canvasEntities()).toContain('person:donald-trump');
  }, 90_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
