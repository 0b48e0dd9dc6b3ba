/**
 * The path finder: two entities, maximum hops, shortest or all paths, link types and whether
 * denied and disputed links count. The date is the view's (the Time section). Results list the
 * paths one at a time (step with the arrows) or all together; an empty answer says whether a
 * path exists beyond the hops or at another date.
 */
import {
  type EntitySummary,
  LINK_TYPES,
  type LinkRecord,
  type LinkType,
  type PathAnswer,
  type SearchSuggestion,
} from '../api/types';
import { describeTimeScope, describeViewTime } from '../graph/dates';
import { linkTypeLabel, STATUS_STYLES } from '../graph/kind-style';
import { MAX_HOPS } from '../state/url-state';
import type { HiddenOnPath, PathFinderForm, PathQuery } from '../state/view';
import type { Outcome } from './activity';
import { byId, h, replaceChildren } from './dom';
import { createSearchBox } from './search-box';

/** What the probes after an empty answer found: the shortest length, or null for none. */
export interface NoPathHints {
  /** Shortest path with the most hops allowed, on the same date; undefined: not asked. */
  beyondHops?: number | null;
  /** Shortest path with the most hops allowed, at any date; undefined: not asked (no date). */
  anyDate?: number | null;
}

const hopsText = (n: number) => `${n} hop${n === 1 ? '' : 's'}`;

export interface PathPanelHandlers {
  search(text: string, signal: AbortSignal): Promise<Outcome<SearchSuggestion[]> | undefined>;
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
  const mode = byId<HTMLSelectElement>('path-mode');
  const assertedOnly = byId<HTMLInputElement>('path-asserted-only');
  const asOfNote = byId('path-asof-note');
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
    handlers.find({
      from: start,
      to: end,
      maxHops: Number(hops.value),
      linkTypes: typeBoxes.filter((b) => b.checked).map((b) => b.value as LinkType),
      mode: mode.value === 'ALL' ? 'ALL' : 'ALL_SHORTEST',
      assertedOnly: assertedOnly.checked,
      asOf: null,
      asOfTo: null,
    });
  });
  byId('path-clear').addEventListener('click', () => {
    replaceChildren(results);
    handlers.clear();
  });

  /** Fills the form; an end left null empties its box. */
  function setSettings(settings: PathFinderForm) {
    from.set(settings.from);
    to.set(settings.to);
    hops.value = String(settings.maxHops);
    mode.value = settings.mode;
    assertedOnly.checked = settings.assertedOnly;
    for (const box of typeBoxes) box.checked = settings.linkTypes.includes(box.value as LinkType);
  }

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
    /** Says which date the next search uses: the view's. */
    setAsOf(day: string | null, until: string | null) {
      asOfNote.textContent = !day
        ? 'Links at any date (set one under Time).'
        : until
          ? `Links each valid at some time between ${day} and ${until} (under Time).`
          : `Links valid on ${day} (the date under Time).`;
    },
    setQuery(query: PathQuery) {
      setSettings(query);
    },
    /** What the form holds now, whether or not a search ran. */
    settings(): PathFinderForm {
      return {
        from: from.picked ?? null,
        to: to.picked ?? null,
        maxHops: Number(hops.value),
        linkTypes: typeBoxes.filter((b) => b.checked).map((b) => b.value as LinkType),
        mode: mode.value === 'ALL' ? 'ALL' : 'ALL_SHORTEST',
        assertedOnly: assertedOnly.checked,
      };
    },
    /** Fills the form; an end left null empties its box. */
    setSettings,
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
    showNoPath(query: PathQuery, hints: NoPathHints) {
      const limits = [
        query.linkTypes.length ? 'over the chosen link types' : '',
        query.assertedOnly ? 'without denied or disputed links' : '',
      ].filter(Boolean);
      const when = describeViewTime(query.asOf, query.asOfTo);
      const lines = [
        `No path within ${hopsText(query.maxHops)}${when ? ` ${when}` : ''}` +
          ` from ${query.from.name} to ${query.to.name}${limits.length ? ` ${limits.join(', ')}` : ''}.`,
      ];
      const sameDate = query.asOf ? (query.asOfTo ? ' in that time' : ' on that date') : '';
      if (hints.beyondHops !== undefined)
        lines.push(
          hints.beyondHops === null
            ? `None within ${hopsText(MAX_HOPS.max)}${sameDate} either.`
            : `A path exists beyond ${hopsText(query.maxHops)}${sameDate}: the shortest has ${hopsText(hints.beyondHops)}.`,
        );
      if (hints.anyDate !== undefined)
        lines.push(
          hints.anyDate === null
            ? `None within ${hopsText(MAX_HOPS.max)} at any other date either.`
            : `Outside that date there is one: the shortest has ${hopsText(hints.anyDate)}, over links valid at other times.`,
        );
      replaceChildren(
        results,
        h(
          'div',
          { class: 'small path-message', id: 'path-none' },
          lines.map((line, i) => h('p', { class: i === 0 ? 'strong' : null }, line)),
        ),
      );
    },
    showResult(
      query: PathQuery,
      answer: PathAnswer,
      step: number | null,
      links: Map<string, LinkRecord>,
      names: Map<string, EntitySummary>,
      hiddenOnPath: HiddenOnPath,
    ) {
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
      const lengths = [...new Set(answer.paths.map((p) => p.linkIds.length))].sort((x, y) => x - y);
      replaceChildren(
        results,
        h(
          'p',
          { class: 'small' },
          `${count}${answer.hasMore ? '+' : ''} path${count === 1 ? '' : 's'} of ${lengths.join(' or ')} hop${lengths.length === 1 && lengths[0] === 1 ? '' : 's'}${query.asOf ? ` ${describeViewTime(query.asOf, query.asOfTo)}` : ''}.`,
          answer.hasMore ? ' More exist; narrow the search to see them.' : '',
        ),
        hiddenOnPath.linkTypes.length || hiddenOnPath.entities.length
          ? h(
              'p',
              { class: 'small path-hidden-note', id: 'path-hidden-note' },
              `Drawn although your filters hide ${[
                hiddenOnPath.linkTypes.map((t) => `${linkTypeLabel(t)} links`).join(', '),
                hiddenOnPath.entities.join(', '),
              ]
                .filter(Boolean)
                .join(' and ')}.`,
            )
          : null,
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
