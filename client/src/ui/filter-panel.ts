/**
 * Filters by entity kind and link type, the as-of time slider, and the list of hidden
 * entities. The panel only reports choices; the app applies them.
 */
import { ENTITY_KINDS, type EntityKind, LINK_TYPES, type LinkType } from '../api/types';
import { dayFromNumber, dayNumber, isFullDate } from '../graph/dates';
import { KIND_STYLES, linkTypeLabel } from '../graph/kind-style';
import { h, replaceChildren, shapeIcon } from './dom';

export interface FilterPanelHandlers {
  toggleKind(kind: EntityKind, visible: boolean): void;
  toggleLinkType(type: LinkType, visible: boolean): void;
  setAsOf(day: string | null): void;
  showHidden(): void;
}

export interface FilterPanelView {
  kindCounts: Map<EntityKind, number>;
  linkTypeCounts: Map<LinkType, number>;
  hiddenKinds: ReadonlySet<EntityKind>;
  hiddenLinkTypes: ReadonlySet<LinkType>;
  hiddenEntities: number;
  asOf: string | null;
  range: { min: string; max: string };
  outOfDate: number;
}

export function createFilterPanel(
  filtersRoot: HTMLElement,
  timeRoot: HTMLElement,
  handlers: FilterPanelHandlers,
) {
  const enabled = h('input', { type: 'checkbox', id: 'asof-enabled' });
  const slider = h('input', {
    type: 'range',
    id: 'asof-slider',
    step: 1,
    'aria-label': 'As-of date',
  });
  const dateInput = h('input', { type: 'date', id: 'asof-date', 'aria-label': 'As-of date' });
  const summary = h('p', { class: 'small muted', id: 'asof-summary' });
  let lastRange = { min: '', max: '' };

  enabled.addEventListener('change', () => {
    handlers.setAsOf(enabled.checked ? dateInput.value || lastRange.max : null);
  });
  // While dragging only the label follows; the canvas updates on each step too, cheaply.
  slider.addEventListener('input', () => {
    const day = dayFromNumber(Number(slider.value));
    dateInput.value = day;
    handlers.setAsOf(day);
  });
  dateInput.addEventListener('change', () => {
    if (isFullDate(dateInput.value)) handlers.setAsOf(dateInput.value);
  });

  replaceChildren(
    timeRoot,
    h('label', { class: 'check' }, enabled, ' Show the graph as of a date'),
    h('div', { class: 'row' }, slider),
    h('div', { class: 'row' }, dateInput),
    summary,
  );

  function checkbox(
    label: (Node | string)[],
    checked: boolean,
    onChange: (checked: boolean) => void,
    name: string,
  ) {
    const input = h('input', { type: 'checkbox', checked, 'data-filter': name });
    input.addEventListener('change', () => onChange(input.checked));
    return h('label', { class: 'check' }, input, ...label);
  }

  return {
    render(view: FilterPanelView) {
      const kinds = ENTITY_KINDS.filter((k) => view.kindCounts.has(k) || view.hiddenKinds.has(k));
      const types = LINK_TYPES.filter(
        (t) => view.linkTypeCounts.has(t) || view.hiddenLinkTypes.has(t),
      );
      replaceChildren(
        filtersRoot,
        kinds.length === 0 && types.length === 0
          ? h('p', { class: 'small muted' }, 'Filters appear when the canvas has entities.')
          : null,
        kinds.length ? h('h4', {}, 'Entity kinds') : null,
        kinds.map((kind) =>
          checkbox(
            [
              shapeIcon(KIND_STYLES[kind].shape, KIND_STYLES[kind].color),
              ` ${KIND_STYLES[kind].label} `,
              h('span', { class: 'count' }, String(view.kindCounts.get(kind) ?? 0)),
            ],
            !view.hiddenKinds.has(kind),
            (checked) => handlers.toggleKind(kind, checked),
            `kind:${kind}`,
          ),
        ),
        types.length ? h('h4', {}, 'Link types') : null,
        types.map((type) =>
          checkbox(
            [
              ` ${linkTypeLabel(type)} `,
              h('span', { class: 'count' }, String(view.linkTypeCounts.get(type) ?? 0)),
            ],
            !view.hiddenLinkTypes.has(type),
            (checked) => handlers.toggleLinkType(type, checked),
            `type:${type}`,
          ),
        ),
        view.hiddenEntities
          ? h(
              'p',
              {},
              `${view.hiddenEntities} hidden by hand. `,
              h(
                'button',
                { type: 'button', class: 'link-button', onclick: handlers.showHidden },
                'Show them',
              ),
            )
          : null,
      );
      lastRange = view.range;
      slider.min = String(dayNumber(view.range.min));
      slider.max = String(dayNumber(view.range.max));
      dateInput.min = view.range.min;
      dateInput.max = view.range.max;
      enabled.checked = view.asOf !== null;
      slider.disabled = view.asOf === null;
      dateInput.disabled = view.asOf === null;
      const shown = view.asOf ?? view.range.max;
      slider.value = String(dayNumber(shown));
      dateInput.value = shown;
      summary.textContent = view.asOf
        ? `As of ${view.asOf}: ${view.outOfDate} link${view.outOfDate === 1 ? '' : 's'} not valid then (faded).`
        : 'All links shown whatever their dates.';
    },
  };
}
