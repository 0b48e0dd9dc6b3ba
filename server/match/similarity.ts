/** String and token-set similarities, each in [0, 1]. */

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4 characters). Both strings should be
 * folded first; their length is bounded by the caller (normalize.ts cuts names).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro =
    (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) {
    prefix++;
  }
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Weighted Jaccard of two token sets: the weight of the shared tokens over the weight of all.
 * Rare, specific tokens decide; generic ones ("technology", "china") barely move it.
 */
export function weightedTokenSet(
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
  weight: (token: string) => number,
): number {
  let shared = 0;
  let total = 0;
  for (const token of a) {
    const w = weight(token);
    total += w;
    if (b.has(token)) shared += w;
  }
  for (const token of b) if (!a.has(token)) total += weight(token);
  return total === 0 ? 0 : shared / total;
}
