/**
 * Partial dates ("2019", "2021-01", "2021-01-14") and the as-of rule. A link is valid on a day
 * when the day falls between the first day of `since` (or `on`, for one-off events) and the
 * last day of `until` — the same rule the API applies (server/data/link-filter.ts). Parsing is
 * the server's own pure module, so client and API cannot disagree on what a date means.
 */
import {
  firstDay,
  isFullDate,
  lastDay,
  parsePartialDate,
} from '../../../server/model/partial-date';

const DAY_MS = 86_400_000;

export { isFullDate };

export function isPartialDate(text: string): boolean {
  return parsePartialDate(text) !== null;
}

/** "2019" → "2019-01-01"; null for anything that is not a partial date. */
export function firstDayOf(text: string): string | null {
  const date = parsePartialDate(text);
  return date ? firstDay(date) : null;
}

/** "2020-02" → "2020-02-29"; null for anything that is not a partial date. */
export function lastDayOf(text: string): string | null {
  const date = parsePartialDate(text);
  return date ? lastDay(date) : null;
}

export interface TimeScope {
  since: string | null;
  until: string | null;
  on: string | null;
}

/** Whether a link holds (periods) or has happened (events) on `day` (YYYY-MM-DD). */
export function isValidOn(scope: TimeScope, day: string): boolean {
  const start = scope.since ?? scope.on;
  const from = start ? firstDayOf(start) : null;
  const to = scope.until ? lastDayOf(scope.until) : null;
  return (from === null || from <= day) && (to === null || to >= day);
}

/** Dates the as-of field accepts: the data spans modern history, not year 1. */
export const AS_OF_YEARS = { min: 1800, max: 2199 } as const;

/** Why `text` is not a usable as-of day, or null when it is one. */
export function checkDay(text: string): string | null {
  if (!isFullDate(text))
    return `“${text}” is not a date: type it as YYYY-MM-DD, for example 2021-06-01.`;
  const year = Number(text.slice(0, 4));
  if (year < AS_OF_YEARS.min || year > AS_OF_YEARS.max)
    return `${text} is outside the years ${AS_OF_YEARS.min}–${AS_OF_YEARS.max}; check the year.`;
  return null;
}

/** Whether a link holds or has happened at some day from `from` to `to` (both included). */
export function isValidDuring(scope: TimeScope, from: string, to: string): boolean {
  const start = scope.since ?? scope.on;
  const first = start ? firstDayOf(start) : null;
  const last = scope.until ? lastDayOf(scope.until) : null;
  return (first === null || first <= to) && (last === null || last >= from);
}

/** The view's time in words: "on 2021-06-01", "between 2019-01-01 and 2021-06-01", or ''. */
export function describeViewTime(asOf: string | null, asOfTo: string | null): string {
  if (!asOf) return '';
  return asOfTo ? `between ${asOf} and ${asOfTo}` : `on ${asOf}`;
}

/** Days since 1970-01-01, for the time slider's integer scale. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayFromNumber(value: number): string {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The slider's range: from a year before the earliest date on the canvas to the later of
 * `today` and the latest date, so every change on the canvas can be stepped across.
 */
export function sliderRange(
  scopes: Iterable<TimeScope>,
  today: string,
): { min: string; max: string } {
  let min: string | null = null;
  let max = today;
  for (const scope of scopes) {
    for (const value of [scope.since, scope.on, scope.until]) {
      if (!value) continue;
      const first = firstDayOf(value);
      const last = lastDayOf(value);
      if (first && (min === null || first < min)) min = first;
      if (last && last > max) max = last;
    }
  }
  const start = min ?? today;
  const year = Number(start.slice(0, 4)) - 1;
  return { min: `${year}-01-01`, max };
}

/** "since 2021-01-14", "2019", "2018 – 2020", or '' when the link carries no date. */
export function describeTimeScope(scope: TimeScope): string {
  if (scope.on) return scope.on;
  if (scope.since && scope.until) return `${scope.since} – ${scope.until}`;
  if (scope.since) return `since ${scope.since}`;
  if (scope.until) return `until ${scope.until}`;
  return '';
}
