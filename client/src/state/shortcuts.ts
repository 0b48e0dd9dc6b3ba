/**
 * Which command a key press means (the keys listed in the `?` dialog). Pure, so the rules —
 * no shortcut while typing in a field, single keys only without modifiers and with the dialog
 * closed — are unit-tested without a browser.
 */
export type Shortcut =
  | 'help'
  | 'next-path'
  | 'previous-path'
  | 'all-or-one'
  | 'fit'
  | 'expand'
  | 'focus-search'
  | 'escape'
  | 'undo';

export interface KeyState {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** The focus is in a text field, select or text area: the key is typing. */
  typing: boolean;
  /** The `?` dialog is open (it handles its own keys). */
  dialogOpen: boolean;
}

const SINGLE_KEYS: Readonly<Record<string, Shortcut>> = {
  '?': 'help',
  n: 'next-path',
  p: 'previous-path',
  a: 'all-or-one',
  f: 'fit',
  e: 'expand',
};

export function shortcutFor(press: KeyState): Shortcut | null {
  if (press.typing) return null;
  const modified = press.ctrl || press.meta || press.alt;
  const single = SINGLE_KEYS[press.key];
  if (single && !modified && !press.dialogOpen) return single;
  if (press.key === '/') return 'focus-search';
  if (press.key === 'Escape') return 'escape';
  if ((press.ctrl || press.meta) && press.key === 'z') return 'undo';
  return null;
}
