/**
 * Filters by entity kind and link type, the as-of time slider, and the list of hidden
 * entities. The panel only reports choices; the app applies them.
 */
import { ENTITY_KINDS, type EntityKind, LINK_TYPES, type LinkType } from '../api/types';
import { checkDay, dayFromNumber, dayNumber } from '../graph/dates';
import { KIND_STYLES, linkTypeLabel } from '../graph/kind-style';
import { h, replaceChildren, shapeIcon } from './dom';

export interface FilterPanelHandlers {
  toggleKind(kind: EntityKind, visible: boolean): void;
  toggleLinkType(type: LinkType, visible: boolean): void;
  /** `final`: the user settled on it (not a step while dragging the slider). */
  setAsOf(day: string | null, final: boolean): void;
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
  // A text field, not <input type="date">: Chromium's date field commits each segment as it is
  // typed ("06012021" went through 0001-06-01). This one commits on Enter or on leaving it.
  const dateInput = h('input', {
    type: 'text',
    id: 'asof-date',
    'aria-label': 'As-of date',
    placeholder: 'YYYY-MM-DD',
    maxlength: 10,
    inputmode: 'numeric',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'asof-error',
  });
  const dateError = h('p', { class: 'small field-error', id: 'asof-error', hidden: true });
  const summary = h('p', { class: 'small muted', id: 'asof-summary' });
  let lastRange = { min: '', max: '' };
  let committed: string | null = null;

  function showDateError(text: string | null) {
    dateError.hidden = text === null;
    dateError.textContent = text ?? '';
    if (text === null) dateInput.removeAttribute('aria-invalid');
    else dateInput.setAttribute('aria-invalid', 'true');
  }

  enabled.addEventListener('change', () => {
    showDateError(null);
    handlers.setAsOf(enabled.checked ? (committed ?? lastRange.max) : null, true);
  });
  // While dragging, the canvas follows each step; letting go settles the date (paths too).
  slider.addEventListener('input', () => {
    const day = dayFromNumber(Number(slider.value));
    dateInput.value = day;
    showDateError(null);
    handlers.setAsOf(day, false);
  });
  slider.addEventListener('change', () => {
    handlers.setAsOf(dayFromNumber(Number(slider.value)), true);
  });
  function commitTyped() {
    const text = dateInput.value.trim();
    if (text === committed) return;
    const problem = checkDay(text);
    showDateError(problem);
    if (problem === null) handlers.setAsOf(text, true);
  }
  dateInput.addEventListener('change', commitTyped);
  dateInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitTyped();
    } else if (event.key === 'Escape') {
      dateInput.value = committed ?? '';
      showDateError(null);
    }
  });

  replaceChildren(
    timeRoot,
    h('label', { class: 'check' }, enabled, ' Show the graph as of a date'),
    h('div', { class: 'row' }, slider),
    h('div', { class: 'row' }, dateInput),
    dateError,
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
      committed = view.asOf;
      const shown = view.asOf ?? view.range.max;
      slider.value = String(dayNumber(shown));
      // Never overwrite what the user is typing or a value they must correct.
      if (document.activeElement !== dateInput && dateError.hidden) dateInput.value = shown;
      summary.textContent = view.asOf
        ? `As of ${view.asOf}: ${view.outOfDate} link${view.outOfDate === 1 ? '' : 's'} not valid then (faded).`
        : 'All links shown whatever their dates.';
    },
  };
}
