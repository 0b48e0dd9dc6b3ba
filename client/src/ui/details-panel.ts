/**
 * The right-hand panel: an entity's kind, aliases, description and links grouped by type with
 * dates, status and citations; or a link's evidence, excerpt by excerpt.
 */
import {
  type Citation,
  type EntityDetails,
  type EntitySummary,
  LINK_TYPES,
  type LinkRecord,
  type LinkType,
} from '../api/types';
import { describeTimeScope } from '../graph/dates';
import { KIND_STYLES, linkTypeLabel, STATUS_STYLES } from '../graph/kind-style';
import type { MoreInfo } from '../state/graph-store';
import { h, replaceChildren, shapeIcon } from './dom';

export interface EntityPanelActions {
  expand(): void;
  toggleHidden(): void;
  togglePinned(): void;
  pathFrom(): void;
  pathTo(): void;
  /** Adds the entity to the canvas if needed and selects it. */
  goToEntity(entity: EntitySummary): void;
  selectLink(link: LinkRecord): void;
  loadMore(linkTypes: LinkType[], limit: number): void;
}

export interface EntityPanelState {
  onCanvas: (id: string) => boolean;
  pinned: boolean;
  more: MoreInfo | undefined;
  focusMore: boolean;
}

export function renderPlaceholder(panel: HTMLElement, text: string): void {
  replaceChildren(panel, h('p', { class: 'panel-placeholder' }, text));
}

export function renderLoading(panel: HTMLElement, what: string): void {
  replaceChildren(
    panel,
    h('p', { class: 'panel-loading' }, h('span', { class: 'spinner' }), ` Loading ${what}…`),
  );
}

function kindHeader(kind: EntitySummary['kind']) {
  const style = KIND_STYLES[kind];
  return h('div', { class: 'kind-line' }, shapeIcon(style.shape, style.color, 16), style.label);
}

function statusBadge(status: LinkRecord['status']) {
  const style = STATUS_STYLES[status];
  return h(
    'span',
    { class: `status-badge status-${status.toLowerCase()}`, title: style.meaning },
    style.label,
  );
}

export function renderCitations(citations: readonly Citation[]): HTMLElement {
  if (citations.length === 0) {
    return h('p', { class: 'muted' }, 'No citation recorded.');
  }
  return h(
    'ol',
    { class: 'citations' },
    citations.map((c) =>
      h(
        'li',
        { class: 'citation' },
        h('blockquote', { class: 'excerpt' }, `“${c.excerpt}”`),
        h(
          'div',
          { class: 'citation-source' },
          '— ',
          c.source.url
            ? h(
                'a',
                { href: c.source.url, target: '_blank', rel: 'noopener noreferrer' },
                c.source.title,
              )
            : h('span', { class: 'source-title' }, c.source.title),
          c.source.publisher ? `, ${c.source.publisher}` : '',
          c.locator ? h('span', { class: 'locator' }, ` (${c.locator})`) : '',
          c.source.url ? '' : h('span', { class: 'muted' }, ' · no web address recorded'),
        ),
      ),
    ),
  );
}

const LINK_DETAIL_FIELDS: [keyof LinkRecord, string][] = [
  ['role', 'Role'],
  ['reason', 'Reason'],
  ['program', 'Programme'],
  ['field', 'Field'],
  ['purpose', 'Purpose'],
  ['relation', 'Relation'],
];

function linkFacts(link: LinkRecord): HTMLElement | null {
  const rows: [string, string][] = [];
  const when = describeTimeScope(link);
  if (when) rows.push(['When', when]);
  for (const [key, label] of LINK_DETAIL_FIELDS) {
    const value = link[key];
    if (value !== null && value !== undefined && value !== '') rows.push([label, String(value)]);
  }
  if (link.amount !== null) {
    rows.push(['Amount', `${link.amount.toLocaleString('en')} ${link.currency ?? ''}`.trim()]);
  }
  if (link.share !== null) rows.push(['Share', `${link.share} %`]);
  if (link.note) rows.push(['Note', link.note]);
  if (!rows.length) return null;
  return h(
    'dl',
    { class: 'facts' },
    rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

export function renderEntity(
  panel: HTMLElement,
  details: EntityDetails,
  state: EntityPanelState,
  actions: EntityPanelActions,
): void {
  const neighbours = new Map(details.neighbours.map((n) => [n.id, n]));
  const byType = new Map<LinkType, LinkRecord[]>();
  for (const link of details.links) {
    const group = byType.get(link.type) ?? [];
    group.push(link);
    byType.set(link.type, group);
  }
  const properties = Object.entries(details.properties);
  if (details.country) properties.unshift(['country', details.country]);

  replaceChildren(
    panel,
    h(
      'article',
      { class: 'details entity-details', 'data-entity-id': details.id },
      kindHeader(details.kind),
      h('h2', { class: 'details-title' }, details.name),
      h('div', { class: 'entity-id' }, details.id),
      details.aliases.length
        ? h(
            'p',
            { class: 'aliases' },
            h('span', { class: 'muted' }, 'Also: '),
            details.aliases.join(' · '),
          )
        : null,
      details.description ? h('p', { class: 'description' }, details.description) : null,
      properties.length
        ? h(
            'dl',
            { class: 'facts' },
            properties.flatMap(([k, v]) => [h('dt', {}, humanise(k)), h('dd', {}, v)]),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        button(
          'Expand',
          actions.expand,
          'Show its neighbours (or double-click the node)',
          'expand',
        ),
        button(
          state.pinned ? 'Unpin' : 'Pin',
          actions.togglePinned,
          'Keep it in place during layouts',
        ),
        button(
          'Hide',
          actions.toggleHidden,
          'Hide it from the canvas (Show hidden brings it back)',
        ),
        button('Path from here', actions.pathFrom, 'Use as the start of the path finder'),
        button('Path to here', actions.pathTo, 'Use as the end of the path finder'),
      ),
      state.more ? moreBox(details, state.more, actions, state.focusMore) : null,
      details.citations.length
        ? h(
            'section',
            {},
            h('h3', {}, 'Evidence for this entity'),
            renderCitations(details.citations),
          )
        : null,
      h(
        'section',
        { class: 'link-groups' },
        h(
          'h3',
          {},
          `Links (${details.links.length}${details.degree > details.links.length ? ` of ${details.degree}` : ''})`,
        ),
        details.links.length === 0 ? h('p', { class: 'muted' }, 'No links recorded.') : null,
        LINK_TYPES.filter((t) => byType.has(t)).map((type) =>
          h(
            'details',
            { class: 'link-group', open: true },
            h('summary', {}, `${linkTypeLabel(type)} (${byType.get(type)?.length ?? 0})`),
            h(
              'ul',
              {},
              (byType.get(type) ?? []).map((link) => {
                const outgoing = link.from === details.id;
                const other = neighbours.get(outgoing ? link.to : link.from);
                return h(
                  'li',
                  { class: 'link-row', 'data-link-id': link.id },
                  h(
                    'div',
                    { class: 'link-head' },
                    h(
                      'span',
                      { class: 'direction', title: outgoing ? 'outgoing' : 'incoming' },
                      outgoing ? '→' : '←',
                    ),
                    other
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'link-button',
                            title: state.onCanvas(other.id)
                              ? 'Select on the canvas'
                              : 'Add to the canvas',
                            onclick: () => actions.goToEntity(other),
                          },
                          other.name,
                          state.onCanvas(other.id) ? '' : h('span', { class: 'add-hint' }, ' +'),
                        )
                      : h('span', {}, outgoing ? link.to : link.from),
                    describeTimeScope(link)
                      ? h('span', { class: 'when' }, describeTimeScope(link))
                      : null,
                    link.status !== 'ASSERTED' ? statusBadge(link.status) : null,
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'link-button small',
                        title: 'Show this link and its evidence',
                        onclick: () => actions.selectLink(link),
                      },
                      'evidence',
                    ),
                  ),
                  link.citations[0]
                    ? h(
                        'blockquote',
                        { class: 'excerpt compact' },
                        `“${link.citations[0].excerpt}”`,
                      )
                    : null,
                  link.citations.length > 1
                    ? h(
                        'div',
                        { class: 'muted small' },
                        `+ ${link.citations.length - 1} more citation(s)`,
                      )
                    : null,
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
  if (state.focusMore) panel.querySelector('.more-box')?.scrollIntoView({ block: 'nearest' });
}

function moreBox(
  details: EntityDetails,
  more: MoreInfo,
  actions: EntityPanelActions,
  focus: boolean,
) {
  const types = LINK_TYPES.filter((t) => details.links.some((l) => l.type === t));
  const select = h(
    'select',
    {
      class: 'more-types',
      multiple: true,
      size: Math.min(5, Math.max(2, types.length)),
      'aria-label': 'Link types to load',
    },
    types.map((t) =>
      h('option', { value: t, selected: more.linkTypes?.includes(t) ?? false }, linkTypeLabel(t)),
    ),
  );
  const limit = h(
    'select',
    { class: 'more-limit', 'aria-label': 'How many neighbours to show' },
    [50, 100, 200, 500]
      .filter((n) => n > more.limit)
      .map((n) => h('option', { value: n }, `up to ${n}`)),
  );
  return h(
    'section',
    { class: focus ? 'more-box focus' : 'more-box' },
    h('h3', {}, `+${more.omitted} more neighbours not shown`),
    h('p', { class: 'small muted' }, 'Load more, or pick link types first to load only those.'),
    types.length ? select : null,
    h(
      'div',
      { class: 'row' },
      limit,
      button(
        'Load more',
        () => {
          const chosen = [...select.selectedOptions].map((o) => o.value as LinkType);
          actions.loadMore(chosen, Number(limit.value || 500));
        },
        'Expand again with a larger limit',
        'load-more',
      ),
    ),
  );
}

export interface LinkPanelActions {
  goToEntity(entity: EntitySummary): void;
}

export function renderLink(
  panel: HTMLElement,
  link: LinkRecord,
  ends: { from: EntitySummary | undefined; to: EntitySummary | undefined },
  actions: LinkPanelActions,
): void {
  const endButton = (entity: EntitySummary | undefined, fallback: string) =>
    entity
      ? h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => actions.goToEntity(entity) },
          entity.name,
        )
      : h('span', {}, fallback);
  const status = STATUS_STYLES[link.status];
  replaceChildren(
    panel,
    h(
      'article',
      { class: 'details link-details', 'data-link-id': link.id },
      h('div', { class: 'kind-line' }, 'Link'),
      h(
        'h2',
        { class: 'details-title link-sentence' },
        endButton(ends.from, link.from),
        h('span', { class: 'link-type' }, ` ${linkTypeLabel(link.type)} `),
        endButton(ends.to, link.to),
      ),
      h(
        'p',
        { class: `status-line status-${link.status.toLowerCase()}` },
        statusBadge(link.status),
        ` ${status.meaning}`,
      ),
      linkFacts(link),
      h(
        'section',
        {},
        h('h3', {}, `Evidence (${link.citations.length})`),
        renderCitations(link.citations),
      ),
      h('div', { class: 'entity-id' }, link.id),
    ),
  );
}

function button(label: string, onClick: () => void, title: string, name?: string) {
  return h(
    'button',
    { type: 'button', title, 'data-action': name ?? null, onclick: onClick },
    label,
  );
}

function humanise(key: string): string {
  const spaced = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
