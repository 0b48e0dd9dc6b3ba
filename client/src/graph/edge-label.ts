/**
 * Where an edge's label sits: beside its line, not on it. A label drawn over the line hid the
 * line's pattern (a denied link's red dots vanished under its own label), so the label is moved
 * `gap` model units off the line, to the side that is "above" once the text is turned upright
 * (Cytoscape's autorotate keeps edge text readable, never upside down).
 */
export interface Point {
  x: number;
  y: number;
}

/** Distance from the line to the label's centre, in model units (edge labels are 9 px). */
export const EDGE_LABEL_GAP = 8;

export function labelMargin(source: Point, target: Point, gap = EDGE_LABEL_GAP): Point {
  let angle = Math.atan2(target.y - source.y, target.x - source.x);
  // The angle the upright text is drawn at: within (-90°, 90°].
  if (angle > Math.PI / 2) angle -= Math.PI;
  else if (angle <= -Math.PI / 2) angle += Math.PI;
  const x = gap * Math.sin(angle);
  const y = -gap * Math.cos(angle);
  // Round away float dust (-0, 1e-16) so unchanged geometry gives identical styles.
  return { x: Math.round(x * 100) / 100 || 0, y: Math.round(y * 100) / 100 || 0 };
}

/** An axis-aligned box in model coordinates (Cytoscape's bounding box fields). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Boxes that labels keep off, in a grid of square cells, so a label is checked against what is
 * near it only (a crowded canvas of 330 entities took 0.5–1 s checking every box).
 */
export class LabelObstacles {
  private readonly cells = new Map<string, Box[]>();
  /** @param cell width of a grid cell in model units, about a label's length */
  constructor(private readonly cell = 64) {}

  private keys(box: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(box.x1 / this.cell); x <= Math.floor(box.x2 / this.cell); x++)
      for (let y = Math.floor(box.y1 / this.cell); y <= Math.floor(box.y2 / this.cell); y++)
        keys.push(`${x},${y}`);
    return keys;
  }

  add(box: Box): void {
    for (const key of this.keys(box)) {
      const boxes = this.cells.get(key);
      if (boxes) boxes.push(box);
      else this.cells.set(key, [box]);
    }
  }

  /** The area of `box` that obstacles cover (overlaps among obstacles counted twice). */
  covered(box: Box): number {
    const seen = new Set<Box>();
    let area = 0;
    for (const key of this.keys(box))
      for (const obstacle of this.cells.get(key) ?? []) {
        if (seen.has(obstacle)) continue;
        seen.add(obstacle);
        area += overlapArea(box, obstacle);
      }
    return area;
  }
}

/** Shifts along the line tried, as fractions of its length: the middle first, then outwards. */
const ALONG = [0, -0.12, 0.12, -0.24, 0.24, -0.34, 0.34];

export interface EdgeLabelSpot {
  source: Point;
  target: Point;
  /** Where the label's centre is with no margin (the middle of the drawn curve). */
  centre: Point;
  width: number;
  height: number;
}

/**
 * A margin for an edge's label that keeps it off `obstacles` (node bodies and labels, labels
 * placed before): beside the line above it, else below it, else further along the line towards
 * either end. Where every spot is taken, the least covered one. The box the label then occupies
 * is added to `obstacles`, for the next label.
 */
export function placeEdgeLabel(
  spot: EdgeLabelSpot,
  obstacles: LabelObstacles,
  gap = EDGE_LABEL_GAP,
): { margin: Point; box: Box } {
  const { source, target, centre, width, height } = spot;
  const length = Math.hypot(target.x - source.x, target.y - source.y);
  const ux = length ? (target.x - source.x) / length : 1;
  const uy = length ? (target.y - source.y) / length : 0;
  const above = labelMargin(source, target, gap);
  let best: { margin: Point; box: Box; covered: number } | null = null;
  for (const along of ALONG) {
    for (const side of [1, -1]) {
      const margin = {
        x: Math.round((along * length * ux + side * above.x) * 100) / 100 || 0,
        y: Math.round((along * length * uy + side * above.y) * 100) / 100 || 0,
      };
      const cx = centre.x + margin.x;
      const cy = centre.y + margin.y;
      const box = {
        x1: cx - width / 2,
        y1: cy - height / 2,
        x2: cx + width / 2,
        y2: cy + height / 2,
      };
      const covered = obstacles.covered(box);
      if (!best || covered < best.covered) best = { margin, box, covered };
      if (covered === 0) break;
    }
    if (best?.covered === 0) break;
  }
  // ALONG is never empty, so `best` is set here.
  const chosen = best ?? { margin: above, box: { x1: 0, y1: 0, x2: 0, y2: 0 } };
  obstacles.add(chosen.box);
  return { margin: chosen.margin, box: chosen.box };
}
