/**
 * "N changes since you last opened this": when an investigation was last opened in this
 * browser, and what of the answer to `changes` can be drawn and highlighted. Pure apart from
 * the storage handed in; unit-tested in test/unit/client/changes-summary.test.ts.
 */
import type { Change } from '../api/investigations-api';

const KEY_PREFIX = 'threadline.opened.';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** When this browser last opened the investigation (an ISO moment), or null for never. */
export function lastOpened(storage: KeyValueStore | null, id: string): string | null {
  const value = storage?.getItem(KEY_PREFIX + id) ?? null;
  return value && !Number.isNaN(Date.parse(value)) ? value : null;
}

export function rememberOpened(storage: KeyValueStore | null, id: string, at: string): void {
  try {
    storage?.setItem(KEY_PREFIX + id, at);
  } catch {
    // storage full or disabled: the badge then counts from the last time it could be kept
  }
}

export interface ChangedIds {
  /** Entities that changed, and the ends of links that changed (to draw them). */
  entityIds: string[];
  linkIds: string[];
}

export function changedIds(changes: readonly Change[]): ChangedIds {
  const entities = new Set<string>();
  const links = new Set<string>();
  for (const change of changes) {
    if (change.entity) entities.add(change.entity.id);
    if (change.link) {
      links.add(change.link.id);
      entities.add(change.link.from);
      entities.add(change.link.to);
    }
  }
  return { entityIds: [...entities], linkIds: [...links] };
}

const VERBS: Record<Change['kind'], string> = {
  APPEARED: 'appeared',
  CHANGED: 'changed',
  RETRACTED: 'was retracted',
  ENDED: 'ended',
  JOINED: 'was joined with another record',
};

/** One line per change, e.g. "Xiaomi Technology (company) appeared", with names when known. */
export function describeChange(change: Change, name: (id: string) => string): string {
  if (change.entity) return `${change.entity.name} ${VERBS[change.kind]}`;
  if (change.link) {
    const type = change.link.type.toLowerCase().replaceAll('_', ' ');
    return `${name(change.link.from)} → ${type} → ${name(change.link.to)} ${VERBS[change.kind]}`;
  }
  return `${change.kind.toLowerCase()}${change.detail ? `: ${change.detail}` : ''}`;
}

export function changesBadgeText(count: number, hasMore: boolean): string {
  if (count === 0) return 'No changes since you last opened this';
  return `${count}${hasMore ? '+' : ''} change${count === 1 && !hasMore ? '' : 's'} since you last opened this`;
}
