/**
 * The key used to recognise the same name written differently: case, accents, punctuation and
 * whitespace are folded ("Xiaomi Corp." and "XIAOMI  corp" both give "xiaomi corp").
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
