/**
 * The explained score of a pair of records: a name similarity, raised by evidence of identity
 * (a shared acronym, identifier or neighbour) and lowered by conflicting facts (one is listed as
 * the other's subsidiary, a unit of it, a different country, founding year, number or regional
 * qualifier). Every step is a feature with its value and what it added, so a researcher sees why.
 */
import { PLACE_TOKENS } from './name-words';
import type { PreparedName, PreparedRecord } from './prepare';
import { jaroWinkler, weightedTokenSet } from './similarity';

/** Candidates below this score are not proposed (the default `minScore`). */
export const DEFAULT_MIN_SCORE = 0.5;
/** At or above this score a pair is predicted "same" (used for precision and recall). */
export const MATCH_THRESHOLD = 0.75;
/**
 * The optional automatic join: at least this score AND no conflicting feature at all. Measured
 * on the labelled set in docs/benchmarks.md; a person's judgement is still recorded as such.
 */
export const AUTO_THRESHOLD = 0.97;

export type FeatureName =
  | 'name'
  | 'initialism'
  | 'identifier'
  | 'sharedNeighbours'
  | 'identifierConflict'
  | 'parentConflict'
  | 'differentParents'
  | 'unitOf'
  | 'distinctWords'
  | 'extraWords'
  | 'placeConflict'
  | 'numberConflict'
  | 'qualifierConflict'
  | 'countryConflict'
  | 'foundedConflict';

export interface Feature {
  name: FeatureName;
  /** The measured value (a similarity, a count, or 1 for a fact that holds). */
  value: number;
  /** What the feature added to the score (negative for conflicts). */
  contribution: number;
  /** In words, with the names or values that decided it. */
  detail: string;
}

export interface ScoredPair {
  score: number;
  features: Feature[];
  /** True when the score is at least AUTO_THRESHOLD and nothing conflicts. */
  autoJoinable: boolean;
}

const UNIT_WORDS = new Set([
  'institute',
  'laboratory',
  'lab',
  'center',
  'centre',
  'school',
  'department',
  'branch',
  'bureau',
  'division',
  'office',
  'faculty',
  'college',
  'hospital',
  'subsidiary',
]);

/** The share of token overlap in the name feature; the rest is Jaro-Winkler on the keys. */
const NAME_TOKEN_WEIGHT = 0.8;

const round = (x: number) => Math.round(x * 1000) / 1000;

/** True when every token of `inner` occurs in `outer`, in order and next to each other. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length >= outer.length) return false;
  start: for (let i = 0; i + inner.length <= outer.length; i++) {
    for (let j = 0; j < inner.length; j++) if (outer[i + j] !== inner[j]) continue start;
    return true;
  }
  return false;
}

const numbersOf = (name: PreparedName) =>
  new Set([...name.tokens].filter((t) => /\d/.test(t) && !/^(19|20)\d\d$/.test(t)));

function namesOf(r: PreparedRecord): string {
  return `"${r.record.name}"`;
}

function parentConflict(child: PreparedRecord, parent: PreparedRecord): boolean {
  for (const name of parent.names) if (child.parentKeys.has(name.key)) return true;
  for (const acronym of parent.acronyms)
    if (child.parentKeys.has(`acronym:${acronym}`)) return true;
  return false;
}

type Add = (name: FeatureName, value: number, contribution: number, detail: string) => void;

function feature(name: FeatureName, value: number, contribution: number, detail: string): Feature {
  return { name, value: round(value), contribution: round(contribution), detail };
}

/**
 * The name feature of one pair of names and what the names themselves say against identity:
 * a unit within the other, different numbers, a regional qualifier on one side, words only one
 * name has.
 */
function nameFeatures(
  na: PreparedName,
  nb: PreparedName,
  weight: (token: string) => number,
): Feature[] {
  if (na.key === nb.key) {
    return [
      feature(
        'name',
        1,
        1,
        `"${na.text}" ~ "${nb.text}": the same name once case, accents and legal forms are folded`,
      ),
    ];
  }
  const ta = na.key.split(' ');
  const tb = nb.key.split(' ');
  const [longer, shorter, longerName] =
    ta.length > tb.length ? [ta, tb, na.text] : [tb, ta, nb.text];
  // A place leading one name only is often dropped in English use ("Zhejiang Dahua" / "Dahua",
  // "Hangzhou Hikvision" / "Hikvision"): it barely counts against the pair.
  const firstShared = longer.findIndex((t) => shorter.includes(t));
  const leadingPlaces = new Set(
    longer.filter((t, i) => i < firstShared && PLACE_TOKENS.has(t) && !shorter.includes(t)),
  );
  const pairWeight = (t: string) => (leadingPlaces.has(t) ? 0.1 * weight(t) : weight(t));
  const tokenSet = weightedTokenSet(na.tokens, nb.tokens, pairWeight);
  const jw = jaroWinkler(na.key, nb.key);
  const value = NAME_TOKEN_WEIGHT * tokenSet + (1 - NAME_TOKEN_WEIGHT) * jw;
  const out = [
    feature(
      'name',
      value,
      value,
      `"${na.text}" ~ "${nb.text}": token overlap ${round(tokenSet)}, Jaro-Winkler ${round(jw)}`,
    ),
  ];
  const add: Add = (...args) => out.push(feature(...args));
  const extra = longer.filter((t) => !shorter.includes(t));
  if (containsRun(longer, shorter) && extra.some((t) => UNIT_WORDS.has(t))) {
    add('unitOf', 1, -0.25, `"${longerName}" names a unit within the other`);
  }
  const onlyA = ta.filter((t) => !nb.tokens.has(t));
  const onlyB = tb.filter((t) => !na.tokens.has(t));
  const placesA = onlyA.filter((t) => PLACE_TOKENS.has(t));
  const placesB = onlyB.filter((t) => PLACE_TOKENS.has(t));
  if (placesA.length > 0 && placesB.length > 0) {
    add(
      'placeConflict',
      1,
      -0.25,
      `different places: "${placesA.join(' ')}" / "${placesB.join(' ')}"`,
    );
  } else if (onlyA.length > 0 && onlyB.length > 0) {
    // Each name has words the other lacks: "Army / Naval Medical University", not a longer and
    // a shorter form of one name.
    add(
      'distinctWords',
      1,
      -0.1,
      `each name has words the other lacks: "${onlyA.join(' ')}" / "${onlyB.join(' ')}"`,
    );
  } else {
    // One name is the other plus words: beyond a leading place, an added word usually names
    // something narrower ("Chongqing University of Technology", "… Construction USA").
    const counted = extra.filter((t) => !leadingPlaces.has(t));
    if (counted.length > 0) add('extraWords', 1, -0.1, `only one name has "${counted.join(' ')}"`);
  }
  const numbersA = numbersOf(na);
  const numbersB = numbersOf(nb);
  if (numbersA.size > 0 && numbersB.size > 0 && [...numbersA].some((n) => !numbersB.has(n))) {
    add(
      'numberConflict',
      1,
      -0.3,
      `different numbers: ${[...numbersA].join(' ')} / ${[...numbersB].join(' ')}`,
    );
  }
  const qualifiers = [
    ...na.qualifiers.filter((q) => !nb.tokens.has(q)),
    ...nb.qualifiers.filter((q) => !na.tokens.has(q)),
  ];
  if (qualifiers.length > 0) {
    add('qualifierConflict', 1, -0.2, `only one name is qualified by "${qualifiers.join(' ')}"`);
  }
  return out;
}

const sum = (features: readonly Feature[]) => features.reduce((t, f) => t + f.contribution, 0);

/** The pair of names (one of each record's names and aliases) that speaks best for identity. */
function bestNamePair(
  a: PreparedRecord,
  b: PreparedRecord,
  weight: (token: string) => number,
): { features: Feature[] } | null {
  let best: { features: Feature[]; net: number } | null = null;
  for (const na of a.names) {
    for (const nb of b.names) {
      const features = nameFeatures(na, nb, weight);
      const net = sum(features);
      if (!best || net > best.net) best = { features, net };
    }
  }
  return best;
}

/** Scores a pair. `weight` gives token weights (TokenStats.weight, or baseWeight alone). */
export function scorePair(
  a: PreparedRecord,
  b: PreparedRecord,
  weight: (token: string) => number,
): ScoredPair {
  const features: Feature[] = [];
  const add: Add = (...args) => features.push(feature(...args));

  const best = bestNamePair(a, b, weight);
  if (!best) {
    add('name', 0, 0, 'one of the records has no name left after legal forms are folded');
  } else {
    features.push(...best.features);
  }

  // Evidence for.
  const sharedAcronyms = [...a.acronyms].filter((x) => b.acronyms.has(x));
  const initialism =
    sharedAcronyms[0] ??
    [...a.acronyms].find((x) => b.names.some((n) => n.initials.includes(x))) ??
    [...b.acronyms].find((x) => a.names.some((n) => n.initials.includes(x)));
  if (initialism) {
    const shared = sharedAcronyms.length > 0;
    add(
      'initialism',
      1,
      shared ? 0.15 : 0.1,
      shared
        ? `both are known as "${initialism.toUpperCase()}"`
        : `"${initialism.toUpperCase()}" is the initials of the other's name`,
    );
  }
  for (const [scheme, values] of a.identifiers) {
    const other = b.identifiers.get(scheme);
    if (!other) continue;
    const shared = [...values].filter((v) => other.has(v));
    if (shared.length > 0) add('identifier', 1, 0.4, `same ${scheme}: ${shared.join(', ')}`);
    else
      add(
        'identifierConflict',
        1,
        -0.3,
        `different ${scheme}: ${[...values][0]} / ${[...other][0]}`,
      );
  }
  const sharedNeighbours = [...a.neighbours].filter((n) => b.neighbours.has(n));
  if (sharedNeighbours.length > 0) {
    const bonus = Math.min(0.1, 0.05 * sharedNeighbours.length);
    add(
      'sharedNeighbours',
      sharedNeighbours.length,
      bonus,
      `linked to the same ${sharedNeighbours.length === 1 ? 'entity' : 'entities'}: ${sharedNeighbours.slice(0, 3).join(', ')}`,
    );
  }

  // Evidence against.
  if (parentConflict(a, b) || parentConflict(b, a)) {
    const [child, parent] = parentConflict(a, b) ? [a, b] : [b, a];
    add(
      'parentConflict',
      1,
      -0.6,
      `${namesOf(child)} is listed as a part or subsidiary of ${namesOf(parent)}`,
    );
  } else if (a.parentKeys.size > 0 && b.parentKeys.size > 0) {
    const sharedParent = [...a.parentKeys].some((k) => b.parentKeys.has(k));
    if (!sharedParent) {
      add('differentParents', 1, -0.15, 'listed under different parents');
    }
  }
  if (a.country && b.country && a.country !== b.country) {
    add(
      'countryConflict',
      1,
      -0.3,
      `different countries: ${a.record.country} / ${b.record.country}`,
    );
  }
  if (a.year && b.year && a.year !== b.year) {
    add('foundedConflict', 1, -0.2, `founded in different years: ${a.year} / ${b.year}`);
  }

  const score = round(Math.min(1, Math.max(0, sum(features))));
  const conflicted = features.some((f) => f.contribution < 0);
  return { score, features, autoJoinable: score >= AUTO_THRESHOLD && !conflicted };
}

/**
 * Which kinds may be the same body. Lists file universities and institutes as "Company"
 * (FollowTheMoney has no finer schema for them), so Company and Organization are compared.
 */
export function compatibleKinds(a: string, b: string): boolean {
  if (a === b) return true;
  const bodies = new Set(['Company', 'Organization']);
  return bodies.has(a) && bodies.has(b);
}
