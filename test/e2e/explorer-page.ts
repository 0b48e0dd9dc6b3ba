/**
 * Reading and driving the explorer in a Playwright page: the live Cytoscape instance the app
 * puts on `window.cy`, the header's loading indicator, and the search fields' suggestions.
 */
import type { Page } from 'playwright-core';

export type Cy = {
  nodes(): { filter(f: (n: CyNode) => boolean): { map<T>(f: (n: CyNode) => T): T[] } };
  getElementById(id: string): CyNode;
  container(): HTMLElement;
  zoom(): number;
};
export type CyNode = {
  id(): string;
  hasClass(c: string): boolean;
  renderedPosition(): { x: number; y: number };
  renderedMidpoint(): { x: number; y: number };
  visible(): boolean;
  style(name: string): string;
};

/** Waits until no request is pending (the header's loading indicator is idle). */
export async function idle(page: Page) {
  await page.waitForFunction(() => !document.querySelector('#activity.busy'), null, {
    timeout: 30_000,
  });
}

/** The entity ids on the canvas, sorted. */
export function canvasEntities(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { cy: Cy }).cy;
    return cy
      .nodes()
      .filter((n) => !n.hasClass('more'))
      .map((n) => n.id())
      .sort();
  });
}

export function classesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const cy = (window as unknown as { cy: Cy }).cy;
    const element = cy.getElementById(elementId);
    return ['on-path', 'dimmed', 'out-of-date', 'filtered', 'more'].filter((c) =>
      element.hasClass(c),
    );
  }, id);
}

/** Where an element is on the page, to click it like a user. */
export function screenPoint(
  page: Page,
  id: string,
  edge = false,
): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ elementId, isEdge }) => {
      type Point = { x: number; y: number };
      type Box = { x1: number; x2: number; y1: number; y2: number };
      type Element = {
        renderedPosition(): Point;
        renderedMidpoint(): Point;
        renderedSourceEndpoint(): Point;
        renderedTargetEndpoint(): Point;
      };
      const cy = (window as unknown as { cy: Cy }).cy;
      const element = cy.getElementById(elementId) as unknown as Element;
      const box = cy.container().getBoundingClientRect();
      let p = isEdge ? element.renderedMidpoint() : element.renderedPosition();
      if (isEdge) {
        // A click lands on whatever is on top: where the layout put a node over the link's
        // middle, click another point along the line, clear of every node.
        const nodes = (
          cy as unknown as { nodes(): { renderedBoundingBox(o: object): Box }[] }
        ).nodes();
        const boxes = Array.from(nodes, (n) => n.renderedBoundingBox({ includeLabels: false }));
        const from = element.renderedSourceEndpoint();
        const to = element.renderedTargetEndpoint();
        const clear = (q: Point) =>
          !boxes.some(
            (b) => q.x >= b.x1 - 2 && q.x <= b.x2 + 2 && q.y >= b.y1 - 2 && q.y <= b.y2 + 2,
          );
        if (!clear(p)) {
          for (const t of [0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
            const q = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
            if (clear(q)) {
              p = q;
              break;
            }
          }
        }
      }
      return { x: box.left + p.x, y: box.top + p.y };
    },
    { elementId: id, isEdge: edge },
  );
}

/** Types into a search field and waits for the suggestion of `entityId`. */
export async function pickSuggestion(page: Page, input: string, text: string, entityId: string) {
  await page.fill(input, '');
  await page.type(input, text, { delay: 20 });
  const option = page.locator(`${input} ~ .suggestions [data-entity-id="${entityId}"]`);
  await option.waitFor({ timeout: 30_000 });
  return option;
}

/** Opens the explorer at `query` (a view's address) and waits until it has restored it. */
export async function openView(page: Page, baseUrl: string, query = '') {
  await page.goto(`${baseUrl}/${query ? `?${query}` : ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await idle(page);
}

/** The excerpts the API gives for a link, to compare with what the panel shows. */
export async function apiExcerpts(baseUrl: string, linkId: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($id: ID!) { link(id: $id) { citations { excerpt } } }',
      variables: { id: linkId },
    }),
  });
  const body = (await response.json()) as { data: { link: { citations: { excerpt: string }[] } } };
  return body.data.link.citations.map((c) => c.excerpt);
}

/** Entity positions in model coordinates, rounded as a shared URL keeps them. */
export function modelPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    type Node = {
      id(): string;
      hasClass(c: string): boolean;
      position(): { x: number; y: number };
    };
    const cy = (window as unknown as { cy: { nodes(): { forEach(f: (n: Node) => void): void } } })
      .cy;
    const spots: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((n) => {
      if (!n.hasClass('more'))
        // + 0: a position rounded from just left of 0 is -0, one place with 0 (a link writes both as 0).
        spots[n.id()] = { x: Math.round(n.position().x) + 0, y: Math.round(n.position().y) + 0 };
    });
    return spots;
  });
}
