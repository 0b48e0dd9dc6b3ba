/**
 * Section 5: the client's drawing cost in headless Chromium. A standalone page loads Cytoscape
 * and fCoSE straight from node_modules and draws with the client's own stylesheet and
 * large-graph settings (client/src/graph/stylesheet.ts, as client/src/ui/canvas.ts applies
 * them); for each size and renderer it times (a) from `cytoscape({...})` to the second
 * animation frame after it (Cytoscape draws in the first), and (b) to the second frame after an
 * fCoSE layout with the client's options for large graphs (draft quality, packed components).
 * Headless Chromium renders in software, so these are upper bounds for a real GPU.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ENTITY_KINDS } from '../../client/src/api/types';
import { buildStylesheet, LARGE_GRAPH_ELEMENTS } from '../../client/src/graph/stylesheet';
import { launchChromium } from '../../test/e2e/browser';

const LAYOUT_TIMEOUT_MS = 240_000;
/** About 1.5 edges per node, like the benchmark graph. */
const EDGES_PER_NODE = 1.5;

const FILES: Record<string, string> = {
  '/': '../client/index.html',
  '/lib/cytoscape.min.js': '../../node_modules/cytoscape/dist/cytoscape.min.js',
  '/lib/layout-base.js': '../../node_modules/layout-base/layout-base.js',
  '/lib/cose-base.js': '../../node_modules/cose-base/cose-base.js',
  '/lib/cytoscape-fcose.js': '../../node_modules/cytoscape-fcose/cytoscape-fcose.js',
};

export interface ClientResult {
  nodes: number;
  edges: number;
  renderer: 'canvas' | 'webgl';
  /** Whether the page could get a WebGL context at all (software GL in headless Chromium). */
  webglAvailable: boolean;
  firstRenderMs: number | null;
  settledLayoutMs: number | null;
  note?: string;
}

interface PageRun {
  webglAvailable: boolean;
  edges: number;
  firstRenderMs: number;
  settledLayoutMs: number | null;
  error?: string;
}

/** Runs inside the page: builds a seeded heavy-tailed graph and times Cytoscape on it. */
async function runInPage(args: {
  nodes: number;
  edgesPerNode: number;
  webgl: boolean;
  timeoutMs: number;
  kinds: readonly string[];
  /** The client's stylesheet for this many elements. */
  style: unknown;
  large: boolean;
}): Promise<PageRun> {
  // biome-ignore lint/suspicious/noExplicitAny: the UMD globals have no types in the page.
  const w = window as any;
  const probe = document.createElement('canvas');
  const webglAvailable = Boolean(probe.getContext('webgl2') ?? probe.getContext('webgl'));
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const elements: unknown[] = [];
  for (let i = 0; i < args.nodes; i++) {
    elements.push({
      data: { id: `n${i}`, label: `Entity ${i}`, kind: args.kinds[i % args.kinds.length] },
      position: { x: random() * 2000, y: random() * 2000 },
    });
  }
  // Targets by a power law so some nodes are hubs, like the data.
  const edgeCount = Math.round(args.nodes * args.edgesPerNode);
  for (let i = 0; i < edgeCount; i++) {
    const source = i % args.nodes;
    let target = Math.floor(args.nodes * random() ** 3);
    if (target === source) target = (target + 1) % args.nodes;
    elements.push({
      data: {
        id: `e${i}`,
        source: `n${source}`,
        target: `n${target}`,
        label: 'owns · since 2019',
        status: 'ASSERTED',
      },
    });
  }
  w.cytoscape.use(w.cytoscapeFcose);
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const started = performance.now();
  const cy = w.cytoscape({
    container: document.getElementById('cy'),
    elements,
    layout: { name: 'preset' },
    renderer: args.webgl ? { name: 'canvas', webgl: true } : { name: 'canvas' },
    style: args.style,
  });
  // As the client does from LARGE_GRAPH_ELEMENTS on (canvas.ts, tuneForSize).
  if (args.large) {
    const renderer = cy.renderer();
    renderer.textureOnViewport = true;
    renderer.hideEdgesOnViewport = true;
  }
  // Cytoscape draws in its own animation frame. With the WebGL renderer no 'render' event came
  // within 240 s in our runs, so both renderers are timed to the second frame after construction.
  await frame();
  await frame();
  const firstRenderMs = performance.now() - started;
  const layoutStarted = performance.now();
  const settled = await Promise.race([
    new Promise<boolean>((resolve) => {
      const layout = cy.layout({
        name: 'fcose',
        quality: 'draft',
        randomize: true,
        animate: false,
        fit: true,
        nodeDimensionsIncludeLabels: false,
        packComponents: true,
        idealEdgeLength: 110,
        nodeRepulsion: 9000,
        nodeSeparation: 90,
      });
      layout.one('layoutstop', () => resolve(true));
      layout.run();
    }),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), args.timeoutMs)),
  ]);
  let settledLayoutMs: number | null = null;
  if (settled) {
    await frame();
    await frame();
    settledLayoutMs = firstRenderMs + (performance.now() - layoutStarted);
  }
  cy.destroy();
  return { webglAvailable, edges: edgeCount, firstRenderMs, settledLayoutMs };
}

export async function measureClient(options: {
  sizes: number[];
  log: (line: string) => void;
}): Promise<ClientResult[]> {
  const server = createServer((request, response) => {
    const file = FILES[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
    response.writeHead(200, { 'content-type': type });
    response.end(readFileSync(fileURLToPath(new URL(file, import.meta.url))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const results: ClientResult[] = [];
  try {
    for (const nodes of options.sizes) {
      for (const renderer of ['canvas', 'webgl'] as const) {
        // A fresh page per run, so one run's garbage does not slow the next.
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        page.setDefaultTimeout(LAYOUT_TIMEOUT_MS + 60_000);
        try {
          // tsx compiles with keepNames, so the serialised runInPage calls esbuild's __name.
          await page.addInitScript({ content: 'window.__name = (f) => f;' });
          await page.goto(url);
          const large = nodes * (1 + EDGES_PER_NODE) >= LARGE_GRAPH_ELEMENTS;
          const run = await page.evaluate(runInPage, {
            nodes,
            edgesPerNode: EDGES_PER_NODE,
            webgl: renderer === 'webgl',
            timeoutMs: LAYOUT_TIMEOUT_MS,
            kinds: ENTITY_KINDS,
            style: buildStylesheet({ large }),
            large,
          });
          const result: ClientResult = {
            nodes,
            edges: run.edges,
            renderer,
            webglAvailable: run.webglAvailable,
            firstRenderMs: Math.round(run.firstRenderMs),
            settledLayoutMs: run.settledLayoutMs === null ? null : Math.round(run.settledLayoutMs),
          };
          if (run.settledLayoutMs === null) {
            result.note = `layout did not finish within ${LAYOUT_TIMEOUT_MS / 1000} s`;
          }
          if (renderer === 'webgl' && !run.webglAvailable) {
            result.note =
              'no WebGL context in this Chromium; Cytoscape drew with the canvas renderer';
          }
          results.push(result);
          options.log(
            `  ${nodes} nodes, ${renderer}: first render ${result.firstRenderMs} ms, settled ${result.settledLayoutMs ?? '—'} ms${result.note ? ` (${result.note})` : ''}`,
          );
        } catch (error) {
          results.push({
            nodes,
            edges: 0,
            renderer,
            webglAvailable: false,
            firstRenderMs: null,
            settledLayoutMs: null,
            note: `failed: ${(error as Error).message.split('\n')[0]}`,
          });
          options.log(
            `  ${nodes} nodes, ${renderer}: failed: ${(error as Error).message.split('\n')[0]}`,
          );
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
