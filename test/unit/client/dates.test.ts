import { describe, expect, it } from 'vitest';
import {
  checkDay,
  dayFromNumber,
  dayNumber,
  describeTimeScope,
  firstDayOf,
  isFullDate,
  isValidOn,
  lastDayOf,
  sliderRange,
} from '../../../client/src/graph/dates';

const scope = (since: string | null, until: string | null, on: string | null = null) => ({
  since,
  until,
  on,
});

describe('partial dates', () => {
  it('widens a year or month to its first and last day', () => {
    expect(firstDayOf('2019')).toBe('2019-01-01');
    expect(lastDayOf('2019')).toBe('2019-12-31');
    expect(lastDayOf('2020-02')).toBe('2020-02-29');
    expect(lastDayOf('2021-02')).toBe('2021-02-28');
    expect(firstDayOf('2021-01-14')).toBe('2021-01-14');
  });

  it('rejects what is not a date', () => {
    expect(firstDayOf('2021-02-30')).toBeNull();
    expect(firstDayOf('14/01/2021')).toBeNull();
    expect(isFullDate('2021-01')).toBe(false);
    expect(isFullDate('2021-01-14')).toBe(true);
  });
});

describe('the as-of rule (same as the API)', () => {
  it('keeps a period from the first day of since to the last day of until', () => {
    const listed = scope('2021-01-14', null);
    expect(isValidOn(listed, '2021-01-13')).toBe(false);
    expect(isValidOn(listed, '2021-01-14')).toBe(true);
    expect(isValidOn(scope('2018', '2020'), '2020-12-31')).toBe(true);
    expect(isValidOn(scope('2018', '2020'), '2021-01-01')).toBe(false);
  });

  it('counts a one-off event as valid from its day on', () => {
    const received = scope(null, null, '2019');
    expect(isValidOn(received, '2018-12-31')).toBe(false);
    expect(isValidOn(received, '2019-01-01')).toBe(true);
    expect(isValidOn(received, '2030-01-01')).toBe(true);
  });

  it('treats an undated link as always valid', () => {
    expect(isValidOn(scope(null, null), '1900-01-01')).toBe(true);
  });
});

describe('the slider scale', () => {
  it('round-trips days through day numbers', () => {
    for (const day of ['1970-01-01', '2019-06-30', '2021-01-14', '2024-02-29']) {
      expect(dayFromNumber(dayNumber(day))).toBe(day);
    }
    expect(dayNumber('2021-01-15') - dayNumber('2021-01-14')).toBe(1);
  });

  it('spans from a year before the earliest date to today or the latest date', () => {
    const range = sliderRange([scope('2021-01-14', null), scope(null, null, '2019')], '2026-11-26');
    expect(range).toEqual({ min: '2018-01-01', max: '2026-11-26' });
    expect(sliderRange([scope(null, '2030')], '2026-11-26').max).toBe('2030-12-31');
    expect(sliderRange([], '2026-11-26')).toEqual({ min: '2025-01-01', max: '2026-11-26' });
  });
});

describe('describeTimeScope', () => {
  it('says when in words a reader expects', () => {
    expect(describeTimeScope(scope(null, null, '2019'))).toBe('2019');
    expect(describeTimeScope(scope('2021-01-14', null))).toBe('since 2021-01-14');
    expect(describeTimeScope(scope('2018', '2020'))).toBe('2018 – 2020');
    expect(describeTimeScope(scope(null, null))).toBe('');
  });
});

describe('checkDay (the as-of field)', () => {
  it('accepts a full day in a plausible year', () => {
    expect(checkDay('2021-06-01')).toBeNull();
  });

  it('refuses what typing into a date field used to produce, and other non-dates', () => {
    expect(checkDay('0001-06-01')).toContain('outside the years 1800–2199');
    expect(checkDay('06012021')).toContain('type it as YYYY-MM-DD');
    expect(checkDay('2021-02-30')).toContain('is not a date');
    expect(checkDay('2021')).toContain('is not a date');
    expect(checkDay('')).toContain('is not a date');
  });
});
