/**
 * The judgement mutations: token-guarded like curation (the token's name is recorded as the
 * judge), input checked, written through server/data/judgements.ts.
 */
import { authorNow } from '../../../data/curation';
import { type Decision, judge, undoJudgement } from '../../../data/judgements';
import { type AccessContext, requireWriter } from '../../../http/auth';
import { checkId, checkText } from '../../../model/input-checks';
import type { GraphQLContext } from '../../context';
import { CURATION_LIMITS } from './curation-input';

type Context = GraphQLContext & Partial<AccessContext>;

export const judgementMutations = {
  async judge(
    _root: unknown,
    args: { a: string; b: string; decision: Decision; note?: string | null },
    context: Context,
  ) {
    const author = authorNow(requireWriter(context));
    const note =
      args.note === undefined || args.note === null
        ? null
        : checkText('note', args.note, CURATION_LIMITS.description);
    return judge(
      context.db,
      { a: checkId('a', args.a), b: checkId('b', args.b), decision: args.decision, note },
      author,
    );
  },

  async undoJudgement(_root: unknown, args: { id: string }, context: Context) {
    requireWriter(context);
    return undoJudgement(context.db, checkId('id', args.id));
  },
};
