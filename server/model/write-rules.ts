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

/**
 * Words left out of a name's initials, compared in lower case: "Ministry of Industry and
 * Information Technology" gives MIIT. English and the most common French, Spanish, German,
 * Dutch and Italian linking words (docs/api.md, search).
 */
export const INITIALS_SKIP_WORDS = [
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'da',
  'de',
  'del',
  'der',
  'des',
  'di',
  'du',
  'et',
  'la',
  'le',
  'les',
  'und',
  'van',
  'von',
  'y',
] as const;

/** Fewer initials than this are no acronym anyone types (and would match too much). */
export const MIN_INITIALS = 3;

const SKIP = new Set<string>(INITIALS_SKIP_WORDS);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * The first letter or digit of each word (split at spaces) that is not a skipped word, as
 * written. Character by UTF-16 unit, as Cypher's split does, so both give the same result.
 */
export function initialsOf(text: string): string {
  let initials = '';
  for (const word of text.split(' ')) {
    if (SKIP.has(word.toLowerCase())) continue;
    initials += word.split('').find((c) => LETTER_OR_DIGIT.test(c)) ?? '';
  }
  return initials;
}

/**
 * `searchText` is the name and the aliases, one per line, then the initials of each that has
 * at least MIN_INITIALS of them and is not a line already (the full-text index reads it, so
 * "MIIT" finds the ministry).
 */
export function searchTextOf(name: string, aliases: readonly string[]): string {
  const lines = [name, ...aliases];
  for (const text of [name, ...aliases]) {
    const initials = initialsOf(text);
    if (initials.length >= MIN_INITIALS && !lines.includes(initials)) lines.push(initials);
  }
  return lines.join('\n');
}

const SKIP_CYPHER = `[${INITIALS_SKIP_WORDS.map((w) => `'${w}'`).join(', ')}]`;

function initialsCypher(text: string): string {
  return `reduce(i = '', w IN split(${text}, ' ') | i + CASE WHEN toLower(w) IN ${SKIP_CYPHER} THEN '' ELSE coalesce(head([c IN split(w, '') WHERE c =~ '[\\\\p{L}\\\\p{N}]']), '') END)`;
}

/**
 * The same in Cypher, from stored values, so a write that changes only one keeps it right.
 * `name` and `aliases` are expressions (a property or a variable), never user input.
 */
export function searchTextCypher(name: string, aliases: string): string {
  const texts = `[${name}] + coalesce(${aliases}, [])`;
  const lines = `reduce(lines = ${texts}, x IN [t IN ${texts} | ${initialsCypher('t')}] | lines + CASE WHEN size(x) >= ${MIN_INITIALS} AND NOT x IN lines THEN [x] ELSE [] END)`;
  return `reduce(s = ${name}, l IN tail(${lines}) | s + '\\n' + l)`;
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
