import { describe, expect, it } from 'vitest';
import { pathRequest } from '../../../client/src/state/path-request';
import type { PathQuery } from '../../../client/src/state/view';
import { LIMITS } from '../../../server/model/limits';
import { entity } from './fixtures';

const query: PathQuery = {
  from: entity('person:lei-jun', 'PERSON', 'Lei Jun'),
  to: entity('list:dod-1260h', 'GOVERNMENT_LIST', 'DoD list'),
  maxHops: 4,
  linkTypes: ['LEADS', 'LISTED_ON'],
  mode: 'ALL',
  assertedOnly: true,
  asOf: '2021-06-01',
  asOfTo: null,
};

describe('a path search as the API is asked it', () => {
  it('sends the search as chosen, on the view’s day, asserted links only', () => {
    expect(pathRequest(query)).toEqual({
      args: {
        from: 'person:lei-jun',
        to: 'list:dod-1260h',
        maxHops: 4,
        linkTypes: ['LEADS', 'LISTED_ON'],
        statuses: ['ASSERTED'],
        asOf: '2021-06-01',
        mode: 'ALL',
        limit: undefined,
      },
      range: null,
      shortestOnly: false,
    });
  });

  it('leaves statuses to the API’s rule when denied and disputed links may take part', () => {
    const request = pathRequest({ ...query, assertedOnly: false, mode: 'ALL_SHORTEST' });
    expect(request.args.statuses).toBeNull();
    expect(request.args.mode).toBe('ALL_SHORTEST');
    expect(request.shortestOnly).toBe(true);
  });

  it('asks for every simple path, up to the cap and with no day, over a date range', () => {
    const request = pathRequest({ ...query, mode: 'ALL_SHORTEST', asOfTo: '2022-01-01' });
    expect(request.args).toMatchObject({ asOf: null, mode: 'ALL', limit: LIMITS.pathLimit.max });
    expect(request.range).toEqual({ from: '2021-06-01', to: '2022-01-01' });
    // Shortest only was chosen: of the paths valid in the range, only the shortest are kept.
    expect(request.shortestOnly).toBe(true);
  });

  it('probes for the single shortest path with what the probe changes', () => {
    const request = pathRequest(query, { asOf: null, asOfTo: null, maxHops: 6 });
    expect(request.args).toMatchObject({ asOf: null, maxHops: 6, mode: 'SHORTEST', limit: 1 });
    expect(request.args.statuses).toEqual(['ASSERTED']);
    expect(request.range).toBeNull();
  });

  it('probes a range by filtering every path, keeping the shortest', () => {
    const request = pathRequest({ ...query, asOfTo: '2022-01-01' }, { maxHops: 6 });
    expect(request.args).toMatchObject({ mode: 'ALL', limit: LIMITS.pathLimit.max, maxHops: 6 });
    expect(request.shortestOnly).toBe(true);
  });
});
