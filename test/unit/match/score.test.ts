import { describe, expect, it } from 'vitest';
import { candidatesFor, findCandidates } from '../../../server/match/candidates';
import { baseWeight, type MatchRecord, prepareRecord } from '../../../server/match/prepare';
import {
  AUTO_THRESHOLD,
  compatibleKinds,
  MATCH_THRESHOLD,
  scorePair,
} from '../../../server/match/score';

const company = (id: string, name: string, more: Partial<MatchRecord> = {}): MatchRecord => ({
  id,
  kind: 'Company',
  name,
  ...more,
});
const score = (a: MatchRecord, b: MatchRecord) =>
  scorePair(prepareRecord(a), prepareRecord(b), baseWeight);
const featureNames = (a: MatchRecord, b: MatchRecord) => score(a, b).features.map((f) => f.name);

describe('scorePair', () => {
  it('scores the same name in two legal forms as the same, and explains it', () => {
    const result = score(
      company('a', 'Huawei Technologies Company'),
      company('b', 'Huawei Technologies Co., Ltd.'),
    );
    expect(result.score).toBe(1);
    expect(result.autoJoinable).toBe(true);
    expect(result.features[0]?.detail).toContain('legal forms are folded');
  });

  it('matches an initialism to the spelled-out name, and a shared bracketed one', () => {
    const spelled = company('a', 'Academy of Military Medical Sciences');
    const initialism = score(spelled, company('b', 'AMMS')).features.find(
      (f) => f.name === 'initialism',
    );
    expect(initialism?.detail).toBe('"AMMS" is the initials of the other\'s name');
    const shared = score(
      company('a', 'Yangtze Memory Technologies Corp', { aliases: ['YMTC'] }),
      company('b', 'Yangtze Memory Technologies Co., Ltd. (YMTC)'),
    ).features.find((f) => f.name === 'initialism');
    expect(shared?.detail).toBe('both are known as "YMTC"');
  });

  it('lowers a subsidiary against its listed parent below the review threshold', () => {
    const parent = company('p', 'Semiconductor Manufacturing International Corporation', {
      aliases: ['SMIC'],
    });
    const child = company('c', 'Semiconductor Manufacturing International (Beijing) Corporation', {
      parentNames: ['Semiconductor Manufacturing International Corporation'],
    });
    const result = score(child, parent);
    expect(result.features.find((f) => f.name === 'parentConflict')?.detail).toContain(
      'subsidiary',
    );
    expect(result.score).toBeLessThan(0.5);
  });

  it('lowers conflicting country, founding year, numbers and places', () => {
    expect(
      featureNames(
        company('a', 'Alpha Widgets', { country: 'China' }),
        company('b', 'Alpha Widgets', { country: 'Russia' }),
      ),
    ).toContain('countryConflict');
    expect(
      featureNames(
        company('a', 'Alpha Widgets', { founded: '1999-02' }),
        company('b', 'Alpha Widgets', { founded: '2004' }),
      ),
    ).toContain('foundedConflict');
    expect(
      featureNames(
        company('a', '14th Research Institute of CETC'),
        company('b', '15th Research Institute of CETC'),
      ),
    ).toContain('numberConflict');
    expect(
      featureNames(
        company('a', 'Air Force Harbin Flight Academy'),
        company('b', "Air Force Xi'an Flight Academy"),
      ),
    ).toContain('placeConflict');
    const same = score(
      company('a', 'Alpha Widgets'),
      company('b', 'Alpha Widgets', { country: 'China' }),
    );
    expect(same.score).toBe(1);
  });

  it('raises a shared identifier and lowers a conflicting one', () => {
    const a = company('a', 'Alpha Widgets', {
      identifiers: { website: ['https://www.alpha.example/about'] },
    });
    const b = company('b', 'Alpha Widget Works', { identifiers: { website: ['alpha.example'] } });
    const c = company('c', 'Alpha Widget Works', { identifiers: { website: ['other.example'] } });
    expect(score(a, b).score).toBeGreaterThan(score(a, c).score + 0.5);
    expect(featureNames(a, c)).toContain('identifierConflict');
  });

  it('counts shared neighbours as weak evidence', () => {
    const a = company('a', 'Alpha Widgets Trading', { neighbourIds: ['person:x', 'company:y'] });
    const b = company('b', 'Alpha Widgets', { neighbourIds: ['person:x', 'company:y'] });
    const shared = score(a, b).features.find((f) => f.name === 'sharedNeighbours');
    expect(shared?.value).toBe(2);
    expect(shared?.contribution).toBe(0.1);
  });

  it('never auto-joins a pair with anything against it, however close the names', () => {
    const result = score(
      company('a', 'Alpha Widgets', { country: 'China' }),
      company('b', 'Alpha Widgets', { country: 'Taiwan' }),
    );
    expect(result.score).toBeLessThan(AUTO_THRESHOLD);
    expect(result.autoJoinable).toBe(false);
  });

  it('gives 0 and says why when a name is only legal forms or empty', () => {
    for (const name of ['', 'Co., Ltd.', '***']) {
      const result = score(company('a', name), company('b', 'Co., Ltd.'));
      expect(result.score).toBe(0);
      expect(result.features[0]?.detail).toContain('no name left');
    }
  });

  it('scores huge and CJK names without crashing, within bounds', () => {
    const huge = company('a', `${'Alpha Beta '.repeat(50_000)}Company`);
    const result = score(huge, company('b', 'Alpha Beta Company'));
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(
      score(company('a', '华为技术有限公司'), company('b', '华为技术股份有限公司')).score,
    ).toBe(1);
    expect(
      score(company('a', '华为技术有限公司'), company('b', '中兴通讯股份有限公司')).score,
    ).toBeLessThan(MATCH_THRESHOLD);
  });
});

describe('compatibleKinds', () => {
  it('compares companies with organisations but never people with bodies', () => {
    expect(compatibleKinds('Company', 'Organization')).toBe(true);
    expect(compatibleKinds('Person', 'Company')).toBe(false);
  });
});

describe('findCandidates', () => {
  it('proposes each pair once, best first, with ids in a fixed order', () => {
    const records = [
      company('z', 'Huawei Technologies Company'),
      company('a', 'Huawei Technologies Co., Ltd.'),
      company('m', 'Zhejiang Dahua Technology Co., Ltd.'),
      company('d', 'Dahua Technology Company'),
      { id: 'p', kind: 'Person', name: 'Huawei Technologies' },
    ];
    const found = findCandidates(records);
    expect(found.map((c) => [c.a, c.b])).toEqual([
      ['a', 'z'],
      ['d', 'm'],
    ]);
  });

  it('skips excluded pairs and honours minScore', () => {
    const records = [company('a', 'Alpha Widgets'), company('b', 'Alpha Widgets Co.')];
    expect(findCandidates(records, { exclude: (a, b) => a === 'a' && b === 'b' })).toEqual([]);
    expect(
      findCandidates([company('a', 'Alpha'), company('b', 'Alpha Omega Gamma Delta')], {
        minScore: 0.99,
      }),
    ).toEqual([]);
  });

  it('stays far from quadratic: 20,000 records sharing generic words in about a second', () => {
    const words = ['china', 'technology', 'group', 'industry', 'international'];
    const records = Array.from({ length: 20_000 }, (_, i) =>
      company(`c${i}`, `${words[i % 5]} Name${i} ${words[(i + 1) % 5]} Company`),
    );
    records.push(company('dup', 'china Name0 technology Co., Ltd.'));
    const started = performance.now();
    const found = findCandidates(records);
    const ms = performance.now() - started;
    expect(found[0]).toMatchObject({ a: 'c0', b: 'dup', score: 1 });
    expect(ms).toBeLessThan(5_000);
  });
});

describe('candidatesFor', () => {
  it('scores one record against a pool, leaving itself and other kinds out', () => {
    const target = company('a', 'Yangtze Memory Technologies Corp', { aliases: ['YMTC'] });
    const pool = [
      target,
      company('b', 'Yangtze Memory Technologies Co., Ltd. (YMTC)'),
      { id: 'p', kind: 'Person', name: 'Yangtze Memory' },
    ];
    const found = candidatesFor(target, pool);
    expect(found.map((c) => c.b)).toEqual(['b']);
    expect(found[0]?.features.map((f) => f.name)).toEqual(['name', 'initialism']);
  });
});
