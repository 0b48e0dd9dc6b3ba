import { describe, expect, it } from 'vitest';
import {
  firstDay,
  lastDay,
  parsePartialDate,
  validityWindow,
} from '../../../server/model/partial-date';

describe('partial dates', () => {
  it('keeps the precision the source gave', () => {
    expect(parsePartialDate('2019')?.precision).toBe('year');
    expect(parsePartialDate('2021-01')?.precision).toBe('month');
    expect(parsePartialDate('2021-01-14')?.precision).toBe('day');
  });

  it('rejects impossible or differently written dates', () => {
    for (const text of [
      '2021-02-30',
      '2021-13',
      '21-01-14',
      '14/01/2021',
      '2021-1-4',
      '',
      '2021-01-14T00:00',
    ]) {
      expect(parsePartialDate(text)).toBeNull();
    }
    expect(parsePartialDate('2024-02-29')).not.toBeNull();
  });

  it('turns a partial date into its first and last possible day', () => {
    const feb = parsePartialDate('2020-02');
    const year = parsePartialDate('2019');
    if (!feb || !year) throw new Error('fixture dates must parse');
    expect(firstDay(year)).toBe('2019-01-01');
    expect(lastDay(year)).toBe('2019-12-31');
    expect(lastDay(feb)).toBe('2020-02-29');
  });

  it('derives the validity window of a link from since/until or on', () => {
    expect(validityWindow({ since: '2021-01-14' })).toEqual({
      validFrom: '2021-01-14',
      validTo: null,
    });
    expect(validityWindow({ since: '2019', until: '2020' })).toEqual({
      validFrom: '2019-01-01',
      validTo: '2020-12-31',
    });
    expect(validityWindow({ on: '2019' })).toEqual({ validFrom: '2019-01-01', validTo: null });
    expect(validityWindow({})).toEqual({ validFrom: null, validTo: null });
  });

  it('names the field of a malformed date and refuses a period that ends before it starts', () => {
    expect(() => validityWindow({ since: '2021-02-30' })).toThrow(
      /since "2021-02-30" is not a date/,
    );
    expect(() => validityWindow({ since: '2021', until: '2020' })).toThrow(/before since/);
  });
});
