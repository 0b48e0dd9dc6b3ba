import { describe, expect, it } from 'vitest';
import { labelMargin } from '../../../client/src/graph/edge-label';

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
