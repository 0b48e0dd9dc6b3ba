/**
 * The path finder: two entities, maximum hops, link types and an as-of date. Results list the
 * paths one at a time (step with the arrows) or all together.
 */
import {
  type EntitySummary,
  LINK_TYPES,
  type LinkRecord,
  type LinkType,
  type PathAnswer,
  type SearchSuggestion,
} from '../api/types';
import { describeTimeScope, isFullDate } from '../graph/dates';
import { linkTypeLabel, STATUS_STYLES } from '../graph/kind-style';
import { MAX_HOPS } from '../state/url-state';
import { byId, h, replaceChildren } from './dom';
import { createSearchBox } from './search-box';

export interface PathQuery {
  from: EntitySummary;
  to: EntitySummary;
  maxHops: number;
  linkTypes: LinkType[];
  asOf: string | null;
}

export interface PathPanelHandlers {
  search(text: string, signal: AbortSignal): Promise<SearchSuggestion[] | undefined>;
  find(query: PathQuery): void;
  step(index: number | null): void;
  clear(): void;
  selectLink(id: string): void;
  selectEntity(id: string): void;
}

export function createPathPanel(handlers: PathPanelHandlers) {
  const form = byId<HTMLFormElement>('path-form');
  const results = byId('path-results');
  const hops = byId<HTMLSelectElement>('path-hops');
  const asOf = byId<HTMLInputElement>('path-asof');
  const typesRoot = byId('path-types');
  const findButton = byId<HTMLButtonElement>('path-find');
  const from = createSearchBox({
    input: byId<HTMLInputElement>('path-from'),
    list: byId('path-from-suggestions'),
    search: handlers.search,
    onPick: () => undefined,
    keepPicked: true,
  });
  const to = createSearchBox({
    input: byId<HTMLInputElement>('path-to'),
    list: byId('path-to-suggestions'),
    search: handlers.search,
    onPick: () => undefined,
    keepPicked: true,
  });

  for (let n: number = MAX_HOPS.min; n <= MAX_HOPS.max; n++) {
    hops.append(h('option', { value: n, selected: n === MAX_HOPS.default }, String(n)));
  }
  const typeBoxes = LINK_TYPES.map((type) =>
    h('input', { type: 'checkbox', value: type, 'data-link-type': type }),
  );
  replaceChildren(
    typesRoot,
    LINK_TYPES.map((type, i) =>
      h('label', { class: 'check small' }, typeBoxes[i], ` ${linkTypeLabel(type)}`),
    ),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const start = from.picked;
    const end = to.picked;
    if (!start || !end) {
      showMessage('Pick both ends from the suggestions (type a name, then choose).');
      return;
    }
    if (start.id === end.id) {
      showMessage('The two ends are the same entity; pick two different ones.');
      return;
    }
    if (asOf.value && !isFullDate(asOf.value)) {
      showMessage('The as-of date must be a full day (YYYY-MM-DD).');
      return;
    }
    handlers.find({
      from: start,
      to: end,
      maxHops: Number(hops.value),
      linkTypes: typeBoxes.filter((b) => b.checked).map((b) => b.value as LinkType),
      asOf: asOf.value || null,
    });
  });
  byId('path-clear').addEventListener('click', () => {
    replaceChildren(results);
    handlers.clear();
  });

  function showMessage(text: string) {
    replaceChildren(results, h('p', { class: 'small path-message' }, text));
  }

  function stepLine(link: LinkRecord, fromId: string) {
    const forward = link.from === fromId;
    const when = describeTimeScope(link);
    return h(
      'li',
      { class: 'path-link' },
      h(
        'button',
        {
          type: 'button',
          class: 'link-button small',
          title: 'Show this link and its evidence',
          'data-link-id': link.id,
          onclick: () => handlers.selectLink(link.id),
        },
        `${forward ? '' : '← '}${linkTypeLabel(link.type)}${forward ? ' →' : ''}`,
      ),
      when ? h('span', { class: 'when' }, when) : null,
      link.status !== 'ASSERTED'
        ? h(
            'span',
            { class: `status-badge status-${link.status.toLowerCase()}` },
            STATUS_STYLES[link.status].label,
          )
        : null,
    );
  }

  return {
    setFrom(entity: EntitySummary) {
      from.set(entity);
    },
    setTo(entity: EntitySummary) {
      to.set(entity);
    },
    setQuery(query: PathQuery) {
      from.set(query.from);
      to.set(query.to);
      hops.value = String(query.maxHops);
      asOf.value = query.asOf ?? '';
      for (const box of typeBoxes) box.checked = query.linkTypes.includes(box.value as LinkType);
    },
    setBusy(busy: boolean) {
      findButton.disabled = busy;
      findButton.textContent = busy ? 'Finding…' : 'Find paths';
      if (busy)
        replaceChildren(
          results,
          h(
            'p',
            { class: 'panel-loading small' },
            h('span', { class: 'spinner' }),
            ' Finding paths…',
          ),
        );
    },
    showMessage,
    showResult(
      query: PathQuery,
      answer: PathAnswer,
      step: number | null,
      links: Map<string, LinkRecord>,
      names: Map<string, EntitySummary>,
    ) {
      if (answer.paths.length === 0) {
        showMessage(
          `No path from ${query.from.name} to ${query.to.name} within ${query.maxHops} hops` +
            `${query.linkTypes.length ? ' over the chosen link types' : ''}${query.asOf ? ` as of ${query.asOf}` : ''}.` +
            ' Try more hops, fewer restrictions or another date.',
        );
        return;
      }
      const count = answer.paths.length;
      const shown = step === null ? null : answer.paths[step];
      const nav = h(
        'div',
        { class: 'path-nav' },
        h(
          'button',
          {
            type: 'button',
            'aria-label': 'Previous path',
            id: 'path-prev',
            disabled: count < 2,
            onclick: () => handlers.step(((step ?? 0) - 1 + count) % count),
          },
          '◀',
        ),
        h(
          'span',
          { class: 'path-counter', id: 'path-counter' },
          step === null ? `All ${count} paths` : `Path ${step + 1} of ${count}`,
        ),
        h(
          'button',
          {
            type: 'button',
            'aria-label': 'Next path',
            id: 'path-next',
            disabled: count < 2,
            onclick: () => handlers.step(step === null ? 0 : (step + 1) % count),
          },
          '▶',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button small',
            onclick: () => handlers.step(step === null ? 0 : null),
          },
          step === null ? 'one at a time' : 'show all',
        ),
      );
      const lengths = [...new Set(answer.paths.map((p) => p.linkIds.length))];
      replaceChildren(
        results,
        h(
          'p',
          { class: 'small' },
          `${count}${answer.hasMore ? '+' : ''} path${count === 1 ? '' : 's'} of ${lengths.join(' or ')} hop${lengths.length === 1 && lengths[0] === 1 ? '' : 's'}.`,
          answer.hasMore ? ' More exist; narrow the search to see them.' : '',
        ),
        nav,
        shown
          ? h(
              'ol',
              { class: 'path-steps', id: 'path-steps' },
              shown.entityIds.flatMap((id, i) => {
                const entity = names.get(id);
                const linkId = shown.linkIds[i];
                const link = linkId ? links.get(linkId) : undefined;
                return [
                  h(
                    'li',
                    { class: 'path-entity' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'link-button',
                        onclick: () => handlers.selectEntity(id),
                      },
                      entity?.name ?? id,
                    ),
                  ),
                  link ? stepLine(link, id) : null,
                ];
              }),
            )
          : null,
      );
    },
  };
}
