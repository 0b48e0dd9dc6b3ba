/**
 * Measures the explorer with a large graph in headless Chromium: time until 2,000 nodes and
 * 4,000 edges are on the canvas, time until the fCoSE layout (in its worker) has settled, the
 * longest main-thread stall meanwhile, and frame times while zooming — for the canvas renderer
 * and the experimental WebGL one. Not part of `npm test` (it takes minutes and its numbers
 * depend on the machine); run it with:
 *
 *   npm run build && npx tsx test/e2e/measure-scale.ts [nodes] [edges]
 *
 * The built client is served as the server serves it; the API answers are synthetic
 * (test/e2e/scale-page.ts), so no database is needed and only the client is measured. The scale
 * test (test/integration/e2e-scale.test.ts) and `npm run bench -- --sections client` measure
 * the expansion itself; this script also times _Lay out_ and zooming. Results: docs/client.md.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startScaleServer, syntheticGraph } from './scale-page';

const NODES = Number(process.argv[2] ?? 2000);
const EDGES = Number(process.argv[3] ?? 4000);

/** Records the longest gap between animation frames until stopped (main-thread stalls). */
async function startFrameWatch(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { frameGaps: number[]; watching: boolean };
    w.frameGaps = [];
    w.watching = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.frameGaps.push(now - last);
      last = now;
      if (w.watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopFrameWatch(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { frameGaps: number[]; watching: boolean };
    w.watching = false;
    const gaps = [...w.frameGaps].sort((a, b) => a - b);
    const p = (q: number) =>
      Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0);
    return { frames: gaps.length, median: p(0.5), p95: p(0.95), max: Math.round(gaps.at(-1) ?? 0) };
  });
}

async function measure(baseUrl: string, renderer: 'canvas' | 'webgl') {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // tsx compiles with keepNames; functions sent to the page then call its __name helper.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(
      `${baseUrl}/?e=syn:hub&node=syn:hub${renderer === 'webgl' ? '&renderer=webgl' : ''}`,
    );
    await page.waitForSelector('body[data-ready="true"]');
    const webgl = await page.evaluate(() => {
      const cy = (window as unknown as { cy: { renderer(): { webgl?: boolean } } }).cy;
      return Boolean(cy.renderer().webgl);
    });
    await page.click('#details button[data-action="expand"]');
    const started = Date.now();
    await startFrameWatch(page);
    await page.waitForFunction(
      (n) => (window as unknown as { cy: { nodes(): { length: number } } }).cy.nodes().length >= n,
      NODES,
      {
        timeout: 120_000,
        polling: 50,
      },
    );
    // Two frames later the nodes are drawn.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const firstRender = Date.now() - started;
    const expandFrames = await stopFrameWatch(page);

    const layoutStarted = Date.now();
    await startFrameWatch(page);
    await page.click('#relayout');
    await page.waitForFunction(
      () => performance.getEntriesByName('threadline:layout-settled').length > 0,
      null,
      {
        timeout: 300_000,
        polling: 100,
      },
    );
    const layoutSettled = Date.now() - layoutStarted;
    const layoutFrames = await stopFrameWatch(page);
    const layoutDetail = await page.evaluate(
      () =>
        (performance.getEntriesByName('threadline:layout-settled')[0] as PerformanceMark).detail,
    );

    await startFrameWatch(page);
    await page.evaluate(async () => {
      const cy = (
        window as unknown as {
          cy: { zoom(): number; animate(o: object): { promise(): Promise<void> } };
        }
      ).cy;
      const z = cy.zoom();
      await cy.animate({ zoom: z * 3, duration: 1500 }).promise?.();
      await new Promise((r) => setTimeout(r, 1600));
      await cy.animate({ zoom: z, duration: 1500 }).promise?.();
      await new Promise((r) => setTimeout(r, 1600));
    });
    const zoomFrames = await stopFrameWatch(page);
    const fitZoom = await page.evaluate(() =>
      (window as unknown as { cy: { zoom(): number } }).cy.zoom(),
    );
    await page.screenshot({ path: `test-results/scale-${renderer}.png` });
    return {
      renderer,
      webglActive: webgl,
      nodes: NODES,
      edges: EDGES,
      firstRenderMs: firstRender,
      stallDuringExpandMs: expandFrames.max,
      layoutSettledMs: layoutSettled,
      layoutWorkerMs: Math.round((layoutDetail as { computeMs: number }).computeMs),
      stallDuringLayoutMs: layoutFrames.max,
      zoomFrameMs: { median: zoomFrames.median, p95: zoomFrames.p95, max: zoomFrames.max },
      zoomAfterFit: Number(fitZoom.toFixed(3)),
      errors,
    };
  } finally {
    await browser.close();
  }
}

const { url: base, server } = await startScaleServer(syntheticGraph(NODES, EDGES));
try {
  for (const renderer of ['canvas', 'webgl'] as const) {
    console.log(JSON.stringify(await measure(base, renderer)));
  }
} finally {
  server.close();
}
