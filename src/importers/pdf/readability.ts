import { LedgerInputError } from "../../errors.js";
import type { PageContent } from "./geometry.js";

/**
 * What cannot be read is said, never guessed. A PDF whose pages carry (almost) no text is a scan;
 * one whose text comes out as private-use or otherwise unmapped characters has fonts without a
 * usable ToUnicode map, and a ledger read from it would be garbage.
 */

/** Fewer characters than this per page on average: no text layer (a scan, perhaps with a stamp or page numbers). */
const MIN_CHARS_PER_PAGE = 10;
/** A larger share of unmapped characters than this: the text is not readable. */
const MAX_UNMAPPED_SHARE = 0.1;

/**
 * Characters a notice's text is made of: CJK, ASCII, Latin-1 signs (·, ×, §), punctuation, symbols,
 * enclosed and Roman numerals. Glyph codes read as characters without a ToUnicode map come out as
 * private-use characters or as runs of accented Latin, Greek, Cyrillic, Hebrew… letters: unmapped.
 */
function isMapped(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xbf) ||
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2000 && c <= 0x2bff) || // punctuation, super/subscripts, letterlike, numerals, arrows, maths, shapes
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe6f) ||
    (c >= 0xff01 && c <= 0xffef) ||
    (c >= 0x20000 && c <= 0x3ffff)
  );
}

export function assertReadable(pages: readonly PageContent[]): void {
  let chars = 0;
  let unmapped = 0;
  for (const page of pages) {
    for (const run of page.runs) {
      for (const ch of run.text) {
        const c = ch.codePointAt(0)!;
        if (c <= 0x20 || c === 0x3000) continue;
        chars++;
        if (!isMapped(c)) unmapped++;
      }
    }
  }
  if (chars < MIN_CHARS_PER_PAGE * Math.max(1, pages.length)) {
    throw new LedgerInputError("no-text-layer", "has no text layer (scanned; run OCR first)");
  }
  if (unmapped > MAX_UNMAPPED_SHARE * chars) {
    const share = Math.round((100 * unmapped) / chars);
    throw new LedgerInputError("unreadable-text", `text cannot be read: ${share}% of its characters are unmapped glyphs (fonts without a usable ToUnicode map)`);
  }
}
