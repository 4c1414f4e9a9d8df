/**
 * Brackets, quotes and trimming for owner clauses. Every function is one pass over its text (a table look-up per
 * character), so hostile input cannot make parsing slow: /[…]+$/ backtracks quadratically on a long run that is
 * not at the end, which is why trimming is a loop.
 */

import { BRACKET_KIND, CLOSERS, GROUP_CLOSERS, GROUP_OPENERS, OPENERS, charClass } from "../lexicon/brackets.js";

const OPENER = 1;
const CLOSER = 2;

/** What `\s` (and so `trim`) counts as white space. */
export function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x3000 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x1680;
}

/** `s` without trailing whitespace or characters from `chars`. */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && (isSpace(s.charCodeAt(end - 1)) || chars.includes(s.charAt(end - 1)))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without leading or trailing whitespace or characters from `chars`. */
export function trimChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && (isSpace(s.charCodeAt(start)) || chars.includes(s.charAt(start)))) start++;
  return trimEndChars(start === 0 ? s : s.slice(start), chars);
}

/** The last character before `i` that is not a space or tab; "\n" at the start of the text. */
export function charBefore(s: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && s.charAt(j) !== "\n" && isSpace(s.charCodeAt(j))) j--;
  return j < 0 ? "\n" : s.charAt(j);
}

/** Whether `s` has a bracket or quote at all (most clause pieces have none). */
const BRACKET_RE = new RegExp(charClass(`${OPENERS}${CLOSERS}"`), "u");
export function hasBracket(s: string): boolean {
  return BRACKET_RE.test(s);
}

/** `s` with everything inside brackets or quotes replaced by □ (same length); unbalanced text is left as is. */
export function maskNested(s: string): string {
  if (!hasBracket(s)) return s;
  let depth = 0;
  let asciiQuote = false;
  let out = "";
  for (const c of s) {
    if (c === '"') {
      asciiQuote = !asciiQuote;
      out += c;
      continue;
    }
    const kind = BRACKET_KIND[c.charCodeAt(0)];
    if (kind === OPENER) {
      depth++;
      out += depth === 1 && !asciiQuote ? c : "□";
      continue;
    }
    if (kind === CLOSER && depth > 0) {
      depth--;
      out += depth === 0 && !asciiQuote ? c : "□";
      continue;
    }
    out += depth > 0 || asciiQuote ? "□".repeat(c.length) : c;
  }
  return depth === 0 && !asciiQuote ? out : s;
}

/** Split `s` at separators found in `masked` (same length), trimming each part. */
export function splitMasked(s: string, masked: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of masked.matchAll(sep)) {
    parts.push(s.slice(from, m.index));
    from = m.index + m[0].length;
  }
  parts.push(s.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** The bracketed group ending at `close` (an index of a closing bracket), or null when unbalanced. */
export function openerOf(s: string, close: number): number | null {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const kind = BRACKET_KIND[s.charCodeAt(i)];
    if (kind === CLOSER) depth++;
    else if (kind === OPENER) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return null;
}

export interface Group {
  open: number;
  close: number;
}

/** The outermost non-empty bracket pairs of `s`, in order (a stray opener does not hide the pairs after it). */
export function outermostGroups(s: string): Group[] {
  const kinds = BRACKET_KIND;
  const stack: number[] = [];
  const groups: Group[] = [];
  for (let i = 0, n = s.length; i < n; i++) {
    const kind = kinds[s.charCodeAt(i)];
    if (kind === 0) continue;
    if (kind === OPENER) stack.push(i);
    else if (stack.length > 0) {
      const open = stack.pop()!;
      if (i === open + 1) continue;
      while (groups.length > 0 && groups[groups.length - 1].open > open) groups.pop();
      groups.push({ open, close: i });
    }
  }
  return groups;
}

/** A group that can hold an owner clause or a note: round or square brackets, not 《》 or quotes. */
export function isNoteGroup(s: string, group: Group): boolean {
  return GROUP_OPENERS.includes(s.charAt(group.open)) && GROUP_CLOSERS.includes(s.charAt(group.close));
}

/** A closer of a note group: an owner parenthetical needs one. A regex scans faster than a loop here. */
const GROUP_CLOSER_RE = new RegExp(charClass(GROUP_CLOSERS), "u");

/** Where the first closer of a note group stands in `s`, or -1 when it has none. */
export function firstGroupCloser(s: string): number {
  return s.search(GROUP_CLOSER_RE);
}
