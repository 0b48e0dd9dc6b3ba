/**
 * A record as the matcher sees it, and its prepared form: every name parsed and folded once, so
 * that scoring many pairs does no string work twice. Token weights come from the corpus: a token
 * many records share says less about identity than one few records have.
 */
import { GENERIC_TOKENS, PLACE_TOKENS } from './name-words';
import {
  acronymKey,
  foldText,
  initialsOf,
  isAcronym,
  nameTokens,
  parseListedName,
} from './normalize';

/** What the matcher needs to know about one record; everything but id, kind and name optional. */
export interface MatchRecord {
  id: string;
  /** The entity kind label (Company, Organization, Person, …). */
  kind: string;
  name: string;
  aliases?: readonly string[];
  country?: string | null;
  /** A partial date or a year; only the year is compared. */
  founded?: string | null;
  /** Names of the bodies this record is listed as a part or subsidiary of. */
  parentNames?: readonly string[];
  /** Scheme → values, e.g. { website: ['huawei.com'], lei: ['…'] }. */
  identifiers?: Readonly<Record<string, readonly string[]>>;
  /** Ids of linked entities; shared ones are (weak) evidence of identity. */
  neighbourIds?: readonly string[];
}

export interface PreparedName {
  text: string;
  tokens: ReadonlySet<string>;
  /** Tokens in order, joined by spaces: equal keys mean equal names up to legal form and case. */
  key: string;
  initials: readonly string[];
  qualifiers: readonly string[];
}

export interface PreparedRecord {
  record: MatchRecord;
  names: readonly PreparedName[];
  acronyms: ReadonlySet<string>;
  /** Every token of every name. */
  tokens: ReadonlySet<string>;
  parentKeys: ReadonlySet<string>;
  country: string | null;
  year: string | null;
  identifiers: ReadonlyMap<string, ReadonlySet<string>>;
  neighbours: ReadonlySet<string>;
}

function prepareName(text: string, qualifiers: readonly string[]): PreparedName | null {
  const tokens = nameTokens(text);
  if (tokens.length === 0) return null;
  return {
    text,
    tokens: new Set(tokens),
    key: tokens.join(' '),
    initials: initialsOf(text),
    qualifiers,
  };
}

function identifierValue(scheme: string, value: string): string {
  const folded = value.trim().toLowerCase();
  if (scheme === 'website') {
    return folded
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#].*$/, '');
  }
  return folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

export function prepareRecord(record: MatchRecord): PreparedRecord {
  const names: PreparedName[] = [];
  const acronyms = new Set<string>();
  const seenKeys = new Set<string>();
  const addName = (raw: string) => {
    const parsed = parseListedName(raw);
    const texts = [parsed.name, ...parsed.aliases];
    for (const text of texts) {
      if (isAcronym(text)) {
        acronyms.add(acronymKey(text));
        // An acronym alone is not a name to compare by tokens: "CAS" would meet every "Cas…".
        if (text !== parsed.name) continue;
      }
      const prepared = prepareName(text, text === parsed.name ? parsed.qualifiers : []);
      if (prepared && !seenKeys.has(prepared.key)) {
        seenKeys.add(prepared.key);
        names.push(prepared);
      }
    }
  };
  addName(record.name);
  for (const alias of record.aliases ?? []) addName(alias);

  const parentKeys = new Set<string>();
  for (const parent of record.parentNames ?? []) {
    const parsed = parseListedName(parent);
    for (const text of [parsed.name, ...parsed.aliases]) {
      if (isAcronym(text)) parentKeys.add(`acronym:${acronymKey(text)}`);
      const key = nameTokens(text).join(' ');
      if (key !== '') parentKeys.add(key);
    }
  }

  const identifiers = new Map<string, Set<string>>();
  for (const [scheme, values] of Object.entries(record.identifiers ?? {})) {
    const set = new Set(values.map((v) => identifierValue(scheme, v)).filter((v) => v !== ''));
    if (set.size > 0) identifiers.set(scheme, set);
  }

  const tokens = new Set<string>();
  for (const name of names) for (const token of name.tokens) tokens.add(token);
  const country = record.country ? foldText(record.country) || null : null;
  const year = /\d{4}/.exec(record.founded ?? '')?.[0] ?? null;
  return {
    record,
    names,
    acronyms,
    tokens,
    parentKeys,
    country,
    year,
    identifiers,
    neighbours: new Set(record.neighbourIds ?? []),
  };
}

/** How much a token says about identity, before corpus statistics: generic and place words less. */
export function baseWeight(token: string): number {
  if (GENERIC_TOKENS.has(token)) return 0.5;
  if (PLACE_TOKENS.has(token)) return 0.5;
  return 1;
}

/** Document frequencies of tokens over a corpus of prepared records. */
export class TokenStats {
  private readonly df = new Map<string, number>();
  private count = 0;

  constructor(records: Iterable<PreparedRecord> = []) {
    for (const record of records) this.add(record);
  }

  add(record: PreparedRecord): void {
    this.count++;
    for (const token of record.tokens) this.df.set(token, (this.df.get(token) ?? 0) + 1);
  }

  frequency(token: string): number {
    return this.df.get(token) ?? 0;
  }

  get size(): number {
    return this.count;
  }

  /**
   * The weight of a token: its base weight times a factor from 0.4 (every record has it) to 1
   * (one record has it). Without a corpus every token keeps its base weight.
   */
  weight = (token: string): number => {
    const base = baseWeight(token);
    const df = this.df.get(token) ?? 0;
    if (this.count < 2 || df <= 1) return base;
    const idf = Math.log(1 + this.count / df) / Math.log(1 + this.count);
    return base * (0.4 + 0.6 * Math.min(1, idf));
  };
}
