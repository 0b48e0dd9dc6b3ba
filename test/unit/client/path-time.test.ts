import { describe, expect, it } from 'vitest';
import type { PathAnswer } from '../../../client/src/api/types';
import { pathsDuring } from '../../../client/src/graph/path-time';
import { entity, link } from './fixtures';

// Lei → Xiaomi → list (listed since 2021-01-14), and a longer way through an award (2019).
const answer: PathAnswer = {
  paths: [
    { entityIds: ['lei', 'xiaomi', 'list'], linkIds: ['leads', 'listed'] },
    {
      entityIds: ['lei', 'award', 'ministry', 'list'],
      linkIds: ['received', 'conferred', 'keeps'],
    },
  ],
  hasMore: false,
  entities: ['lei', 'xiaomi', 'list', 'award', 'ministry'].map((id) => entity(id, 'PERSON')),
  links: [
    link('leads', 'lei', 'xiaomi'),
    link('listed', 'xiaomi', 'list', { since: '2021-01-14' }),
    link('received', 'lei', 'award', { on: '2019' }),
    link('conferred', 'award', 'ministry', { on: '2019' }),
    link('keeps', 'ministry', 'list', { until: '2020-06' }),
  ],
};

describe('paths over a date range', () => {
  it('keeps paths whose every link was valid at some time in the range', () => {
    const early = pathsDuring(answer, '2019-01-01', '2020-12-31', false);
    expect(early.paths.map((p) => p.linkIds)).toEqual([['received', 'conferred', 'keeps']]);
    expect(early.entities.map((e) => e.id).sort()).toEqual(['award', 'lei', 'list', 'ministry']);
    expect(early.links.map((l) => l.id)).toEqual(['received', 'conferred', 'keeps']);
    expect(pathsDuring(answer, '2021-02-01', '2021-06-01', false).paths).toHaveLength(1);
    expect(pathsDuring(answer, '2018-01-01', '2018-12-31', false).paths).toEqual([]);
  });

  it('keeps only the shortest of them when asked', () => {
    const both = pathsDuring(answer, '2019-01-01', '2021-06-01', false);
    expect(both.paths).toHaveLength(2);
    const shortest = pathsDuring(answer, '2019-01-01', '2021-06-01', true);
    expect(shortest.paths.map((p) => p.linkIds)).toEqual([['leads', 'listed']]);
  });
});
