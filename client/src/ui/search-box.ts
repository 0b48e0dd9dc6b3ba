/**
 * A search field with suggestions as you type (a WAI-ARIA combobox): arrow keys move, Enter
 * picks, Escape closes. Each suggestion shows the entity's kind with its legend shape.
 */
import { LIMITS } from '../../../server/model/limits';
import type { EntitySummary, SearchSuggestion } from '../api/types';
import { KIND_STYLES } from '../graph/kind-style';
import type { Outcome } from './activity';
import { h, replaceChildren, shapeIcon } from './dom';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  list: HTMLElement;
  /** The suggestions, or why the search failed (shown in the list); undefined when aborted. */
  search(text: string, signal: AbortSignal): Promise<Outcome<SearchSuggestion[]> | undefined>;
  onPick(entity: EntitySummary): void;
  /** Keep the picked name in the field (path finder) or clear it (main search). */
  keepPicked?: boolean;
}

const DEBOUNCE_MS = 150;
const MIN_LENGTH = 2;

export function createSearchBox(options: SearchBoxOptions) {
  const { input, list } = options;
  let suggestions: SearchSuggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
  let picked: EntitySummary | null = null;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.autocomplete = 'off';
  // The API refuses longer text; the field never lets the user type more.
  input.maxLength = LIMITS.searchText.max;
  list.setAttribute('role', 'listbox');

  function open(rows: HTMLElement[]) {
    replaceChildren(list, rows);
    list.hidden = rows.length === 0;
    input.setAttribute('aria-expanded', String(rows.length > 0));
  }

  function close() {
    inflight?.abort();
    clearTimeout(timer);
    open([]);
    suggestions = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
  }

  function render() {
    open(
      suggestions.map((s, i) => {
        const style = KIND_STYLES[s.entity.kind];
        const alias = s.entity.aliases.find((a) =>
          a.toLowerCase().includes(input.value.trim().toLowerCase()),
        );
        return h(
          'li',
          {
            id: `${list.id}-${i}`,
            role: 'option',
            class: i === active ? 'suggestion active' : 'suggestion',
            'aria-selected': String(i === active),
            'data-entity-id': s.entity.id,
            // mousedown, not click: it fires before the input loses focus.
            onmousedown: (event: Event) => {
              event.preventDefault();
              pick(i);
            },
          },
          shapeIcon(style.shape, style.color),
          h('span', { class: 'suggestion-name' }, s.entity.name),
          alias && alias !== s.entity.name
            ? h('span', { class: 'suggestion-alias' }, `(${alias})`)
            : null,
          h('span', { class: 'kind-badge' }, style.label),
        );
      }),
    );
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
  }

  function pick(index: number) {
    const choice = suggestions[index];
    if (!choice) return;
    picked = choice.entity;
    input.value = options.keepPicked ? choice.entity.name : '';
    close();
    options.onPick(choice.entity);
  }

  async function run(text: string) {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    open([h('li', { class: 'suggestion muted', role: 'presentation' }, 'Searching…')]);
    const outcome = await options.search(text, controller.signal);
    if (!outcome || controller.signal.aborted || input.value.trim() !== text) return;
    if (!outcome.ok) {
      // Said here, where the user is looking, not in the banner the list would cover.
      open([
        h(
          'li',
          { class: 'suggestion error', role: 'alert' },
          `Searching failed: ${outcome.detail}. Try again.`,
        ),
      ]);
      return;
    }
    const result = outcome.value;
    suggestions = result;
    active = result.length ? 0 : -1;
    if (result.length) render();
    else
      open([
        h(
          'li',
          { class: 'suggestion muted', role: 'presentation' },
          `Nothing found for “${text}”.`,
        ),
      ]);
  }

  input.addEventListener('input', () => {
    picked = null;
    const text = input.value.trim();
    clearTimeout(timer);
    if (text.length < MIN_LENGTH) {
      close();
      if (text.length > 0)
        open([
          h(
            'li',
            { class: 'suggestion muted', role: 'presentation', id: `${list.id}-hint` },
            `Type at least ${MIN_LENGTH} letters to search.`,
          ),
        ]);
      return;
    }
    timer = setTimeout(() => void run(text), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!suggestions.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      render();
    } else if (event.key === 'Enter') {
      if (active >= 0) {
        event.preventDefault();
        pick(active);
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.stopPropagation();
        close();
      } else {
        input.blur();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  return {
    /** The entity last picked from the suggestions, while the field still shows its name. */
    get picked(): EntitySummary | null {
      return picked;
    },
    set(entity: EntitySummary | null) {
      picked = entity;
      input.value = entity?.name ?? '';
    },
    close,
  };
}
