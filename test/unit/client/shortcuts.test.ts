import { describe, expect, it } from 'vitest';
import { type KeyState, shortcutFor } from '../../../client/src/state/shortcuts';

const press = (key: string, more: Partial<KeyState> = {}): KeyState => ({
  key,
  ctrl: false,
  meta: false,
  alt: false,
  typing: false,
  dialogOpen: false,
  ...more,
});

describe('keyboard shortcuts', () => {
  it('maps the single keys of the ? list', () => {
    expect(['?', 'n', 'p', 'a', 'f', 'e', '/'].map((k) => shortcutFor(press(k)))).toEqual([
      'help',
      'next-path',
      'previous-path',
      'all-or-one',
      'fit',
      'expand',
      'focus-search',
    ]);
    expect(shortcutFor(press('Escape'))).toBe('escape');
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('N'))).toBeNull();
  });

  it('does nothing while the user types in a field, not even Escape or Ctrl+Z', () => {
    for (const key of ['n', '/', '?', 'Escape'])
      expect(shortcutFor(press(key, { typing: true }))).toBeNull();
    expect(shortcutFor(press('z', { ctrl: true, typing: true }))).toBeNull();
  });

  it('leaves single keys with a modifier to the browser (Ctrl+F finds, Alt+N is not next)', () => {
    expect(shortcutFor(press('f', { ctrl: true }))).toBeNull();
    expect(shortcutFor(press('n', { alt: true }))).toBeNull();
    expect(shortcutFor(press('e', { meta: true }))).toBeNull();
  });

  it('undoes with Ctrl+Z or Cmd+Z, not with a plain z', () => {
    expect(shortcutFor(press('z', { ctrl: true }))).toBe('undo');
    expect(shortcutFor(press('z', { meta: true }))).toBe('undo');
    expect(shortcutFor(press('z'))).toBeNull();
  });

  it('lets the open help dialog keep its keys', () => {
    expect(shortcutFor(press('n', { dialogOpen: true }))).toBeNull();
    expect(shortcutFor(press('?', { dialogOpen: true }))).toBeNull();
  });
});
