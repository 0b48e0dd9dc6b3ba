/**
 * Keyboard shortcuts: which key means what is decided by state/shortcuts.ts; this runs it.
 */
import { type Shortcut, shortcutFor } from '../state/shortcuts';
import { clearPath, type StepMove } from '../state/view';
import { byId } from '../ui/dom';
import type { ExplorerCore } from './context';

export interface KeyboardDeps {
  expand(id: string): void;
  undo(): void;
  clearSelection(): void;
  /** false when no path is shown. */
  stepPath(move: StepMove): boolean;
}

export function mountKeyboard(core: ExplorerCore, deps: KeyboardDeps) {
  const { view } = core;
  const help = byId<HTMLDialogElement>('help');

  /** Runs a shortcut; true when it did something (the key is then not passed on). */
  function run(shortcut: Shortcut): boolean {
    switch (shortcut) {
      case 'help':
        help.showModal();
        return true;
      case 'next-path':
        return deps.stepPath('next');
      case 'previous-path':
        return deps.stepPath('previous');
      case 'all-or-one':
        return deps.stepPath('all-or-one');
      case 'fit':
        core.canvas.fit();
        return true;
      case 'expand':
        if (view.selected?.type !== 'entity') return false;
        deps.expand(view.selected.id);
        return true;
      case 'focus-search':
        byId<HTMLInputElement>('search').focus();
        return true;
      case 'escape':
        // The selection first, then the path; the key stays with the page (dialogs close).
        if (view.selected) deps.clearSelection();
        else if (view.path) {
          clearPath(view, false);
          core.refresh();
        }
        return false;
      case 'undo':
        deps.undo();
        return true;
    }
  }

  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const shortcut = shortcutFor({
      key: event.key,
      ctrl: event.ctrlKey,
      meta: event.metaKey,
      alt: event.altKey,
      typing:
        target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement,
      dialogOpen: help.open,
    });
    if (shortcut && run(shortcut)) event.preventDefault();
  });
}
