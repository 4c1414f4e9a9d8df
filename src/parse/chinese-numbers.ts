import { CN_DIGIT_VALUES as DIGITS, CN_UNIT_VALUES as UNITS, FULL_WIDTH_DIGITS } from "./lexicon/numerals.js";

/** Chinese numerals as notices write them: 十二, 二十三, 两, 〇/零, 二〇二一, and Arabic digits (half or full width). */

const FULL_WIDTH_DIGIT = new RegExp(`[${FULL_WIDTH_DIGITS}]`, "g");

/** Full-width digits → ASCII, so one regex serves both. */
export function toAsciiDigits(s: string): string {
  return s.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
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
