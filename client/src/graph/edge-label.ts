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
