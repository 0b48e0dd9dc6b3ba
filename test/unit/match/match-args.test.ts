import { describe, expect, it } from 'vitest';
import { MatchUsageError, parseMatchArgs } from '../../../server/cli/match-args';

describe('parseMatchArgs', () => {
  it('has defaults and reads every option', () => {
    expect(parseMatchArgs([])).toMatchObject({
      entity: null,
      kind: null,
      minScore: 0.5,
      first: 20,
      page: 1,
    });
    expect(
      parseMatchArgs([
        '--kind',
        'GOVERNMENT_LIST',
        '--min-score',
        '0.8',
        '--first',
        '5',
        '--page',
        '3',
        '--json',
        '--auto',
      ]),
    ).toEqual({
      entity: null,
      kind: 'GovernmentList',
      minScore: 0.8,
      first: 5,
      page: 3,
      json: true,
      auto: true,
      reconcile: false,
    });
    expect(parseMatchArgs(['--entity', 'company:xiaomi'])).toMatchObject({
      entity: 'company:xiaomi',
    });
    expect(parseMatchArgs(['--help'])).toBe('help');
  });

  it('refuses bad values, saying what is allowed', () => {
    const cases: [string[], RegExp][] = [
      [['--kind', 'Planet'], /--kind must be one of Person, Company/],
      [['--min-score', '1.5'], /--min-score must be a number from 0 to 1; got "1.5"/],
      [['--min-score', ''], /--min-score must be a number/],
      [['--first', '2.5'], /--first must be an integer from 1 to 1000/],
      [['--page', '0'], /--page must be an integer/],
      [['--entity'], /--entity needs a value/],
      [['--entity', '--json'], /--entity needs a value/],
      [['--entity', 'a', '--kind', 'Company'], /not both/],
      [['--frobnicate'], /Unknown option "--frobnicate"/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseMatchArgs(argv)).toThrow(MatchUsageError);
      expect(() => parseMatchArgs(argv)).toThrow(message);
    }
  });
});
