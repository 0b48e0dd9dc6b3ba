import { describe, expect, it } from 'vitest';
import { boxAround, fitViewport } from '../../../client/src/graph/viewport';

describe('fitting the view before drawing', () => {
  it('centres the box and zooms so it fills the canvas within the padding', () => {
    const box = boxAround(
      [
        { x: 0, y: 0 },
        { x: 1000, y: 500 },
      ],
      0,
    );
    expect(box).toEqual({ x1: 0, y1: 0, x2: 1000, y2: 500 });
    const { zoom, pan } = fitViewport(
      box ?? { x1: 0, y1: 0, x2: 0, y2: 0 },
      { width: 600, height: 600 },
      { padding: 50, minZoom: 0.05, maxZoom: 4 },
    );
    expect(zoom).toBeCloseTo(0.5); // (600 − 2·50) / 1000
    // The box's centre (500, 250) lands on the canvas's centre (300, 300).
    expect(pan.x + zoom * 500).toBeCloseTo(300);
    expect(pan.y + zoom * 250).toBeCloseTo(300);
  });

  it('keeps within the zoom limits: one node does not become a blob', () => {
    const box = boxAround([{ x: 10, y: 10 }], 17);
    const { zoom, pan } = fitViewport(
      box ?? { x1: 0, y1: 0, x2: 0, y2: 0 },
      { width: 800, height: 600 },
      { padding: 50, minZoom: 0.05, maxZoom: 2.2 },
    );
    expect(zoom).toBe(2.2);
    expect(pan.x + zoom * 10).toBeCloseTo(400);
  });

  it('has no box for no points', () => {
    expect(boxAround([], 10)).toBeNull();
  });
});
