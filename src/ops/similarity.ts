/**
 * How alike two task texts are: the Dice coefficient of their character bigrams, after dropping
 * whitespace and punctuation (Chinese has no word boundaries; bigrams are the usual unit). 1 = same
 * characters in the same pairs, 0 = nothing in common.
 */
export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const pair = x.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const pair = y.slice(i, i + 2);
    const left = counts.get(pair) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(pair, left - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + y.length - 1);
}

/** Text without whitespace and punctuation: what wording compares on. */
export function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, "");
}

/**
 * Titles at least this similar are the same task reworded. Measured on the fixtures' ledgers: of 13,262
 * pairs of different tasks of one notice, 66 reach 0.45 and 8 reach 0.60, all of them short titles that
 * differ in one field ("深化教育领域信息公开" / "深化财政资金领域信息公开", exactly 0.60), which are
 * different tasks; typical rewordings (a clause added, "进一步", "制度", "工作") score 0.67–0.84.
 */
export const SIMILARITY_THRESHOLD = 0.62;
