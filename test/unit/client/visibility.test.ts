import { describe, expect, it } from 'vitest';
import { computeVisibility, emptyFilters } from '../../../client/src/graph/visibility';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { entity, link } from './fixtures';

function store() {
  const s = createStore();
  addToStore(s, 'seed', {
    entities: [
      entity('lei', 'PERSON'),
      entity('xiaomi', 'COMPANY'),
      entity('list', 'GOVERNMENT_LIST'),
      entity('award', 'AWARD'),
    ],
    links: [
      link('leads', 'lei', 'xiaomi'),
      link('listed', 'xiaomi', 'list', { type: 'LISTED_ON', since: '2021-01-14' }),
      link('received', 'lei', 'award', { type: 'RECEIVED', on: '2019' }),
    ],
    truncated: [{ entityId: 'xiaomi', omitted: 3 }],
    expanded: ['xiaomi'],
  });
  return s;
}

describe('computeVisibility', () => {
  it('shows everything without filters', () => {
    const v = computeVisibility(store(), emptyFilters());
    expect(v.hidden.size).toBe(0);
    expect(v.outOfDate.size).toBe(0);
  });

  it('hides a kind with its links and its "+N more" badge', () => {
    const v = computeVisibility(store(), { ...emptyFilters(), hiddenKinds: new Set(['COMPANY']) });
    expect([...v.hidden].sort()).toEqual(
      ['leads', 'listed', 'more-edge:xiaomi', 'more:xiaomi', 'xiaomi'].sort(),
    );
  });

  it('hides links of a type but keeps their entities', () => {
    const v = computeVisibility(store(), {
      ...emptyFilters(),
      hiddenLinkTypes: new Set(['RECEIVED']),
    });
    expect([...v.hidden]).toEqual(['received']);
  });

  it('hides entities hidden by hand', () => {
    const v = computeVisibility(store(), {
      ...emptyFilters(),
      hiddenEntityIds: new Set(['award']),
    });
    expect(v.hidden.has('award')).toBe(true);
    expect(v.hidden.has('received')).toBe(true);
  });

  it('counts hidden entities and links, not the badges hidden with them', () => {
    const v = computeVisibility(store(), { ...emptyFilters(), hiddenKinds: new Set(['COMPANY']) });
    expect(v.hiddenEntities).toBe(1);
    expect(v.hiddenLinks).toBe(2);
  });

  it('keeps a highlighted path drawn through filters, and says which parts it kept', () => {
    const v = computeVisibility(
      store(),
      { ...emptyFilters(), hiddenLinkTypes: new Set(['LEADS']), hiddenKinds: new Set(['COMPANY']) },
      new Set(['lei', 'leads', 'xiaomi', 'listed', 'list']),
    );
    expect([...v.hidden].sort()).toEqual(['more-edge:xiaomi', 'more:xiaomi']);
    expect([...v.keptDespiteFilters].sort()).toEqual(['leads', 'listed', 'xiaomi']);
    expect(v.hiddenEntities + v.hiddenLinks).toBe(0);
  });

  it('fades links not yet valid on the as-of date', () => {
    const before = computeVisibility(store(), { ...emptyFilters(), asOf: '2020-06-01' });
    expect([...before.outOfDate]).toEqual(['listed']);
    const earlier = computeVisibility(store(), { ...emptyFilters(), asOf: '2018-06-01' });
    expect([...earlier.outOfDate].sort()).toEqual(['listed', 'received']);
    const after = computeVisibility(store(), { ...emptyFilters(), asOf: '2021-01-20' });
    expect(after.outOfDate.size).toBe(0);
  });
});
