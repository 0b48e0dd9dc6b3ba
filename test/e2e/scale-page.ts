/**
 * The explorer with a large synthetic graph, for the scale test and the client benchmark: a
 * local server gives the built client (dist/client) and answers its API with a seeded,
 * hub-heavy graph, so only the client is measured. `expandHub` opens the explorer on the hub,
 * presses _Expand_ and reads, from the page, the longest task (Long Tasks API) and the canvas's
 * arrival marks (client/src/ui/canvas.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ENTITY_KINDS, type LinkStatus, type LinkType } from '../../client/src/api/types';
import { readStaticFile } from '../../server/http/static-files';
import { link as linkRecord } from '../unit/client/fixtures';

const TYPES: LinkType[] = [
  'LEADS',
  'OWNS',
  'MEMBER_OF',
  'EMPLOYED_BY',
  'LISTED_ON',
  'AFFILIATED_WITH',
];
const STATUSES: LinkStatus[] = ['ASSERTED', 'ASSERTED', 'ASSERTED', 'DISPUTED', 'DENIED'];
export const HUB_ID = 'syn:hub';

export type SyntheticGraph = ReturnType<typeof syntheticGraph>;

/** A deterministic hub-heavy graph: a spanning tree with preferential attachment, plus extras. */
export function syntheticGraph(nodes: number, edges: number) {
  let seed = 42;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const entity = (i: number) => ({
    id: i === 0 ? HUB_ID : `syn:${i}`,
    name: i === 0 ? 'Synthetic hub' : `Entity ${i}`,
    kind: ENTITY_KINDS[i % ENTITY_KINDS.length] ?? 'PERSON',
    aliases: [],
    description: null,
    degree: 3,
  });
  // In the API's shape: the ends as objects.
  const link = (id: string, a: number, b: number) => {
    const record = linkRecord(id, entity(a).id, entity(b).id, {
      type: TYPES[Math.floor(random() * TYPES.length)] ?? 'OWNS',
      since: random() < 0.5 ? `${2000 + Math.floor(random() * 25)}` : null,
      status: STATUSES[Math.floor(random() * STATUSES.length)] ?? 'ASSERTED',
      citations: [
        {
          excerpt: 'synthetic',
          locator: null,
          source: { id: 'syn:source', title: 'Synthetic', url: null, publisher: null },
        },
      ],
    });
    return { ...record, from: { id: record.from }, to: { id: record.to } };
  };
  const entities = Array.from({ length: nodes }, (_, i) => entity(i));
  const links = [];
  for (let i = 1; i < nodes; i++) links.push(link(`t${i}`, i, Math.floor(random() ** 2 * i)));
  for (let i = 0; links.length < edges; i++) {
    const a = Math.floor(random() * nodes);
    const b = Math.floor(random() ** 2 * nodes);
    if (a !== b) links.push(link(`x${i}`, a, b));
  }
  return { entities, links };
}

/** The built client plus a synthetic API on one local port. */
export async function startScaleServer(
  graph: SyntheticGraph,
): Promise<{ url: string; server: Server }> {
  const hub = graph.entities[0];
  const answers = {
    restore: JSON.stringify({ data: { e0: { ...hub, links: [] } } }),
    details: JSON.stringify({
      data: { entity: { ...hub, country: null, citations: [], links: [] } },
    }),
    neighborhood: JSON.stringify({ data: { neighborhood: { ...graph, truncated: [] } } }),
    other: JSON.stringify({ data: { search: [] } }),
  };
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/graphql') && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const query = String((JSON.parse(body) as { query?: string }).query ?? '');
        const answer = query.includes('RestoreView')
          ? answers.restore
          : query.includes('EntityDetails')
            ? answers.details
            : query.includes('Neighborhood')
              ? answers.neighborhood
              : answers.other;
        response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      });
      return;
    }
    const file = readStaticFile(request.url ?? '/');
    if (!file) {
      response.writeHead(404).end('Build the client first: npm run build');
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface ExpandMeasurement {
  nodes: number;
  edges: number;
  /** The longest task from the click until the last element was drawn (Long Tasks API). */
  longestTaskMs: number;
  longTasks: number;
  /** From the canvas receiving the elements to the first frame showing some of them. */
  firstFrameMs: number;
  /** From the canvas receiving the elements to all of them drawn in their final place. */
  settledMs: number;
  /** Whether the addition was laid out in the worker before the first draw. */
  layoutFirst: boolean;
  /** From the click to settled, including the API answer and the app's own work. */
  fromClickMs: number;
  errors: string[];
}

/** Opens the explorer on the synthetic hub, expands it and measures until the canvas settled. */
export async function expandHub(
  browser: Browser,
  baseUrl: string,
  options: {
    timeoutMs?: number;
    renderer?: 'canvas' | 'webgl';
    /** More of the shared-view address, such as `&hideKinds=COMPANY`. */
    query?: string;
    /** Reads more from the page once the canvas has settled. */
    inspect?: (page: Page) => Promise<void>;
  } = {},
): Promise<ExpandMeasurement> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // tsx compiles with keepNames; functions sent to the page then call its __name helper.
    await page.addInitScript(`
      window.__name = (f) => f;
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });`);
    const webgl = options.renderer === 'webgl' ? '&renderer=webgl' : '';
    await page.goto(`${baseUrl}/?e=${HUB_ID}&node=${HUB_ID}${webgl}${options.query ?? ''}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#details button[data-action="expand"]');
    // Only the expansion's marks count: opening the page added the hub.
    const clicked = await page.evaluate(() => {
      for (const name of ['start', 'first-frame', 'settled'])
        performance.clearMarks(`threadline:arrival-${name}`);
      return performance.now();
    });
    await page.click('#details button[data-action="expand"]');
    await page.waitForFunction(
      () => performance.getEntriesByName('threadline:arrival-settled').length > 0,
      null,
      { timeout: options.timeoutMs ?? 120_000, polling: 100 },
    );
    const result = await page.evaluate((since) => {
      const detail = (name: string) =>
        (performance.getEntriesByName(name)[0] as PerformanceMark | undefined)?.detail ?? {};
      const settled = performance.getEntriesByName('threadline:arrival-settled')[0];
      const tasks = (
        window as unknown as { __longTasks: { start: number; ms: number }[] }
      ).__longTasks.filter((t) => t.start >= since && t.start <= (settled?.startTime ?? Infinity));
      const cy = (window as unknown as { cy: { nodes(): unknown[]; edges(): unknown[] } }).cy;
      return {
        nodes: cy.nodes().length,
        edges: cy.edges().length,
        longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.ms))),
        longTasks: tasks.length,
        firstFrameMs: Math.round(Number(detail('threadline:arrival-first-frame').ms ?? Number.NaN)),
        settledMs: Math.round(Number(detail('threadline:arrival-settled').ms ?? Number.NaN)),
        layoutFirst: Boolean(detail('threadline:arrival-start').layoutFirst),
        fromClickMs: Math.round((settled?.startTime ?? Number.NaN) - since),
      };
    }, clicked);
    await options.inspect?.(page);
    return { ...result, errors };
  } finally {
    await page.close();
  }
}
