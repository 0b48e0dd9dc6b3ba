/**
 * Issue 18, large graphs: expanding a hub with 2,000 neighbours and 4,000 links must not block
 * the page. In Debian's Chromium against the built client and a synthetic API
 * (test/e2e/scale-page.ts, no database), the longest task from the click until everything is
 * drawn is read with the Long Tasks API and compared with plain Cytoscape adding the same
 * elements in one go, side by side in the same browser: a ratio holds on a loaded CI machine
 * where a fixed number of milliseconds does not. The target itself (no task over 200 ms) and
 * the precise numbers are in the benchmark (`npm run bench -- --sections client`,
 * docs/benchmarks.md). The measured values are printed with the test's output.
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureClient } from '../../bench/sections/client';
import { chromiumAvailable, launchChromium, requireChromiumUnlessLocal } from '../e2e/browser';
import { ensureClientBuilt } from '../e2e/client-build';
import {
  type ExpandMeasurement,
  expandHub,
  startScaleServer,
  syntheticGraph,
} from '../e2e/scale-page';

requireChromiumUnlessLocal('e2e-scale');

const NODES = 2000;
const EDGES = 4000;

/** What the canvas shows once everything arrived. */
interface CanvasState {
  kinds: Record<string, { total: number; filtered: number }>;
  hubSelected: boolean;
  distinctSpots: number;
  detailed: number;
}

describe.skipIf(!chromiumAvailable())('expanding a hub into 2,000 neighbours (issue 18)', () => {
  let browser: Browser;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    await ensureClientBuilt();
    ({ url, server } = await startScaleServer(syntheticGraph(NODES, EDGES)));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('draws them all in their laid-out place, filtered and selected as asked, without long stalls', async () => {
    const seen: { page?: CanvasState } = {};
    const measured: ExpandMeasurement = await expandHub(browser, url, {
      // A kind hidden before the expansion must stay hidden as its nodes arrive.
      query: '&hideKinds=COMPANY',
      inspect: async (p) => {
        seen.page = await p.evaluate((): CanvasState => {
          // biome-ignore lint/suspicious/noExplicitAny: Cytoscape as the app exposes it.
          const cy = (window as any).cy;
          const kinds: Record<string, { total: number; filtered: number }> = {};
          const spots = new Set<string>();
          // biome-ignore lint/suspicious/noExplicitAny: as above.
          cy.nodes().forEach((n: any) => {
            const k = kinds[n.data('kind')] ?? { total: 0, filtered: 0 };
            kinds[n.data('kind')] = k;
            k.total++;
            if (n.hasClass('filtered')) k.filtered++;
            spots.add(`${Math.round(n.position('x'))},${Math.round(n.position('y'))}`);
          });
          return {
            kinds,
            hubSelected: cy.getElementById('syn:hub').selected(),
            distinctSpots: spots.size,
            detailed: cy.elements('.detail').length,
          };
        });
      },
    });
    // The same elements in one go, as plain Cytoscape adds them (the earlier behaviour).
    const [plain] = await measureClient({
      sizes: [NODES],
      repeats: 1,
      log: () => {},
      only: 'plain Cytoscape',
    });
    console.log(
      `e2e-scale: ${NODES} nodes / ${EDGES} links — Threadline: longest task ${measured.longestTaskMs} ms, first frame ${measured.firstFrameMs} ms, settled ${measured.settledMs} ms (${measured.fromClickMs} ms from the click), laid out first: ${measured.layoutFirst}; plain Cytoscape: longest task ${plain?.longestTaskMs} ms, settled ${plain?.settledMs} ms`,
    );
    expect(measured.errors).toEqual([]);
    expect(measured.nodes).toBe(NODES);
    expect(measured.edges).toBe(EDGES);
    expect(measured.layoutFirst).toBe(true);
    // The first frame is (about) the final one: no early picture of rings that a layout moves.
    expect(measured.settledMs - measured.firstFrameMs).toBeLessThan(500);
    const state = seen.page;
    if (!state) throw new Error('the canvas was not read');
    expect(state.kinds.COMPANY?.total).toBeGreaterThan(100);
    expect(state.kinds.COMPANY?.filtered).toBe(state.kinds.COMPANY?.total);
    expect(state.kinds.PERSON?.filtered).toBe(0);
    expect(state.hubSelected).toBe(true);
    // A layout, not a pile: nearly every node has a place of its own.
    expect(state.distinctSpots).toBeGreaterThan(NODES * 0.9);
    // Zoomed out to the whole graph, nothing carries labels (level of detail).
    expect(state.detailed).toBe(0);
    // Side by side: at most half of plain Cytoscape's longest task (measured 4–10× less).
    expect(plain?.longestTaskMs).toBeGreaterThan(0);
    expect(measured.longestTaskMs).toBeLessThan((plain?.longestTaskMs ?? 0) / 2);
  }, 600_000);
});
