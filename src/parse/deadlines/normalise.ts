import { toAsciiDigits } from "../chinese-numbers.js";
import { FULL_WIDTH_DIGITS } from "../lexicon/numerals.js";

/** What the deadline parsers read: one pass of clean-up, same length as the text (positions stay valid). */

const GAP_AFTER_DIGIT = new RegExp(`([0-9${FULL_WIDTH_DIGITS}])[ \\t\u3000]+(?=[年月日号])`, "gu");
const GAP_BEFORE_DIGIT = new RegExp(`([年月])[ \\t\u3000]+(?=[0-9${FULL_WIDTH_DIGITS}])`, "gu");
const GAP = /[ \t\u3000]/u;

/** PDF copies space out dates ("12  月底前", "2021 年 6 月"); the parsers expect them whole. Changes the length. */
export function closeDateGaps(s: string): string {
  if (!GAP.test(s)) return s;
  return s.replace(GAP_AFTER_DIGIT, "$1").replace(GAP_BEFORE_DIGIT, "$1");
}

/** Replace the contents of 《…》 with spaces (same length): titles of other documents hold no deadlines. */
function maskTitles(s: string): string {
  if (!s.includes("《")) return s;
  let depth = 0;
  let out = "";
  for (const c of s) {
    if (c === "《") depth++;
    else if (c === "》" && depth > 0) depth--;
    else if (depth > 0) {
      out += " ".repeat(c.length);
      continue;
    }
    out += c;
  }
  return out;
}

/** ASCII digits, titles masked: the string every parser scans (same length as `s`). */
export function normalise(s: string): string {
  return maskTitles(toAsciiDigits(s));
}

export interface Span {
  start: number;
  end: number;
}

/** `s` with the spans blanked out (same length), so that later parsers skip them. */
export function withoutSpans(s: string, spans: readonly Span[]): string {
  if (spans.length === 0) return s;
  const parts: string[] = [];
  let from = 0;
  for (const { start, end } of spans) {
    parts.push(s.slice(from, start), " ".repeat(end - start));
    from = end;
  }
  parts.push(s.slice(from));
  return parts.join("");
}
