import { describe, expect, it } from 'vitest';
import { type Point, placeAround } from '../../../client/src/graph/placement';

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

describe('placeAround', () => {
  it('places every new node near the expanded one, none on top of another', () => {
    const center = { x: 500, y: 300 };
    const others = [
      { x: 300, y: 300 },
      { x: 350, y: 250 },
    ];
    const placed = placeAround(center, 30, others);
    expect(placed).toHaveLength(30);
    for (const p of placed) {
      expect(distance(p, center)).toBeGreaterThanOrEqual(100);
      expect(distance(p, center)).toBeLessThan(600);
    }
    const all = [...others, center, ...placed];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        expect(distance(all[i] as Point, all[j] as Point)).toBeGreaterThan(30);
      }
    }
  });

  it('keeps new nodes clear of a crowded canvas on every side of the origin', () => {
    // A lattice of 400 nodes 60 px apart around (0, 0), on both sides of both axes.
    const others: Point[] = [];
    for (let i = -10; i < 10; i++) {
      for (let j = -10; j < 10; j++) others.push({ x: i * 60 + 7, y: j * 60 - 11 });
    }
    const center = { x: 7, y: -11 };
    const placed = placeAround(center, 300, others);
    let closest = Number.POSITIVE_INFINITY;
    for (const [i, p] of placed.entries()) {
      for (const q of [...others, ...placed.slice(0, i)])
        closest = Math.min(closest, distance(p, q));
    }
    // The clearance is 0.6 of the default 70 px spacing.
    expect(closest).toBeGreaterThanOrEqual(42);
  });

  it('fans a few neighbours out away from the rest of the graph', () => {
    const center = { x: 0, y: 0 };
    // The rest of the graph lies to the left; new nodes should go right.
    const placed = placeAround(center, 4, [
      { x: -300, y: 0 },
      { x: -250, y: 40 },
    ]);
    for (const p of placed) expect(p.x).toBeGreaterThan(0);
  });

  it('uses the whole circle when nothing else is on the canvas', () => {
    const placed = placeAround({ x: 0, y: 0 }, 8, []);
    expect(placed.some((p) => p.x < 0)).toBe(true);
    expect(placed.some((p) => p.x > 0)).toBe(true);
  });

  it('returns nothing for nothing', () => {
    expect(placeAround({ x: 0, y: 0 }, 0, [])).toEqual([]);
  });
});
