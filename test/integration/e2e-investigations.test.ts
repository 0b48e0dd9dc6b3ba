/**
 * Investigations in the explorer (issue 20), in Debian's Chromium against the real server with
 * a write and a read token: save a canvas with notes, open it again in a fresh browser context
 * and find the same positions, viewport, pins, date and notes; a read-only token opens but
 * cannot change it; what changed since the last opening is counted, listed and drawn; a saved
 * query runs again and its answer is drawn; the evidence report renders; and an investigation
 * of 500 entities draws within the 1.5 s.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/neo4j/database';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { ensureClientBuilt } from '../e2e/client-build';
import { idle, openView, pickSuggestion } from '../e2e/explorer-page';
import { accessClient, READ_TOKEN, TEST_ACCESS, WRITE_TOKEN } from '../support/access';
import { connectTestDatabase } from '../support/database';
import { listen, type RunningServer } from '../support/server';

requireChromiumUnlessLocal('e2e-investigations');

const LEI_JUN = 'person:lei-jun';
const XIAOMI = 'company:xiaomi';
const DOD_LIST = 'list:us-dod-blacklist';
const P = 'e2e-investigations';
const NEW_COMPANY = `${P}:xiaomi-sub`;
const NEW_LINK = `${P}:owns-sub`;
const SOURCE = `source:${P}-notice`;
const BIG = `${P}-big:`;
const HOSTILE_NOTE =
  'Contested the listing in **court**. <img src=x onerror="window.pwned=1"> [bad](javascript:window.pwned=2) [filing](https://example.org/filing)';

const SHOTS = new URL('../../test-results/e2e/', import.meta.url);
const DOCS_SHOT = new URL('../../docs/screenshots/investigations.png', import.meta.url);

let db: Database;
let running: RunningServer;
let browser: Browser;
let execute: ReturnType<typeof accessClient>;
const createdInvestigations: string[] = [];
const pageErrors: string[] = [];

type Spot = { x: number; y: number };
interface CanvasState {
  positions: Record<string, Spot>;
  zoom: number;
  pan: Spot;
  pinned: string[];
}

async function cleanUp() {
  await db.write('MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source DETACH DELETE n', {
    prefix: `${P}:`,
    source: SOURCE,
  });
}

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  await ensureClientBuilt();
  db = connectTestDatabase();
  await cleanUp();
  execute = accessClient(db);
  running = await listen(db, { access: TEST_ACCESS });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (db) {
    await db.write('UNWIND $ids AS id MATCH (n:Investigation {id: id}) DETACH DELETE n', {
      ids: createdInvestigations,
    });
    await db.write('MATCH (n:Investigation) WHERE n.title STARTS WITH $prefix DETACH DELETE n', {
      prefix: P,
    });
    await cleanUp();
    await db.write('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', {
      prefix: BIG,
    });
    await db.close();
  }
});

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1400, height: 900 } });
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Opens the Investigation section unless it is open already (opening one opens it). */
async function showPanel(page: Page) {
  if ((await page.getAttribute('#investigations-section', 'open')) === null)
    await page.click('#investigations-section > summary');
}

/**
 * 500 companies and 1,000 links among them (two rings), written in two statements: the speed
 * measured is opening and drawing, and the importer is too slow on this shared machine to load
 * them within a test's time (it ran into the server's transaction limit).
 */
async function writeBigGraph(): Promise<string[]> {
  const ids = Array.from({ length: 500 }, (_, i) => `${BIG}${String(i).padStart(3, '0')}`);
  await db.write(
    `UNWIND $ids AS id
     CREATE (:Entity:Company {id: id, kind: 'Company', name: 'Company ' + id})`,
    { ids },
  );
  const links = ids.flatMap((id, i) => [
    { id: `${id}-next`, from: id, to: ids[(i + 1) % ids.length] },
    { id: `${id}-far`, from: id, to: ids[(i * 7 + 3) % ids.length] },
  ]);
  await db.write(
    `UNWIND $links AS l
     MATCH (a:Entity {id: l.from}), (b:Entity {id: l.to})
     CREATE (a)-[:OWNS {id: l.id, status: 'asserted'}]->(b)`,
    { links },
  );
  return ids;
}

async function useToken(page: Page, token: string) {
  await showPanel(page);
  const section = page.locator('#investigations details:has(#investigations-token)');
  if (!(await section.getAttribute('open'))) await section.locator('summary').click();
  const forget = page.locator('#investigations-token button:has-text("Forget the token")');
  if (await forget.count()) await forget.click();
  await page.fill('#investigations-token .token-input', token);
  await page.click('#investigations-token button:has-text("Use token")');
  // The token is checked with the server before it is kept.
  await page.waitForSelector(
    '#investigations-token [data-token-state="write"], #investigations-token [data-token-state="read-only"]',
  );
}

function canvasState(page: Page): Promise<CanvasState> {
  return page.evaluate(() => {
    type Node = { id(): string; position(): Spot; locked(): boolean; hasClass(c: string): boolean };
    const cy = (
      window as unknown as {
        cy: { nodes(): { forEach(f: (n: Node) => void): void }; zoom(): number; pan(): Spot };
      }
    ).cy;
    const positions: Record<string, Spot> = {};
    const pinned: string[] = [];
    cy.nodes().forEach((n) => {
      if (n.hasClass('more')) return;
      positions[n.id()] = { ...n.position() };
      if (n.locked()) pinned.push(n.id());
    });
    return { positions, zoom: cy.zoom(), pan: { ...cy.pan() }, pinned: pinned.sort() };
  });
}

async function openInvestigation(page: Page, id: string) {
  await page.goto(`${running.url}/?investigation=${encodeURIComponent(id)}`);
  await page.waitForFunction(
    () => document.querySelector('#investigation-status')?.textContent?.startsWith('Opened'),
    null,
    { timeout: 30_000 },
  );
  await idle(page);
}

async function selectEntity(page: Page, id: string) {
  await page.click('#canvas-list-section > summary');
  await page.click(`#canvas-list [data-entity-id="${id}"]`);
  await page.waitForSelector('#details h2');
  await page.click('#canvas-list-section > summary');
}

async function addNote(page: Page, text: string) {
  const before = await page.locator('#notes .note').count();
  await page.fill('#note-text', text);
  await page.click('#note-add');
  await page.waitForFunction((n) => document.querySelectorAll('#notes .note').length > n, before, {
    timeout: 15_000,
  });
}

async function versionOf(id: string): Promise<{ version: number; title: string }> {
  const answer = await execute<{ investigation: { version: number; title: string } }>(
    'query($id: ID!) { investigation(id: $id) { version title } }',
    { id },
    null,
  );
  return answer.body.data?.investigation as { version: number; title: string };
}

function expectSamePlaces(actual: CanvasState, expected: CanvasState) {
  expect(Object.keys(actual.positions).sort()).toEqual(Object.keys(expected.positions).sort());
  for (const [id, spot] of Object.entries(expected.positions)) {
    expect(actual.positions[id]?.x, `${id}.x`).toBeCloseTo(spot.x, 6);
    expect(actual.positions[id]?.y, `${id}.y`).toBeCloseTo(spot.y, 6);
  }
  expect(actual.zoom).toBeCloseTo(expected.zoom, 6);
  expect(actual.pan.x).toBeCloseTo(expected.pan.x, 6);
  expect(actual.pan.y).toBeCloseTo(expected.pan.y, 6);
  expect(actual.pinned).toEqual(expected.pinned);
}

describe.skipIf(!chromiumAvailable())('investigations in the explorer', () => {
  let investigationId = '';
  let saved: CanvasState;

  it('saves the canvas with notes; a fresh browser opens the same places, pins, date and notes', async () => {
    const writer = await newContext();
    const page = await newPage(writer);
    await openView(page, running.url, `e=${LEI_JUN}&e=${XIAOMI}&e=${DOD_LIST}&asOf=2021-02-01`);
    // Places no layout would choose, with fractions, as a researcher's drags leave them.
    await page.evaluate(() => {
      const cy = (
        window as unknown as {
          cy: {
            getElementById(id: string): { position(p: Spot): void };
            viewport(v: { zoom: number; pan: Spot }): void;
          };
        }
      ).cy;
      cy.getElementById('person:lei-jun').position({ x: -123.456789, y: 45.25 });
      cy.getElementById('company:xiaomi').position({ x: 210.125, y: -87.0625 });
      cy.getElementById('list:us-dod-blacklist').position({ x: 480.5, y: 160.75 });
      cy.viewport({ zoom: 1.2345, pan: { x: 333.5, y: 222.25 } });
    });
    await selectEntity(page, LEI_JUN);
    await page.click('#details button:has-text("Pin")');
    await useToken(page, WRITE_TOKEN);
    await page.fill('#investigation-title', `${P} Xiaomi and the DoD list`);
    await page.fill('#investigation-description', 'Why Xiaomi was listed.');
    await page.click('#investigation-save');
    await page.waitForFunction(() =>
      document.querySelector('#investigation-status')?.textContent?.startsWith('Saved'),
    );
    investigationId = (await page.getAttribute('#investigations', 'data-investigation-id')) ?? '';
    expect(investigationId).toMatch(/^investigation:/);
    createdInvestigations.push(investigationId);

    // Notes on an entity (hostile Markdown) and on the investigation itself.
    await selectEntity(page, XIAOMI);
    await addNote(page, HOSTILE_NOTE);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#notes h3:has-text("Notes on the investigation")');
    await addNote(page, 'Find the **listing notice** before publishing.');
    // Saved again with the view as it is now (the selection is not part of it).
    await page.click('#investigation-save');
    await page.waitForFunction(() =>
      document.querySelector('#investigation-status')?.textContent?.startsWith('Saved again'),
    );
    saved = await canvasState(page);
    expect(saved.pinned).toEqual([LEI_JUN]);
    await writer.close();

    const fresh = await newContext();
    const reader = await newPage(fresh);
    await openInvestigation(reader, investigationId);
    expectSamePlaces(await canvasState(reader), saved);
    expect(await reader.inputValue('#investigation-title')).toBe(`${P} Xiaomi and the DoD list`);
    expect(await reader.inputValue('#asof-date')).toBe('2021-02-01');
    // The investigation's note shows with nothing selected, with its author.
    const investigationNote = reader.locator('#notes .note');
    await investigationNote.first().waitFor();
    expect(await investigationNote.count()).toBe(1);
    expect(await investigationNote.locator('.note-body strong').textContent()).toBe(
      'listing notice',
    );
    expect(await investigationNote.locator('.note-author').textContent()).toBe('curator-ada');
    // Xiaomi's note: Markdown rendered, the tag shown as text, no image, no script link.
    await selectEntity(reader, XIAOMI);
    const note = reader.locator('#notes .note');
    await note.first().waitFor();
    expect(await note.count()).toBe(1);
    expect(await note.locator('strong').textContent()).toBe('court');
    expect(await note.locator('img').count()).toBe(0);
    expect(await note.locator('.note-body').textContent()).toContain('<img src=x');
    const hrefs = await note
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://example.org/filing']);
    expect(await reader.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(
      undefined,
    );
    await fresh.close();
  }, 180_000);

  it('lets a read-only token open it but not change it, and says so', async () => {
    const before = await versionOf(investigationId);
    const context = await newContext();
    const page = await newPage(context);
    await openInvestigation(page, investigationId);
    await useToken(page, READ_TOKEN);
    expectSamePlaces(await canvasState(page), saved);
    await page.fill('#investigation-title', 'Changed by a reader');
    await page.click('#investigation-save');
    await page.waitForSelector('#investigation-status.error');
    const message = (await page.textContent('#investigation-status')) ?? '';
    expect(message).toContain('may read but not write');
    expect(message).toContain('you can open investigations but not change them');
    await page.keyboard.press('Escape');
    await page.fill('#note-text', 'A reader tries to add a note.');
    await page.click('#note-add');
    await page.waitForSelector('#notes .note-status.error');
    expect(await page.textContent('#notes .note-status')).toContain('may read but not write');
    expect(await versionOf(investigationId)).toEqual(before);
    await context.close();
  }, 120_000);

  it('counts, lists and draws what changed around the canvas since the last opening', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await openInvestigation(page, investigationId);
    expect(await page.textContent('#changes-badge')).toContain('First opened in this browser');
    // A new subsidiary of Xiaomi is written after this opening.
    const run = async (query: string, input: Record<string, unknown>) => {
      const answer = await execute(query, { input });
      expect(answer.body.errors).toBeUndefined();
    };
    await run('mutation($input: SourceInput!) { addSource(input: $input) { id } }', {
      id: SOURCE,
      title: 'Notice of a new subsidiary',
      text: 'Xiaomi owns Xiaomi Sub Ltd.',
    });
    await run('mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }', {
      id: NEW_COMPANY,
      kind: 'COMPANY',
      name: 'Xiaomi Sub Ltd',
      citations: [{ sourceId: SOURCE, excerpt: 'Xiaomi Sub Ltd' }],
    });
    await run('mutation($input: LinkInput!) { upsertLink(input: $input) { id } }', {
      id: NEW_LINK,
      type: 'OWNS',
      fromId: XIAOMI,
      toId: NEW_COMPANY,
      citations: [{ sourceId: SOURCE, excerpt: 'Xiaomi owns Xiaomi Sub Ltd.' }],
    });
    await openInvestigation(page, investigationId);
    await page.waitForSelector('#changes-badge[data-count]');
    // Opening one opens its panel, so the badge is in view.
    expect(await page.isVisible('#changes-badge')).toBe(true);
    expect(await page.textContent('#changes-badge')).toBe('2 changes since you last opened this');
    await page.click('#changes-badge');
    const listed = await page.locator('#changes-list li').allTextContents();
    expect(listed.some((t) => t.includes('Xiaomi Sub Ltd appeared'))).toBe(true);
    expect(listed.some((t) => t.includes('Xiaomi → owns → Xiaomi Sub Ltd appeared'))).toBe(true);
    await page.click('#changes-draw');
    await idle(page);
    const classes = await page.evaluate(
      (ids) => {
        const cy = (
          window as unknown as {
            cy: {
              getElementById(id: string): { hasClass(c: string): boolean; nonempty(): boolean };
            };
          }
        ).cy;
        return ids.map(
          (id) => cy.getElementById(id).nonempty() && cy.getElementById(id).hasClass('changed'),
        );
      },
      [NEW_COMPANY, NEW_LINK, XIAOMI],
    );
    // The two changes are drawn and marked; Xiaomi itself did not change.
    expect(classes).toEqual([true, true, false]);
    // The picture for docs/investigations.md: the badge, its list, the changes drawn, and
    // Xiaomi's note in the details panel.
    await page.setViewportSize({ width: 1280, height: 860 });
    await selectEntity(page, XIAOMI);
    await page.click('#fit');
    await page.waitForTimeout(600);
    await page.evaluate(() => {
      document.querySelector('.sidebar.left')?.scrollTo(0, 0);
      document.querySelector('#notes')?.scrollIntoView({ block: 'end' });
    });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: new URL('investigations.png', SHOTS).pathname });
    if (process.env.THREADLINE_UPDATE_SCREENSHOT)
      await page.screenshot({ path: DOCS_SHOT.pathname });
    // Opened again at once: nothing new since.
    await openInvestigation(page, investigationId);
    await page.waitForSelector('#changes-badge[data-count]');
    expect(await page.textContent('#changes-badge')).toBe('No changes since you last opened this');
    await context.close();
  }, 120_000);

  it("counts from the person's own last opening, in any browser, when a write token says who", async () => {
    // curator-ada saved it (test 1): creating counts as her first opening. The subsidiary and
    // its link were written after that (previous test), in this browser she never used.
    const before = await versionOf(investigationId);
    /** Opens it in a browser context of its own, with the write token; the badge and its title. */
    const openAsWriter = async () => {
      const context = await newContext();
      const page = await newPage(context);
      await openView(page, running.url);
      await useToken(page, WRITE_TOKEN);
      await openInvestigation(page, investigationId);
      await page.waitForSelector('#changes-badge[data-count]');
      const badge = [
        await page.textContent('#changes-badge'),
        await page.getAttribute('#changes-badge', 'title'),
      ];
      await context.close();
      return badge;
    };
    const [text, title] = await openAsWriter();
    expect(text).toBe('2 changes since you last opened this');
    expect(title).toContain('when curator-ada last opened it');
    // Another browser, same person: that opening is the last one now, wherever it happened.
    expect((await openAsWriter())[0]).toBe('No changes since you last opened this');
    // Stored with the investigation, by name, without a new version.
    const [row] = await db.read<{ by: string[]; at: string[]; version: number }>(
      'MATCH (i:Investigation {id: $id}) RETURN i.openedBy AS by, i.openedAt AS at, i.version AS version',
      { id: investigationId },
    );
    expect(row?.by).toEqual(['curator-ada']);
    expect(row?.at.length).toBe(1);
    expect(row?.version).toBe(before.version);
  }, 180_000);

  it("keeps the path finder's settings with the investigation, ends off the canvas included", async () => {
    const writer = await newContext();
    const page = await newPage(writer);
    // The list is not on the canvas: the path finder's end is restored all the same.
    await openView(page, running.url, `e=${LEI_JUN}&e=${XIAOMI}`);
    // The path finder's section is open from the start.
    await (await pickSuggestion(page, '#path-from', 'Lei Jun', LEI_JUN)).click();
    await (await pickSuggestion(page, '#path-to', 'Department of Defense', DOD_LIST)).click();
    await page.selectOption('#path-hops', '3');
    await page.selectOption('#path-mode', 'ALL');
    await page.check('#path-asserted-only');
    await page.click('.path-types-box > summary');
    await page.check('#path-types [data-link-type="FOUNDED"]');
    await page.check('#path-types [data-link-type="LISTED_ON"]');
    await useToken(page, WRITE_TOKEN);
    await page.fill('#investigation-title', `${P} path finder`);
    await page.click('#investigation-save');
    await page.waitForFunction(() =>
      document.querySelector('#investigation-status')?.textContent?.startsWith('Saved'),
    );
    const id = (await page.getAttribute('#investigations', 'data-investigation-id')) ?? '';
    createdInvestigations.push(id);
    await writer.close();

    const fresh = await newContext();
    const reader = await newPage(fresh);
    await openInvestigation(reader, id);
    expect(await reader.inputValue('#path-from')).toBe('Lei Jun');
    expect(await reader.inputValue('#path-to')).toBe('US Department of Defense blacklist');
    expect(await reader.inputValue('#path-hops')).toBe('3');
    expect(await reader.inputValue('#path-mode')).toBe('ALL');
    expect(await reader.isChecked('#path-asserted-only')).toBe(true);
    const checked = await reader
      .locator('#path-types input:checked')
      .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-link-type')));
    expect(checked.sort()).toEqual(['FOUNDED', 'LISTED_ON']);
    // The restored ends are picked, not just typed: Find paths searches with them.
    await reader.click('#path-find');
    await reader.waitForSelector('#path-steps', { timeout: 30_000 });
    expect(await reader.textContent('#path-steps')).toContain('Xiaomi');
    await fresh.close();
  }, 180_000);

  it('keeps a GraphQL query in the investigation, runs it again later and draws its answer', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await openInvestigation(page, investigationId);
    await useToken(page, WRITE_TOKEN);
    await page.click('#query-section > summary');
    const query = `query Paths($from: ID!, $to: ID!) {\r\n  paths(from: $from, to: $to, maxHops: 3) {\r\n    paths { entities { id } links { id } }\r\n  }\r\n}`;
    await page.fill('#query-text', query);
    await page.fill('#query-variables', `{"from": "${LEI_JUN}", "to": "${DOD_LIST}"}`);
    await page.fill('#query-name', 'Lei Jun to the list');
    await page.click('#query-save');
    await page.waitForFunction(() =>
      document.querySelector('#query-status')?.textContent?.includes('kept in the investigation'),
    );
    await context.close();

    // Later, elsewhere: the query is there and draws its answer.
    const later = await newContext();
    const reader = await newPage(later);
    await openInvestigation(reader, investigationId);
    await showPanel(reader);
    await reader.click('#query-section > summary');
    await reader.click('[data-query-name="Lei Jun to the list"] .query-saved-run');
    await reader.waitForSelector('#query-status[data-entities]');
    await idle(reader);
    const answer = await execute<{
      paths: { paths: { entities: { id: string }[]; links: { id: string }[] }[] };
    }>(query, { from: LEI_JUN, to: DOD_LIST }, null);
    const paths = answer.body.data?.paths.paths ?? [];
    expect(paths.length).toBeGreaterThan(0);
    const entityIds = [...new Set(paths.flatMap((p) => p.entities.map((e) => e.id)))].sort();
    const linkIds = [...new Set(paths.flatMap((p) => p.links.map((l) => l.id)))].sort();
    const hits = await reader.evaluate(() => {
      type El = { id(): string; isNode(): boolean };
      const cy = (
        window as unknown as { cy: { elements(s: string): { map<T>(f: (e: El) => T): T[] } } }
      ).cy;
      return cy.elements('.query-hit').map((e) => [e.isNode() ? 'entity' : 'link', e.id()]);
    });
    expect(
      hits
        .filter(([k]) => k === 'entity')
        .map(([, id]) => id)
        .sort(),
    ).toEqual(entityIds);
    expect(
      hits
        .filter(([k]) => k === 'link')
        .map(([, id]) => id)
        .sort(),
    ).toEqual(linkIds);
    expect(await reader.getAttribute('#query-status', 'data-entities')).toBe(
      String(entityIds.length),
    );
    await later.close();
  }, 120_000);

  it('exports the evidence report from the explorer, and it renders', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await openInvestigation(page, investigationId);
    await showPanel(page);
    const href = await page.getAttribute('#investigation-report', 'href');
    expect(href).toBe(`/report/investigation/${encodeURIComponent(investigationId)}`);
    const [report] = await Promise.all([
      context.waitForEvent('page'),
      page.click('#investigation-report'),
    ]);
    await report.waitForLoadState();
    const text = (await report.textContent('body')) ?? '';
    expect(await report.title()).toContain(`${P} Xiaomi and the DoD list`);
    expect(text).toContain('Find the listing notice before publishing.');
    expect(text).toContain('Lei Jun');
    expect(text).toContain('Xiaomi');
    // Nothing wider than the page.
    const overflow = await report.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 120_000);

  it('draws an investigation of 500 entities within 1.5 s of opening it', async () => {
    const ids = await writeBigGraph();
    const answer = await execute<{ saveInvestigation: { id: string } }>(
      `mutation($input: InvestigationInput!) { saveInvestigation(input: $input) { id } }`,
      {
        input: {
          title: `${P} five hundred`,
          canvas: {
            entities: ids.map((id, i) => ({ id, x: (i % 25) * 90, y: Math.floor(i / 25) * 90 })),
            layout: { name: 'fcose', zoom: 0.4, panX: 40, panY: 30 },
          },
        },
      },
    );
    const id = answer.body.data?.saveInvestigation.id ?? '';
    createdInvestigations.push(id);
    const context = await newContext();
    const page = await newPage(context);
    await openView(page, running.url);
    await showPanel(page);
    await page.click('#investigation-list-section > summary');
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.evaluate(() => {
        delete document.querySelector<HTMLElement>('#investigations')?.dataset.openMs;
      });
      await page.click(`#investigation-list [data-investigation-id="${id}"] .investigation-open`);
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('#investigations')?.dataset.openMs,
        null,
        { timeout: 30_000 },
      );
      timings.push(Number(await page.getAttribute('#investigations', 'data-open-ms')));
      await idle(page);
    }
    const nodes = await page.evaluate(
      () => (window as unknown as { cy: { nodes(): { length: number } } }).cy.nodes().length,
    );
    expect(nodes).toBe(500);
    console.info(
      `e2e-investigations: opening 500 entities took ${timings.join(', ')} ms (click to drawn frame)`,
    );
    // The target: the best of three, so one stall of this shared machine does not decide it.
    expect(Math.min(...timings)).toBeLessThanOrEqual(1500);
    await context.close();
  }, 240_000);

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
