/**
 * The explorer's rough edges from issue 18, each in Debian's Chromium against the real server:
 * empty path answers, the view's one as-of date, path modes and statuses, filter counts, search
 * hints and ties, keyboard, small windows, sharing and the captioned PNG. A small graph of its
 * own (ids under `e2e-workbench:`) gives paths of several lengths and a disputed link; it is
 * written through the API and removed afterwards.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { ensureClientBuilt } from '../e2e/client-build';
import {
  apiExcerpts,
  classesOf,
  idle,
  modelPositions,
  openView,
  pickSuggestion,
  screenPoint,
} from '../e2e/explorer-page';
import { accessClient } from '../support/access';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

requireChromiumUnlessLocal('e2e-workbench');

const LEI_JUN = 'person:lei-jun';
const DOD_LIST = 'list:us-dod-blacklist';
const P = 'e2e-workbench';
const SOURCE = `source:${P}-memo`;
const MEMO =
  'Ada Quill leads Bramble Works. Bramble Works is on the Delta Registry. Ada Quill founded Cobalt Trust, which owns Bramble Works. Some say Cobalt Trust is affiliated with the Delta Registry. Bo Quill and Cy Quill are her cousins.';
const ADA = `${P}:ada-quill`;
const BRAMBLE = `${P}:bramble-works`;
const COBALT = `${P}:cobalt-trust`;
const DELTA = `${P}:delta-registry`;

let db: Database;
let running: RunningServer;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];
const pages: Page[] = [];

async function cleanUp() {
  await db.write('MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source DETACH DELETE n', {
    prefix: `${P}:`,
    source: SOURCE,
  });
}

/** The fixture graph, through the curation API so it has the shape every write has. */
async function writeFixture() {
  const execute = accessClient(db);
  const run = async (query: string, input: Record<string, unknown>) => {
    const answer = await execute(query, { input });
    if (answer.body.errors) throw new Error(JSON.stringify(answer.body.errors));
  };
  const cite = (excerpt: string) => [{ sourceId: SOURCE, excerpt }];
  await run('mutation($input: SourceInput!) { addSource(input: $input) { id } }', {
    id: SOURCE,
    title: 'Memo on the Quills',
    kind: 'memo',
    text: MEMO,
  });
  const entity = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }';
  const people = [
    [ADA, 'Ada Quill', 'Ada Quill leads Bramble Works'],
    [`${P}:bo-quill`, 'Bo Quill', 'Bo Quill and Cy Quill are her cousins'],
    [`${P}:cy-quill`, 'Cy Quill', 'Bo Quill and Cy Quill are her cousins'],
  ] as const;
  for (const [id, name, excerpt] of people)
    await run(entity, { id, kind: 'PERSON', name, citations: cite(excerpt) });
  await run(entity, {
    id: BRAMBLE,
    kind: 'COMPANY',
    name: 'Bramble Works',
    citations: cite('Bramble Works is on the Delta Registry'),
  });
  await run(entity, {
    id: COBALT,
    kind: 'COMPANY',
    name: 'Cobalt Trust',
    citations: cite('Ada Quill founded Cobalt Trust'),
  });
  await run(entity, {
    id: DELTA,
    kind: 'GOVERNMENT_LIST',
    name: 'Delta Registry',
    citations: cite('Bramble Works is on the Delta Registry'),
  });
  const link = 'mutation($input: LinkInput!) { upsertLink(input: $input) { id } }';
  const links = [
    ['leads', 'LEADS', ADA, BRAMBLE, 'ASSERTED', 'Ada Quill leads Bramble Works'],
    ['listed', 'LISTED_ON', BRAMBLE, DELTA, 'ASSERTED', 'Bramble Works is on the Delta Registry'],
    ['founded', 'FOUNDED', ADA, COBALT, 'ASSERTED', 'Ada Quill founded Cobalt Trust'],
    ['owns', 'OWNS', COBALT, BRAMBLE, 'ASSERTED', 'Cobalt Trust, which owns Bramble Works'],
    [
      'affiliated',
      'AFFILIATED_WITH',
      COBALT,
      DELTA,
      'DISPUTED',
      'Some say Cobalt Trust is affiliated with the Delta Registry',
    ],
  ] as const;
  for (const [id, type, fromId, toId, status, excerpt] of links)
    await run(link, { id: `${P}:${id}`, type, fromId, toId, status, citations: cite(excerpt) });
}

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  await ensureClientBuilt();
  db = connectTestDatabase();
  await cleanUp();
  await writeFixture();
  running = await listen(db);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
  });
}, 240_000);

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (db) {
    await cleanUp();
    await db.close();
  }
});

async function newPage(target: BrowserContext = context): Promise<Page> {
  const page = await target.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  pages.push(page);
  return page;
}

/** The explorer with the two ends picked in the path finder (both on the canvas). */
async function pathFinder(page: Page, from: [string, string], to: [string, string], query = '') {
  await openView(page, running.url, `e=${from[0]}&e=${to[0]}${query ? `&${query}` : ''}`);
  await (await pickSuggestion(page, '#path-from', from[1], from[0])).click();
  await (await pickSuggestion(page, '#path-to', to[1], to[0])).click();
}

/** Clicks Find paths and waits for the answer with at least one path. */
async function findShownPaths(page: Page) {
  await page.click('#path-find');
  await page.waitForSelector('#path-counter');
  await idle(page);
}

const leiJunToTheList = (page: Page, query = '') =>
  pathFinder(page, [LEI_JUN, 'Lei Jun'], [DOD_LIST, 'Defense blacklist'], query);

/**
 * An exported PNG beside the bare graph picture: its size, and the dark pixels (text) in the
 * band of the title at the top and of the source lines at the bottom.
 */
function measurePng(page: Page, bytes: Buffer) {
  return page.evaluate(async (base64) => {
    // Not fetch(data:): the page's CSP allows connections to its own origin only.
    const file = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([file], { type: 'image/png' }));
    const bare = await createImageBitmap(
      (window as unknown as { cy: { png(o: object): Blob } }).cy.png({
        output: 'blob',
        full: true,
        scale: 2,
        maxWidth: 4000,
        maxHeight: 4000,
      }),
    );
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0);
    // Dark pixels (text) in a band: the title at the top, the source lines at the bottom.
    const inkIn = (top: number, height: number) => {
      const data = context.getImageData(0, top, image.width, height).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4)
        if ((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255) < 300) ink++;
      return ink;
    };
    return {
      width: image.width,
      height: image.height,
      bareHeight: bare.height,
      titleInk: inkIn(48, 52),
      footInk: inkIn(image.height - 120, 72),
    };
  }, bytes.toString('base64'));
}

async function setAsOf(page: Page, day: string) {
  if (!(await page.isChecked('#asof-enabled'))) await page.check('#asof-enabled');
  await page.fill('#asof-date', day);
  await page.press('#asof-date', 'Enter');
  await idle(page);
}

describe.skipIf(!chromiumAvailable())('path search with no answer', () => {
  it('says there is no path within the hops on that date, and that one exists at other dates', async () => {
    const page = await newPage();
    await leiJunToTheList(page);
    await setAsOf(page, '2018-06-01');
    await page.selectOption('#path-hops', '1');
    await page.click('#path-find');
    const none = page.locator('#path-none');
    await none.waitFor({ timeout: 10_000 });
    await idle(page);
    await page.waitForFunction(() =>
      document.querySelector('#path-none')?.textContent?.includes('Outside that date'),
    );
    const text = (await none.textContent()) ?? '';
    expect(text).toContain('No path within 1 hop on 2018-06-01');
    expect(text).toContain('None within 6 hops on that date either.');
    expect(text).toContain('Outside that date there is one: the shortest has 2 hops');
    expect(await page.locator('#path-results .spinner').count()).toBe(0);
    expect(await page.isEnabled('#path-find')).toBe(true);
  });

  it('says a path exists beyond the chosen hops on the same date', async () => {
    const page = await newPage();
    await leiJunToTheList(page);
    await setAsOf(page, '2021-06-01');
    await page.selectOption('#path-hops', '1');
    await page.click('#path-find');
    await page.waitForFunction(() =>
      document.querySelector('#path-none')?.textContent?.includes('beyond'),
    );
    const text = (await page.locator('#path-none').textContent()) ?? '';
    expect(text).toContain('No path within 1 hop on 2021-06-01');
    expect(text).toContain('A path exists beyond 1 hop on that date: the shortest has 2 hops.');
  });
});

describe.skipIf(!chromiumAvailable())('one as-of date for the whole view', () => {
  it('commits a typed date only on Enter or leaving the field, and refuses a bad one', async () => {
    const page = await newPage();
    await openView(page, running.url, `e=${LEI_JUN}`);
    await page.check('#asof-enabled');
    await idle(page);
    const committed = () => new URL(page.url()).searchParams.get('asOf');
    const before = committed();
    // What Chromium's date field turned into 0001-06-01.
    await page.fill('#asof-date', '');
    await page.type('#asof-date', '06012021', { delay: 20 });
    expect(committed()).toBe(before);
    await page.press('#asof-date', 'Tab');
    expect(await page.locator('#asof-date-error').textContent()).toContain('type it as YYYY-MM-DD');
    expect(await page.getAttribute('#asof-date', 'aria-invalid')).toBe('true');
    expect(committed()).toBe(before);
    await page.fill('#asof-date', '0001-06-01');
    await page.press('#asof-date', 'Enter');
    expect(await page.locator('#asof-date-error').textContent()).toContain('outside the years');
    expect(committed()).toBe(before);
    await page.fill('#asof-date', '');
    await page.type('#asof-date', '2019-03', { delay: 20 });
    expect(committed()).toBe(before);
    await page.type('#asof-date', '-15', { delay: 20 });
    await page.press('#asof-date', 'Enter');
    expect(committed()).toBe('2019-03-15');
    expect(await page.isVisible('#asof-date-error')).toBe(false);
    expect(await page.locator('#asof-summary').textContent()).toContain('As of 2019-03-15');
  });

  it('finds paths for the view date and searches again when the slider settles on another', async () => {
    const page = await newPage();
    await leiJunToTheList(page);
    await setAsOf(page, '2018-06-01');
    expect(await page.locator('#path-asof-note').textContent()).toContain('2018-06-01');
    await page.click('#path-find');
    await page.locator('#path-none').waitFor();
    expect(await page.locator('#path-none').textContent()).toContain('on 2018-06-01');
    // The slider is the same date: move it to 2021-06-01 and let go.
    await setAsOf(page, '2021-06-01');
    await findShownPaths(page);
    await page.evaluate(() => {
      const slider = document.querySelector<HTMLInputElement>('#asof-slider');
      if (!slider) throw new Error('no slider');
      slider.value = String(Date.parse('2020-06-01T00:00:00Z') / 86_400_000);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      slider.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.locator('#path-none').waitFor({ timeout: 10_000 });
    expect(await page.locator('#path-none').textContent()).toContain('on 2020-06-01');
    expect(await classesOf(page, 'link:xiaomi-listed-on-us-dod-blacklist')).not.toContain(
      'on-path',
    );
  });
});

describe.skipIf(!chromiumAvailable())('a date range for the view', () => {
  it('fades links valid at no time in the range, and finds paths over it', async () => {
    const page = await newPage();
    await leiJunToTheList(page);
    await setAsOf(page, '2019-01-01');
    await page.fill('#asof-to', '2018-06-01');
    await page.press('#asof-to', 'Enter');
    expect(await page.locator('#asof-to-error').textContent()).toContain('must end after');
    await page.fill('#asof-to', '2021-06-01');
    await page.press('#asof-to', 'Enter');
    await idle(page);
    expect(new URL(page.url()).searchParams.get('asOfTo')).toBe('2021-06-01');
    expect(await page.locator('#asof-summary').textContent()).toContain(
      'From 2019-01-01 to 2021-06-01',
    );
    expect(await page.locator('#path-asof-note').textContent()).toContain(
      'between 2019-01-01 and 2021-06-01',
    );
    await findShownPaths(page);
    expect(await page.locator('#path-results').textContent()).toContain(
      'of 2 hops between 2019-01-01 and 2021-06-01',
    );
    expect(await classesOf(page, 'link:xiaomi-listed-on-us-dod-blacklist')).toEqual(['on-path']);
    // Xiaomi was listed in 2021: a range ending in 2020 has no path, and the link fades.
    await page.fill('#asof-to', '2020-06-01');
    await page.press('#asof-to', 'Enter');
    await page.locator('#path-none').waitFor();
    expect(await page.locator('#path-none').textContent()).toContain(
      'No path within 4 hops between 2019-01-01 and 2020-06-01',
    );
    expect(await classesOf(page, 'link:xiaomi-listed-on-us-dod-blacklist')).toContain(
      'out-of-date',
    );
  });
});

describe.skipIf(!chromiumAvailable())('path modes, statuses and filters', () => {
  const counter = (page: Page) => page.locator('#path-counter').textContent();

  it('offers every simple path up to the hops, and can leave disputed links out', async () => {
    const page = await newPage();
    await pathFinder(page, [ADA, 'Ada Quill'], [DELTA, 'Delta Registry']);
    const find = async () => {
      await page.click('#path-find');
      await page.waitForSelector('#path-counter');
      await idle(page);
      return counter(page);
    };
    // Shortest: Ada → Bramble → Delta and Ada → Cobalt → Delta (disputed).
    expect(await find()).toBe('Path 1 of 2');
    await page.selectOption('#path-mode', 'ALL');
    // All, in either direction: also Ada → Cobalt → Bramble → Delta and Ada → Bramble ← Cobalt
    // → Delta.
    expect(await find()).toBe('Path 1 of 4');
    expect(new URL(page.url()).searchParams.get('paths')).toBe('all');
    await page.check('#path-asserted-only');
    expect(await find()).toBe('Path 1 of 2');
    await page.click('#path-next');
    const shown = await page
      .locator('#path-steps [data-link-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-link-id')));
    expect(shown).not.toContain(`${P}:affiliated`);
    await page.selectOption('#path-mode', 'ALL_SHORTEST');
    expect(await find()).toBe('Path 1 of 1');
    expect(await classesOf(page, `${P}:affiliated`)).toContain('dimmed');
  });

  it('counts hidden entities and links apart, and keeps a highlighted path whole', async () => {
    const page = await newPage();
    await pathFinder(page, [ADA, 'Ada Quill'], [DELTA, 'Delta Registry']);
    await findShownPaths(page);
    const [first] = await page
      .locator('#path-steps [data-link-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-link-id') ?? ''));
    const firstType = { [`${P}:leads`]: 'LEADS', [`${P}:founded`]: 'FOUNDED' }[first ?? ''];
    if (!firstType) throw new Error(`unexpected first link ${first}`);
    await page.uncheck(`[data-filter="type:${firstType}"]`);
    expect(await classesOf(page, first ?? '')).not.toContain('filtered');
    expect(await page.locator('#path-hidden-note').textContent()).toMatch(/leads|founded/i);
    expect(await page.locator('#canvas-summary').textContent()).not.toContain('hidden by filters');
    // Hiding companies hides the one off the path with its two links; the path stays whole.
    const [onPath, offPath] = first === `${P}:leads` ? [BRAMBLE, COBALT] : [COBALT, BRAMBLE];
    await page.uncheck('[data-filter="kind:COMPANY"]');
    const summary = (await page.locator('#canvas-summary').textContent()) ?? '';
    expect(summary).toContain('1 entity and 2 links hidden by filters');
    expect(await classesOf(page, onPath)).not.toContain('filtered');
    expect(await classesOf(page, offPath)).toContain('filtered');
  });
});

describe.skipIf(!chromiumAvailable())('search', () => {
  it('hints at two letters when one is typed', async () => {
    const page = await newPage();
    await openView(page, running.url);
    await page.type('#search', 'L');
    const list = page.locator('#search-suggestions');
    await list.waitFor();
    expect(await list.textContent()).toBe('Type at least 2 letters to search.');
  });

  it('puts the best connected of equally good matches first', async () => {
    const page = await newPage();
    await openView(page, running.url);
    await pickSuggestion(page, '#search', 'Quill', ADA);
    const order = await page
      .locator('#search-suggestions [data-entity-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-entity-id')));
    // Three people named Quill score the same; Ada has two links, her cousins none.
    expect(order.slice(0, 3)).toEqual([ADA, `${P}:bo-quill`, `${P}:cy-quill`]);
  });

  it('finds the ministry by its initials, MIIT, first among the suggestions', async () => {
    const page = await newPage();
    await openView(page, running.url);
    const option = await pickSuggestion(page, '#search', 'MIIT', 'ministry:cn-miit');
    const first = await page
      .locator('#search-suggestions [data-entity-id]')
      .first()
      .getAttribute('data-entity-id');
    expect(first).toBe('ministry:cn-miit');
    await option.click();
    await page.waitForSelector('.entity-details[data-entity-id="ministry:cn-miit"]');
  });

  it('takes no more text than the API accepts', async () => {
    const page = await newPage();
    await openView(page, running.url);
    await page.focus('#search');
    await page.keyboard.insertText('x'.repeat(300));
    expect((await page.inputValue('#search')).length).toBe(200);
    await page.locator('#search-suggestions li').first().waitFor();
    await idle(page);
    expect(await page.locator('#search-suggestions').textContent()).toContain('Nothing found');
    expect(await page.isVisible('#banner')).toBe(false);
  });

  it('says a failed search in its list, and the next search clears it', async () => {
    const page = await newPage();
    await openView(page, running.url);
    await page.route('**/graphql', (route) => route.fulfill({ status: 400, body: 'Bad Request' }));
    await page.type('#search', 'Xia', { delay: 20 });
    const list = page.locator('#search-suggestions');
    await page.waitForFunction(() =>
      document.querySelector('#search-suggestions')?.textContent?.includes('Searching failed'),
    );
    expect(await list.isVisible()).toBe(true);
    expect(await page.isVisible('#banner')).toBe(false);
    await page.unroute('**/graphql');
    await page.type('#search', 'o', { delay: 20 });
    await page.locator('#search-suggestions [data-entity-id="company:xiaomi"]').waitFor();
    expect(await list.textContent()).not.toContain('failed');
  });
});

describe.skipIf(!chromiumAvailable())('keyboard and canvas', () => {
  const zoom = (page: Page) =>
    page.evaluate(() => (window as unknown as { cy: { zoom(): number } }).cy.zoom());

  it('steps through paths with n and p, fits with f, expands with e, and lists the keys on ?', async () => {
    const page = await newPage();
    await pathFinder(page, [ADA, 'Ada Quill'], [DELTA, 'Delta Registry']);
    await findShownPaths(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('n');
    expect(await page.locator('#path-counter').textContent()).toBe('Path 2 of 2');
    await page.keyboard.press('n');
    expect(await page.locator('#path-counter').textContent()).toBe('Path 1 of 2');
    await page.keyboard.press('p');
    expect(await page.locator('#path-counter').textContent()).toBe('Path 2 of 2');
    await page.keyboard.press('a');
    expect(await page.locator('#path-counter').textContent()).toBe('All 2 paths');
    // f: zoom out by hand (once the fit for the step has finished), then fit again.
    type Animated = { cy: { animated(): boolean; zoom(z: number): void } };
    await page.waitForFunction(() => !(window as unknown as Animated).cy.animated());
    // A block body: cy.zoom() returns the core, which Playwright would try to serialise.
    await page.evaluate(() => {
      (window as unknown as Animated).cy.zoom(0.2);
    });
    await page.keyboard.press('f');
    await page.waitForFunction(
      () => (window as unknown as { cy: { zoom(): number } }).cy.zoom() > 0.5,
    );
    // e: expand the selected entity (Bramble Works brings Cobalt's "owns" link).
    await page.click('#canvas-list-section summary');
    await page.click(`#canvas-list button[data-entity-id="${BRAMBLE}"]`);
    await page.waitForSelector(`.entity-details[data-entity-id="${BRAMBLE}"]`);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('e');
    await idle(page);
    await page.waitForFunction(
      (id) =>
        (
          window as unknown as { cy: { getElementById(i: string): { length: number } } }
        ).cy.getElementById(id).length > 0,
      `${P}:owns`,
    );
    await page.keyboard.press('?');
    const help = page.locator('#help');
    expect(await help.isVisible()).toBe(true);
    expect(await help.textContent()).toContain('next / previous path');
    await page.keyboard.press('Escape');
    expect(await help.isVisible()).toBe(false);
  });

  it('fits a handful of entities to fill the view, beyond 1.3×', async () => {
    const page = await newPage();
    await openView(page, running.url, `e=${ADA}&e=${BRAMBLE}&e=${COBALT}&e=${DELTA}`);
    await page.click('#fit');
    await page.waitForTimeout(500);
    expect(await zoom(page)).toBeGreaterThan(1.3);
    const fill = await page.evaluate(() => {
      const cy = (
        window as unknown as {
          cy: {
            nodes(): { renderedBoundingBox(): { w: number; h: number } };
            width(): number;
            height(): number;
          };
        }
      ).cy;
      const box = cy.nodes().renderedBoundingBox();
      return Math.max(box.w / cy.width(), box.h / cy.height());
    });
    expect(fill).toBeGreaterThan(0.6);
  });

  it('shows neighbours expanded during a path highlight in full, not dimmed', async () => {
    const page = await newPage();
    await leiJunToTheList(page);
    await findShownPaths(page);
    await page.click('#canvas-list-section summary');
    await page.click('#canvas-list button[data-entity-id="company:xiaomi"]');
    await page.click('#details button[data-action="expand"]');
    await idle(page);
    await page.waitForFunction(
      () =>
        (
          window as unknown as { cy: { getElementById(i: string): { length: number } } }
        ).cy.getElementById('org:hong-kong-stock-exchange').length > 0,
    );
    expect(await classesOf(page, 'org:hong-kong-stock-exchange')).not.toContain('dimmed');
    expect(
      await classesOf(page, 'link:xiaomi-listed-on-exchange-hong-kong-stock-exchange'),
    ).not.toContain('dimmed');
    expect(await classesOf(page, DOD_LIST)).toContain('on-path');
  });
});

type Box = { x1: number; y1: number; x2: number; y2: number };

/** The area two boxes share (0 when apart). */
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) *
  Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));

/** Each visible entity's body and label box, and each visible link's label box, as drawn. */
function drawnBoxes(page: Page) {
  return page.evaluate(() => {
    type El = { id(): string; data(k: string): unknown; boundingBox(o: object): Box };
    type Els = { map<T>(f: (n: El) => T): T[] };
    const cy = (window as unknown as { cy: { nodes(s: string): Els; edges(s: string): Els } }).cy;
    const labelOnly = { includeNodes: false, includeEdges: false, includeLabels: true };
    return {
      nodes: cy.nodes(':visible').map((n) => ({
        id: n.id(),
        body: n.boundingBox({ includeLabels: false }),
        label: n.boundingBox(labelOnly),
      })),
      edges: cy
        .edges(':visible')
        .map((e) => ({ id: e.id(), label: e.data('label') ? e.boundingBox(labelOnly) : null })),
    };
  });
}

describe.skipIf(!chromiumAvailable())('edge labels', () => {
  it('are laid out so that no node label covers another node or its label', async () => {
    const page = await newPage();
    // The seed story around Xiaomi, laid out fresh: long labels ("Hong Kong Stock Exchange",
    // "Chinese government") on nodes the layout used to place side by side.
    const story = [
      'person:lei-jun',
      'company:xiaomi',
      'award:miit-2019-distinction',
      'ministry:us-dod',
      DOD_LIST,
      'org:chinese-government',
      'org:hong-kong-stock-exchange',
      'topic:5g-technologies',
    ];
    await openView(page, running.url, story.map((id) => `e=${id}`).join('&'));
    await page.click('#relayout');
    await idle(page);
    await page.waitForFunction(
      () => !(window as unknown as { cy: { animated(): boolean } }).cy.animated(),
    );
    const { nodes } = await drawnBoxes(page);
    const overlaps: string[] = [];
    for (const a of nodes)
      for (const b of nodes) {
        if (a.id === b.id) continue;
        if (a.id < b.id && overlap(a.label, b.label) > 1) overlaps.push(`${a.id} / ${b.id} labels`);
        if (overlap(a.label, b.body) > 1) overlaps.push(`${a.id}'s label over ${b.id}`);
      }
    const found = { overlaps, nodes: nodes.length };
    expect(found.nodes).toBeGreaterThanOrEqual(7);
    expect(found.overlaps).toEqual([]);
  });

  it('never run under node labels or over nodes, where a node sits beside the middle', async () => {
    const page = await newPage();
    // Bo Quill just above the middle of "leads", Cy Quill just below it: the usual spot of
    // its label (above the line) is under Bo's label, the one below it on Cy's circle.
    const spots: [string, number, number][] = [
      [ADA, 0, 0],
      [BRAMBLE, 300, 0],
      [`${P}:bo-quill`, 150, -40],
      [`${P}:cy-quill`, 150, 20],
      [COBALT, 150, -160],
      [DELTA, 300, 170],
    ];
    const ids = spots.map(([id]) => `e=${id}`).join('&');
    const pos = spots.map(([, x, y]) => `${x},${y}`).join(';');
    await openView(page, running.url, `${ids}&pos=${encodeURIComponent(pos)}`);
    const { nodes, edges } = await drawnBoxes(page);
    const overlaps: string[] = [];
    for (const edge of edges) {
      if (!edge.label) continue;
      for (const node of nodes) {
        if (overlap(edge.label, node.label) > 1)
          overlaps.push(`${edge.id} under ${node.id}'s label`);
        if (overlap(edge.label, node.body) > 1) overlaps.push(`${edge.id} over ${node.id}`);
      }
    }
    const found = { overlaps, labelled: edges.filter((e) => e.label).length };
    expect(found.overlaps).toEqual([]);
    expect(found.labelled).toBe(5);
  });

  it('leave the red dots of a denied link visible at its middle', async () => {
    const page = await newPage();
    await openView(page, running.url, 'e=company:xiaomi&e=org:chinese-government');
    await page.click('#fit');
    await page.waitForFunction(
      () => !(window as unknown as { cy: { animated(): boolean } }).cy.animated(),
    );
    const red = await page.evaluate(async () => {
      type P = { x: number; y: number };
      const cy = (
        window as unknown as {
          cy: {
            getElementById(id: string): {
              renderedSourceEndpoint(): P;
              renderedTargetEndpoint(): P;
            };
            png(o: object): Blob;
          };
        }
      ).cy;
      const edge = cy.getElementById('link:xiaomi-affiliated-with-chinese-government');
      const a = edge.renderedSourceEndpoint();
      const b = edge.renderedTargetEndpoint();
      const image = await createImageBitmap(cy.png({ output: 'blob', full: false, scale: 1 }));
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas');
      context.drawImage(image, 0, 0);
      // The middle fifth of the line, where the label used to sit on it: count reddish pixels.
      let count = 0;
      for (let t = 0.4; t <= 0.6; t += 0.002) {
        const x = Math.round(a.x + (b.x - a.x) * t);
        const y = Math.round(a.y + (b.y - a.y) * t);
        const [r = 0, g = 0, bl = 0] = context.getImageData(x - 1, y - 1, 3, 3).data;
        if (r > 150 && g < 120 && bl < 120) count++;
      }
      return count;
    });
    expect(red).toBeGreaterThan(10);
  });
});

describe.skipIf(!chromiumAvailable())('small windows', () => {
  const SHARED = `e=${LEI_JUN}&e=${DOD_LIST}&e=company:xiaomi&from=${LEI_JUN}&to=${DOD_LIST}&link=link:xiaomi-listed-on-us-dod-blacklist`;

  /** Boxes of the canvas, the details panel and the header's buttons, and the page's width. */
  function layoutOf(page: Page) {
    return page.evaluate(() => {
      const box = (selector: string) => {
        const r = document.querySelector(selector)?.getBoundingClientRect();
        return r
          ? { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height }
          : null;
      };
      const cy = (
        window as unknown as {
          cy: {
            nodes(): { map<T>(f: (n: { renderedPosition(): { x: number; y: number } }) => T): T[] };
          };
        }
      ).cy;
      return {
        pageWidth: document.documentElement.scrollWidth,
        canvas: box('#cy'),
        details: box('#details'),
        buttons: ['#export-png', '#export-json', '#copy-link', '#fit', '#undo'].map((b) => box(b)),
        nodes: cy.nodes().map((n) => n.renderedPosition()),
      };
    });
  }

  it('keeps every tool and the whole graph in view at 1024×700', async () => {
    const laptop = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await newPage(laptop);
    await openView(page, running.url, SHARED);
    await page.waitForSelector('.link-details .excerpt');
    const layout = await layoutOf(page);
    expect(layout.pageWidth).toBeLessThanOrEqual(1024);
    for (const button of layout.buttons) {
      expect(button?.width).toBeGreaterThan(0);
      expect(button?.right).toBeLessThanOrEqual(1024);
    }
    const canvas = layout.canvas;
    if (!canvas || !layout.details) throw new Error('no canvas or details panel');
    expect(canvas.right).toBeLessThanOrEqual(layout.details.left + 1);
    expect(canvas.width).toBeGreaterThan(400);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThan(0);
      expect(node.x).toBeLessThan(canvas.width);
    }
    await laptop.close();
  });

  it('shows the graph and then the evidence on a phone, without sideways scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await newPage(phone);
    await openView(page, running.url, SHARED);
    await page.waitForSelector('.link-details .excerpt');
    const layout = await layoutOf(page);
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
    const canvas = layout.canvas;
    if (!canvas || !layout.details) throw new Error('no canvas or details panel');
    expect(canvas.width).toBeGreaterThan(350);
    expect(canvas.height).toBeGreaterThan(300);
    expect(canvas.top).toBeLessThan(844);
    expect(layout.details.top).toBeGreaterThanOrEqual(canvas.top + canvas.height - 1);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThan(0);
      expect(node.x).toBeLessThan(canvas.width);
      expect(node.y).toBeGreaterThan(0);
      expect(node.y).toBeLessThan(canvas.height);
    }
    await page.locator('.link-details .excerpt').first().scrollIntoViewIfNeeded();
    expect(await page.locator('.link-details .excerpt').first().isVisible()).toBe(true);
    await phone.close();
  });
});

describe.skipIf(!chromiumAvailable())('sharing and export', () => {
  const settled = (page: Page) =>
    page.waitForFunction(
      () => !(window as unknown as { cy: { animated(): boolean } }).cy.animated(),
    );

  it('reopens a shared link with every entity where it was, also after a drag', async () => {
    const page = await newPage();
    await pathFinder(page, [ADA, 'Ada Quill'], [DELTA, 'Delta Registry']);
    await findShownPaths(page);
    await settled(page);
    // Drag Ada Quill 80 px to the right, as a user would.
    const start = await screenPoint(page, ADA);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 40, start.y + 10, { steps: 4 });
    await page.mouse.move(start.x + 80, start.y + 20, { steps: 4 });
    await page.mouse.up();
    const before = await modelPositions(page);
    expect(new URL(page.url()).searchParams.get('pos')).toBeTruthy();
    const other = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const reopened = await newPage(other);
    await openView(reopened, running.url, new URL(page.url()).search.slice(1));
    await reopened.waitForSelector('#path-counter');
    expect(await modelPositions(reopened)).toEqual(before);
    await other.close();
  });

  it('exports a PNG with a title, the date, a legend and the sources around the graph', async () => {
    const page = await newPage();
    await pathFinder(page, [ADA, 'Ada Quill'], [DELTA, 'Delta Registry']);
    await setAsOf(page, '2024-01-01');
    await findShownPaths(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-png'),
    ]);
    const bytes = readFileSync((await download.path()) ?? '');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const measured = await measurePng(page, bytes);
    expect(measured.height).toBeGreaterThan(measured.bareHeight + 150);
    expect(measured.titleInk).toBeGreaterThan(500);
    expect(measured.footInk).toBeGreaterThan(500);
  });
});

describe.skipIf(!chromiumAvailable())('a researcher on a 1024×700 laptop', () => {
  it('finds all paths without denied links as of a day, reads the evidence, exports and shares', async () => {
    const laptop = await browser.newContext({
      viewport: { width: 1024, height: 700 },
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await newPage(laptop);
    await openView(page, running.url);
    // Find Lei Jun.
    await (await pickSuggestion(page, '#search', 'Lei Jun', LEI_JUN)).click();
    await page.waitForSelector(`.entity-details[data-entity-id="${LEI_JUN}"]`);
    await idle(page);
    // All paths up to 4 hops to the DoD list, as of 2021-06-01, without denied links.
    await setAsOf(page, '2021-06-01');
    await (await pickSuggestion(page, '#path-from', 'Lei Jun', LEI_JUN)).click();
    await (await pickSuggestion(page, '#path-to', 'Defense blacklist', DOD_LIST)).click();
    await page.selectOption('#path-hops', '4');
    await page.selectOption('#path-mode', 'ALL');
    await page.check('#path-asserted-only');
    await findShownPaths(page);
    const counter = (await page.locator('#path-counter').textContent()) ?? '';
    const total = Number(/of (\d+)/.exec(counter)?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    // Each link's evidence, path by path, compared with the API's excerpts.
    for (let step = 0; step < total; step++) {
      const linkIds = await page
        .locator('#path-steps [data-link-id]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-link-id') ?? ''));
      expect(linkIds).not.toContain('link:xiaomi-affiliated-with-chinese-government');
      for (const id of linkIds) {
        await page.click(`#path-steps [data-link-id="${id}"]`);
        await page.waitForSelector(`.link-details[data-link-id="${id}"] .excerpt`);
        const shown = await page.locator('.link-details .excerpt').allTextContents();
        expect(shown).toEqual((await apiExcerpts(running.url, id)).map((e) => `“${e}”`));
      }
      if (step < total - 1) await page.click('#path-next');
    }
    // A captioned PNG: a title above the graph and the sources below it.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync((await png.path()) ?? '');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const caption = await measurePng(page, bytes);
    expect(caption.height).toBeGreaterThan(caption.bareHeight + 150);
    expect(caption.titleInk).toBeGreaterThan(500);
    expect(caption.footInk).toBeGreaterThan(500);
    // Copy the link and reopen it elsewhere: same entities, same places, same path.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.click('#copy-link');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    const before = await modelPositions(page);
    const other = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const reopened = await newPage(other);
    await reopened.goto(copied);
    await reopened.waitForSelector('body[data-ready="true"]');
    await reopened.waitForSelector('#path-counter');
    const after = await modelPositions(reopened);
    expect(after).toEqual(before);
    expect(await reopened.locator('#path-counter').textContent()).toBe(
      await page.locator('#path-counter').textContent(),
    );
    await other.close();
    await laptop.close();
  }, 120_000);
});

describe.skipIf(!chromiumAvailable())('the page', () => {
  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
