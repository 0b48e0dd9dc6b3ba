import { describe, expect, it } from 'vitest';
import {
  type Box,
  LabelObstacles,
  labelMargin,
  placeEdgeLabel,
} from '../../../client/src/graph/edge-label';

describe('edge labels beside the line', () => {
  it('puts the label above a horizontal edge, whichever way it points', () => {
    expect(labelMargin({ x: 0, y: 0 }, { x: 100, y: 0 }, 8)).toEqual({ x: 0, y: -8 });
    expect(labelMargin({ x: 100, y: 0 }, { x: 0, y: 0 }, 8)).toEqual({ x: 0, y: -8 });
  });

  it('puts it to one side of a vertical edge, the same side both ways', () => {
    const down = labelMargin({ x: 0, y: 0 }, { x: 0, y: 100 }, 8);
    const up = labelMargin({ x: 0, y: 100 }, { x: 0, y: 0 }, 8);
    expect(Math.abs(down.x)).toBe(8);
    expect(down.y).toBe(0);
    expect(up).toEqual(down);
  });

  it('keeps the label at the gap from a diagonal line, perpendicular to it', () => {
    const m = labelMargin({ x: 0, y: 0 }, { x: 30, y: 40 }, 10);
    expect(Math.hypot(m.x, m.y)).toBeCloseTo(10, 1);
    expect(m.x * 30 + m.y * 40).toBeCloseTo(0, 1);
  });

  it('copes with an edge whose ends coincide', () => {
    expect(labelMargin({ x: 5, y: 5 }, { x: 5, y: 5 }, 8)).toEqual({ x: 0, y: -8 });
  });
});

describe('edge labels clear of node labels', () => {
  // A horizontal edge 300 long; its label 30×11 sits at the middle, 8 above the line by default.
  const spot = {
    source: { x: 0, y: 0 },
    target: { x: 300, y: 0 },
    centre: { x: 150, y: 0 },
    width: 30,
    height: 11,
  };
  const box = (x1: number, y1: number, x2: number, y2: number) => ({ x1, y1, x2, y2 });
  const intersects = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const grid = (...boxes: Box[]) => {
    const obstacles = new LabelObstacles();
    for (const b of boxes) obstacles.add(b);
    return obstacles;
  };

  it('keeps the usual place, above the line, when nothing is there', () => {
    const placed = placeEdgeLabel(spot, grid(box(0, 30, 40, 60)));
    expect(placed.margin).toEqual(labelMargin(spot.source, spot.target));
    expect(placed.box).toEqual(box(135, -13.5, 165, -2.5));
  });

  it('goes below the line when a node label sits above the middle', () => {
    const nodeLabel = box(120, -20, 180, -6);
    const placed = placeEdgeLabel(spot, grid(nodeLabel));
    expect(placed.margin).toEqual({ x: 0, y: 8 });
    expect(intersects(placed.box, nodeLabel)).toBe(false);
  });

  it('moves along the line when both sides of the middle are taken', () => {
    const obstacles = [box(120, -20, 180, -6), box(133, 3, 167, 37)];
    const placed = placeEdgeLabel(spot, grid(...obstacles));
    for (const o of obstacles) expect(intersects(placed.box, o)).toBe(false);
    // Still beside the line, within its middle two thirds.
    expect(Math.abs(placed.margin.y)).toBe(8);
    expect(Math.abs(placed.margin.x)).toBeLessThanOrEqual(0.34 * 300);
  });

  it('takes the least covered spot when every one is covered', () => {
    const wall = box(-100, -100, 400, 100);
    const placed = placeEdgeLabel(spot, grid(wall, box(135, -14, 165, -2)));
    const covered = (b: Box) =>
      [wall, box(135, -14, 165, -2)]
        .map(
          (o) =>
            Math.max(0, Math.min(b.x2, o.x2) - Math.max(b.x1, o.x1)) *
            Math.max(0, Math.min(b.y2, o.y2) - Math.max(b.y1, o.y1)),
        )
        .reduce((a, c) => a + c, 0);
    // The default spot carries the extra obstacle; the chosen one does not.
    expect(covered(placed.box)).toBeLessThan(covered(box(135, -13.5, 165, -2.5)));
  });

  it('makes each placed label an obstacle for the next, across grid cells', () => {
    const obstacles = grid();
    const first = placeEdgeLabel(spot, obstacles);
    // The same edge again (a parallel link drawn straight): its label must not cover the first.
    const second = placeEdgeLabel(spot, obstacles);
    expect(first.margin).toEqual({ x: 0, y: -8 });
    expect(second.margin).toEqual({ x: 0, y: 8 });
    expect(obstacles.covered(box(-1000, -1000, 1000, 1000))).toBeCloseTo(2 * 30 * 11, 5);
  });

  it('counts an obstacle spanning several cells once', () => {
    const obstacles = grid(box(0, 0, 500, 500));
    expect(obstacles.covered(box(10, 10, 400, 400))).toBe(390 * 390);
    expect(obstacles.covered(box(600, 600, 700, 700))).toBe(0);
  });
});
