/**
 * The review queue of the "Possible duplicates" panel: candidate pairs best first, the one
 * shown, and what was judged in this session so the last judgement can be undone. Pure: the
 * panel sends the requests and then calls these actions.
 */
import type { Decision, JudgementRecord, MatchCandidate } from '../api/matching-types';

export interface QueuedPair {
  /** The two record ids in a fixed order, so a pair found from either side is one pair. */
  key: string;
  candidate: MatchCandidate;
}

export interface JudgedEntry {
  pair: QueuedPair;
  /** Where the pair stood in the queue, to put it back there on undo. */
  position: number;
  judgement: JudgementRecord;
  /** An UNSURE judgement this one replaced (undone first), to record again on undo. */
  replaced: JudgementRecord | null;
}

export interface ReviewQueue {
  pairs: QueuedPair[];
  /** The pair shown; equal to pairs.length when the queue is cleared. */
  index: number;
  judged: JudgedEntry[];
}

export function pairKey(aId: string, bId: string): string {
  return aId < bId ? `${aId}|${bId}` : `${bId}|${aId}`;
}

/**
 * One list from several (each canvas entity's candidates): every pair once, with its highest
 * score, best first; equal scores by key so the order does not depend on the request order.
 */
export function mergeCandidates(lists: readonly (readonly MatchCandidate[])[]): MatchCandidate[] {
  const best = new Map<string, MatchCandidate>();
  for (const list of lists) {
    for (const candidate of list) {
      const key = pairKey(candidate.a.id, candidate.b.id);
      const seen = best.get(key);
      if (!seen || candidate.score > seen.score) best.set(key, candidate);
    }
  }
  return [...best.entries()]
    .sort(([ka, a], [kb, b]) => b.score - a.score || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, candidate]) => candidate);
}

export function createQueue(candidates: readonly MatchCandidate[]): ReviewQueue {
  return {
    pairs: candidates.map((candidate) => ({
      key: pairKey(candidate.a.id, candidate.b.id),
      candidate,
    })),
    index: 0,
    judged: [],
  };
}

/** Adds a further page; pairs already queued or judged here are not added twice. */
export function appendCandidates(queue: ReviewQueue, candidates: readonly MatchCandidate[]): void {
  const known = new Set([...queue.pairs, ...queue.judged.map((j) => j.pair)].map((p) => p.key));
  for (const candidate of candidates) {
    const key = pairKey(candidate.a.id, candidate.b.id);
    if (known.has(key)) continue;
    known.add(key);
    queue.pairs.push({ key, candidate });
  }
}

export function currentPair(queue: ReviewQueue): QueuedPair | null {
  return queue.pairs[queue.index] ?? null;
}

/** The pair after the current one, to load its records before the researcher gets there. */
export function nextPair(queue: ReviewQueue): QueuedPair | null {
  return queue.pairs[queue.index + 1] ?? null;
}

/** Moves by `delta` pairs, staying within the queue; false when it could not move. */
export function movePair(queue: ReviewQueue, delta: number): boolean {
  const target = Math.min(Math.max(queue.index + delta, 0), Math.max(queue.pairs.length - 1, 0));
  if (target === queue.index) return false;
  queue.index = target;
  return true;
}

/**
 * After the server recorded `judgement` on the current pair: SAME and DIFFERENT take it out of
 * the queue (the server will not propose it again); UNSURE keeps it, marked, and moves on.
 */
export function recordJudgement(
  queue: ReviewQueue,
  judgement: JudgementRecord,
  replaced: JudgementRecord | null = null,
): void {
  const pair = currentPair(queue);
  if (!pair) return;
  queue.judged.push({ pair, position: queue.index, judgement, replaced });
  if (judgement.decision === 'UNSURE') {
    queue.pairs[queue.index] = { ...pair, candidate: { ...pair.candidate, judgement } };
    queue.index = Math.min(queue.index + 1, queue.pairs.length);
  } else {
    queue.pairs.splice(queue.index, 1);
  }
}

/** The judgement the next undo will remove. */
export function lastJudged(queue: ReviewQueue): JudgedEntry | null {
  return queue.judged.at(-1) ?? null;
}

/** After the server removed the last judgement: the pair is back where it was, and shown. */
export function restoreLast(queue: ReviewQueue): JudgedEntry | null {
  const entry = queue.judged.pop();
  if (!entry) return null;
  const restored: QueuedPair = {
    ...entry.pair,
    candidate: { ...entry.pair.candidate, judgement: entry.replaced },
  };
  if (entry.judgement.decision === 'UNSURE') {
    const at = queue.pairs.findIndex((p) => p.key === entry.pair.key);
    if (at >= 0) queue.pairs[at] = restored;
    queue.index = at >= 0 ? at : queue.index;
  } else {
    const position = Math.min(entry.position, queue.pairs.length);
    queue.pairs.splice(position, 0, restored);
    queue.index = position;
  }
  return entry;
}

export function countDecisions(queue: ReviewQueue): Record<Decision, number> {
  const counts: Record<Decision, number> = { SAME: 0, DIFFERENT: 0, UNSURE: 0 };
  for (const entry of queue.judged) counts[entry.judgement.decision] += 1;
  return counts;
}

/** The decision a key stands for in the panel (case-insensitive); null for any other key. */
export function decisionForKey(key: string): Decision | null {
  switch (key.toLowerCase()) {
    case 's':
      return 'SAME';
    case 'd':
      return 'DIFFERENT';
    case 'u':
      return 'UNSURE';
    default:
      return null;
  }
}
