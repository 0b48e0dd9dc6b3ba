/** Zoom and pan that fit a box into the canvas; pure, so a fit can be computed before drawing. */
import type { Box } from './edge-label';
import type { Point } from './placement';

/** The box around `points`, grown by `margin` on every side (half a node, say); null if none. */
export function boxAround(points: Iterable<Point>, margin = 0): Box | null {
  let box: Box | null = null;
  for (const p of points) {
    if (!box) box = { x1: p.x, y1: p.y, x2: p.x, y2: p.y };
    else {
      box.x1 = Math.min(box.x1, p.x);
      box.y1 = Math.min(box.y1, p.y);
      box.x2 = Math.max(box.x2, p.x);
      box.y2 = Math.max(box.y2, p.y);
    }
  }
  if (!box) return null;
  return { x1: box.x1 - margin, y1: box.y1 - margin, x2: box.x2 + margin, y2: box.y2 + margin };
}

/** The viewport that centres `box` in a `width`×`height` canvas, zoomed within the limits. */
export function fitViewport(
  box: Box,
  canvas: { width: number; height: number },
  limits: { padding: number; minZoom: number; maxZoom: number },
): { zoom: number; pan: Point } {
  const w = box.x2 - box.x1 || 1;
  const h = box.y2 - box.y1 || 1;
  const zoom = Math.max(
    limits.minZoom,
    Math.min(
      limits.maxZoom,
      (canvas.width - 2 * limits.padding) / w,
      (canvas.height - 2 * limits.padding) / h,
    ),
  );
  return {
    zoom,
    pan: {
      x: canvas.width / 2 - (zoom * (box.x1 + box.x2)) / 2,
      y: canvas.height / 2 - (zoom * (box.y1 + box.y2)) / 2,
    },
  };
}
