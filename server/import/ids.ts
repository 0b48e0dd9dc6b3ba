/**
 * Stable ids for imported records: a prefix that names the dataset, then each key value
 * normalised (case, accents, punctuation, whitespace folded) so "Acme Co." and "ACME co" give the
 * same id and importing again MERGEs onto the same node.
 */
import { normalizeName } from '../model/normalize-name';

/** "Xiaomi Corp." → "xiaomi-corp"; empty when the value has no letters or digits. */
export function keySlug(value: string): string {
  return normalizeName(value).replace(/ /g, '-');
}

/** Null when a key value is empty after normalisation. */
export function stableId(prefix: string, keys: readonly string[]): string | null {
  const slugs = keys.map(keySlug);
  if (slugs.some((slug) => slug === '')) return null;
  return `${prefix}${slugs.join(':')}`;
}
