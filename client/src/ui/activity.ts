/**
 * Loading states and failures. Every request goes through `track`: while it runs the header
 * says what is loading; when it fails a banner says what failed and why, and the rest of the
 * page keeps working.
 */
import { ApiError } from '../api/graphql-api';
import { h, replaceChildren } from './dom';

export type Outcome<T> = { ok: true; value: T } | { ok: false; detail: string };

export interface Activity {
  /** Runs `work`, showing `label` while it is pending; failures are reported, not thrown. */
  track<T>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  /**
   * Like `track`, but a failure is returned for the caller to show where the user is looking
   * (the search box's own list); an abort gives undefined.
   */
  attempt<T>(
    label: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T> | undefined>;
  /** Shows a failure that did not come from a request. */
  report(what: string, detail: string): void;
  showNotice(text: string): void;
  clearError(): void;
  readonly busy: boolean;
}

/** How long a notice (not an error) stays on screen. */
const NOTICE_MS = 6000;

export function createActivity(indicator: HTMLElement, banner: HTMLElement): Activity {
  const pending = new Map<number, string>();
  let next = 0;

  function renderIndicator() {
    const labels = [...pending.values()];
    indicator.classList.toggle('busy', labels.length > 0);
    document.body.setAttribute('aria-busy', labels.length > 0 ? 'true' : 'false');
    replaceChildren(
      indicator,
      labels.length ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
      labels.length ? `${labels.at(-1)}…` : '',
    );
  }

  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  function show(kind: 'error' | 'notice', title: string, detail: string) {
    clearTimeout(noticeTimer);
    // Notices go away by themselves; errors stay until dismissed or replaced.
    if (kind === 'notice') noticeTimer = setTimeout(clear, NOTICE_MS);
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    replaceChildren(
      banner,
      h('div', { class: 'banner-text' }, h('strong', {}, title), detail ? ` ${detail}` : ''),
      h(
        'button',
        { type: 'button', class: 'banner-close', 'aria-label': 'Dismiss', onclick: () => clear() },
        '×',
      ),
    );
  }

  function clear() {
    banner.hidden = true;
    replaceChildren(banner);
  }

  async function attempt<T>(
    label: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<Outcome<T> | undefined> {
    const id = next++;
    const controller = new AbortController();
    pending.set(id, label);
    renderIndicator();
    try {
      return { ok: true, value: await work(controller.signal) };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      const detail =
        error instanceof ApiError
          ? error.detail
          : error instanceof Error
            ? error.message
            : String(error);
      return { ok: false, detail: detail.replace(/[.\s]+$/, '') };
    } finally {
      pending.delete(id);
      renderIndicator();
    }
  }

  return {
    attempt,
    async track(label, work) {
      const outcome = await attempt(label, work);
      if (outcome?.ok) return outcome.value;
      if (outcome)
        show('error', `${label} failed:`, `${outcome.detail}. The view is unchanged; try again.`);
      return undefined;
    },
    report(what, detail) {
      show('error', what, detail);
    },
    showNotice(text) {
      show('notice', text, '');
    },
    clearError: clear,
    get busy() {
      return pending.size > 0;
    },
  };
}
