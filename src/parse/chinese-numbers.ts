import { CN_DIGIT_VALUES as DIGITS, CN_UNIT_VALUES as UNITS, FULL_WIDTH_DIGITS } from "./lexicon/numerals.js";

/** Chinese numerals as notices write them: 十二, 二十三, 两, 〇/零, 二〇二一, and Arabic digits (half or full width). */

const FULL_WIDTH_DIGIT = new RegExp(`[${FULL_WIDTH_DIGITS}]`, "g");
const HAS_FULL_WIDTH_DIGIT = new RegExp(`[${FULL_WIDTH_DIGITS}]`);
const ASCII_DIGITS = /^\d+$/;

/** Full-width digits → ASCII, so one regex serves both. Most strings hold none and are returned as they are. */
export function toAsciiDigits(s: string): string {
  return HAS_FULL_WIDTH_DIGIT.test(s) ? s.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : s;
}

/**
 * The value of a numeral, or null when `s` is not one. Handles positional forms (二〇一九 → 2019)
 * and unit forms up to 千 (十二 → 12, 二十 → 20, 一百零五 → 105). Index loops: it runs for every date and label.
 */
export function chineseToNumber(s: string): number | null {
  const t = toAsciiDigits(s.trim());
  if (t === "") return null;
  if (ASCII_DIGITS.test(t)) return Number(t);
  let positional = true;
  for (let i = 0; i < t.length; i++) {
    if (DIGITS[t[i]] !== undefined) continue;
    if (UNITS[t[i]] === undefined) return null;
    positional = false;
  }
  // 二〇二一: written digit by digit (years); a single digit is just itself.
  if (positional) {
    let value = 0;
    for (let i = 0; i < t.length; i++) value = value * 10 + DIGITS[t[i]];
    return value;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (let i = 0; i < t.length; i++) {
    const digit = DIGITS[t[i]];
    if (digit !== undefined) {
      // Two digits in a row are only valid across a 零 (一百零五).
      if (pending !== null && pending !== 0 && digit !== 0) return null;
      pending = digit;
      continue;
    }
    const unit = UNITS[t[i]];
    if (unit >= lastUnit) return null;
    // 十二: a bare leading 十 means 一十.
    total += (pending ?? (total === 0 ? 1 : NaN)) * unit;
    if (Number.isNaN(total)) return null;
    pending = null;
    lastUnit = unit;
  }
  return total + (pending ?? 0);
}
