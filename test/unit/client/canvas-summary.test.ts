import { describe, expect, it } from 'vitest';
import type { PathAnswer } from '../../../client/src/api/types';
import { canvasSummary, countOnCanvas } from '../../../client/src/state/canvas-summary';
import { addToStore, createStore } from '../../../client/src/state/graph-store';
import { createView, setAsOf, setAsOfTo, showPaths } from '../../../client/src/state/view';
import { entity, link } from './fixtures';

const lei = entity('lei', 'PERSON', 'Lei Jun');
const xiaomi = entity('xiaomi', 'COMPANY', 'Xiaomi');
const miit = entity('miit', 'MINISTRY', 'MIIT');
const links = [
  link('leads', 'lei', 'xiaomi'),
  link('founded', 'lei', 'xiaomi', { type: 'FOUNDED' }),
  link('award', 'lei', 'miit', { type: 'RECEIVED' }),
];

function store() {
  const s = createStore();
  addToStore(s, 'seed', { entities: [lei, xiaomi, miit], links });
  return s;
}

describe('the status line under the canvas', () => {
  it('counts what is on the canvas and, apart, what filters hide', () => {
    const view = createView();
    expect(canvasSummary(store(), view, { entities: 0, links: 0 })).toBe('3 entities · 3 links');
    expect(canvasSummary(store(), view, { entities: 2, links: 1 })).toBe(
      '3 entities · 3 links · 2 entities and 1 link hidden by filters',
    );
    expect(canvasSummary(store(), view, { entities: 0, links: 2 })).toBe(
      '3 entities · 3 links · 2 links hidden by filters',
    );
  });

  it('says "1 entity" and "1 link", not "1 entities"', () => {
    const one = createStore();
    addToStore(one, 'seed', { entities: [lei, xiaomi], links: [link('leads', 'lei', 'xiaomi')] });
    expect(canvasSummary(one, createView(), { entities: 0, links: 0 })).toBe('2 entities · 1 link');
    const alone = createStore();
    addToStore(alone, 'seed', { entities: [miit], links: [] });
    expect(canvasSummary(alone, createView(), { entities: 0, links: 0 })).toBe(
      '1 entity · 0 links',
    );
  });

  it('names the view’s date or range and the path step shown', () => {
    const view = createView();
    setAsOf(view, '2021-06-01');
    expect(canvasSummary(store(), view, { entities: 0, links: 0 })).toBe(
      '3 entities · 3 links · as of 2021-06-01',
    );
    setAsOfTo(view, '2022-01-01');
    const answer: PathAnswer = {
      paths: [
        { entityIds: ['lei', 'xiaomi'], linkIds: ['leads'] },
        { entityIds: ['lei', 'xiaomi'], linkIds: ['founded'] },
      ],
      hasMore: false,
      entities: [lei, xiaomi],
      links: links.slice(0, 2),
    };
    const query = {
      from: lei,
      to: xiaomi,
      maxHops: 2,
      linkTypes: [],
      mode: 'ALL' as const,
      assertedOnly: false,
      asOf: '2021-06-01',
      asOfTo: '2022-01-01',
    };
    showPaths(view, query, answer, 1);
    expect(canvasSummary(store(), view, { entities: 0, links: 0 })).toBe(
      '3 entities · 3 links · 2021-06-01 to 2022-01-01 · path 2/2 highlighted',
    );
    showPaths(view, query, answer, null);
    expect(canvasSummary(store(), view, { entities: 0, links: 0 })).toMatch(
      /path all highlighted$/,
    );
  });

  it('counts entities by kind and links by type for the filter panel', () => {
    const counts = countOnCanvas(store());
    expect(Object.fromEntries(counts.kinds)).toEqual({ PERSON: 1, COMPANY: 1, MINISTRY: 1 });
    expect(Object.fromEntries(counts.linkTypes)).toEqual({ LEADS: 1, FOUNDED: 1, RECEIVED: 1 });
  });
});
