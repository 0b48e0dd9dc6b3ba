/** The note mutations, Investigation.notes and Note.html. */
import { authorNow } from '../../../data/curation';
import type { InvestigationRecord } from '../../../data/investigations';
import {
  addNote,
  deleteNote,
  NOTE_TARGETS,
  type NoteRecord,
  type NoteTarget,
  notesOfInvestigation,
  updateNote,
} from '../../../data/notes';
import { badInput } from '../../../errors';
import { type AccessContext, requireWriter } from '../../../http/auth';
import { checkId, checkText } from '../../../model/input-checks';
import { INVESTIGATION_LIMITS } from '../../../model/investigation';
import { renderNoteMarkdown } from '../../../model/markdown';
import type { GraphQLContext } from '../../context';

type Context = GraphQLContext & Partial<AccessContext>;

function checkMarkdown(field: string, value: unknown): string {
  return checkText(field, value, INVESTIGATION_LIMITS.note);
}

function checkTarget(value: unknown): NoteTarget {
  const target = NOTE_TARGETS.find((t) => t === value);
  if (!target) throw badInput('input.target', `must be one of ${NOTE_TARGETS.join(', ')}.`);
  return target;
}

export const noteMutations = {
  async addNote(_: unknown, { input }: { input: Record<string, unknown> }, context: Context) {
    const author = authorNow(requireWriter(context));
    const investigationId = checkId('input.investigationId', input.investigationId);
    const target = checkTarget(input.target);
    const targetId =
      target === 'INVESTIGATION' && (input.targetId === undefined || input.targetId === null)
        ? investigationId
        : checkId('input.targetId', input.targetId);
    const markdown = checkMarkdown('input.markdown', input.markdown);
    return addNote(context.db, { investigationId, target, targetId, markdown }, author);
  },

  async updateNote(_: unknown, args: { id: string; markdown: string }, context: Context) {
    const author = authorNow(requireWriter(context));
    const id = checkId('id', args.id);
    return updateNote(context.db, id, checkMarkdown('markdown', args.markdown), author);
  },

  async deleteNote(_: unknown, args: { id: string }, context: Context) {
    requireWriter(context);
    return deleteNote(context.db, checkId('id', args.id));
  },
};

export const investigationNotes = {
  async notes(
    parent: InvestigationRecord,
    args: { target?: NoteTarget | null; targetId?: string | null },
    { db }: Context,
  ) {
    const notes = await notesOfInvestigation(db, parent.id);
    return notes.filter(
      (n) =>
        (!args.target || n.target === args.target) &&
        (!args.targetId || n.targetId === args.targetId),
    );
  },
};

export const Note = {
  html: (note: NoteRecord) => renderNoteMarkdown(note.markdown),
};
