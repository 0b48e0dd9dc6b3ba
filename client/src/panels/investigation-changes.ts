/**
 * "N changes since you last opened this": when an investigation is opened, asks `changes` since
 * the last opening, counts them on a badge, lists them, marks those on the canvas and draws the
 * rest on request. "Last opened" is the person's, kept with the investigation on the server
 * (`markInvestigationOpened`, by the write token's name); without a write token the server
 * cannot say who is reading, and this browser's own time (localStorage) is used instead.
 */
import { ApiError } from '../api/graphql-api';
import type { Change } from '../api/investigations-api';
import {
  changedIds,
  changesBadgeText,
  describeChange,
  lastOpened,
  rememberOpened,
} from '../state/changes-summary';
import { h, replaceChildren } from '../ui/dom';
import type { InvestigationSession } from './investigation-session';

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** When the reader last opened it: as a person (write token) or, failing that, in this browser. */
interface PreviousOpening {
  since: string | null;
  /** The write token's name; null when the browser's own time is used. */
  person: string | null;
}

export function createChangesBadge(session: InvestigationSession) {
  const { ctx, investigations } = session;
  const { activity, api, store, canvas } = ctx;
  let changes: Change[] = [];

  const badge = h('button', {
    type: 'button',
    id: 'changes-badge',
    class: 'changes-badge',
    hidden: true,
    'aria-expanded': 'false',
  });
  const list = h('div', { id: 'changes-list', class: 'changes-list', hidden: true });

  /** Records this opening and answers the one before; the browser's time without a write token. */
  async function previousOpening(id: string, now: string): Promise<PreviousOpening> {
    try {
      const opening = await investigations.markOpened(id);
      return { since: opening.previous, person: opening.by };
    } catch (error) {
      const anonymous =
        error instanceof ApiError &&
        (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');
      if (!anonymous) throw error;
      const storage = localStorageOrNull();
      const since = lastOpened(storage, id);
      if (!since) rememberOpened(storage, id, now);
      return { since, person: null };
    }
  }

  /** Counts and marks what changed around investigation `id` since it was last opened. */
  async function show(id: string) {
    const now = new Date().toISOString();
    changes = [];
    list.hidden = true;
    badge.setAttribute('aria-expanded', 'false');
    markChanged([]);
    const previous = await activity.track('Looking up your last opening', () =>
      previousOpening(id, now),
    );
    if (!previous || session.current?.id !== id) return;
    const { since, person } = previous;
    if (!since) {
      badge.hidden = false;
      badge.disabled = true;
      replaceChildren(
        badge,
        person
          ? `First opened by you (${person}): changes are counted from now on.`
          : 'First opened in this browser: changes are counted from now on.',
      );
      return;
    }
    const found = await activity.track('Looking for changes', () =>
      investigations.changes(id, since, 1),
    );
    if (!found || session.current?.id !== id) return;
    if (!person) rememberOpened(localStorageOrNull(), id, now);
    changes = found.changes;
    badge.hidden = false;
    badge.disabled = changes.length === 0;
    badge.dataset.count = String(changes.length);
    replaceChildren(badge, changesBadgeText(changes.length, found.hasMore));
    badge.title = `Since ${since.slice(0, 16).replace('T', ' ')} UTC (when ${person ?? 'this browser'} last opened it), within one link of the canvas`;
    markChanged(changes);
  }

  /** Highlights the changed entities and links that are on the canvas. */
  function markChanged(shown: readonly Change[]) {
    const { entityIds, linkIds } = changedIds(shown);
    const changed = new Set([
      ...entityIds.filter((id) => shown.some((c) => c.entity?.id === id)),
      ...linkIds,
    ]);
    canvas.cy.batch(() => {
      canvas.cy.elements('.changed').removeClass('changed');
      for (const id of changed) canvas.cy.getElementById(id).addClass('changed');
    });
  }

  badge.addEventListener('click', () => {
    const showing = list.hidden;
    list.hidden = !showing;
    badge.setAttribute('aria-expanded', String(showing));
    if (showing) render();
  });

  function nameOf(id: string): string {
    return (
      store.entities.get(id)?.name ?? changes.find((c) => c.entity?.id === id)?.entity?.name ?? id
    );
  }

  function render() {
    const { entityIds } = changedIds(changes);
    const offCanvas = entityIds.filter((id) => !store.entities.has(id));
    replaceChildren(
      list,
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
            { type: 'button', id: 'changes-draw', onclick: () => void draw(offCanvas) },
            `Add the ${offCanvas.length} not on the canvas`,
          )
        : null,
    );
  }

  async function draw(ids: string[]) {
    const known = changes.flatMap((c) => (c.entity ? [c.entity] : []));
    const fetchIds = ids.filter((id) => !known.some((e) => e.id === id));
    const fetched = fetchIds.length
      ? await activity.track('Loading the changed entities', (signal) =>
          api.entitiesWithLinks(fetchIds, signal),
        )
      : { entities: [], links: [], missing: [] };
    if (!fetched) return;
    const links = changes.flatMap((c) => (c.link ? [c.link] : []));
    session.addAndFit('Changes', [...known, ...fetched.entities], [...links, ...fetched.links]);
    markChanged(changes);
    render();
  }

  return { badge, list, show };
}
