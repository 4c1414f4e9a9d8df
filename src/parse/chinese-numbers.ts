/** Chinese numerals as notices write them: 十二, 二十三, 两, 〇/零, 二〇二一, and Arabic digits (half or full width). */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Full-width digits → ASCII, so one regex serves both. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * The value of a numeral, or null when `s` is not one. Handles positional forms (二〇一九 → 2019)
 * and unit forms up to 千 (十二 → 12, 二十 → 20, 一百零五 → 105).
 */
export function chineseToNumber(s: string): number | null {
  const t = toAsciiDigits(s.trim());
  if (t === "") return null;
  if (/^\d+$/.test(t)) return Number(t);
  if (![...t].every((c) => c in DIGITS || c in UNITS)) return null;
  if ([...t].every((c) => c in DIGITS)) {
    // 二〇二一: written digit by digit (years); a single digit is just itself.
    return Number([...t].map((c) => DIGITS[c]).join(""));
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const c of t) {
    if (c in DIGITS) {
      // Two digits in a row are only valid across a 零 (一百零五).
      if (pending !== null && pending !== 0 && DIGITS[c] !== 0) return null;
      pending = DIGITS[c];
      continue;
    }
    const unit = UNITS[c];
    if (unit >= lastUnit) return null;
    // 十二: a bare leading 十 means 一十.
    total += (pending ?? (total === 0 ? 1 : NaN)) * unit;
    if (Number.isNaN(total)) return null;
    pending = null;
    lastUnit = unit;
  }
  return total + (pending ?? 0);
}
