/**
 * A small form for the write token that judging (and any other write) needs. The token is
 * checked with the server before it is kept: one the server does not know is not stored, since
 * the server refuses every request that carries an unknown token, reads included.
 */
import { readAccessToken, writeAccessToken } from '../api/access-token';
import type { TokenCheck } from '../api/matching-types';
import { h, replaceChildren } from './dom';

/**
 * What is wrong with a typed token, or null. Tokens travel in an HTTP header, which takes no
 * accents or spaces (the browser would refuse to send it); the server's are 16 or more
 * characters (server/config.ts).
 */
export function tokenProblem(token: string): string | null {
  if (!token) return 'Type or paste a token first.';
  if (!/^[\x21-\x7e]+$/.test(token))
    return 'A token has only letters, digits and ASCII signs: no spaces, accents or other characters.';
  if (token.length < 16)
    return 'That is too short for a token of this server (16 characters or more).';
  return null;
}

/** null: no token in this tab; 'unchecked': one is stored but not checked yet. */
export type TokenState = TokenCheck | 'unchecked' | null;

export interface TokenBox {
  readonly state: TokenState;
  /** Checks the stored token with the server (once per call) and redraws. */
  recheck(): Promise<void>;
  /** Shows a state another box (or a check elsewhere) found, without reporting it back. */
  show(state: TokenState): void;
  render(): void;
}

const STATE_TEXT: Record<Exclude<TokenState, null>, string> = {
  write: 'A write token is set for this tab: judgements are recorded under its name.',
  'read-only': 'The token in this tab may read but not write. Judging needs a write token.',
  unknown: 'The server does not know the token in this tab. Judging needs a write token.',
  unchecked: 'A token is set for this tab.',
};

export function createTokenBox(
  container: HTMLElement,
  check: (token: string) => Promise<TokenCheck>,
  changed: (state: TokenState) => void,
): TokenBox {
  let state: TokenState = readAccessToken() ? 'unchecked' : null;
  let message: { text: string; error: boolean } | null = null;
  let busy = false;

  function set(next: TokenState) {
    state = next;
    render();
    changed(state);
  }

  async function save(input: HTMLInputElement) {
    const token = input.value.trim();
    const problem = tokenProblem(token);
    if (problem) {
      message = { text: problem, error: true };
      render();
      return;
    }
    busy = true;
    render();
    try {
      const result = await check(token);
      if (result === 'unknown') {
        message = {
          text: 'The server does not know this token; it was not kept (an unknown token would make the server refuse every request).',
          error: true,
        };
      } else {
        writeAccessToken(token);
        message = null;
      }
      busy = false;
      set(result === 'unknown' ? state : result);
    } catch (error) {
      busy = false;
      message = {
        text: `The token could not be checked: ${String((error as Error).message)}`,
        error: true,
      };
      render();
    }
  }

  function forget() {
    writeAccessToken(null);
    message = { text: 'Token forgotten for this tab.', error: false };
    set(null);
  }

  function render() {
    const input = h('input', {
      type: 'password',
      id: `${container.id}-input`,
      class: 'token-input',
      placeholder: 'Write token',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void save(input);
      }
    });
    const needsToken = state !== 'write';
    replaceChildren(
      container,
      h(
        'p',
        {
          class: `token-state small${needsToken ? ' needs-token' : ''}`,
          'data-token-state': state ?? 'none',
        },
        state ? STATE_TEXT[state] : 'Judging needs a write token (kept for this tab only).',
      ),
      needsToken || state === 'unchecked'
        ? h(
            'div',
            { class: 'row token-row' },
            h('label', { class: 'visually-hidden', for: input.id }, 'Write token'),
            input,
            h(
              'button',
              { type: 'button', disabled: busy, onclick: () => void save(input) },
              busy ? 'Checking…' : 'Use token',
            ),
          )
        : null,
      state
        ? h(
            'button',
            { type: 'button', class: 'link-button small', onclick: forget },
            'Forget the token',
          )
        : null,
      message
        ? h(
            'p',
            {
              class: `small token-message${message.error ? ' error' : ''}`,
              role: message.error ? 'alert' : null,
            },
            message.text,
          )
        : null,
    );
  }

  return {
    get state() {
      return state;
    },
    async recheck() {
      const token = readAccessToken();
      if (!token) return set(null);
      try {
        set(await check(token));
      } catch {
        // Unreachable server: keep what we knew; the next write will say why it failed.
      }
    },
    show(next) {
      state = next;
      render();
    },
    render,
  };
}
