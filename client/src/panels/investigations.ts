/**
 * The Investigations section (issue 20): the save form (title, description, Save, Save as new,
 * Copy link, Evidence report) and the access token, with its parts each in a module of its own —
 * the saved list (investigation-list.ts), opening one (investigation-open.ts), "N changes since
 * you last opened this" (investigation-changes.ts), saved GraphQL queries
 * (investigation-queries.ts) and notes (ui/notes-panel.ts) — sharing the open investigation
 * through investigation-session.ts. The conversions are pure (state/investigation-canvas.ts,
 * state/query-result.ts, state/changes-summary.ts). Mounted from app.ts's PANELS like any
 * feature panel (docs/client.md, "Adding a panel").
 */
import { checkWriteToken } from '../api/token-check';
import type { ExplorerContext } from '../controllers/context';
import { counted } from '../state/counted';
import { byId, h, replaceChildren } from '../ui/dom';
import { createNotesPanel } from '../ui/notes-panel';
import { createTokenBox } from '../ui/token-box';
import { createChangesBadge } from './investigation-changes';
import { createInvestigationList } from './investigation-list';
import { createInvestigationOpener } from './investigation-open';
import { createQueriesSection } from './investigation-queries';
import { createInvestigationSession } from './investigation-session';

/** A link that opens an investigation: `/?investigation=<id>`. */
export const INVESTIGATION_PARAM = 'investigation';

const REPORT_PATH = '/report/investigation/';

export function mountInvestigations(ctx: ExplorerContext): void {
  const { activity, store, view } = ctx;
  const session = createInvestigationSession(ctx);
  const { investigations } = session;
  const root = byId('investigations');

  // ---------- elements (index.html holds only the empty section) ----------
  const status = h('p', { id: 'investigation-status', class: 'small', 'aria-live': 'polite' });
  const titleInput = h('input', {
    class: 'field',
    id: 'investigation-title',
    type: 'text',
    maxlength: 200,
    placeholder: 'Title, e.g. Xiaomi and the DoD list',
  });
  const descriptionInput = h('textarea', {
    class: 'field',
    id: 'investigation-description',
    rows: 2,
    maxlength: 4000,
    placeholder: 'What this investigation is about (optional)',
  });
  const saveButton = h(
    'button',
    { type: 'submit', id: 'investigation-save', class: 'primary' },
    'Save',
  );
  const saveAsNew = h('button', { type: 'button', id: 'investigation-save-new' }, 'Save as new');
  const reportLink = h(
    'a',
    {
      id: 'investigation-report',
      class: 'button-link',
      target: '_blank',
      rel: 'noopener',
      hidden: true,
    },
    'Evidence report',
  );
  const copyLinkButton = h(
    'button',
    { type: 'button', id: 'investigation-copy-link', hidden: true },
    'Copy link',
  );

  const changes = createChangesBadge(session);
  const queries = createQueriesSection(session);
  const opener = createInvestigationOpener(session);
  const notes = createNotesPanel(byId('details'), view, investigations, {
    investigationId: () => session.current?.id ?? null,
    write: (label, work, where) => session.write(label, work, where),
  });
  const list = createInvestigationList(session, {
    status,
    open: (id) => void open(id),
    deletedCurrent: () => {
      session.setCurrent(null);
      session.queries = [];
      queries.render();
      notes.setNotes([]);
    },
  });

  const tokenBox = h('div', { id: 'investigations-token', class: 'investigations-token' });
  const token = createTokenBox(
    tokenBox,
    (typed) => checkWriteToken(typed),
    () => void list.refresh(),
    'Saving',
  );
  token.render();

  const form = h(
    'form',
    { class: 'investigation-form', autocomplete: 'off' },
    h('label', { for: 'investigation-title', class: 'small' }, 'Title'),
    titleInput,
    h('label', { for: 'investigation-description', class: 'small' }, 'Description'),
    descriptionInput,
    h('div', { class: 'row' }, saveButton, saveAsNew, copyLinkButton, reportLink),
    status,
    changes.badge,
    changes.list,
  );
  replaceChildren(
    root,
    form,
    h(
      'details',
      { class: 'subsection', id: 'investigation-list-section' },
      h('summary', {}, 'Saved investigations'),
      list.element,
    ),
    queries.element,
    h('details', { class: 'subsection' }, h('summary', {}, 'Access token'), tokenBox),
  );

  // ---------- the investigation open now ----------
  session.onCurrent((current) => {
    root.dataset.investigationId = current?.id ?? '';
    root.dataset.version = current ? String(current.version) : '';
    if (current) {
      titleInput.value = current.title;
      descriptionInput.value = current.description ?? '';
    }
    saveButton.textContent = current ? 'Save' : 'Save new';
    saveAsNew.hidden = !current;
    copyLinkButton.hidden = !current;
    reportLink.hidden = !current;
    if (current) reportLink.href = `${REPORT_PATH}${encodeURIComponent(current.id)}`;
  });

  // ---------- saving ----------
  async function save(asNew: boolean) {
    const title = titleInput.value.trim();
    if (!title) {
      status.classList.add('error');
      replaceChildren(status, 'Give the investigation a title first.');
      titleInput.focus();
      return;
    }
    const target = asNew ? null : session.current;
    const saved = await session.write(
      'Saving the investigation',
      () =>
        investigations.save({
          id: target?.id ?? null,
          version: target?.version ?? null,
          title,
          description: descriptionInput.value.trim() || null,
          canvas: session.snapshotCanvas(),
        }),
      status,
    );
    if (!saved) return;
    const created = !target;
    session.setCurrent(saved);
    replaceChildren(
      status,
      `${created ? 'Saved' : 'Saved again'}: ${counted(saved.entityCount, 'entity', 'entities')}, version ${saved.version}, ${saved.updatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    );
    notes.render();
    void list.refresh();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(false);
  });
  saveAsNew.addEventListener('click', () => void save(true));
  copyLinkButton.addEventListener('click', () => {
    const current = session.current;
    if (!current) return;
    const link = `${location.origin}${location.pathname}?${INVESTIGATION_PARAM}=${encodeURIComponent(current.id)}`;
    navigator.clipboard.writeText(link).then(
      () => activity.showNotice('Link to this investigation copied.'),
      () => activity.showNotice(`Copy this address to open the investigation: ${link}`),
    );
  });

  // ---------- opening ----------
  async function open(id: string) {
    // Another canvas would be replaced (Undo cannot bring it back): ask first.
    if (
      store.entities.size > 0 &&
      session.current?.id !== id &&
      !confirm(
        'Opening an investigation replaces the canvas. Save this one first if you need it. Open anyway?',
      )
    )
      return;
    const started = performance.now();
    const result = await opener.openOnCanvas(id);
    if (!result) return;
    const opened = result.investigation;
    session.setCurrent(opened);
    // Opened by a link, the panel may be folded: unfold it, the badge and notes form are there.
    const section = root.closest('details');
    if (section) section.open = true;
    queries.render();
    notes.setNotes(opened.notes);
    replaceChildren(
      status,
      `Opened "${opened.title}": ${counted(store.entities.size, 'entity', 'entities')}, version ${opened.version}.`,
    );
    status.classList.remove('error');
    if (result.problems.length)
      activity.report(
        'Parts of this investigation could not be restored:',
        `${result.problems.join('; ')}.`,
      );
    list.render();
    // Drawn: the next frame shows the canvas as saved.
    requestAnimationFrame(() => {
      const ms = Math.round(performance.now() - started);
      root.dataset.openMs = String(ms);
      performance.mark('threadline:investigation-drawn', {
        detail: { nodes: store.entities.size, ms },
      });
    });
    await changes.show(opened.id);
  }

  // ---------- start ----------
  session.setCurrent(null);
  notes.render();
  const requested = new URLSearchParams(location.search).get(INVESTIGATION_PARAM);
  void list.refresh();
  if (requested) {
    // Opened by link: after the explorer's own start, which would otherwise clear the canvas.
    const whenReady = () => {
      if (document.body.dataset.ready === 'true') {
        observer.disconnect();
        void open(requested);
      }
    };
    const observer = new MutationObserver(whenReady);
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
    whenReady();
  }
}
