/**
 * A small form for the tab's access token (api/access-token.ts): type it, keep it for this tab,
 * or forget it. Self-contained, so any panel that writes (investigations, reviews) can mount
 * one. The token is never shown back: the field is a password field and is emptied once kept.
 */
import { readAccessToken, writeAccessToken } from '../api/access-token';
import { h, replaceChildren } from './dom';

export interface TokenField {
  element: HTMLElement;
  /** Redraws the state line (after another panel changed the token). */
  render(): void;
}

let fields = 0;

export function createTokenField(onChange: () => void = () => {}): TokenField {
  const id = `token-input-${++fields}`;
  const input = h('input', {
    id,
    type: 'password',
    class: 'field token-input',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Paste a token',
  });
  const state = h('span', { class: 'token-state small muted', 'aria-live': 'polite' });
  const forget = h('button', { type: 'button', class: 'token-forget' }, 'Forget');
  const form = h(
    'form',
    { class: 'token-field' },
    h('label', { for: id, class: 'small' }, 'Access token'),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, 'Use'), forget),
    state,
  );

  function render() {
    const set = readAccessToken() !== null;
    forget.disabled = !set;
    replaceChildren(
      state,
      set
        ? 'A token is kept for this tab and sent with every request.'
        : 'No token: you can open investigations; saving needs a write token.',
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    writeAccessToken(input.value);
    input.value = '';
    render();
    onChange();
  });
  forget.addEventListener('click', () => {
    writeAccessToken(null);
    render();
    onChange();
  });
  render();
  return { element: form, render };
}
