/**
 * The list of saved investigations (most recent first) with Open, Rename, Duplicate and
 * Delete. Opening is the caller's (investigation-open.ts); a refusal shows in `status`.
 */
import type { InvestigationSummary } from '../api/investigations-api';
import { counted } from '../state/counted';
import { h, replaceChildren } from '../ui/dom';
import type { InvestigationSession } from './investigation-session';

export interface InvestigationListHost {
  /** Where the outcome of a rename, duplicate or delete is said. */
  status: HTMLElement;
  open(id: string): void;
  /** The investigation open now was deleted. */
  deletedCurrent(): void;
}

export function createInvestigationList(
  session: InvestigationSession,
  host: InvestigationListHost,
) {
  const { activity } = session.ctx;
  const { investigations } = session;
  const { status } = host;
  const element = h('ul', { id: 'investigation-list', class: 'investigation-list' });
  let list: InvestigationSummary[] = [];

  async function refresh() {
    const found = await activity.attempt('Listing investigations', () => investigations.list());
    if (!found) return;
    if (!found.ok) {
      replaceChildren(
        element,
        h('li', { class: 'small error' }, `Could not list them: ${found.detail}.`),
      );
      return;
    }
    list = found.value;
    render();
  }

  function render() {
    if (list.length === 0) {
      replaceChildren(element, h('li', { class: 'small muted' }, 'None saved yet.'));
      return;
    }
    replaceChildren(
      element,
      list.map((item) =>
        h(
          'li',
          {
            'data-investigation-id': item.id,
            class: item.id === session.current?.id ? 'current' : null,
          },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button investigation-open',
              onclick: () => host.open(item.id),
            },
            item.title,
          ),
          h(
            'div',
            { class: 'small muted' },
            `${counted(item.entityCount, 'entity', 'entities')} · v${item.version} · ${item.updatedBy}, ${item.updatedAt.slice(0, 10)}`,
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
    const renamed = await session.write(
      'Renaming',
      () => investigations.rename(item.id, title, item.version),
      status,
    );
    if (!renamed) return;
    if (session.current?.id === item.id) session.setCurrent(renamed);
    replaceChildren(status, `Renamed to "${renamed.title}".`);
    void refresh();
  }

  async function duplicate(item: InvestigationSummary) {
    const copy = await session.write(
      'Duplicating',
      () => investigations.duplicate(item.id),
      status,
    );
    if (!copy) return;
    replaceChildren(status, `Duplicated as "${copy.title}" (with its notes).`);
    void refresh();
  }

  async function remove(item: InvestigationSummary) {
    if (!confirm(`Delete "${item.title}" and its notes? This cannot be undone.`)) return;
    const done = await session.write(
      'Deleting',
      () => investigations.remove(item.id, item.version).then(() => true),
      status,
    );
    if (!done) return;
    if (session.current?.id === item.id) host.deletedCurrent();
    replaceChildren(status, `Deleted "${item.title}".`);
    void refresh();
  }

  return { element, refresh, render };
}
