/** Checks of argument values against the server's caps; each failure names the argument. */
import { badInput } from '../errors';
import type { IntArgument } from '../model/limits';

/** The argument's value, or its default when left out or null; refused outside its range. */
export function intInRange(
  argument: string,
  value: number | null | undefined,
  range: IntArgument,
): number {
  const n = value ?? range.default;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw badInput(argument, `must be an integer from ${range.min} to ${range.max}, got ${n}.`);
  }
  return n;
}

export function listWithin<T>(
  argument: string,
  value: readonly T[] | null | undefined,
  max: number,
): T[] {
  const list = [...(value ?? [])];
  if (list.length > max) {
    throw badInput(argument, `allows at most ${max} items, got ${list.length}.`);
  }
  return list;
}

/**
 * An enum list as the set it stands for: each value once, in the vocabulary's order, so the Cypher
 * built from it depends only on the set, never on order or repetition. Absent or empty: null (no
 * filter). A list longer than the vocabulary must repeat values and is refused unread: thousands
 * of repeats once became thousands of words of Cypher for the planner.
 */
export function enumSet<T extends string>(
  argument: string,
  value: readonly T[] | null | undefined,
  vocabulary: readonly T[],
): T[] | null {
  if (!value || value.length === 0) return null;
  if (value.length > vocabulary.length) {
    throw badInput(
      argument,
      `allows at most ${vocabulary.length} values (each value once), got ${value.length}.`,
    );
  }
  const chosen = new Set(value);
  return vocabulary.filter((v) => chosen.has(v));
}

export function nonEmptyText(argument: string, value: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(argument, 'must not be empty.');
  if (text.length > maxLength) {
    throw badInput(argument, `must be at most ${maxLength} characters, got ${text.length}.`);
  }
  return text;
}

export function dayOrder(
  fromArg: string,
  from: string | null,
  toArg: string,
  to: string | null,
): void {
  if (from && to && from > to) {
    throw badInput(toArg, `must not be before ${fromArg} (${from}), got ${to}.`);
  }
}
