/**
 * Judgements on pairs of records, and the identities SAME judgements make. Design (see
 * docs/model.md, "Records, identities and judgements"):
 *
 * - A `:Judgement` node holds the pair by record id (`aId` < `bId`, `pairKey`), the decision,
 *   note, who and when, whether the matcher made it, and the score and features at the time.
 *   It has no relationships, so it outlives a record that a re-import drops and re-creates.
 * - Identities are derived, never edited: the records joined by SAME judgements (transitively)
 *   share one `:Identity {id}` through `(record)-[:RECORD_OF]->(identity)`, and every two of
 *   them by `(smaller id)-[:SAME_AS]->(larger id)`, the one-step crossing of joined paths. The
 *   identity's id is `identity:` + the smallest record id of the group, so the same judgements
 *   always give the same graph: undoing a judgement restores exactly what was there before.
 * - Records are never changed: each keeps its properties, links, citations and source.
 */
import { randomUUID } from 'node:crypto';
import { pairKey } from '../match/candidates';
import { prepareRecord, TokenStats } from '../match/prepare';
import { compatibleKinds, type Feature, scorePair } from '../match/score';
import { ConflictError, InvalidInputError, NotFoundError } from '../model/domain-errors';
import type { Database } from '../neo4j/database';
import type { Author } from './curation';
import { matchRecord } from './match-records';

export const DECISIONS = ['same', 'different', 'unsure'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Who the automatic joins are recorded as. */
export const MATCHER_AUTHOR = 'matcher';

export interface JudgementRecord {
  id: string;
  aId: string;
  bId: string;
  decision: Decision;
  note: string | null;
  /** The matcher's score for the pair when it was judged. */
  score: number | null;
  features: Feature[];
  judgedBy: string;
  judgedAt: string;
  /** True when the matcher accepted the pair on its own (AUTO_THRESHOLD), not a person. */
  machine: boolean;
}

type Row = { j: Record<string, unknown> };

export function toJudgement(row: Record<string, unknown>): JudgementRecord {
  let features: Feature[] = [];
  try {
    features = JSON.parse(String(row.features ?? '[]')) as Feature[];
  } catch {
    // A hand-edited judgement with broken features still reads; its features are empty.
  }
  return {
    id: String(row.id),
    aId: String(row.aId),
    bId: String(row.bId),
    decision: String(row.decision) as Decision,
    note: row.note === null || row.note === undefined ? null : String(row.note),
    score: typeof row.score === 'number' ? row.score : null,
    features,
    judgedBy: String(row.judgedBy),
    judgedAt: String(row.judgedAt),
    machine: row.machine === true,
  };
}

const keyOf = (a: string, b: string) => pairKey(a, b).join('\u0000');

/** Judgements on pairs with a record among `ids` (every judgement when `ids` is null). */
export async function judgementsTouching(
  db: Database,
  ids: readonly string[] | null,
): Promise<JudgementRecord[]> {
  const rows = await db.read<Row>(
    ids === null
      ? 'MATCH (j:Judgement) RETURN j { .* } AS j'
      : `MATCH (j:Judgement) WHERE j.aId IN $ids OR j.bId IN $ids RETURN j { .* } AS j`,
    { ids },
  );
  return rows.map((row) => toJudgement(row.j));
}

export async function judgementById(db: Database, id: string): Promise<JudgementRecord | null> {
  const rows = await db.read<Row>('MATCH (j:Judgement {id: $id}) RETURN j { .* } AS j', { id });
  return rows[0] ? toJudgement(rows[0].j) : null;
}

/** An index of judgements by pair, for excluding judged pairs from candidates. */
export function judgementIndex(judgements: readonly JudgementRecord[]) {
  const byPair = new Map(judgements.map((j) => [keyOf(j.aId, j.bId), j]));
  return (a: string, b: string) => byPair.get(keyOf(a, b)) ?? null;
}

export interface JudgeInput {
  a: string;
  b: string;
  decision: Decision;
  note: string | null;
}

/**
 * Records a judgement on a pair and, for SAME, joins the two records' identities. Refused when
 * the pair is already judged (undo that judgement first), when a record is missing, or when
 * the kinds cannot be one body.
 */
export async function judge(
  db: Database,
  input: JudgeInput,
  author: Author,
  machine = false,
): Promise<JudgementRecord> {
  if (input.a === input.b) throw new InvalidInputError('b', 'must be a different entity from a.');
  const [a, b] = await Promise.all([matchRecord(db, input.a), matchRecord(db, input.b)]);
  if (!a) throw new NotFoundError('entity', input.a);
  if (!b) throw new NotFoundError('entity', input.b);
  if (!compatibleKinds(a.kind, b.kind)) {
    throw new InvalidInputError(
      'b',
      `is a ${b.kind} and ${input.a} a ${a.kind}: they cannot be one body.`,
    );
  }
  const [aId, bId] = pairKey(a.id, b.id);
  const existing = (await judgementsTouching(db, [aId])).find(
    (j) => j.bId === bId || j.aId === bId,
  );
  if (existing) {
    throw new ConflictError(
      `The pair is already judged ${existing.decision.toUpperCase()} (${existing.id}, by ${existing.judgedBy}); undo that judgement first.`,
      { judgementId: existing.id },
    );
  }
  const pa = prepareRecord(a);
  const pb = prepareRecord(b);
  const scored = scorePair(pa, pb, new TokenStats([pa, pb]).weight);
  const judgement: JudgementRecord = {
    id: `judgement:${randomUUID()}`,
    aId,
    bId,
    decision: input.decision,
    note: input.note,
    score: scored.score,
    features: scored.features,
    judgedBy: author.name,
    judgedAt: author.at,
    machine,
  };
  try {
    await db.write(
      `CREATE (j:Judgement {id: $id, aId: $aId, bId: $bId, pairKey: $pairKey, decision: $decision,
         note: $note, score: $score, features: $features, judgedBy: $judgedBy,
         judgedAt: $judgedAt, machine: $machine})`,
      {
        ...judgement,
        pairKey: `${aId}\u0000${bId}`,
        features: JSON.stringify(judgement.features),
      },
    );
  } catch (error) {
    // The pairKey constraint refuses a twin written by a concurrent judgement.
    if ((error as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      throw new ConflictError('The pair was judged meanwhile; read it again.');
    }
    throw error;
  }
  if (judgement.decision === 'same') await reconcileIdentities(db, [aId, bId]);
  return judgement;
}

/** Removes a judgement and everything it caused; the graph is as it was before it. */
export async function undoJudgement(db: Database, id: string): Promise<JudgementRecord> {
  const judgement = await judgementById(db, id);
  if (!judgement) throw new NotFoundError('judgement', id);
  await db.write('MATCH (j:Judgement {id: $id}) DELETE j', { id });
  if (judgement.decision === 'same') {
    await reconcileIdentities(db, [judgement.aId, judgement.bId]);
  }
  return judgement;
}

/** Groups of ids joined by SAME pairs (union-find); singletons left out. */
export function identityGroups(pairs: readonly (readonly [string, string])[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    // The smaller id becomes the root (strings: Math.min does not apply).
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    if (low !== high) parent.set(high, low);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort());
}

export const identityIdOf = (group: readonly string[]) => `identity:${[...group].sort()[0]}`;

/**
 * Makes the :Identity nodes and the RECORD_OF and SAME_AS relationships of the records around `seeds` (every
 * record when null) follow the SAME judgements. Run after judging, undoing and importing.
 */
export async function reconcileIdentities(
  db: Database,
  seeds: readonly string[] | null,
): Promise<void> {
  // Everything that can change: the seeds' SAME groups and the identities they are in now.
  let ids = new Set(seeds ?? []);
  const same: [string, string][] = [];
  if (seeds === null) {
    for (const j of await judgementsTouching(db, null)) {
      if (j.decision === 'same') same.push([j.aId, j.bId]);
    }
    for (const row of await db.read<{ id: string }>(
      'MATCH (e:Entity)-[:RECORD_OF]->(:Identity) RETURN e.id AS id',
    )) {
      ids.add(row.id);
    }
    for (const [a, b] of same) ids.add(a).add(b);
  } else {
    let frontier = [...ids];
    const seenPairs = new Set<string>();
    while (frontier.length > 0) {
      const members = await db.read<{ id: string }>(
        `MATCH (e:Entity)-[:RECORD_OF]->(:Identity)<-[:RECORD_OF]-(m:Entity)
         WHERE e.id IN $ids RETURN DISTINCT m.id AS id`,
        { ids: frontier },
      );
      const judged = (await judgementsTouching(db, frontier)).filter((j) => j.decision === 'same');
      const next: string[] = [];
      for (const j of judged) {
        const key = keyOf(j.aId, j.bId);
        if (seenPairs.has(key)) continue;
        seenPairs.add(key);
        same.push([j.aId, j.bId]);
      }
      for (const id of [...members.map((m) => m.id), ...judged.flatMap((j) => [j.aId, j.bId])]) {
        if (!ids.has(id)) {
          ids.add(id);
          next.push(id);
        }
      }
      frontier = next;
    }
  }
  ids = new Set(ids);
  const target = new Map<string, string>();
  for (const group of identityGroups(same)) {
    for (const id of group) target.set(id, identityIdOf(group));
  }
  const assignments = [...ids].map((id) => ({ id, identityId: target.get(id) ?? null }));
  await db.writeAll([
    {
      cypher: `UNWIND $assignments AS assignment
        MATCH (e:Entity {id: assignment.id})
        CALL (e, assignment) {
          OPTIONAL MATCH (e)-[r:RECORD_OF]->(old:Identity)
          WITH r, old WHERE r IS NOT NULL AND coalesce(old.id <> assignment.identityId, true)
          DELETE r
        }
        CALL (e, assignment) {
          WITH * WHERE assignment.identityId IS NOT NULL
          MERGE (i:Identity {id: assignment.identityId})
          MERGE (e)-[:RECORD_OF]->(i)
        }`,
      params: { assignments },
    },
    {
      cypher: `MATCH (i:Identity) WHERE NOT EXISTS { (i)<-[:RECORD_OF]-(:Entity) } DETACH DELETE i`,
      params: {},
    },
    {
      // SAME_AS (smaller id → larger) between every two records of one identity: a joined path
      // crosses an identity in one step (paths.ts). Derived like RECORD_OF, so undo removes it.
      // Each relationship is met from its start record, which is among the ids whenever the
      // pair's identity changed.
      cypher: `UNWIND $ids AS id
        MATCH (e:Entity {id: id})
        CALL (e) {
          MATCH (e)-[s:SAME_AS]->(other)
          WHERE NOT EXISTS { (e)-[:RECORD_OF]->(:Identity)<-[:RECORD_OF]-(other) }
          DELETE s
        }
        CALL (e) {
          MATCH (e)-[:RECORD_OF]->(:Identity)<-[:RECORD_OF]-(m:Entity) WHERE e.id < m.id
          MERGE (e)-[:SAME_AS]->(m)
        }`,
      params: { ids: [...ids] },
    },
  ]);
}
