import { describe, expect, it } from 'vitest';
import type {
  Decision,
  JudgementRecord,
  MatchCandidate,
} from '../../../client/src/api/matching-types';
import {
  appendCandidates,
  countDecisions,
  createQueue,
  currentPair,
  decisionForKey,
  lastJudged,
  mergeCandidates,
  movePair,
  nextPair,
  pairKey,
  recordJudgement,
  restoreLast,
} from '../../../client/src/state/review-queue';
import { entity } from './fixtures';

function candidate(a: string, b: string, score: number): MatchCandidate {
  return {
    a: entity(a, 'COMPANY'),
    b: entity(b, 'COMPANY'),
    score,
    features: [{ name: 'name', value: score, contribution: score, detail: `${a} ~ ${b}` }],
    autoJoinable: false,
    judgement: null,
  };
}

let judgementIds = 0;
function judgement(
  a: string,
  b: string,
  decision: Decision,
  note: string | null = null,
): JudgementRecord {
  judgementIds += 1;
  return {
    id: `judgement:${judgementIds}`,
    aId: a < b ? a : b,
    bId: a < b ? b : a,
    decision,
    note,
    judgedBy: 'curator-ada',
    judgedAt: '2026-12-01T10:00:00Z',
    machine: false,
  };
}

const keys = (pairs: { key: string }[]) => pairs.map((p) => p.key);

describe('the review queue', () => {
  it('keys a pair the same whichever side it was found from', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
    expect(pairKey('a', 'b')).toBe('a|b');
  });

  it('merges the canvas entities’ lists: each pair once, its best score, best first, ties by key', () => {
    const merged = mergeCandidates([
      [candidate('x', 'y', 0.7), candidate('x', 'z', 0.9)],
      [candidate('y', 'x', 0.8), candidate('q', 'r', 0.7)],
      [],
    ]);
    expect(merged.map((c) => [pairKey(c.a.id, c.b.id), c.score])).toEqual([
      ['x|z', 0.9],
      ['x|y', 0.8],
      ['q|r', 0.7],
    ]);
  });

  it('takes SAME and DIFFERENT pairs out, keeps UNSURE marked, and moves on to the next pair', () => {
    const queue = createQueue([
      candidate('a', 'b', 0.9),
      candidate('c', 'd', 0.8),
      candidate('e', 'f', 0.7),
    ]);
    expect(currentPair(queue)?.key).toBe('a|b');
    expect(nextPair(queue)?.key).toBe('c|d');
    recordJudgement(queue, judgement('a', 'b', 'SAME'));
    expect(keys(queue.pairs)).toEqual(['c|d', 'e|f']);
    expect(currentPair(queue)?.key).toBe('c|d');
    recordJudgement(queue, judgement('c', 'd', 'UNSURE', 'two addresses'));
    expect(keys(queue.pairs)).toEqual(['c|d', 'e|f']);
    expect(queue.pairs[0]?.candidate.judgement?.note).toBe('two addresses');
    expect(currentPair(queue)?.key).toBe('e|f');
    recordJudgement(queue, judgement('e', 'f', 'DIFFERENT'));
    expect(keys(queue.pairs)).toEqual(['c|d']);
    expect(currentPair(queue)).toBeNull(); // cleared: nothing after the last pair
    expect(countDecisions(queue)).toEqual({ SAME: 1, DIFFERENT: 1, UNSURE: 1 });
  });

  it('undoes the last judgement by putting the pair back where it stood, as it was', () => {
    const queue = createQueue([
      candidate('a', 'b', 0.9),
      candidate('c', 'd', 0.8),
      candidate('e', 'f', 0.7),
    ]);
    movePair(queue, 1);
    recordJudgement(queue, judgement('c', 'd', 'DIFFERENT'));
    expect(keys(queue.pairs)).toEqual(['a|b', 'e|f']);
    expect(lastJudged(queue)?.judgement.decision).toBe('DIFFERENT');
    restoreLast(queue);
    expect(keys(queue.pairs)).toEqual(['a|b', 'c|d', 'e|f']);
    expect(currentPair(queue)?.key).toBe('c|d');
    expect(queue.judged).toHaveLength(0);
    expect(restoreLast(queue)).toBeNull();
  });

  it('restores an UNSURE pair that a later decision replaced, with its earlier judgement', () => {
    const unsure = judgement('a', 'b', 'UNSURE', 'check the parent');
    const queue = createQueue([{ ...candidate('a', 'b', 0.9), judgement: unsure }]);
    recordJudgement(queue, judgement('a', 'b', 'SAME'), unsure);
    expect(queue.pairs).toHaveLength(0);
    const entry = restoreLast(queue);
    expect(entry?.replaced).toBe(unsure);
    expect(queue.pairs[0]?.candidate.judgement).toBe(unsure);
  });

  it('undoing an UNSURE judgement clears its mark and shows the pair again', () => {
    const queue = createQueue([candidate('a', 'b', 0.9), candidate('c', 'd', 0.8)]);
    recordJudgement(queue, judgement('a', 'b', 'UNSURE'));
    expect(currentPair(queue)?.key).toBe('c|d');
    restoreLast(queue);
    expect(currentPair(queue)?.key).toBe('a|b');
    expect(queue.pairs[0]?.candidate.judgement).toBeNull();
  });

  it('moves within the queue and says when it cannot', () => {
    const queue = createQueue([candidate('a', 'b', 0.9), candidate('c', 'd', 0.8)]);
    expect(movePair(queue, -1)).toBe(false);
    expect(movePair(queue, 1)).toBe(true);
    expect(movePair(queue, 5)).toBe(false);
    expect(currentPair(queue)?.key).toBe('c|d');
    expect(movePair(createQueue([]), 1)).toBe(false);
  });

  it('adds a further page without repeating pairs queued or judged already', () => {
    const queue = createQueue([candidate('a', 'b', 0.9), candidate('c', 'd', 0.8)]);
    recordJudgement(queue, judgement('a', 'b', 'DIFFERENT'));
    appendCandidates(queue, [
      candidate('b', 'a', 0.9),
      candidate('d', 'c', 0.8),
      candidate('g', 'h', 0.6),
      candidate('h', 'g', 0.6),
    ]);
    expect(keys(queue.pairs)).toEqual(['c|d', 'g|h']);
  });

  it('maps S, D and U (either case) to decisions and nothing else', () => {
    expect(['s', 'D', 'u', 'x', 'Enter', ' '].map(decisionForKey)).toEqual([
      'SAME',
      'DIFFERENT',
      'UNSURE',
      null,
      null,
      null,
    ]);
  });
});
