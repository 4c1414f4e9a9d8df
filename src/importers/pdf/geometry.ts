/**
 * What the PDF reader takes from pdf.js, in page coordinates with the origin at the top left
 * (y grows downwards, as on the rendered page), whatever the page's rotation.
 */

/** One positioned text run (a pdf.js text item): a piece of one line drawn in one font. */
export interface GlyphRun {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (the run's height on the page). */
  size: number;
}

/** A drawn horizontal or vertical stroke: a table border candidate. x1 ≤ x2, y1 ≤ y2. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: GlyphRun[];
  /** Drawn strokes, read only for pages whose text may hold a table (null otherwise). */
  segments: Segment[] | null;
}

export const isHorizontal = (s: Segment) => s.y2 - s.y1 <= s.x2 - s.x1;

/** CJK ideographs, CJK punctuation and full-width forms: text written without spaces. */
export function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK symbols and punctuation, kana, ideographs
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x20000 && c <= 0x3ffff) ||
    c === 0x2014 || // —
    c === 0x2026 || // …
    (c >= 0x2018 && c <= 0x201d) // ‘’“”
  );
}
