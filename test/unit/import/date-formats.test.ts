import { describe, expect, it } from 'vitest';
import {
  compileDateFormat,
  type DateFormat,
  readDate,
  TWO_DIGIT_YEAR_PIVOT,
} from '../../../server/import/date-formats';

const format = (text: string) => {
  const compiled = compileDateFormat(text);
  if (typeof compiled === 'string') throw new Error(compiled);
  return compiled;
};
const read = (cell: string, ...formats: string[]) =>
  readDate(cell, formats.map(format) as DateFormat[]);

describe('date formats per column', () => {
  it('reads the formats real lists are written in', () => {
    expect(read('02.12.2019', 'DD.MM.YYYY')).toBe('2019-12-02');
    expect(read('2.1.2019', 'DD.MM.YYYY')).toBe('2019-01-02');
    expect(read('2019/03/12', 'YYYY/MM/DD')).toBe('2019-03-12');
    expect(read('March 12, 2021', 'MMMM D, YYYY')).toBe('2021-03-12');
    expect(read('October 1, 2027', 'MMMM D, YYYY')).toBe('2027-10-01');
    expect(read('october   1,  2027', 'MMMM D, YYYY')).toBe('2027-10-01');
    expect(read('12 March 2021', 'D MMMM YYYY')).toBe('2021-03-12');
    expect(read('12 Mar. 2021', 'D MMM YYYY')).toBe('2021-03-12');
    expect(read('Sept 3, 2020', 'MMM D, YYYY')).toBe('2020-09-03');
  });

  it('turns two-digit years into the century the documented pivot gives', () => {
    expect(TWO_DIGIT_YEAR_PIVOT).toBe(69);
    expect(read('13.07.23', 'DD.MM.YY')).toBe('2023-07-13');
    expect(read('31.12.68', 'DD.MM.YY')).toBe('2068-12-31');
    expect(read('01.01.69', 'DD.MM.YY')).toBe('1969-01-01');
    expect(read('01.01.99', 'DD.MM.YY')).toBe('1999-01-01');
  });

  it('keeps partial dates partial and accepts ISO dates in any column', () => {
    expect(read('03.2021', 'MM.YYYY')).toBe('2021-03');
    expect(read('March 2021', 'MMMM YYYY')).toBe('2021-03');
    expect(read('2021', 'DD.MM.YYYY')).toBe('2021');
    expect(read('2021-03', 'DD.MM.YYYY')).toBe('2021-03');
    expect(read('2021-03-12')).toBe('2021-03-12');
  });

  it('tries the formats in order and refuses days that do not exist', () => {
    expect(read('03/04/2021', 'MM/DD/YYYY', 'DD/MM/YYYY')).toBe('2021-03-04');
    expect(read('13/04/2021', 'MM/DD/YYYY', 'DD/MM/YYYY')).toBe('2021-04-13');
    expect(read('31.02.2021', 'DD.MM.YYYY')).toBeNull();
    expect(read('29.02.2023', 'DD.MM.YYYY')).toBeNull();
    expect(read('29.02.2024', 'DD.MM.YYYY')).toBe('2024-02-29');
    expect(read('Smarch 3, 2020', 'MMMM D, YYYY')).toBeNull();
    expect(read('12.03.2021 extra', 'DD.MM.YYYY')).toBeNull();
    expect(read('21/01/2021')).toBeNull();
  });

  it('explains a format it cannot use', () => {
    expect(compileDateFormat('DD.MM')).toBe('"DD.MM" has no year (YYYY or YY)');
    expect(compileDateFormat('DD.YYYY')).toBe('"DD.YYYY" has a day but no month');
    expect(compileDateFormat('MM/MMMM/YYYY')).toBe('"MM/MMMM/YYYY" names the month twice');
    expect(compileDateFormat('dd.mm.yyyy')).toMatch(/has "d", which is no token; use YYYY/);
  });
});
