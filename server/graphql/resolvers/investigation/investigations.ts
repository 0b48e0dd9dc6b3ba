/**
 * Query.investigations, Query.investigation, the investigation mutations and the Investigation
 * type. Writes name their author from the write token, as curation does.
 */
import { authorNow } from '../../../data/curation';
import { entitiesByIds } from '../../../data/entities';
import {
  deleteInvestigation,
  duplicateInvestigation,
  type InvestigationRecord,
  investigationPage,
  investigationsByIds,
  markOpened,
  renameInvestigation,
  saveInvestigation,
} from '../../../data/investigations';
import { linksAmong } from '../../../data/links';
import { badInput, notFound } from '../../../errors';
import { type AccessContext, requireWriter } from '../../../http/auth';
import { checkId } from '../../../model/input-checks';
import { checkTitle, investigationWrite } from '../../../model/investigation';
import { LIMITS } from '../../../model/limits';
import { loadReport } from '../../../report/evidence-report';
import { renderReport } from '../../../report/render-report';
import { intInRange } from '../../arguments';
import type { GraphQLContext } from '../../context';

type Context = GraphQLContext & Partial<AccessContext>;

const CURSOR_PREFIX = 'investigation:';

function encodeCursor(record: InvestigationRecord): string {
  return Buffer.from(
    CURSOR_PREFIX + JSON.stringify([record.updatedAt, record.id]),
    'utf8',
  ).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const refuse = () =>
    badInput('after', 'is not a cursor from a previous page (use pageInfo.endCursor).');
  if (!text.startsWith(CURSOR_PREFIX)) throw refuse();
  try {
    const value: unknown = JSON.parse(text.slice(CURSOR_PREFIX.length));
    if (Array.isArray(value)) {
      const [at, id] = value;
      if (typeof at === 'string' && typeof id === 'string' && value.length === 2) return [at, id];
    }
  } catch {
    // falls through to the refusal
  }
  throw refuse();
}

function optionalVersion(value: number | null | undefined): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || value < 1) {
    throw badInput('version', 'must be a positive integer: the version you read.');
  }
  return value;
}

export const investigationQueries = {
  async investigations(
    _: unknown,
    args: { first?: number | null; after?: string | null },
    { db }: Context,
  ) {
    const first = intInRange('first', args.first, LIMITS.investigationsFirst);
    const after = args.after ? decodeCursor(args.after) : null;
    const page = await investigationPage(db, first, after);
    const edges = page.investigations.map((node) => ({ cursor: encodeCursor(node), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  },

  async investigation(_: unknown, args: { id: string }, { db }: Context) {
    const [found] = await investigationsByIds(db, [args.id]);
    return found ?? null;
  },
};

export const investigationMutations = {
  async saveInvestigation(_: unknown, args: { input: Record<string, unknown> }, context: Context) {
    const author = authorNow(requireWriter(context));
    return saveInvestigation(context.db, investigationWrite(args.input), author);
  },

  async renameInvestigation(
    _: unknown,
    args: { id: string; title: string; version?: number | null },
    context: Context,
  ) {
    const author = authorNow(requireWriter(context));
    const id = checkId('id', args.id);
    const title = checkTitle('title', args.title);
    return renameInvestigation(context.db, id, title, optionalVersion(args.version), author);
  },

  async duplicateInvestigation(
    _: unknown,
    args: { id: string; title?: string | null },
    context: Context,
  ) {
    const author = authorNow(requireWriter(context));
    const id = checkId('id', args.id);
    const title =
      args.title === undefined || args.title === null ? null : checkTitle('title', args.title);
    return duplicateInvestigation(context.db, id, title, author);
  },

  async markInvestigationOpened(_: unknown, args: { id: string }, context: Context) {
    const author = authorNow(requireWriter(context));
    const id = checkId('id', args.id);
    const opening = await markOpened(context.db, id, author);
    return { investigationId: id, by: author.name, ...opening };
  },

  async deleteInvestigation(
    _: unknown,
    args: { id: string; version?: number | null },
    context: Context,
  ) {
    requireWriter(context);
    const id = checkId('id', args.id);
    return deleteInvestigation(context.db, id, optionalVersion(args.version));
  },
};

export const Investigation = {
  /** List pages leave the canvas out; opening one investigation has it already. */
  async canvas(parent: InvestigationRecord, _: unknown, { db }: Context) {
    if (parent.canvas) return parent.canvas;
    const [full] = await investigationsByIds(db, [parent.id]);
    if (!full?.canvas) throw notFound('investigation', parent.id);
    return full.canvas;
  },

  /** One read for the entities and one for the links among them, however many there are. */
  async graph(parent: InvestigationRecord, _: unknown, { db, loaders }: Context) {
    const canvas = parent.canvas ?? (await investigationsByIds(db, [parent.id]))[0]?.canvas;
    if (!canvas) throw notFound('investigation', parent.id);
    const ids = canvas.entities.map((e) => e.id);
    const [entities, links] = await Promise.all([entitiesByIds(db, ids), linksAmong(db, ids)]);
    loaders.prime({ entities, links });
    return { entities, links, truncated: [] };
  },

  async report(parent: InvestigationRecord, _: unknown, { db }: Context) {
    const data = await loadReport(db, parent.id);
    if (!data) throw notFound('investigation', parent.id);
    return renderReport(data, new Date().toISOString());
  },
};
