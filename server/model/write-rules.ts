/**
 * The rules every write follows, whoever writes (curation, the importer, the seed): how
 * `searchText` and `nameKey` are derived, which kinds a link may join, how a link is found by
 * its id, and which values can be stored at all. Keeping them here is what makes a record look
 * the same whichever way it came in (test/integration/write-rules.test.ts).
 */
import { linkEndsProblem } from './link-ends';
import { normalizeName } from './normalize-name';
import { LINK_TYPES } from './vocabulary';

export { linkEndsProblem, normalizeName };

/** `searchText` is the name and the aliases, one per line (the full-text index reads it). */
export function searchTextOf(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].join('\n');
}

/** The same in Cypher, from stored values, so a write that changes only one keeps it right. */
export function searchTextCypher(name: string, aliases: string): string {
  return `reduce(t = ${name}, a IN coalesce(${aliases}, []) | t + '\\n' + a)`;
}

/**
 * The body of a subquery finding the link whose id is `idExpression`, whatever its type, as
 * `variable` (and its ends, when named): one index seek per type (each type has a unique id),
 * where a type-less match would scan them all.
 */
export function linkByIdCypher(
  idExpression: string,
  variable: string,
  ends?: [from: string, to: string],
): string {
  const [from, to] = ends ?? ['', ''];
  const returns = ends ? `${from}, ${variable}, ${to}` : variable;
  return LINK_TYPES.map(
    (type) =>
      `MATCH (${from}:Entity)-[${variable}:${type} {id: ${idExpression}}]->(${to}:Entity) RETURN ${returns}`,
  ).join(' UNION ALL ');
}

/**
 * Names, aliases and ids are indexed, and Neo4j's index refuses a key over about 8 KB (its
 * transaction fails whole), so they are capped below that, counted in UTF-8 bytes.
 */
export const MAX_KEY_BYTES = 8000;
/** Free text (descriptions, notes, reasons, excerpts): long enough for a paragraph of a list. */
export const MAX_TEXT_CHARS = 10_000;
/** A locator is a line number and maybe a URL; browsers stop at about 2,000 characters too. */
export const MAX_LOCATOR_CHARS = 2000;

export type ValueRole = 'key' | 'name' | 'text' | 'locator';

// C0 controls other than tab and line breaks, DEL, and U+FFFD, which decoding puts where bytes
// were not valid text: no list or document holds them, and they would be stored as they are.
export function unreadableChar(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd)
      return text[i] ?? null;
  }
  return null;
}

const LINE_BREAK = /[\r\n]/;

const utf8 = new TextEncoder();

/** Why a value cannot be stored in that role, in words a user can act on; null if it can. */
export function valueProblem(value: string, role: ValueRole): string | null {
  const bad = unreadableChar(value);
  if (bad) {
    return bad === '\ufffd'
      ? "holds bytes that are not valid text in the file's encoding (save it as UTF-8, or name its encoding with --encoding)"
      : `holds the control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if (role === 'key' || role === 'name') {
    const bytes = value.length <= MAX_KEY_BYTES / 3 ? value.length : utf8.encode(value).length;
    if (bytes > MAX_KEY_BYTES) {
      return `has ${bytes.toLocaleString('en')} bytes; names and keys are limited to ${MAX_KEY_BYTES.toLocaleString('en')} (UTF-8)`;
    }
    if (role === 'name' && LINE_BREAK.test(value)) return 'is a name with a line break in it';
  }
  const max = role === 'locator' ? MAX_LOCATOR_CHARS : MAX_TEXT_CHARS;
  if (role !== 'key' && role !== 'name' && value.length > max) {
    return `has ${value.length.toLocaleString('en')} characters; ${role === 'locator' ? 'locators (with the row URL)' : 'free-text values'} are limited to ${max.toLocaleString('en')}`;
  }
  return null;
}
