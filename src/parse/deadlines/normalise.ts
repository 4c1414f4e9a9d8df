import { toAsciiDigits } from "../chinese-numbers.js";
import { FULL_WIDTH_DIGITS } from "../lexicon/numerals.js";

/** What the deadline parsers read: one pass of clean-up, same length as the text (positions stay valid). */

const GAP_AFTER_DIGIT = new RegExp(`([0-9${FULL_WIDTH_DIGITS}])[ \\t\u3000]+(?=[年月日号])`, "gu");
const GAP_BEFORE_DIGIT = new RegExp(`([年月])[ \\t\u3000]+(?=[0-9${FULL_WIDTH_DIGITS}])`, "gu");

/** PDF copies space out dates ("12  月底前", "2021 年 6 月"); the parsers expect them whole. Changes the length. */
export function closeDateGaps(s: string, found = holds(s)): string {
  if (!(found & Holds.Gap)) return s;
  return s.replace(GAP_AFTER_DIGIT, "$1").replace(GAP_BEFORE_DIGIT, "$1");
}

/** What one pass over a text tells the parsers: which of them can match at all, which clean-ups it needs. */
export const Holds = {
  /** A character every deadline form needs one of: 年 月 季 内 每 按 逐, or a numeric date's separator. */
  Anchor: 1,
  Gap: 2,
  FullWidthDigit: 4,
  Title: 8,
  Bracket: 16,
} as const;

const TITLE_OPEN = "《".charCodeAt(0);
const TITLE_CLOSE = "》".charCodeAt(0);
/** Each UTF-16 code unit's `Holds` bits: one table look-up per character. */
const HOLDS_OF = new Uint8Array(0x10000);
const mark = (chars: string, bit: number) => {
  for (const c of chars) HOLDS_OF[c.charCodeAt(0)] |= bit;
};
mark("年月季内每按逐-./", Holds.Anchor);
mark(" \t\u3000", Holds.Gap);
mark(FULL_WIDTH_DIGITS, Holds.FullWidthDigit);
mark("《", Holds.Title);
mark("（(", Holds.Bracket);

export function holds(s: string): number {
  let found = 0;
  for (let i = 0; i < s.length; i++) found |= HOLDS_OF[s.charCodeAt(i)];
  return found;
}

/** The contents of 《…》 blanked (same length), brackets kept: titles of other documents hold no deadlines. */
function maskTitles(s: string): string {
  const spans: Span[] = [];
  let depth = 0;
  for (let i = s.indexOf("《"); i >= 0 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === TITLE_OPEN) depth++;
    else if (c === TITLE_CLOSE && depth > 0) depth--;
    else if (depth > 0) {
      const last = spans[spans.length - 1];
      if (last && last.end === i) last.end = i + 1;
      else spans.push({ start: i, end: i + 1 });
    }
  }
  return withoutSpans(s, spans);
}

/** Does `s` hold `char` with one of `before` directly before it (or, `after`, directly after it)? */
export function holdsNext(s: string, char: string, neighbours: ReadonlySet<string>, after = false): boolean {
  for (let i = s.indexOf(char); i >= 0; i = s.indexOf(char, i + 1)) {
    if (neighbours.has(s.charAt(after ? i + 1 : i - 1))) return true;
  }
  return false;
}

/** ASCII digits, titles masked: the string every parser scans (same length as `s`). `found`: what `holds(s)` says. */
export function normalise(s: string, found = holds(s)): string {
  const ascii = found & Holds.FullWidthDigit ? toAsciiDigits(s) : s;
  return found & Holds.Title ? maskTitles(ascii) : ascii;
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

/**
 * Each match of a global regex, in order: an exec loop, since `matchAll` copies the regex on every call and the
 * parsers run on every paragraph. `visit` must not use `re` itself.
 */
export function eachMatch(re: RegExp, s: string, visit: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0] === "") re.lastIndex++;
    visit(m);
  }
}
