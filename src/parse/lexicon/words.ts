/** Alternation of literal words for a regex, longest first so that 主办单位 wins over 主办. */
export function alt(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join("|");
}
