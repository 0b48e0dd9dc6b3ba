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
  /** The end of a date range from the as-of date; null: a single day. */
  setAsOfTo(day: string | null): void;
  showHidden(): void;
}

export interface FilterPanelView {
  kindCounts: Map<EntityKind, number>;
  linkTypeCounts: Map<LinkType, number>;
  hiddenKinds: ReadonlySet<EntityKind>;
  hiddenLinkTypes: ReadonlySet<LinkType>;
  hiddenEntities: number;
  asOf: string | null;
  asOfTo: string | null;
  range: { min: string; max: string };
  outOfDate: number;
}

/**
 * A date typed as YYYY-MM-DD, not <input type="date">: Chromium's date field commits each
 * segment as it is typed ("06012021" went through 0001-06-01). This one commits on Enter or on
 * leaving it; `commit` applies the text and returns why it is unusable, or null.
 */
function dayField(
  id: string,
  label: string,
  placeholder: string,
  commit: (text: string) => string | null,
) {
  const input = h('input', {
    type: 'text',
    id,
    'aria-label': label,
    placeholder,
    maxlength: 10,
    inputmode: 'numeric',
    spellcheck: 'false',
    autocomplete: 'off',
    class: 'day-field',
    'aria-describedby': `${id}-error`,
  });
  const error = h('p', { class: 'small field-error', id: `${id}-error`, hidden: true });
  const field = {
    input,
    error,
    /** The value the view uses now. */
    committed: null as string | null,
    showError(text: string | null) {
      error.hidden = text === null;
      error.textContent = text ?? '';
      if (text === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    },
    /** Shows the view's value, unless the user is typing or must correct what they typed. */
    show(text: string, committed: string | null, disabled: boolean) {
      field.committed = committed;
      input.disabled = disabled;
      if (document.activeElement !== input && error.hidden) input.value = text;
    },
  };
  const apply = () => {
    const text = input.value.trim();
    if (text === (field.committed ?? '')) return;
    field.showError(commit(text));
  };
  input.addEventListener('change', apply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      input.value = field.committed ?? '';
      field.showError(null);
    }
  });
  return field;
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
  const day = dayField('asof-date', 'As-of date (or start of a range)', 'YYYY-MM-DD', (text) => {
    const problem = checkDay(text);
    if (problem === null) handlers.setAsOf(text, true);
    return problem;
  });
  const until = dayField('asof-to', 'End of the date range (optional)', 'to (optional)', (text) => {
    if (text === '') {
      handlers.setAsOfTo(null);
      return null;
    }
    const problem = checkDay(text);
    if (problem) return problem;
    if (day.committed === null || text <= day.committed)
      return `The range must end after its start (${day.committed ?? 'no start date'}).`;
    handlers.setAsOfTo(text);
    return null;
  });
  const summary = h('p', { class: 'small muted', id: 'asof-summary' });
  let lastRange = { min: '', max: '' };

  enabled.addEventListener('change', () => {
    day.showError(null);
    until.showError(null);
    handlers.setAsOf(enabled.checked ? (day.committed ?? lastRange.max) : null, true);
  });
  // While dragging, the canvas follows each step; letting go settles the date (paths too).
  slider.addEventListener('input', () => {
    const value = dayFromNumber(Number(slider.value));
    day.input.value = value;
    day.showError(null);
    handlers.setAsOf(value, false);
  });
  slider.addEventListener('change', () => {
    handlers.setAsOf(dayFromNumber(Number(slider.value)), true);
  });

  replaceChildren(
    timeRoot,
    h('label', { class: 'check' }, enabled, ' Show the graph as of a date'),
    h('div', { class: 'row' }, slider),
    h('div', { class: 'row' }, day.input, ' – ', until.input),
    day.error,
    until.error,
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
      enabled.checked = view.asOf !== null;
      slider.disabled = view.asOf === null;
      const shown = view.asOf ?? view.range.max;
      slider.value = String(dayNumber(shown));
      day.show(shown, view.asOf, view.asOf === null);
      until.show(view.asOfTo ?? '', view.asOfTo, view.asOf === null);
      const links = `${view.outOfDate} link${view.outOfDate === 1 ? '' : 's'}`;
      summary.textContent = !view.asOf
        ? 'All links shown whatever their dates.'
        : view.asOfTo
          ? `From ${view.asOf} to ${view.asOfTo}: ${links} not valid at any time then (faded).`
          : `As of ${view.asOf}: ${links} not valid then (faded).`;
    },
  };
}
