/** A count with the word that fits it: "1 entity", "7 entities", "0 links". */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
