/**
 * How analytics show on the canvas: node size and colour from a centrality score, colour from
 * a community. Pure: the analytics panel writes the results into the nodes' data, and the
 * stylesheet (graph/stylesheet.ts, `scoreSize`/`scoreColor`) draws them.
 */

export interface Scored {
  id: string;
  score: number;
}

export type ScoreDisplay = 'size' | 'color' | 'both';

/** Node diameters, in model pixels, for the lowest and the highest score (the default is 34). */
export const SCORE_SIZE = { min: 22, max: 76 } as const;

/** Colour ramp from the lowest score to the highest: light to dark, so greyscale keeps it. */
export const SCORE_RAMP = { low: [254, 232, 200], high: [153, 27, 27] } as const;

/**
 * Communities by id (1 = largest); distinct in hue and lightness. Groups beyond the palette
 * share the last, neutral colour.
 */
export const COMMUNITY_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
] as const;
const OTHER_COMMUNITY = '#c4c9d0';

/**
 * Each entity's level from 0 (lowest score) to 1 (highest), by the rank of its score among the
 * distinct scores: equal scores get equal levels, and one hub does not squash everyone else
 * into the same size as a linear scale would.
 */
export function scoreLevels(scores: readonly Scored[]): Map<string, number> {
  const distinct = [...new Set(scores.map((s) => s.score))].sort((a, b) => a - b);
  const position = new Map(distinct.map((score, i) => [score, i]));
  const steps = distinct.length - 1;
  return new Map(scores.map((s) => [s.id, steps === 0 ? 1 : (position.get(s.score) ?? 0) / steps]));
}

export function sizeForLevel(level: number): number {
  return Math.round(SCORE_SIZE.min + level * (SCORE_SIZE.max - SCORE_SIZE.min));
}

export function colorForLevel(level: number): string {
  const channel = (i: 0 | 1 | 2) =>
    Math.round(SCORE_RAMP.low[i] + level * (SCORE_RAMP.high[i] - SCORE_RAMP.low[i]));
  return `#${[channel(0), channel(1), channel(2)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export function communityColor(groupId: number): string {
  return COMMUNITY_COLORS[groupId - 1] ?? OTHER_COMMUNITY;
}

export interface NodeLook {
  /** Diameter; undefined keeps the kind's size. */
  size?: number;
  /** Fill; undefined keeps the kind's colour. */
  color?: string;
}

/**
 * What every scored entity looks like: sized and/or coloured by its score; with `communities`
 * (entity id → community id), coloured by its community instead of its score.
 */
export function nodeLooks(
  scores: readonly Scored[],
  display: ScoreDisplay | null,
  communities: ReadonlyMap<string, number> | null,
): Map<string, NodeLook> {
  const looks = new Map<string, NodeLook>();
  const levels = scoreLevels(scores);
  for (const [id, level] of levels) {
    const look: NodeLook = {};
    if (display === 'size' || display === 'both') look.size = sizeForLevel(level);
    if (!communities && (display === 'color' || display === 'both'))
      look.color = colorForLevel(level);
    looks.set(id, look);
  }
  for (const [id, group] of communities ?? []) {
    looks.set(id, { ...looks.get(id), color: communityColor(group) });
  }
  return looks;
}

/** Entity id → community id, from the groups the API returns. */
export function communityOf(
  groups: readonly { id: number; memberIds: readonly string[] }[],
): Map<string, number> {
  const of = new Map<string, number>();
  for (const group of groups) for (const id of group.memberIds) of.set(id, group.id);
  return of;
}
