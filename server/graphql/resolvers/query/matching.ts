/** Query.matchCandidates, judgements and identity, and the Judgement/Identity/MatchCandidate fields. */

import { identityOf } from '../../../data/identities';
import { type JudgementRecord, judgementsTouching } from '../../../data/judgements';
import { type GraphCandidate, matchCandidates } from '../../../data/match-candidates';
import { badInput } from '../../../errors';
import { DEFAULT_MIN_SCORE } from '../../../match/score';
import { checkId } from '../../../model/input-checks';
import { LIMITS } from '../../../model/limits';
import type { EntityKind } from '../../../model/vocabulary';
import { intInRange } from '../../arguments';
import type { GraphQLContext } from '../../context';

/** Records a whole-kind request may score; beyond it, npm run match or one entity's candidates. */
export const MATCH_MAX_RECORDS = 20_000;

const encodeCursor = (offset: number) =>
  Buffer.from(`match:${offset}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice('match:'.length));
  if (!text.startsWith('match:') || !Number.isInteger(offset) || offset < 0) {
    throw badInput('after', 'is not a cursor from a previous page (use pageInfo.endCursor).');
  }
  return offset;
}

interface CandidateArgs {
  entity?: string | null;
  kind?: EntityKind | null;
  minScore?: number | null;
  first?: number | null;
  after?: string | null;
}

export const matchingQueries = {
  async matchCandidates(_: unknown, args: CandidateArgs, { db }: GraphQLContext) {
    const minScore = args.minScore ?? DEFAULT_MIN_SCORE;
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
      throw badInput('minScore', `must be a number from 0 to 1, got ${minScore}.`);
    }
    const first = intInRange('first', args.first, LIMITS.matchFirst);
    const offset = args.after ? decodeCursor(args.after) + 1 : 0;
    const entityId = args.entity ? checkId('entity', args.entity) : null;
    const page = await matchCandidates(db, {
      entityId,
      kind: args.kind ?? null,
      minScore,
      first,
      offset,
      maxRecords: MATCH_MAX_RECORDS,
    });
    const edges = page.candidates.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  },

  judgements: (_: unknown, args: { entity?: string | null }, { db }: GraphQLContext) =>
    judgementsTouching(db, args.entity ? [checkId('entity', args.entity)] : null),

  identity: (_: unknown, args: { id: string }, { db }: GraphQLContext) =>
    identityOf(db, checkId('id', args.id)),
};

const entityOf = (id: string, { loaders }: GraphQLContext) => loaders.entity.load(id);

export const matchingTypes = {
  MatchCandidate: {
    a: (c: GraphCandidate, _: unknown, context: GraphQLContext) => entityOf(c.a, context),
    b: (c: GraphCandidate, _: unknown, context: GraphQLContext) => entityOf(c.b, context),
  },
  Judgement: {
    a: (j: JudgementRecord, _: unknown, context: GraphQLContext) => entityOf(j.aId, context),
    b: (j: JudgementRecord, _: unknown, context: GraphQLContext) => entityOf(j.bId, context),
  },
  Identity: {
    records: (i: { recordIds: string[] }, _: unknown, { loaders }: GraphQLContext) =>
      Promise.all(i.recordIds.map((id) => loaders.entity.load(id))).then((all) =>
        all.filter((e) => e !== null),
      ),
  },
  Decision: { SAME: 'same', DIFFERENT: 'different', UNSURE: 'unsure' },
};
