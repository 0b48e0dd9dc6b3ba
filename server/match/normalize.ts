/**
 * Turns a name as a list prints it into what the matcher compares: folded tokens (legal forms
 * and stop words out, accents and Cyrillic folded to Latin, plurals folded), a key (the tokens in
 * order), initials, and the acronyms and bracketed qualifiers the name carries.
 */
import {
  CJK_LEGAL_FORMS,
  LEGAL_FORM_PHRASES,
  LEGAL_FORM_TOKENS,
  PLACE_TOKENS,
  STOP_TOKENS,
} from './name-words';

/** Longer names are cut: nothing real is this long, and the comparisons are quadratic in length. */
export const MAX_NAME_LENGTH = 400;

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'e',
};

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * Lower case, full-width forms and accents folded, Cyrillic written in Latin letters,
 * apostrophes dropped inside words ("Xi’an" → "xian"), everything else that is not a letter or
 * digit a single space.
 */
export function foldText(text: string): string {
  const folded = text
    .slice(0, MAX_NAME_LENGTH)
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[а-яёіїє]/g, (letter) => CYRILLIC[letter] ?? letter)
    .replace(/(\p{L})['’‘`](\p{L})/gu, '$1$2');
  return folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** "technologies" → "technology", "sciences" → "science"; short words and "-ss/-us/-is" stay. */
function singular(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith('s') && !/(ss|us|is)$/.test(token)) {
    return token.slice(0, -1);
  }
  return token;
}

/** A CJK run without its legal-form suffix, as overlapping character pairs (no spaces in CJK). */
function cjkTokens(run: string): string[] {
  let text = run;
  for (const form of CJK_LEGAL_FORMS) {
    if (text.length > form.length && text.endsWith(form)) {
      text = text.slice(0, -form.length);
      break;
    }
  }
  if (text.length <= 2) return [text];
  const pairs: string[] = [];
  for (let i = 0; i + 2 <= text.length; i++) pairs.push(text.slice(i, i + 2));
  return pairs;
}

/** The identity-bearing tokens of a name, in order. Empty for a name of only legal forms. */
export function nameTokens(name: string): string[] {
  let folded = ` ${foldText(name)} `;
  for (const phrase of LEGAL_FORM_PHRASES) folded = folded.replaceAll(` ${phrase} `, ' ');
  const tokens: string[] = [];
  for (const word of folded.trim().split(' ')) {
    if (word === '') continue;
    if (CJK_RUN.test(word)) {
      CJK_RUN.lastIndex = 0;
      for (const part of word.split(CJK_RUN)) if (part) tokens.push(...latinToken(part));
      for (const run of word.match(CJK_RUN) ?? []) tokens.push(...cjkTokens(run));
      continue;
    }
    tokens.push(...latinToken(word));
  }
  return tokens;
}

function latinToken(word: string): string[] {
  if (LEGAL_FORM_TOKENS.has(word) || STOP_TOKENS.has(word)) return [];
  return [singular(word)];
}

/**
 * An acronym as the lists write them: one word, at least two capitals, no lower-case run longer
 * than a letter or two ("AMMS", "SMIC", "GTCOM-US", "M&S"; not "Hikvision", not "Beijing").
 */
export function isAcronym(text: string): boolean {
  const word = text.trim();
  if (!/^[\p{Lu}\p{N}][\p{L}\p{N}&\-.]{1,11}$/u.test(word)) return false;
  const capitals = word.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = word.match(/\p{Ll}/gu)?.length ?? 0;
  return capitals >= 2 && lower <= 2;
}

/** The folded form of an acronym: "GTCOM-US" → "gtcomus", "M&S" → "ms". */
export function acronymKey(text: string): string {
  return foldText(text).replaceAll(' ', '');
}

/**
 * Initials of a name, in two readings: of the identity tokens ("Academy of Military Medical
 * Sciences" → "amms") and of every word but stop words, legal forms included, because
 * acronyms often keep them ("Yangtze Memory Technologies Co" → "ymtc").
 */
export function initialsOf(name: string): string[] {
  const withoutBrackets = name.replace(/\([^)]*\)/g, ' ');
  const words = foldText(withoutBrackets)
    .split(' ')
    .filter((w) => w !== '' && !STOP_TOKENS.has(w));
  const content = words.filter((w) => !LEGAL_FORM_TOKENS.has(w));
  const readings = [content, words]
    .map((ws) => ws.map((w) => w[0] ?? '').join(''))
    .filter((s) => s.length >= 2);
  return [...new Set(readings)];
}

export interface ListedName {
  /** The name with trailing markers, acronym brackets and "formerly"/"also known as" removed. */
  name: string;
  /** Names taken out of brackets: acronyms, former names, "also known as". */
  aliases: string[];
  /** Bracketed words left inside the name that qualify it, e.g. "(Beijing)": folded tokens. */
  qualifiers: string[];
}

const FORMER = /^(?:formerly|previously|former name|f\/k\/a|fka)[:\s]+/i;
const ALSO_KNOWN = /^(?:also known as|a\.?k\.?a\.?|aka)[:\s]+/i;

/**
 * Reads a name as a list prints it: "Academy of Military Medical Sciences (AMMS)" gives the
 * name and the alias "AMMS"; "AVIC Airborne Systems Co., Ltd. (formerly China Avionics Systems
 * Co., Ltd.)" the former name as an alias; a trailing "*" (a footnote marker) is dropped.
 * A bracket inside the name ("Semiconductor Manufacturing International (Beijing) Corporation")
 * stays in the name and is reported as a qualifier; an acronym bracket inside the name
 * ("Chinese Academy of Sciences (CAS) – Institute of …") is removed but not made an alias,
 * because it names the larger body.
 */
export function parseListedName(raw: string): ListedName {
  let name = raw
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[\s*.]+$/u, '')
    .trim();
  const aliases: string[] = [];
  // Trailing brackets, outermost last: "X (formerly Y (Z))" is handled by balancing.
  for (;;) {
    const bracket = trailingBracket(name);
    if (!bracket) break;
    const inner = bracket.inner.trim();
    const rest = name.slice(0, bracket.start).trim();
    if (rest === '') break;
    if (FORMER.test(inner)) aliases.push(inner.replace(FORMER, '').trim());
    else if (ALSO_KNOWN.test(inner)) aliases.push(inner.replace(ALSO_KNOWN, '').trim());
    else if (nameTokens(inner).length === 0) {
      // "(Limited)": a legal form in brackets adds nothing.
    } else if (nameTokens(inner).every((t) => PLACE_TOKENS.has(t))) break;
    else if (isAcronym(inner) || inner.split(/\s+/).length <= 4) aliases.push(inner);
    else break;
    name = rest.replace(/[\s,]+$/u, '');
  }
  const qualifiers: string[] = [];
  name = name.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
    const tokens = nameTokens(inner);
    // "(USA)", "(BVI)" are places that happen to be capitals: they qualify, like "(Beijing)".
    if (isAcronym(inner) && !tokens.every((t) => PLACE_TOKENS.has(t))) return ' ';
    qualifiers.push(...tokens);
    return whole;
  });
  name = name.replace(/\s{2,}/g, ' ').trim();
  // A name that is only an acronym in brackets is that acronym.
  if (name === '') name = raw.replace(/[()*\s]+/g, ' ').trim();
  return { name, aliases: [...new Set(aliases.filter((a) => a !== ''))], qualifiers };
}

/** The last balanced "( … )" when it closes the string. */
function trailingBracket(text: string): { start: number; inner: string } | null {
  if (!text.endsWith(')')) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      depth--;
      if (depth === 0) return { start: i, inner: text.slice(i + 1, -1) };
    }
  }
  return null;
}
