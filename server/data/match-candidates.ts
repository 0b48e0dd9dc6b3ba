/**
 * Candidate pairs from the graph, for one entity (its pool found through the full-text index)
 * or for a kind or the whole graph (blocking in server/match/candidates.ts). Pairs judged SAME
 * or DIFFERENT, and pairs already in one identity, are not proposed; an UNSURE pair is, with
 * its judgement.
 */

import { type Candidate, candidatesFor, findCandidates } from '../match/candidates';
import { InvalidInputError, NotFoundError } from '../model/domain-errors';
import { ENTITY_KINDS, type EntityKind } from '../model/vocabulary';
import type { Database } from '../neo4j/database';
import { type JudgementRecord, judgementIndex, judgementsTouching } from './judgements';
import {
  comparableKinds,
  type GraphMatchRecord,
  matchPool,
  matchRecord,
  matchRecordsOfKinds,
} from './match-records';

export interface CandidateQuery {
  /** One entity's candidates; otherwise every pair of `kind` (or of the graph when null). */
  entityId: string | null;
  kind: EntityKind | null;
  minScore: number;
  first: number;
  offset: number;
  /**
   * Without `entityId`, refuse when more records than this would be read: scoring a whole kind
   * is minutes of CPU at 100,000 records, too long for one API request. The CLI has no cap.
   */
  maxRecords?: number;
}

export interface GraphCandidate extends Candidate {
  judgement: JudgementRecord | null;
}

export interface CandidatePage {
  candidates: GraphCandidate[];
  totalCount: number;
  hasNextPage: boolean;
}

function exclusion(records: readonly GraphMatchRecord[], judgements: readonly JudgementRecord[]) {
  const identity = new Map(records.map((r) => [r.id, r.identityId]));
  const judged = judgementIndex(judgements);
  return {
    judged,
    exclude: (a: string, b: string) => {
      const same = identity.get(a);
      if (same && same === identity.get(b)) return true;
      const decision = judged(a, b)?.decision;
      return decision === 'same' || decision === 'different';
    },
  };
}

export async function matchCandidates(db: Database, query: CandidateQuery): Promise<CandidatePage> {
  let found: Candidate[];
  let judged: ReturnType<typeof judgementIndex>;
  if (query.entityId !== null) {
    const target = await matchRecord(db, query.entityId);
    if (!target) throw new NotFoundError('entity', query.entityId);
    const pool = await matchPool(db, target, comparableKinds(target.kind as EntityKind));
    const judgements = await judgementsTouching(db, [target.id]);
    const rules = exclusion([target, ...pool], judgements);
    judged = rules.judged;
    found = candidatesFor(target, pool, { minScore: query.minScore, exclude: rules.exclude });
  } else {
    const kinds = query.kind ? comparableKinds(query.kind) : [...ENTITY_KINDS];
    if (query.maxRecords !== undefined) {
      const [row] = await db.read<{ count: number }>(
        'MATCH (e:Entity) WHERE e.kind IN $kinds RETURN count(e) AS count',
        { kinds },
      );
      if ((row?.count ?? 0) > query.maxRecords) {
        throw new InvalidInputError(
          query.kind ? 'kind' : 'entity',
          `There are ${row?.count} records of ${query.kind ?? 'all kinds'}; candidates for more than ${query.maxRecords} at once are not computed per request. Ask for one entity's candidates (argument "entity"), or run "npm run match" on the server.`,
        );
      }
    }
    const records = await matchRecordsOfKinds(db, kinds);
    const rules = exclusion(records, await judgementsTouching(db, null));
    judged = rules.judged;
    found = findCandidates(records, { minScore: query.minScore, exclude: rules.exclude });
    if (query.kind) {
      const kindOf = new Map(records.map((r) => [r.id, r.kind]));
      found = found.filter((c) => kindOf.get(c.a) === query.kind || kindOf.get(c.b) === query.kind);
    }
  }
  const page = found.slice(query.offset, query.offset + query.first);
  return {
    candidates: page.map((c) => ({ ...c, judgement: judged(c.a, c.b) })),
    totalCount: found.length,
    hasNextPage: query.offset + query.first < found.length,
  };
}
