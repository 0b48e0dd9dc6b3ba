/**
 * Notes in the details panel: those on the selected entity or link, or on the investigation when
 * nothing is selected, with author and time, and a form to add one. The details panel is
 * redrawn whole by whoever shows an entity, a link or the placeholder; a MutationObserver puts
 * the notes back under each new rendering, so no caller needs to know about notes.
 */
import type { InvestigationsApi, Note, NoteTarget } from '../api/investigations-api';
import type { ViewModel } from '../state/view';
import { h, replaceChildren } from './dom';
import { noteFragment } from './note-html';

export interface NotesHost {
  /** The open investigation's id, or null. */
  investigationId(): string | null;
  /** Runs a write, showing a refusal where the user is looking; undefined when it failed. */
  write<T>(label: string, work: () => Promise<T>, where: HTMLElement): Promise<T | undefined>;
}

export interface NotesPanel {
  /** The notes of the investigation just opened (or none). */
  setNotes(notes: Note[]): void;
  render(): void;
}

function targetOf(view: ViewModel, investigationId: string): { target: NoteTarget; id: string } {
  const selected = view.selected;
  if (selected?.type === 'entity') return { target: 'ENTITY', id: selected.id };
  if (selected?.type === 'link') return { target: 'LINK', id: selected.id };
  return { target: 'INVESTIGATION', id: investigationId };
}

const WHAT: Record<NoteTarget, string> = {
  ENTITY: 'this entity',
  LINK: 'this link',
  INVESTIGATION: 'the investigation',
};

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function createNotesPanel(
  details: HTMLElement,
  view: ViewModel,
  api: InvestigationsApi,
  host: NotesHost,
): NotesPanel {
  let notes: Note[] = [];
  const section = h('section', { id: 'notes', class: 'notes', 'aria-label': 'Notes' });

  function render() {
    const investigationId = host.investigationId();
    if (!investigationId) {
      replaceChildren(
        section,
        h('h3', {}, 'Notes'),
        h('p', { class: 'small muted' }, 'Save or open an investigation to keep notes with it.'),
      );
      return;
    }
    const { target, id } = targetOf(view, investigationId);
    const shown = notes.filter((n) => n.target === target && n.targetId === id);
    const text = h('textarea', {
      class: 'field',
      id: 'note-text',
      rows: 3,
      maxlength: 20000,
      placeholder: 'Markdown: **bold**, _italic_, [a link](https://…)',
    });
    const status = h('p', { class: 'small note-status', 'aria-live': 'polite' });
    const form = h(
      'form',
      { class: 'note-form' },
      h('label', { for: 'note-text', class: 'small' }, `Add a note on ${WHAT[target]}`),
      text,
      h('div', { class: 'row' }, h('button', { type: 'submit', id: 'note-add' }, 'Add note')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const markdown = text.value.trim();
      if (!markdown) {
        replaceChildren(status, 'Write something first.');
        return;
      }
      void host
        .write('Adding the note', () => api.addNote(investigationId, target, id, markdown), status)
        .then((note) => {
          if (!note) return;
          notes = [...notes, note];
          render();
        });
    });
    replaceChildren(
      section,
      h('h3', {}, `Notes on ${WHAT[target]}`, h('span', { class: 'muted' }, ` (${shown.length})`)),
      h(
        'p',
        { class: 'small muted' },
        'Your own words, kept with the investigation; a note is never evidence for a link.',
      ),
      h(
        'ol',
        { class: 'note-list' },
        shown.map((note) =>
          h(
            'li',
            { class: 'note', 'data-note-id': note.id },
            h('div', { class: 'note-body' }, noteFragment(note.html)),
            h(
              'div',
              { class: 'note-meta small muted' },
              h('span', { class: 'note-author' }, note.author),
              ' · ',
              h('time', { datetime: note.createdAt }, when(note.createdAt)),
              note.updatedAt !== note.createdAt ? ` · edited ${when(note.updatedAt)}` : '',
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'link-button note-delete',
                  onclick: () =>
                    void host
                      .write('Deleting the note', () => api.deleteNote(note.id), status)
                      .then((done) => {
                        if (done === undefined) return;
                        notes = notes.filter((n) => n.id !== note.id);
                        render();
                      }),
                },
                'delete',
              ),
            ),
          ),
        ),
      ),
      form,
    );
  }

  // Whenever the details panel is redrawn, the notes follow what it now shows.
  new MutationObserver(() => {
    if (section.parentElement !== details) {
      render();
      details.append(section);
    }
  }).observe(details, { childList: true });

  return {
    setNotes(next) {
      notes = [...next];
      render();
    },
    render,
  };
}
