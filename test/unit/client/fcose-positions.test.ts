import { describe, expect, it } from 'vitest';
import {
  computeFcosePositions,
  type LayoutInput,
  spreadOut,
} from '../../../client/src/graph/fcose-positions';

function star(spokes: number, fixedHub = false): LayoutInput {
  return {
    incremental: false,
    nodes: [
      { id: 'hub', x: 500, y: 500, width: 34, height: 34, fixed: fixedHub },
      ...Array.from({ length: spokes }, (_, i) => ({
        id: `n${i}`,
        x: 0,
        y: 0,
        width: 34,
        height: 34,
        fixed: false,
      })),
    ],
    edges: Array.from({ length: spokes }, (_, i) => ({
      id: `e${i}`,
      source: 'hub',
      target: `n${i}`,
    })),
  };
}

describe("computeFcosePositions (the layout worker's work, headless)", () => {
  it('gives every node a position and keeps nodes apart', () => {
    const positions = computeFcosePositions(star(12));
    expect(Object.keys(positions)).toHaveLength(13);
    const points = Object.values(positions);
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i];
        const b = points[j];
        expect(Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0))).toBeGreaterThan(
          20,
        );
      }
    }
  });

  it('leaves a pinned node where it is', () => {
    const positions = computeFcosePositions(star(6, true));
    expect(positions.hub?.x).toBeCloseTo(500, 0);
    expect(positions.hub?.y).toBeCloseTo(500, 0);
  });
});

describe('spreadOut (large draft layouts)', () => {
  it('scales a cramped drawing up to the room asked for, about its centre', () => {
    const spread = spreadOut(
      { a: { x: 0, y: 0 }, b: { x: 10, y: 0 }, c: { x: 5, y: 5 } },
      new Set(),
      100,
    );
    expect(spread.b?.x ?? 0).toBeCloseTo(55); // 10 wide → 100 wide: ×10 about x = 5
    expect(spread.a?.x ?? 0).toBeCloseTo(-45);
    expect(spread.c).toEqual({ x: 5, y: 27.5 }); // the centre is (5, 2.5)
  });

  it('leaves pinned nodes and already roomy drawings alone', () => {
    const pinned = spreadOut({ a: { x: 0, y: 0 }, b: { x: 10, y: 0 } }, new Set(['a']), 100);
    expect(pinned.a).toEqual({ x: 0, y: 0 });
    const roomy = { a: { x: 0, y: 0 }, b: { x: 500, y: 0 } };
    expect(spreadOut(roomy, new Set(), 100)).toBe(roomy);
  });
});
