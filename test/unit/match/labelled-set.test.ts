/**
 * The matcher against the labelled pairs, over the research lists read at run time
 * (../shared/data; skipped with the reason where absent). The goals of issue 17: every true
 * pair among the top 3 candidates of each of its records, and no automatic join of two
 * different bodies.
 */
import { describe, expect, it } from 'vitest';
import { missingListFiles, readListRecords } from '../../support/list-records';
import { evaluateMatcher, readLabelledPairs } from '../../support/match-evaluation';

const missing = missingListFiles();

describe.skipIf(missing !== null)(
  `matching the research lists${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    const evaluation = missing ? null : evaluateMatcher(readListRecords(), readLabelledPairs());

    it('finds every labelled record in the files', () => {
      expect(evaluation?.missingRecords).toEqual([]);
    });

    it('ranks every true pair among the top 3 candidates of both its records', () => {
      const outside = evaluation?.results
        .filter((r) => r.pair.same && (r.rank ?? Number.POSITIVE_INFINITY) > 3)
        .map((r) => `${r.pair.a[1]} / ${r.pair.b[1]}: rank ${r.rank}`);
      expect(outside).toEqual([]);
    });

    it('joins no two different bodies automatically', () => {
      expect(evaluation?.autoJoinedNegatives.map((r) => `${r.pair.a[1]} / ${r.pair.b[1]}`)).toEqual(
        [],
      );
    });

    it('keeps precision and recall at the match threshold at 0.9 or better', () => {
      expect(evaluation?.precision).toBeGreaterThanOrEqual(0.9);
      expect(evaluation?.recall).toBeGreaterThanOrEqual(0.9);
    });
  },
);
