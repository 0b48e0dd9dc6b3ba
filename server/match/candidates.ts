/**
 * Candidate pairs over a set of records, far from quadratic: each record is filed under a few
 * block keys — its rarest name tokens and its acronyms and initials — and only records sharing a
 * key are scored. A key shared by more than `maxBlockSize` records is too common to block on
 * (it would bring back the quadratic cost) and is skipped.
 */
import { type MatchRecord, type PreparedRecord, prepareRecord, TokenStats } from './prepare';
import { compatibleKinds, DEFAULT_MIN_SCORE, type ScoredPair, scorePair } from './score';

export interface Candidate extends ScoredPair {
  /** The ids in a fixed order (a < b), so a pair has one identity whichever side asked. */
  a: string;
  b: string;
}

export interface CandidateOptions {
  /** @default DEFAULT_MIN_SCORE (0.5) */
  minScore?: number;
  /** Name tokens per record used as block keys, rarest first. @default 3 */
  keysPerRecord?: number;
  /** A block larger than this is skipped. @default 1000 */
  maxBlockSize?: number;
  /** A token shared by more records than this blocks only together with another. @default 200 */
  singleTokenLimit?: number;
  /** Pairs never to propose (already judged). */
  exclude?: (a: string, b: string) => boolean;
  /** Filled with how many pairs were scored (for the benchmark). */
  counts?: { compared: number };
}

/** The pair's ids in a fixed order. */
export function pairKey(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/**
 * A record's block keys: each of its rarest tokens alone while few records share it, every
 * pair of them (records sharing two words, even common ones), and its acronyms and initials.
 */
function blockKeys(
  record: PreparedRecord,
  stats: TokenStats,
  keysPerRecord: number,
  singleTokenLimit: number,
): string[] {
  const rarest = [...record.tokens]
    .sort((x, y) => stats.frequency(x) - stats.frequency(y) || (x < y ? -1 : 1))
    .slice(0, keysPerRecord);
  const keys = rarest.filter((t) => stats.frequency(t) <= singleTokenLimit).map((t) => `t:${t}`);
  for (let i = 0; i < rarest.length; i++) {
    for (let j = i + 1; j < rarest.length; j++) {
      const [x, y] = [rarest[i] as string, rarest[j] as string].sort();
      keys.push(`p:${x}|${y}`);
    }
  }
  const initials = new Set<string>(record.acronyms);
  for (const name of record.names)
    for (const i of name.initials) if (i.length >= 3) initials.add(i);
  return [...keys, ...[...initials].map((i) => `i:${i}`)];
}

/** Scores one record against every record of a pool (already narrowed, e.g. by an index). */
export function candidatesFor(
  target: MatchRecord,
  pool: readonly MatchRecord[],
  options: CandidateOptions & { corpus?: readonly MatchRecord[] } = {},
): Candidate[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const prepared = prepareRecord(target);
  const others = pool.filter((r) => r.id !== target.id).map(prepareRecord);
  const stats = new TokenStats(
    options.corpus ? options.corpus.map(prepareRecord) : [prepared, ...others],
  );
  const found: Candidate[] = [];
  for (const other of others) {
    if (!compatibleKinds(target.kind, other.record.kind)) continue;
    const [a, b] = pairKey(target.id, other.record.id);
    if (options.exclude?.(a, b)) continue;
    const scored = scorePair(prepared, other, stats.weight);
    if (scored.score >= minScore) found.push({ a, b, ...scored });
  }
  return sortCandidates(found);
}

/** All candidate pairs among the records, best first. */
export function findCandidates(
  records: readonly MatchRecord[],
  options: CandidateOptions = {},
): Candidate[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const keysPerRecord = options.keysPerRecord ?? 3;
  const maxBlockSize = options.maxBlockSize ?? 1000;
  const singleTokenLimit = options.singleTokenLimit ?? 200;
  const prepared = records.map(prepareRecord);
  const stats = new TokenStats(prepared);

  const blocks = new Map<string, number[]>();
  prepared.forEach((record, index) => {
    for (const key of blockKeys(record, stats, keysPerRecord, singleTokenLimit)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });

  // Pairs already scored, as i * n + j (a number: a Set of strings would not hold millions).
  const seen = new Set<number>();
  const n = prepared.length;
  const found: Candidate[] = [];
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > maxBlockSize) continue;
    for (let i = 0; i < members.length; i++) {
      const xi = members[i] as number;
      const x = prepared[xi] as PreparedRecord;
      for (let j = i + 1; j < members.length; j++) {
        const yi = members[j] as number;
        const y = prepared[yi] as PreparedRecord;
        if (x.record.id === y.record.id) continue;
        if (!compatibleKinds(x.record.kind, y.record.kind)) continue;
        const [a, b] = pairKey(x.record.id, y.record.id);
        const key = xi < yi ? xi * n + yi : yi * n + xi;
        if (seen.has(key)) continue;
        seen.add(key);
        if (options.exclude?.(a, b)) continue;
        if (options.counts) options.counts.compared++;
        const scored = scorePair(x, y, stats.weight);
        if (scored.score >= minScore) found.push({ a, b, ...scored });
      }
    }
  }
  return sortCandidates(found);
}

/** Best first; ties by ids so pages are stable. */
export function sortCandidates(candidates: Candidate[]): Candidate[] {
  return candidates.sort(
    (x, y) =>
      y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
  );
}
