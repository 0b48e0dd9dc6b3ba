import { describe, expect, it } from 'vitest';
import {
  decodeViewState,
  emptyViewState,
  encodeViewState,
  type ViewState,
} from '../../../client/src/state/url-state';

const view: ViewState = {
  entityIds: ['person:lei-jun', 'company:xiaomi', 'list:us-dod-blacklist'],
  selected: { type: 'link', id: 'link:xiaomi-listed-on-us-dod-blacklist' },
  asOf: '2021-01-20',
  asOfTo: '2021-06-01',
  hiddenKinds: ['TOPIC'],
  hiddenLinkTypes: ['INVESTS_IN', 'FOUNDED'],
  hiddenEntityIds: ['company:xiaomi'],
  layout: 'concentric',
  path: {
    from: 'person:lei-jun',
    to: 'list:us-dod-blacklist',
    maxHops: 3,
    linkTypes: ['LEADS', 'LISTED_ON'],
    mode: 'ALL',
    assertedOnly: true,
    step: 1,
  },
  positions: {
    'person:lei-jun': { x: -120, y: 40 },
    'company:xiaomi': { x: 0, y: 0 },
    'list:us-dod-blacklist': { x: 130, y: -75 },
  },
};

describe('the view in the URL', () => {
  it('round-trips every part of the view', () => {
    const decoded = decodeViewState(encodeViewState(view));
    expect(decoded.problems).toEqual([]);
    expect(decoded.state).toEqual({ ...view, hiddenLinkTypes: ['FOUNDED', 'INVESTS_IN'] });
  });

  it('reads the path date of older links as the view date, and refuses an unknown path mode', () => {
    const { state, problems } = decodeViewState(
      'e=a&e=b&from=a&to=b&pathAsOf=2021-02-01&paths=every',
    );
    expect(state.asOf).toBe('2021-02-01');
    expect(state.path).toMatchObject({ mode: 'ALL_SHORTEST', assertedOnly: false });
    expect(problems).toEqual(['paths "every" is not "all" or "shortest"']);
  });

  it('keeps positions only when they fit the entities', () => {
    const rounded = decodeViewState(
      encodeViewState({
        ...emptyViewState(),
        entityIds: ['a'],
        positions: { a: { x: 1.6, y: -2.4 } },
      }),
    );
    expect(rounded.state.positions).toEqual({ a: { x: 2, y: -2 } });
    const short = decodeViewState('e=a&e=b&pos=1,2');
    expect(short.state.positions).toEqual({});
    expect(short.problems).toEqual([
      'the positions ("pos") do not match the 2 entities; the view is laid out anew',
    ]);
    expect(decodeViewState('e=a&pos=1,x').state.positions).toEqual({});
    const partial = {
      ...emptyViewState(),
      entityIds: ['a', 'b'],
      positions: { a: { x: 1, y: 1 } },
    };
    expect(encodeViewState(partial)).not.toContain('pos=');
  });

  it('drops a range end that is not after its start', () => {
    const { state, problems } = decodeViewState('asOf=2021-06-01&asOfTo=2021-01-01');
    expect(state.asOfTo).toBeNull();
    expect(problems).toEqual(['asOfTo "2021-01-01" needs an earlier asOf']);
  });

  it('encodes the empty view as an empty query', () => {
    expect(encodeViewState(emptyViewState())).toBe('');
    expect(decodeViewState('').state).toEqual(emptyViewState());
  });

  it('keeps ids with colons and other characters intact', () => {
    const odd = { ...emptyViewState(), entityIds: ['opensanctions:NK-a,b&c=d', 'x y'] };
    expect(decodeViewState(`?${encodeViewState(odd)}`).state.entityIds).toEqual(odd.entityIds);
  });

  it('selects an entity with node= and a link with link=', () => {
    const query = encodeViewState({
      ...emptyViewState(),
      selected: { type: 'entity', id: 'company:xiaomi' },
    });
    expect(query).toBe('node=company%3Axiaomi');
    expect(decodeViewState(query).state.selected).toEqual({ type: 'entity', id: 'company:xiaomi' });
  });

  it('drops what it cannot use and says why', () => {
    const { state, problems } = decodeViewState(
      '?e=a&asOf=2021-13-01&hideKinds=PERSON,ALIEN&layout=spiral&from=a&to=b&hops=9&step=zero',
    );
    expect(state.asOf).toBeNull();
    expect(state.hiddenKinds).toEqual(['PERSON']);
    expect(state.layout).toBe('fcose');
    expect(state.path).toMatchObject({ from: 'a', to: 'b', maxHops: 4, step: null });
    expect(problems).toEqual([
      'asOf "2021-13-01" is not a YYYY-MM-DD date',
      '"ALIEN" is not an entity kind',
      'layout "spiral" is not one of fcose, concentric, breadthfirst',
      'hops "9" is not a whole number from 1 to 6',
      'step "zero" is not a path number',
    ]);
  });

  it('ignores hidden ids that are not on the canvas, and a path with one end', () => {
    const { state, problems } = decodeViewState('?e=a&hidden=a&hidden=zzz&from=a');
    expect(state.hiddenEntityIds).toEqual(['a']);
    expect(state.path).toBeNull();
    expect(problems).toEqual(['a path needs both "from" and "to"']);
  });
});
