/**
 * Loading states and failures. Every request goes through `track`: while it runs the header
 * says what is loading; when it fails a banner says what failed and why, and the rest of the
 * page keeps working.
 */
import { ApiError } from '../api/graphql-api';
import { h, replaceChildren } from './dom';

export interface Activity {
  /** Runs `work`, showing `label` while it is pending; failures are reported, not thrown. */
  track<T>(label: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
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

  return {
    async track(label, work) {
      const id = next++;
      const controller = new AbortController();
      pending.set(id, label);
      renderIndicator();
      try {
        return await work(controller.signal);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return undefined;
        const detail =
          error instanceof ApiError
            ? error.detail
            : error instanceof Error
              ? error.message
              : String(error);
        const sentence = detail.replace(/[.\s]+$/, '');
        show('error', `${label} failed:`, `${sentence}. The view is unchanged; try again.`);
        return undefined;
      } finally {
        pending.delete(id);
        renderIndicator();
      }
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
