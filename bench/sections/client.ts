/**
 * Section 5: the explorer at scale in headless Chromium, side by side with plain Cytoscape on
 * the same graph (test/e2e/scale-page.ts: seeded, hub-heavy, two links per entity).
 *
 * - **Plain Cytoscape**: a standalone page loads Cytoscape and fCoSE from node_modules, builds
 *   the canvas with all elements at once (the client's element data and large-graph
 *   stylesheet and settings), then runs fCoSE with the client's large-graph options on the
 *   main thread. First frame: from `cytoscape({...})` to its first `render` event; settled: to
 *   the first `render` after the layout stopped.
 * - **Threadline**: the built explorer (dist/client) opened on the hub, _Expand_ pressed, the
 *   API answered by a local synthetic server. First frame and settled: from the canvas
 *   receiving the elements (its `threadline:arrival-start` mark) to its first drawn frame and to
 *   all elements drawn in their final place; `fromClick` adds the API answer and the app's work.
 *
 * Both record the longest task meanwhile (Long Tasks API) and run alternately (A B B A …) so
 * the machine's load falls on both. Software rendering (`--disable-gpu`): upper bounds.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { LinkRecord } from '../../client/src/api/types';
import { entityNode, linkEdge } from '../../client/src/graph/elements';
import { DRAFT_QUALITY_ABOVE, fcoseOptions } from '../../client/src/graph/fcose-positions';
import { buildStylesheet, LARGE_GRAPH_ELEMENTS } from '../../client/src/graph/stylesheet';
import { launchChromium } from '../../test/e2e/browser';
import { ensureClientBuilt } from '../../test/e2e/client-build';
import {
  expandHub,
  type SyntheticGraph,
  startScaleServer,
  syntheticGraph,
} from '../../test/e2e/scale-page';

const TIMEOUT_MS = 240_000;
/** Two links per entity: 2,000 / 4,000 and 5,000 / 10,000, the issue's sizes. */
const EDGES_PER_NODE = 2;

const FILES: Record<string, string> = {
  '/': '../client/index.html',
  '/lib/cytoscape.min.js': '../../node_modules/cytoscape/dist/cytoscape.min.js',
  '/lib/layout-base.js': '../../node_modules/layout-base/layout-base.js',
  '/lib/cose-base.js': '../../node_modules/cose-base/cose-base.js',
  '/lib/cytoscape-fcose.js': '../../node_modules/cytoscape-fcose/cytoscape-fcose.js',
};

export interface ClientRun {
  nodes: number;
  edges: number;
  way: 'plain Cytoscape' | 'Threadline';
  firstFrameMs: number | null;
  settledMs: number | null;
  longestTaskMs: number | null;
  /** Threadline only: from the click, including the API answer and the app's work. */
  fromClickMs?: number;
  /** 1-minute load average when the run started. */
  load: number;
  note?: string;
}

interface PlainRun {
  firstFrameMs: number;
  settledMs: number | null;
  longestTaskMs: number;
}

/** Runs inside the plain page: the whole graph in one `cytoscape()` call, then fCoSE. */
async function plainInPage(args: {
  elements: unknown[];
  style: unknown;
  large: boolean;
  layout: Record<string, unknown>;
  timeoutMs: number;
}): Promise<PlainRun> {
  // biome-ignore lint/suspicious/noExplicitAny: the UMD globals have no types in the page.
  const w = window as any;
  const tasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  }).observe({ type: 'longtask' });
  w.cytoscape.use(w.cytoscapeFcose);
  const started = performance.now();
  let firstFrame = 0;
  const cy = w.cytoscape({
    container: document.getElementById('cy'),
    elements: args.elements,
    layout: { name: 'preset' },
    style: args.style,
    minZoom: 0.05,
    maxZoom: 4,
  });
  // As the client does from LARGE_GRAPH_ELEMENTS on (canvas.ts, tuneForSize).
  if (args.large) {
    const renderer = cy.renderer();
    renderer.textureOnViewport = true;
    renderer.hideEdgesOnViewport = true;
  }
  await new Promise<void>((resolve) =>
    cy.one('render', () => {
      firstFrame = performance.now() - started;
      resolve();
    }),
  );
  const settled = await Promise.race([
    new Promise<number>((resolve) => {
      const layout = cy.layout({ ...args.layout, fit: true });
      layout.one('layoutstop', () => cy.one('render', () => resolve(performance.now() - started)));
      layout.run();
    }),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), args.timeoutMs)),
  ]);
  // Long task entries arrive after the task; give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  cy.destroy();
  return { firstFrameMs: firstFrame, settledMs: settled, longestTaskMs: Math.max(0, ...tasks) };
}

/** The client's own element data for the synthetic graph (graph/elements.ts). */
function clientElements(graph: SyntheticGraph): unknown[] {
  return [
    ...graph.entities.map((e) => entityNode(e)),
    ...graph.links.map((l) =>
      linkEdge({ ...l, from: l.from.id, to: l.to.id } as unknown as LinkRecord),
    ),
  ];
}

async function runPlain(browser: Browser, url: string, graph: SyntheticGraph): Promise<PlainRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(TIMEOUT_MS + 60_000);
  try {
    // tsx compiles with keepNames, so the serialised function calls esbuild's __name.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(url);
    const nodes = graph.entities.length;
    const elements = clientElements(graph);
    const large = elements.length >= LARGE_GRAPH_ELEMENTS;
    const layout = fcoseOptions({
      incremental: false,
      nodes: graph.entities.map((e) => ({
        id: e.id,
        x: 0,
        y: 0,
        width: 34,
        height: 34,
        fixed: false,
      })),
      edges: [],
    });
    // Functions do not cross into the page; the plain baseline uses the short-label length.
    layout.idealEdgeLength = 110;
    layout.animate = false;
    if (nodes <= DRAFT_QUALITY_ABOVE) layout.quality = 'default';
    return await page.evaluate(plainInPage, {
      elements,
      // Function-valued properties (edge label margins of small graphs) cannot enter the page;
      // without them labels sit on their line, which costs the same to draw.
      style: JSON.parse(JSON.stringify(buildStylesheet({ large }))),
      large,
      layout,
      timeoutMs: TIMEOUT_MS,
    });
  } finally {
    await page.close();
  }
}

export async function measureClient(options: {
  sizes: number[];
  repeats: number;
  log: (line: string) => void;
  /** Measure one way only (the scale test wants plain Cytoscape as its yardstick). */
  only?: ClientRun['way'];
}): Promise<ClientRun[]> {
  await ensureClientBuilt();
  const plainServer = createServer((request, response) => {
    const file = FILES[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
    response.writeHead(200, { 'content-type': type });
    response.end(readFileSync(fileURLToPath(new URL(file, import.meta.url))));
  });
  await new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
  const plainUrl = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const runs: ClientRun[] = [];
  try {
    for (const nodes of options.sizes) {
      const graph = syntheticGraph(nodes, nodes * EDGES_PER_NODE);
      const edges = graph.links.length;
      const scale = await startScaleServer(graph);
      try {
        for (let i = 0; i < options.repeats * 2; i++) {
          // A B B A: each way goes first as often as second.
          const way = i % 4 === 0 || i % 4 === 3 ? 'Threadline' : 'plain Cytoscape';
          if (options.only && way !== options.only) continue;
          const load = Number(loadavg()[0]?.toFixed(1));
          let run: ClientRun;
          try {
            if (way === 'Threadline') {
              const m = await expandHub(browser, scale.url, { timeoutMs: TIMEOUT_MS });
              run = {
                nodes,
                edges,
                way,
                firstFrameMs: m.firstFrameMs,
                settledMs: m.settledMs,
                longestTaskMs: m.longestTaskMs,
                fromClickMs: m.fromClickMs,
                load,
              };
              if (m.nodes !== nodes || m.edges !== edges)
                run.note = `drew ${m.nodes} nodes and ${m.edges} edges`;
              if (m.errors.length) run.note = `page errors: ${m.errors.join('; ')}`;
            } else {
              const m = await runPlain(browser, plainUrl, graph);
              run = {
                nodes,
                edges,
                way,
                firstFrameMs: Math.round(m.firstFrameMs),
                settledMs: m.settledMs === null ? null : Math.round(m.settledMs),
                longestTaskMs: Math.round(m.longestTaskMs),
                load,
              };
              if (m.settledMs === null) run.note = `layout not done within ${TIMEOUT_MS / 1000} s`;
            }
          } catch (error) {
            run = {
              nodes,
              edges,
              way,
              firstFrameMs: null,
              settledMs: null,
              longestTaskMs: null,
              load,
              note: `failed: ${(error as Error).message.split('\n')[0]}`,
            };
          }
          runs.push(run);
          options.log(
            `  ${nodes}/${edges} ${way}: first frame ${run.firstFrameMs ?? '—'} ms, settled ${run.settledMs ?? '—'} ms, longest task ${run.longestTaskMs ?? '—'} ms (load ${load})${run.note ? ` — ${run.note}` : ''}`,
          );
        }
      } finally {
        scale.server.close();
      }
    }
  } finally {
    await browser.close();
    plainServer.close();
  }
  return runs;
}
