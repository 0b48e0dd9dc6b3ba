import { describe, expect, it } from 'vitest';
import type { Change } from '../../../client/src/api/investigations-api';
import {
  changedIds,
  changesBadgeText,
  describeChange,
  lastOpened,
  rememberOpened,
} from '../../../client/src/state/changes-summary';
import { entity, link } from './fixtures';

function memory() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const sub = entity('company:sub', 'COMPANY', 'Xiaomi Sub');
const appeared: Change = {
  kind: 'APPEARED',
  at: '2026-12-01T10:00:00Z',
  by: 'ada',
  entity: sub,
  link: null,
  detail: null,
};
const linkChange: Change = {
  kind: 'RETRACTED',
  at: '2026-12-01T11:00:00Z',
  by: null,
  entity: null,
  link: link('link:x', 'company:xiaomi', 'company:sub', { type: 'OWNS' }),
  detail: null,
};

describe('changes since the last opening', () => {
  it('remembers when each investigation was last opened, per id, ignoring garbage', () => {
    const storage = memory();
    expect(lastOpened(storage, 'investigation:a')).toBeNull();
    rememberOpened(storage, 'investigation:a', '2026-12-01T09:00:00.000Z');
    expect(lastOpened(storage, 'investigation:a')).toBe('2026-12-01T09:00:00.000Z');
    expect(lastOpened(storage, 'investigation:b')).toBeNull();
    storage.setItem('threadline.opened.investigation:b', 'yesterday-ish');
    expect(lastOpened(storage, 'investigation:b')).toBeNull();
    expect(lastOpened(null, 'investigation:a')).toBeNull();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberOpened(full, 'investigation:a', '2026-12-01T09:00:00.000Z')).not.toThrow();
  });

  it('draws changed entities and both ends of changed links', () => {
    expect(changedIds([appeared, linkChange])).toEqual({
      entityIds: ['company:sub', 'company:xiaomi'],
      linkIds: ['link:x'],
    });
  });

  it('says what changed in words and counts it', () => {
    const names: Record<string, string> = { 'company:xiaomi': 'Xiaomi' };
    const name = (id: string) => names[id] ?? id;
    expect(describeChange(appeared, name)).toBe('Xiaomi Sub appeared');
    expect(describeChange(linkChange, name)).toBe('Xiaomi → owns → company:sub was retracted');
    expect(changesBadgeText(0, false)).toBe('No changes since you last opened this');
    expect(changesBadgeText(1, false)).toBe('1 change since you last opened this');
    expect(changesBadgeText(3, false)).toBe('3 changes since you last opened this');
    expect(changesBadgeText(1000, true)).toBe('1000+ changes since you last opened this');
  });
});
