/**
 * Date formats a mapping may name per column (`"format": "DD.MM.YYYY"`), turned into the partial
 * dates the model stores (YYYY, YYYY-MM, YYYY-MM-DD): a format without a day gives a month, one
 * without a month gives a year, so partial dates stay partial. ISO partial dates are always
 * accepted too, so a column that mixes "02.12.2019" and "2019" needs only the one format.
 *
 * Tokens: YYYY (four-digit year), YY (two-digit year, see TWO_DIGIT_YEAR_PIVOT), MM or M (month
 * number), MMMM or MMM (English month name, full or abbreviated, any case, "Sept." too), DD or D
 * (day). A space matches any run of whitespace; every other character matches itself.
 */
import { PARTIAL_DATE_FORMAT, parsePartialDate } from '../model/partial-date';

/**
 * Two-digit years below this become 20YY, the rest 19YY (the POSIX `%y` rule: "13.07.23" is
 * 2023, "01.01.69" is 1969). A fixed pivot keeps an import's result the same in every year.
 */
export const TWO_DIGIT_YEAR_PIVOT = 69;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

type Field = 'year' | 'year2' | 'month' | 'monthName' | 'day';

const TOKENS: { token: string; field: Field; pattern: string }[] = [
  { token: 'YYYY', field: 'year', pattern: '(\\d{4})' },
  { token: 'YY', field: 'year2', pattern: '(\\d{2})' },
  { token: 'MMMM', field: 'monthName', pattern: '([A-Za-z]{3,9})\\.?' },
  { token: 'MMM', field: 'monthName', pattern: '([A-Za-z]{3,9})\\.?' },
  { token: 'MM', field: 'month', pattern: '(\\d{1,2})' },
  { token: 'M', field: 'month', pattern: '(\\d{1,2})' },
  { token: 'DD', field: 'day', pattern: '(\\d{1,2})' },
  { token: 'D', field: 'day', pattern: '(\\d{1,2})' },
];

export interface DateFormat {
  /** As the mapping writes it, for messages. */
  text: string;
  regex: RegExp;
  fields: Field[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a format; a string result says what is wrong with it. */
export function compileDateFormat(text: string): DateFormat | string {
  const fields: Field[] = [];
  let pattern = '';
  let rest = text;
  while (rest !== '') {
    const token = TOKENS.find((t) => rest.startsWith(t.token));
    if (token) {
      if (fields.includes(token.field) || (token.field.startsWith('year') && hasYear(fields))) {
        return `"${text}" names the ${token.field.replace(/2|Name/, '')} twice`;
      }
      if (token.field === 'monthName' && fields.includes('month')) {
        return `"${text}" names the month twice`;
      }
      fields.push(token.field);
      pattern += token.pattern;
      rest = rest.slice(token.token.length);
    } else if (/^[A-Za-z]/.test(rest)) {
      return `"${text}" has "${rest[0]}", which is no token; use YYYY, YY, MM, M, MMMM, MMM, DD, D and separators`;
    } else if (/^\s/.test(rest)) {
      pattern += '\\s+';
      rest = rest.replace(/^\s+/, '');
    } else {
      pattern += escapeRegExp(rest[0] ?? '');
      rest = rest.slice(1);
    }
  }
  if (!hasYear(fields)) return `"${text}" has no year (YYYY or YY)`;
  if (fields.includes('day') && !fields.includes('month') && !fields.includes('monthName')) {
    return `"${text}" has a day but no month`;
  }
  return { text, regex: new RegExp(`^${pattern}$`, 'i'), fields };
}

function hasYear(fields: readonly Field[]): boolean {
  return fields.includes('year') || fields.includes('year2');
}

function monthOf(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((m) => m === lower || (lower.length >= 3 && m.startsWith(lower)));
  return index === -1 ? null : index + 1;
}

const pad = (value: number) => String(value).padStart(2, '0');

function readWith(format: DateFormat, cell: string): string | null {
  const match = format.regex.exec(cell);
  if (!match) return null;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  for (const [i, field] of format.fields.entries()) {
    const part = match[i + 1] ?? '';
    if (field === 'year') year = Number(part);
    else if (field === 'year2') {
      const short = Number(part);
      year = short < TWO_DIGIT_YEAR_PIVOT ? 2000 + short : 1900 + short;
    } else if (field === 'month') month = Number(part);
    else if (field === 'monthName') month = monthOf(part);
    else day = Number(part);
    if (field === 'monthName' && month === null) return null;
  }
  if (year === null) return null;
  const text =
    month === null
      ? `${year}`
      : day === null
        ? `${year}-${pad(month)}`
        : `${year}-${pad(month)}-${pad(day)}`;
  return parsePartialDate(text) ? text : null;
}

/**
 * The partial date a cell holds, read with the column's formats in order and then as ISO;
 * null when none of them reads it (or it names no real day, like 31.02.2021).
 */
export function readDate(cell: string, formats: readonly DateFormat[] = []): string | null {
  for (const format of formats) {
    const date = readWith(format, cell);
    if (date) return date;
  }
  return parsePartialDate(cell) ? cell : null;
}

/** The formats a column accepts, for messages: `DD.MM.YYYY or YYYY, YYYY-MM or YYYY-MM-DD`. */
export function describeFormats(formats: readonly DateFormat[] = []): string {
  return [...formats.map((f) => f.text), PARTIAL_DATE_FORMAT].join(' or ');
}
