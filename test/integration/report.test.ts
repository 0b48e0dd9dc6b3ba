/**
 * The evidence report, rendered in Chromium: its text, no script run, no request made, nothing
 * wider than the page on screen and in print, and hostile names shown as text.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreadlineServer } from '../../server/create-server';
import type { Database } from '../../server/neo4j/database';
import { REPORT_CSP } from '../../server/report/render-report';
import { SEED_STORY } from '../../server/report/seed-story';
import { chromiumAvailable, launchChromium } from '../e2e/browser';
import { accessClient, READ_TOKEN, TEST_ACCESS } from '../support/access';
import { connectTestDatabase } from '../support/database';

const HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
const P = 'report-test';
const LONG_URL = `https://example.org/${'averyveryverylongpathsegment'.repeat(20)}`;

let db: Database;
let execute: ReturnType<typeof accessClient>;
let browser: Browser | null = null;
const investigations: string[] = [];

async function save(input: Record<string, unknown>): Promise<string> {
  const answer = await execute<{ saveInvestigation: { id: string } }>(
    'mutation($input: InvestigationInput!) { saveInvestigation(input: $input) { id } }',
    { input },
  );
  const id = answer.body.data?.saveInvestigation.id;
  if (!id) throw new Error(JSON.stringify(answer.body.errors));
  investigations.push(id);
  return id;
}

async function report(id: string): Promise<string> {
  const answer = await execute<{ investigation: { report: string } }>(
    'query($id: ID!) { investigation(id: $id) { report } }',
    { id },
    null,
  );
  const html = answer.body.data?.investigation.report;
  if (!html) throw new Error(JSON.stringify(answer.body.errors));
  return html;
}

/** Renders the document; answers its text, the requests it made and whether anything ran. */
async function render(html: string, width = 800) {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'load' });
  const measure = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      const wide = [...document.querySelectorAll('body *')].filter(
        (el) => el.getBoundingClientRect().right > root.clientWidth + 1,
      );
      return {
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a reader sees
        text: document.body.innerText,
        scrollWidth: root.scrollWidth,
        clientWidth: root.clientWidth,
        wide: wide.map((el) => el.tagName),
        scripts: document.querySelectorAll('script, img, iframe, object, embed').length,
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      };
    });
  const screen = await measure();
  await page.emulateMedia({ media: 'print' });
  const print = await measure();
  await page.close();
  return { screen, print, requests, dialogs };
}

beforeAll(async () => {
  db = connectTestDatabase();
  execute = accessClient(db);
  if (chromiumAvailable()) browser = await launchChromium();
  // Hostile records, written directly as test data: a company, a source and a link between them.
  await db.write(
    `CREATE (s:Source {id: $source, title: $hostile, publisher: $hostile, url: 'javascript:alert(1)',
        retrievedAt: '2026-11', licence: $hostile})
     CREATE (e:Entity:Company {id: $company, kind: 'Company', name: $hostile, searchText: $hostile})
     WITH e
     MATCH (x:Entity {id: 'company:xiaomi'})
     CREATE (e)-[:AFFILIATED_WITH {id: $link, status: 'disputed', since: '2020',
        citationSourceIds: [$source, $source], citationExcerpts: [$hostile, $long], citationLocators: [$hostile, '']}]->(x)`,
    {
      source: `source:${P}`,
      company: `${P}:company`,
      link: `${P}:link`,
      hostile: HOSTILE,
      long: `${'Unbroken'.repeat(200)} ${LONG_URL}`,
    },
  );
});

afterAll(async () => {
  await browser?.close();
  await db.write(
    `MATCH (n) WHERE n.id STARTS WITH $p OR n.id = $source OR (n:Investigation AND n.id IN $ids)
        OR (n:Note AND n.investigationId IN $ids)
     DETACH DELETE n`,
    { p: `${P}:`, source: `source:${P}`, ids: investigations },
  );
  await db.close();
});

describe.skipIf(!chromiumAvailable())('the evidence report in Chromium', () => {
  it('shows the seed story: every link as a sentence with status, dates and citations, notes and sources', async () => {
    const id = await save({
      title: SEED_STORY.title,
      description: SEED_STORY.description,
      canvas: {
        ...SEED_STORY.canvas,
        filters: { kinds: [], linkTypes: [], statuses: [] },
      },
    });
    for (const note of SEED_STORY.notes) {
      await execute('mutation($input: NoteInput!) { addNote(input: $input) { id } }', {
        input: { investigationId: id, ...note },
      });
    }
    const html = await report(id);
    const { screen, print, requests, dialogs } = await render(html);
    expect(requests.filter((url) => url !== 'about:blank')).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(screen.text).toContain(SEED_STORY.title);
    expect(screen.text).toContain('as of 2021-02-01');
    expect(screen.text).toMatch(/Lei Jun founded Xiaomi/);
    expect(screen.text).toMatch(
      /Xiaomi is \(or was\) listed on US Department of Defense blacklist/,
    );
    // Each link's citations, as the graph holds them.
    const links = await db.read<{ id: string; excerpts: string[] }>(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
       RETURN r.id AS id, r.citationExcerpts AS excerpts`,
      { ids: SEED_STORY.canvas.entities.map((e) => e.id) },
    );
    expect(links.length).toBeGreaterThan(3);
    expect(screen.text).toContain(`Links and their evidence (${links.length})`);
    for (const link of links) {
      for (const excerpt of link.excerpts) expect(screen.text).toContain(excerpt.trim());
    }
    expect(screen.text).toContain('Xiaomi contested the listing in court');
    expect(screen.text).toMatch(/Licence/);
    for (const layout of [screen, print]) {
      expect(layout.wide).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    }
  });

  it('shows hostile names, excerpts and URLs as text: nothing runs, nothing is fetched, nothing overflows', async () => {
    const id = await save({
      title: HOSTILE.slice(0, 200),
      description: HOSTILE,
      canvas: {
        entities: [
          { id: `${P}:company`, x: 0, y: 0 },
          { id: 'company:xiaomi', x: 4000, y: 10 },
        ],
      },
    });
    await execute('mutation($input: NoteInput!) { addNote(input: $input) { id } }', {
      input: {
        investigationId: id,
        target: 'INVESTIGATION',
        markdown: `${HOSTILE} ![x](https://evil.example/p.gif)`,
      },
    });
    const html = await report(id);
    expect(html).not.toContain('<script>window');
    for (const width of [800, 390]) {
      const { screen, print, requests, dialogs } = await render(html, width);
      expect(requests.filter((url) => url !== 'about:blank')).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(screen.pwned).toBeNull();
      expect(screen.scripts).toBe(0);
      expect(screen.text).toContain('<script>window.pwned=1</script>');
      expect(screen.hrefs).not.toContain('javascript:alert(1)');
      for (const layout of [screen, print]) {
        expect(layout.wide, `width ${width}`).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      }
    }
  });
});

describe('GET /report/investigation/<id>', () => {
  const servers: Server[] = [];
  async function serve(readsRequireToken: boolean): Promise<string> {
    const { server } = createThreadlineServer(db, {
      introspection: false,
      access: { ...TEST_ACCESS, readsRequireToken },
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('answers the report as HTML with its own strict policy and the security headers', async () => {
    const id = await save({ title: 'Over HTTP', canvas: SEED_STORY.canvas });
    const base = await serve(false);
    const response = await fetch(`${base}/report/investigation/${encodeURIComponent(id)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      `${REPORT_CSP}; frame-ancestors 'none'`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<title>Over HTTP — evidence report</title>');
    expect(html).toContain('Lei Jun founded Xiaomi');

    const cases: [string, RequestInit, number, string][] = [
      ['/report/investigation/investigation:none', {}, 404, 'NOT_FOUND'],
      ['/report/investigation/%3Cscript%3E', {}, 400, 'BAD_USER_INPUT'],
      ['/report/investigation/%E0%A4%A', {}, 400, 'BAD_USER_INPUT'],
      [`/report/investigation/${id}`, { method: 'POST', body: 'x' }, 405, 'METHOD_NOT_ALLOWED'],
      [
        `/report/investigation/${id}`,
        { headers: { authorization: 'Bearer wrong' } },
        401,
        'UNAUTHENTICATED',
      ],
    ];
    for (const [target, init, status, code] of cases) {
      const answer = await fetch(`${base}${target}`, init);
      expect(answer.status, target).toBe(status);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe(code);
    }
  });

  it('follows the read rules: a server that requires a token for reads wants one here too', async () => {
    const id = await save({ title: 'Token needed', canvas: { entities: [] } });
    const base = await serve(true);
    const anonymous = await fetch(`${base}/report/investigation/${id}`);
    expect(anonymous.status).toBe(401);
    const reader = await fetch(`${base}/report/investigation/${id}`, {
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(reader.status).toBe(200);
  });
});
