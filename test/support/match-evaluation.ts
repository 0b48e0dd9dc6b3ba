/**
 * Measures the matcher on the labelled pairs (test/fixtures/matching/labelled-pairs.json) over
 * the records of the research lists: precision and recall at MATCH_THRESHOLD, how many
 * different bodies would be joined automatically, and where each true pair ranks among the
 * candidates of each of its two records.
 */
import { readFileSync } from 'node:fs';
import { type Candidate, findCandidates } from '../../server/match/candidates';
import { prepareRecord, TokenStats } from '../../server/match/prepare';
import { MATCH_THRESHOLD, scorePair } from '../../server/match/score';
import { type ListRecord, listRecordId } from './list-records';

export interface LabelledPair {
  a: [string, string];
  b: [string, string];
  same: boolean;
  reason: string;
}

export function readLabelledPairs(): LabelledPair[] {
  const path = new URL('../fixtures/matching/labelled-pairs.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { pairs: LabelledPair[] }).pairs;
}

export interface PairResult {
  pair: LabelledPair;
  score: number;
  autoJoinable: boolean;
  /** Whether blocking put the two records together at all. */
  proposed: boolean;
  /** The worse of the two ranks (1 = best); null for negatives. */
  rank: number | null;
}

export interface Evaluation {
  records: number;
  candidates: number;
  missingRecords: string[];
  results: PairResult[];
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  autoJoinedNegatives: PairResult[];
  ms: number;
}

export function evaluateMatcher(records: readonly ListRecord[], pairs: readonly LabelledPair[]) {
  const started = performance.now();
  const byId = new Map(records.map((r) => [r.id, r]));
  const candidates = findCandidates(records, { minScore: 0 });
  const ms = performance.now() - started;

  const perRecord = new Map<string, Candidate[]>();
  for (const c of candidates) {
    for (const id of [c.a, c.b]) {
      const list = perRecord.get(id);
      if (list) list.push(c);
      else perRecord.set(id, [c]);
    }
  }
  const idOf = ([list, name]: [string, string]) => listRecordId(list, name);
  const truePartners = new Map<string, Set<string>>();
  for (const p of pairs.filter((p) => p.same)) {
    for (const [x, y] of [
      [idOf(p.a), idOf(p.b)],
      [idOf(p.b), idOf(p.a)],
    ] as const) {
      const set = truePartners.get(x) ?? new Set<string>();
      set.add(y);
      truePartners.set(x, set);
    }
  }

  const prepared = records.map(prepareRecord);
  const stats = new TokenStats(prepared);
  const preparedById = new Map(prepared.map((p) => [p.record.id, p]));
  const missingRecords: string[] = [];
  const results: PairResult[] = [];
  for (const pair of pairs) {
    const a = idOf(pair.a);
    const b = idOf(pair.b);
    const pa = preparedById.get(a);
    const pb = preparedById.get(b);
    if (!pa || !pb || !byId.has(a) || !byId.has(b)) {
      missingRecords.push(...[a, b].filter((id) => !byId.has(id)));
      continue;
    }
    const scored = scorePair(pa, pb, stats.weight);
    const proposed = (perRecord.get(a) ?? []).some((c) => c.a === b || c.b === b);
    let rank: number | null = null;
    if (pair.same) {
      // Rank among the record's candidates, other known true partners aside; ties count against.
      const rankFrom = (self: string, other: string) => {
        const others = (perRecord.get(self) ?? []).filter((c) => {
          const partner = c.a === self ? c.b : c.a;
          return partner !== other && !truePartners.get(self)?.has(partner);
        });
        return 1 + others.filter((c) => c.score >= scored.score).length;
      };
      rank = proposed ? Math.max(rankFrom(a, b), rankFrom(b, a)) : Number.POSITIVE_INFINITY;
    }
    results.push({ pair, score: scored.score, autoJoinable: scored.autoJoinable, proposed, rank });
  }

  const predicted = (r: PairResult) => r.proposed && r.score >= MATCH_THRESHOLD;
  const truePositives = results.filter((r) => r.pair.same && predicted(r)).length;
  const falsePositives = results.filter((r) => !r.pair.same && predicted(r)).length;
  const falseNegatives = results.filter((r) => r.pair.same && !predicted(r)).length;
  return {
    records: records.length,
    candidates: candidates.length,
    missingRecords,
    results,
    truePositives,
    falsePositives,
    falseNegatives,
    precision:
      truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall:
      truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    autoJoinedNegatives: results.filter((r) => !r.pair.same && r.autoJoinable),
    ms,
  } satisfies Evaluation;
}
