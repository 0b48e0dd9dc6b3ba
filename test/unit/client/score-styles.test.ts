import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_COLORS,
  colorForLevel,
  communityColor,
  communityOf,
  nodeLooks,
  SCORE_SIZE,
  scoreLevels,
  sizeForLevel,
} from '../../../client/src/state/score-styles';

/** Relative luminance of #rrggbb (WCAG): lower is darker. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('score styles', () => {
  it('gives levels by the rank of distinct scores: equal scores equal, a hub does not squash the rest', () => {
    const levels = scoreLevels([
      { id: 'hub', score: 100 },
      { id: 'b', score: 2 },
      { id: 'c', score: 2 },
      { id: 'd', score: 1 },
    ]);
    expect(Object.fromEntries(levels)).toEqual({ hub: 1, b: 0.5, c: 0.5, d: 0 });
    expect(Object.fromEntries(scoreLevels([{ id: 'only', score: 0.3 }]))).toEqual({ only: 1 });
    expect(scoreLevels([]).size).toBe(0);
  });

  it('grows and darkens with the level, from the smallest to the largest size', () => {
    expect(sizeForLevel(0)).toBe(SCORE_SIZE.min);
    expect(sizeForLevel(1)).toBe(SCORE_SIZE.max);
    const levels = [0, 0.25, 0.5, 0.75, 1];
    const sizes = levels.map(sizeForLevel);
    const lights = levels.map((l) => luminance(colorForLevel(l)));
    for (let i = 1; i < levels.length; i++) {
      expect(sizes[i]).toBeGreaterThan(sizes[i - 1] ?? Number.POSITIVE_INFINITY);
      expect(lights[i]).toBeLessThan(lights[i - 1] ?? 0);
    }
    expect(colorForLevel(0)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('sizes, colours or both, and community colours win over score colours', () => {
    const scores = [
      { id: 'a', score: 3 },
      { id: 'b', score: 1 },
    ];
    expect(nodeLooks(scores, 'size', null).get('a')).toEqual({ size: SCORE_SIZE.max });
    expect(nodeLooks(scores, 'color', null).get('b')).toEqual({ color: colorForLevel(0) });
    expect(nodeLooks(scores, 'both', null).get('a')).toEqual({
      size: SCORE_SIZE.max,
      color: colorForLevel(1),
    });
    const groups = communityOf([
      { id: 1, memberIds: ['a'] },
      { id: 2, memberIds: ['b'] },
    ]);
    expect(nodeLooks(scores, 'both', groups).get('b')).toEqual({
      size: SCORE_SIZE.min,
      color: COMMUNITY_COLORS[1],
    });
    expect(nodeLooks(scores, null, groups).get('a')).toEqual({ color: COMMUNITY_COLORS[0] });
    expect(nodeLooks(scores, null, null).get('a')).toEqual({});
  });

  it('gives each of the first communities its own colour and the rest one neutral colour', () => {
    const first = COMMUNITY_COLORS.map((_, i) => communityColor(i + 1));
    expect(new Set(first).size).toBe(COMMUNITY_COLORS.length);
    expect(communityColor(COMMUNITY_COLORS.length + 1)).toBe(communityColor(99));
    expect(first).not.toContain(communityColor(99));
  });
});
