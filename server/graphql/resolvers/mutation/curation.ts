/**
 * The curation mutations: check the input, name the author from the token, write through
 * server/data/curation.ts, and prime the request's loaders with what was written.
 */
import {
  addSource,
  authorNow,
  type MergeResult,
  mergeEntities,
  retractLink,
  upsertEntity,
  upsertLink,
} from '../../../data/curation';
import { type AccessContext, requireWriter } from '../../../http/auth';
import { checkId, checkText } from '../../../model/input-checks';
import type { GraphQLContext } from '../../context';
import { CURATION_LIMITS, entityWrite, linkWrite, sourceWrite } from './curation-input';

type Context = GraphQLContext & Partial<AccessContext>;
type InputArgs = { input: Record<string, unknown> };

export const curationMutations = {
  async upsertEntity(_root: unknown, { input }: InputArgs, context: Context) {
    const author = authorNow(requireWriter(context));
    const { entity } = await upsertEntity(context.db, entityWrite(input), author);
    context.loaders.prime({ entities: [entity] });
    return entity;
  },

  async upsertLink(_root: unknown, { input }: InputArgs, context: Context) {
    const author = authorNow(requireWriter(context));
    const link = await upsertLink(context.db, linkWrite(input), author);
    context.loaders.prime({ links: [link] });
    return link;
  },

  async addSource(_root: unknown, { input }: InputArgs, context: Context) {
    const author = authorNow(requireWriter(context));
    const source = await addSource(context.db, sourceWrite(input), author);
    context.loaders.prime({ sources: [source] });
    return source;
  },

  async retractLink(_root: unknown, args: { id: string; reason: string }, context: Context) {
    const author = authorNow(requireWriter(context));
    const id = checkId('id', args.id);
    const reason = checkText('reason', args.reason, CURATION_LIMITS.description);
    const link = await retractLink(context.db, id, reason, author);
    context.loaders.prime({ links: [link] });
    return link;
  },

  async mergeEntities(
    _root: unknown,
    args: { keepId: string; mergeId: string; reason?: string | null },
    context: Context,
  ): Promise<MergeResult> {
    const author = authorNow(requireWriter(context));
    const keepId = checkId('keepId', args.keepId);
    const mergeId = checkId('mergeId', args.mergeId);
    const reason =
      args.reason === undefined || args.reason === null
        ? null
        : checkText('reason', args.reason, CURATION_LIMITS.description);
    const merge = await mergeEntities(context.db, keepId, mergeId, reason, author);
    context.loaders.prime({ entities: [merge.survivor] });
    return merge;
  },
};
