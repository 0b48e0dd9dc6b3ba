/**
 * The Investigations section (issue 20): save the canvas on the server, open, rename, duplicate
 * and delete saved investigations, the access token, "N changes since you last opened this",
 * saved GraphQL queries sent to the canvas, notes (ui/notes-panel.ts) and the evidence report.
 * The conversions are pure (state/investigation-canvas.ts, state/query-result.ts,
 * state/changes-summary.ts); this module talks to the API and the canvas. Mounted from app.ts's
 * PANELS like any feature panel (docs/client.md, "Adding a panel").
 */
import { ApiError } from '../api/graphql-api';
import {
  type Change,
  createInvestigationsApi,
  type InvestigationSummary,
  type SavedQuery,
} from '../api/investigations-api';
import type { EntitySummary, LinkRecord } from '../api/types';
import type { ExplorerContext } from '../controllers/context';
import {
  changedIds,
  changesBadgeText,
  describeChange,
  lastOpened,
  rememberOpened,
} from '../state/changes-summary';
import { addToStore } from '../state/graph-store';
import { canvasFromView, savedPathsAnswer, viewFromCanvas } from '../state/investigation-canvas';
import { idsInAnswer, parseVariables } from '../state/query-result';
import { clearPath, showPaths } from '../state/view';
import { byId, h, replaceChildren } from '../ui/dom';
import { createNotesPanel } from '../ui/notes-panel';
import { createTokenField } from '../ui/token-field';

interface Current {
  id: string;
  version: number;
  title: string;
  description: string | null;
}

/** A link that opens an investigation: `/?investigation=<id>`. */
export const INVESTIGATION_PARAM = 'investigation';

const REPORT_PATH = '/report/investigation/';

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** A refusal of a write, in words that say what the user can still do. */
function writeProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')
      return `Not saved: ${error.detail.replace(/\.$/, '')}. With this token you can open investigations but not change them; enter a write token above.`;
    if (error.code === 'CONFLICT')
      return `Not saved: someone saved a newer version meanwhile (${error.detail.replace(/\.$/, '')}). Open it again to see theirs, or "Save as new" to keep yours.`;
    return `Failed: ${error.detail}.`;
  }
  return `Failed: ${error instanceof Error ? error.message : String(error)}.`;
}

export function mountInvestigations(ctx: ExplorerContext): void {
  const { api, activity, store, view, canvas } = ctx;
  const investigations = createInvestigationsApi(api);
  const root = byId('investigations');
  let current: Current | null = null;
  let queries: SavedQuery[] = [];
  let list: InvestigationSummary[] = [];
  let changes: Change[] = [];

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
  const badge = h('button', {
    type: 'button',
    id: 'changes-badge',
    class: 'changes-badge',
    hidden: true,
    'aria-expanded': 'false',
  });
  const changesList = h('div', { id: 'changes-list', class: 'changes-list', hidden: true });
  const listElement = h('ul', { id: 'investigation-list', class: 'investigation-list' });
  const queryName = h('input', {
    class: 'field',
    id: 'query-name',
    type: 'text',
    maxlength: 200,
    placeholder: 'Name',
  });
  const queryText = h('textarea', {
    class: 'field code',
    id: 'query-text',
    rows: 5,
    spellcheck: 'false',
    placeholder:
      'query { paths(from: "person:lei-jun", to: "list:us-dod-blacklist") { paths { entities { id } links { id } } } }',
  });
  const queryVariables = h('textarea', {
    class: 'field code',
    id: 'query-variables',
    rows: 2,
    spellcheck: 'false',
    placeholder: 'Variables as JSON, e.g. {"id": "company:xiaomi"}',
  });
  const queryStatus = h('p', { id: 'query-status', class: 'small', 'aria-live': 'polite' });
  const savedQueries = h('ul', { id: 'saved-queries', class: 'saved-queries' });
  const token = createTokenField(() => void refreshList());

  const form = h(
    'form',
    { class: 'investigation-form', autocomplete: 'off' },
    h('label', { for: 'investigation-title', class: 'small' }, 'Title'),
    titleInput,
    h('label', { for: 'investigation-description', class: 'small' }, 'Description'),
    descriptionInput,
    h('div', { class: 'row' }, saveButton, saveAsNew, copyLinkButton, reportLink),
    status,
    badge,
    changesList,
  );
  replaceChildren(
    root,
    form,
    h(
      'details',
      { class: 'subsection', id: 'investigation-list-section' },
      h('summary', {}, 'Saved investigations'),
      listElement,
    ),
    h(
      'details',
      { class: 'subsection', id: 'query-section' },
      h('summary', {}, 'Queries'),
      h(
        'form',
        { class: 'query-form', autocomplete: 'off', id: 'query-form' },
        h('label', { for: 'query-text', class: 'small' }, 'GraphQL query'),
        queryText,
        h('label', { for: 'query-variables', class: 'small' }, 'Variables'),
        queryVariables,
        h('label', { for: 'query-name', class: 'small' }, 'Name (to keep it in the investigation)'),
        queryName,
        h(
          'div',
          { class: 'row' },
          h('button', { type: 'submit', id: 'query-run' }, 'Run → canvas'),
          h(
            'button',
            { type: 'button', id: 'query-save', onclick: () => void saveQuery() },
            'Keep',
          ),
        ),
        queryStatus,
      ),
      savedQueries,
    ),
    h('details', { class: 'subsection' }, h('summary', {}, 'Access token'), token.element),
  );

  const notes = createNotesPanel(byId('details'), view, investigations, {
    investigationId: () => current?.id ?? null,
    write: (label, work, where) => write(label, work, where),
  });

  // ---------- writes ----------

  /** Runs a write; a refusal is shown in `where` (the panel the user is looking at). */
  async function write<T>(label: string, work: () => Promise<T>, where: HTMLElement) {
    const outcome = await activity.attempt(label, async () => {
      try {
        return { ok: true as const, value: await work() };
      } catch (error) {
        return { ok: false as const, problem: writeProblem(error) };
      }
    });
    if (!outcome?.ok) return undefined;
    if (!outcome.value.ok) {
      where.classList.add('error');
      replaceChildren(where, outcome.value.problem);
      return undefined;
    }
    where.classList.remove('error');
    return outcome.value.value;
  }

  function snapshotCanvas() {
    return canvasFromView(
      store.entities.keys(),
      view,
      { positions: canvas.positions(), viewport: { zoom: canvas.cy.zoom(), pan: canvas.cy.pan() } },
      queries,
    );
  }

  async function save(asNew: boolean) {
    const title = titleInput.value.trim();
    if (!title) {
      status.classList.add('error');
      replaceChildren(status, 'Give the investigation a title first.');
      titleInput.focus();
      return;
    }
    const target = asNew ? null : current;
    const saved = await write(
      'Saving the investigation',
      () =>
        investigations.save({
          id: target?.id ?? null,
          version: target?.version ?? null,
          title,
          description: descriptionInput.value.trim() || null,
          canvas: snapshotCanvas(),
        }),
      status,
    );
    if (!saved) return;
    const created = !target;
    setCurrent(saved);
    if (created) rememberOpened(localStorageOrNull(), saved.id, new Date().toISOString());
    replaceChildren(
      status,
      `${created ? 'Saved' : 'Saved again'}: ${saved.entityCount} entities, version ${saved.version}, ${saved.updatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    );
    notes.render();
    void refreshList();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(false);
  });
  saveAsNew.addEventListener('click', () => void save(true));
  copyLinkButton.addEventListener('click', () => {
    if (!current) return;
    const link = `${location.origin}${location.pathname}?${INVESTIGATION_PARAM}=${encodeURIComponent(current.id)}`;
    navigator.clipboard.writeText(link).then(
      () => activity.showNotice('Link to this investigation copied.'),
      () => activity.showNotice(`Copy this address to open the investigation: ${link}`),
    );
  });

  function setCurrent(saved: InvestigationSummary | null) {
    current = saved
      ? { id: saved.id, version: saved.version, title: saved.title, description: saved.description }
      : null;
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
  }

  // ---------- the list ----------

  async function refreshList() {
    const found = await activity.attempt('Listing investigations', () => investigations.list());
    if (!found) return;
    if (!found.ok) {
      replaceChildren(
        listElement,
        h('li', { class: 'small error' }, `Could not list them: ${found.detail}.`),
      );
      return;
    }
    list = found.value;
    renderList();
  }

  function renderList() {
    if (list.length === 0) {
      replaceChildren(listElement, h('li', { class: 'small muted' }, 'None saved yet.'));
      return;
    }
    replaceChildren(
      listElement,
      list.map((item) =>
        h(
          'li',
          { 'data-investigation-id': item.id, class: item.id === current?.id ? 'current' : null },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button investigation-open',
              onclick: () => void open(item.id),
            },
            item.title,
          ),
          h(
            'div',
            { class: 'small muted' },
            `${item.entityCount} entities · v${item.version} · ${item.updatedBy}, ${item.updatedAt.slice(0, 10)}`,
          ),
          h(
            'div',
            { class: 'row item-actions' },
            h(
              'button',
              { type: 'button', class: 'small', onclick: () => void rename(item) },
              'Rename',
            ),
            h(
              'button',
              { type: 'button', class: 'small', onclick: () => void duplicate(item) },
              'Duplicate',
            ),
            h(
              'button',
              { type: 'button', class: 'small danger', onclick: () => void remove(item) },
              'Delete',
            ),
          ),
        ),
      ),
    );
  }

  async function rename(item: InvestigationSummary) {
    const title = prompt('New title', item.title)?.trim();
    if (!title || title === item.title) return;
    const renamed = await write(
      'Renaming',
      () => investigations.rename(item.id, title, item.version),
      status,
    );
    if (!renamed) return;
    if (current?.id === item.id) setCurrent(renamed);
    replaceChildren(status, `Renamed to "${renamed.title}".`);
    void refreshList();
  }

  async function duplicate(item: InvestigationSummary) {
    const copy = await write('Duplicating', () => investigations.duplicate(item.id), status);
    if (!copy) return;
    replaceChildren(status, `Duplicated as "${copy.title}" (with its notes).`);
    void refreshList();
  }

  async function remove(item: InvestigationSummary) {
    if (!confirm(`Delete "${item.title}" and its notes? This cannot be undone.`)) return;
    const done = await write(
      'Deleting',
      () => investigations.remove(item.id, item.version).then(() => true),
      status,
    );
    if (!done) return;
    if (current?.id === item.id) {
      setCurrent(null);
      queries = [];
      renderQueries();
      notes.setNotes([]);
    }
    replaceChildren(status, `Deleted "${item.title}".`);
    void refreshList();
  }

  // ---------- opening ----------

  async function open(id: string) {
    // Another canvas would be replaced (Undo cannot bring it back): ask first.
    if (
      store.entities.size > 0 &&
      current?.id !== id &&
      !confirm(
        'Opening an investigation replaces the canvas. Save this one first if you need it. Open anyway?',
      )
    )
      return;
    const started = performance.now();
    const opened = await activity.track('Opening the investigation', (signal) =>
      investigations.open(id, signal),
    );
    if (opened === undefined) return;
    if (opened === null) {
      activity.report('No such investigation:', `"${id}" is not saved on this server (deleted?).`);
      return;
    }
    const present = {
      entities: new Set(opened.entities.map((e) => e.id)),
      links: new Set(opened.links.map((l) => l.id)),
    };
    const restored = viewFromCanvas(opened.canvas, present);
    const { state } = restored;

    // Replace the canvas: the investigation is a view of its own, not an addition to this one.
    store.entities.clear();
    store.links.clear();
    store.more.clear();
    ctx.undo.clear();
    clearPath(view, true);
    view.selected = null;
    view.pinned.clear();
    const { filters } = view;
    filters.hiddenKinds.clear();
    filters.hiddenLinkTypes.clear();
    filters.hiddenEntityIds.clear();
    for (const kind of state.hiddenKinds) filters.hiddenKinds.add(kind);
    for (const type of state.hiddenLinkTypes) filters.hiddenLinkTypes.add(type);
    for (const entity of state.hiddenEntityIds) filters.hiddenEntityIds.add(entity);
    filters.asOf = state.asOf;
    filters.asOfTo = state.asOfTo;
    view.layout = state.layout;
    // The toolbar's choice shows the view's layout (as reopening a shared link does).
    byId<HTMLSelectElement>('layout').value = state.layout;
    addToStore(store, 'Open investigation', { entities: opened.entities, links: opened.links });
    ctx.actions.clearSelection();
    ctx.refresh();
    // Positions first, pins after: a pinned (locked) node is not moved.
    canvas.place(state.positions);
    for (const pinnedId of restored.pinned) {
      view.pinned.add(pinnedId);
      canvas.setPinned(pinnedId, true);
    }
    const paths = savedPathsAnswer(restored.paths, store.entities, store.links, filters);
    if (paths) showPaths(view, paths.query, paths.answer, paths.step);
    ctx.refresh();
    if (restored.viewport) canvas.cy.viewport(restored.viewport);
    else canvas.fit();

    setCurrent(opened);
    // Opened by a link, the panel may be folded: unfold it, the badge and notes form are there.
    const section = root.closest('details');
    if (section) section.open = true;
    queries = restored.queries;
    renderQueries();
    notes.setNotes(opened.notes);
    replaceChildren(
      status,
      `Opened "${opened.title}": ${store.entities.size} entities, version ${opened.version}.`,
    );
    status.classList.remove('error');
    if (restored.problems.length)
      activity.report(
        'Parts of this investigation could not be restored:',
        `${restored.problems.join('; ')}.`,
      );
    renderList();
    // Drawn: the next frame shows the canvas as saved.
    requestAnimationFrame(() => {
      const ms = Math.round(performance.now() - started);
      root.dataset.openMs = String(ms);
      performance.mark('threadline:investigation-drawn', {
        detail: { nodes: store.entities.size, ms },
      });
    });
    await showChanges(opened.id);
  }

  // ---------- what changed ----------

  async function showChanges(id: string) {
    const storage = localStorageOrNull();
    const since = lastOpened(storage, id);
    const now = new Date().toISOString();
    changes = [];
    changesList.hidden = true;
    badge.setAttribute('aria-expanded', 'false');
    markChanged([]);
    if (!since) {
      rememberOpened(storage, id, now);
      badge.hidden = false;
      badge.disabled = true;
      replaceChildren(badge, 'First opened in this browser: changes are counted from now on.');
      return;
    }
    const found = await activity.track('Looking for changes', () =>
      investigations.changes(id, since, 1),
    );
    if (!found || current?.id !== id) return;
    rememberOpened(storage, id, now);
    changes = found.changes;
    badge.hidden = false;
    badge.disabled = changes.length === 0;
    badge.dataset.count = String(changes.length);
    replaceChildren(badge, changesBadgeText(changes.length, found.hasMore));
    badge.title = `Since ${since.slice(0, 16).replace('T', ' ')} UTC, within one link of the canvas`;
    markChanged(changes);
  }

  /** Highlights the changed entities and links that are on the canvas. */
  function markChanged(list: readonly Change[]) {
    const { entityIds, linkIds } = changedIds(list);
    const changed = new Set([
      ...entityIds.filter((id) => list.some((c) => c.entity?.id === id)),
      ...linkIds,
    ]);
    canvas.cy.batch(() => {
      canvas.cy.elements('.changed').removeClass('changed');
      for (const id of changed) canvas.cy.getElementById(id).addClass('changed');
    });
  }

  badge.addEventListener('click', () => {
    const showing = changesList.hidden;
    changesList.hidden = !showing;
    badge.setAttribute('aria-expanded', String(showing));
    if (showing) renderChanges();
  });

  function nameOf(id: string): string {
    return (
      store.entities.get(id)?.name ?? changes.find((c) => c.entity?.id === id)?.entity?.name ?? id
    );
  }

  function renderChanges() {
    const { entityIds } = changedIds(changes);
    const offCanvas = entityIds.filter((id) => !store.entities.has(id));
    replaceChildren(
      changesList,
      h(
        'ul',
        {},
        changes.map((change) =>
          h(
            'li',
            { class: `change change-${change.kind.toLowerCase()}` },
            h('span', { class: 'change-kind' }, change.kind.toLowerCase()),
            ' ',
            describeChange(change, nameOf),
            h(
              'span',
              { class: 'small muted' },
              ` · ${change.at.slice(0, 16).replace('T', ' ')}${change.by ? ` · ${change.by}` : ''}`,
            ),
          ),
        ),
      ),
      offCanvas.length
        ? h(
            'button',
            { type: 'button', id: 'changes-draw', onclick: () => void drawChanges(offCanvas) },
            `Add the ${offCanvas.length} not on the canvas`,
          )
        : null,
    );
  }

  async function drawChanges(ids: string[]) {
    const known = changes.flatMap((c) => (c.entity ? [c.entity] : []));
    const fetchIds = ids.filter((id) => !known.some((e) => e.id === id));
    const fetched = fetchIds.length
      ? await activity.track('Loading the changed entities', (signal) =>
          api.entitiesWithLinks(fetchIds, signal),
        )
      : { entities: [], links: [], missing: [] };
    if (!fetched) return;
    const links = changes.flatMap((c) => (c.link ? [c.link] : []));
    addAndHighlight('Changes', [...known, ...fetched.entities], [...links, ...fetched.links]);
    markChanged(changes);
    renderChanges();
  }

  function addAndHighlight(label: string, entities: EntitySummary[], links: LinkRecord[]) {
    const change = addToStore(store, label, { entities, links });
    ctx.undo.push(change);
    ctx.refresh();
    if (change.entityIds.length)
      canvas.fit(new Set([...change.entityIds, ...entities.map((e) => e.id)]));
  }

  // ---------- queries ----------

  function renderQueries() {
    replaceChildren(
      savedQueries,
      queries.map((query, index) =>
        h(
          'li',
          { 'data-query-name': query.name },
          h('strong', {}, query.name),
          h(
            'div',
            { class: 'row' },
            h(
              'button',
              {
                type: 'button',
                class: 'small query-saved-run',
                onclick: () => void runQuery(query.query, query.variables),
              },
              'Run → canvas',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                onclick: () => {
                  queryName.value = query.name;
                  queryText.value = query.query;
                  queryVariables.value = query.variables === '{}' ? '' : query.variables;
                },
              },
              'Edit',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small danger',
                onclick: () => {
                  queries = queries.filter((_, i) => i !== index);
                  renderQueries();
                  void persistQueries('Query removed');
                },
              },
              'Remove',
            ),
          ),
        ),
      ),
    );
  }

  async function saveQuery() {
    const name = queryName.value.trim();
    const text = queryText.value.trim();
    const variables = parseVariables(queryVariables.value);
    const problem = !text
      ? 'Write a query first.'
      : !name
        ? 'Give the query a name to keep it.'
        : !variables.ok
          ? variables.problem
          : !current
            ? 'Save the investigation first: queries are kept in it.'
            : null;
    if (problem || !variables.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, problem ?? '');
      return;
    }
    const entry = { name, query: text, variables: JSON.stringify(variables.variables) };
    const at = queries.findIndex((q) => q.name === name);
    queries = at >= 0 ? queries.map((q, i) => (i === at ? entry : q)) : [...queries, entry];
    renderQueries();
    await persistQueries(`Query "${name}" kept in the investigation`);
  }

  /** Saves the investigation with its queries (and the canvas as it is now). */
  async function persistQueries(done: string) {
    if (!current) return;
    const target = current;
    const saved = await write(
      'Saving the queries',
      () =>
        investigations.save({
          id: target.id,
          version: target.version,
          title: target.title,
          description: target.description,
          canvas: snapshotCanvas(),
        }),
      queryStatus,
    );
    if (!saved) return;
    setCurrent(saved);
    replaceChildren(queryStatus, `${done} (version ${saved.version}).`);
  }

  async function runQuery(text: string, variablesText: string) {
    queryStatus.classList.remove('error');
    const variables = parseVariables(variablesText);
    if (!variables.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, variables.problem);
      return;
    }
    const answer = await activity.attempt('Running the query', () =>
      investigations.runQuery(text, variables.variables),
    );
    if (!answer) return;
    if (!answer.ok) {
      queryStatus.classList.add('error');
      replaceChildren(queryStatus, `The query failed: ${answer.detail}.`);
      return;
    }
    const { ids, truncated } = idsInAnswer(answer.value);
    // Entities already drawn are asked for too: the links between them and new ones come back.
    const unknown = ids.filter((id) => !store.links.has(id));
    const fetched = unknown.length
      ? await activity.track(`Drawing ${unknown.length} ids from the answer`, (signal) =>
          api.entitiesWithLinks(unknown, signal),
        )
      : { entities: [], links: [], missing: [] };
    if (!fetched) return;
    addAndHighlight('Query result', fetched.entities, fetched.links);
    const hits = ids.filter((id) => store.entities.has(id) || store.links.has(id));
    canvas.cy.batch(() => {
      canvas.cy.elements('.query-hit').removeClass('query-hit');
      for (const id of hits) canvas.cy.getElementById(id).addClass('query-hit');
    });
    const entities = hits.filter((id) => store.entities.has(id)).length;
    queryStatus.dataset.entities = String(entities);
    queryStatus.dataset.links = String(hits.length - entities);
    replaceChildren(
      queryStatus,
      ids.length === 0
        ? 'The answer names no ids: nothing to draw (ask for `id` on entities, links or paths).'
        : `${entities} entities and ${hits.length - entities} links from the answer are on the canvas, highlighted${truncated ? ' (only the first 500 ids were used)' : ''}.`,
    );
    if (hits.length) canvas.fit(new Set(hits));
  }

  byId<HTMLFormElement>('query-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runQuery(queryText.value, queryVariables.value);
  });

  // ---------- start ----------
  setCurrent(null);
  notes.render();
  const requested = new URLSearchParams(location.search).get(INVESTIGATION_PARAM);
  void refreshList();
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
