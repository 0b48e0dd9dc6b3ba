/**
 * The two checks every write and lookup shares: an id as the graph spells ids, and a trimmed,
 * well-formed text within a length. They live in the model (not the GraphQL layer) because the
 * model's own checks (investigations, notes) need them too; a refusal is an InvalidInputError
 * naming the field, which the GraphQL layer turns into BAD_USER_INPUT.
 */
import { InvalidInputError } from './domain-errors';

/** Characters in one id. */
export const ID_MAX_LENGTH = 200;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;

/** C0 controls other than tab, newline and carriage return, and DEL. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      return true;
    }
  }
  return false;
}
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An id such as `company:xiaomi`: letters, digits and . _ : / @ + -, at most 200 characters. */
export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(field, 'must not be empty.');
  }
  if (value.length > ID_MAX_LENGTH) {
    throw new InvalidInputError(field, `must be at most ${ID_MAX_LENGTH} characters.`);
  }
  if (!ID_PATTERN.test(value)) {
    throw new InvalidInputError(
      field,
      'may contain only letters, digits and . _ : / @ + - and must start with a letter or digit (e.g. company:xiaomi).',
    );
  }
  return value;
}

/** Trimmed, well-formed text within `max` characters; empty is refused. */
export function checkText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw new InvalidInputError(field, 'must be a string.');
  const text = value.trim();
  if (text.length === 0) throw new InvalidInputError(field, 'must not be empty.');
  if (text.length > max) {
    throw new InvalidInputError(field, `must be at most ${max} characters, got ${text.length}.`);
  }
  if (LONE_SURROGATE.test(text)) {
    throw new InvalidInputError(field, 'contains an unpaired UTF-16 surrogate.');
  }
  if (hasControlCharacter(text)) {
    throw new InvalidInputError(field, 'must not contain control characters.');
  }
  return text;
}
