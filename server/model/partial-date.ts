/**
 * Partial dates keep the precision a source gives: "2019", "2021-01" or "2021-01-14".
 * `firstDay`/`lastDay` turn them into the bounds used by as-of filters (validFrom/validTo).
 */

export type Precision = 'year' | 'month' | 'day';

export interface PartialDate {
  text: string;
  precision: Precision;
  year: number;
  month: number | null;
  day: number | null;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** The same shape as text, for Cypher's `=~` (Java regular expressions). */
export const PARTIAL_DATE_PATTERN = PATTERN.source;

export const PARTIAL_DATE_FORMAT = 'YYYY, YYYY-MM or YYYY-MM-DD';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns null when `text` is not a real partial date (e.g. "2021-02-30", "21/01/2021"). */
export function parsePartialDate(text: string): PartialDate | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && month !== null && (day < 1 || day > daysInMonth(year, month))) return null;
  const precision: Precision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  return { text, precision, year, month, day };
}

/** A full day only: YYYY-MM-DD. */
export function isFullDate(text: string): boolean {
  return parsePartialDate(text)?.precision === 'day';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The first day a partial date can mean: "2019" → "2019-01-01". */
export function firstDay(date: PartialDate): string {
  return `${date.year}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}`;
}

/** The last day a partial date can mean: "2020-02" → "2020-02-29". */
export function lastDay(date: PartialDate): string {
  const month = date.month ?? 12;
  return `${date.year}-${pad(month)}-${pad(date.day ?? daysInMonth(date.year, month))}`;
}

export interface TimeScope {
  since?: string | null;
  until?: string | null;
  on?: string | null;
}

/**
 * The validity window stored on every link: from the first day of `since` (or `on`) to the
 * last day of `until`. Throws on a malformed date, naming the field.
 */
export function validityWindow(scope: TimeScope): {
  validFrom: string | null;
  validTo: string | null;
} {
  const parse = (field: keyof TimeScope): PartialDate | null => {
    const value = scope[field];
    if (value === undefined || value === null || value === '') return null;
    const parsed = parsePartialDate(value);
    if (!parsed)
      throw new RangeError(`${field} "${value}" is not a date (${PARTIAL_DATE_FORMAT}).`);
    return parsed;
  };
  const since = parse('since');
  const on = parse('on');
  const until = parse('until');
  const start = since ?? on;
  const validFrom = start ? firstDay(start) : null;
  const validTo = until ? lastDay(until) : null;
  if (validFrom && validTo && validFrom > validTo) {
    throw new RangeError(`until "${scope.until}" is before since "${scope.since ?? scope.on}".`);
  }
  return { validFrom, validTo };
}
