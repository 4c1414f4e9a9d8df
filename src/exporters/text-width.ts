/**
 * Display width of text in "half-width columns", for sizing spreadsheet and table columns:
 * Excel and exceljs measure in widths of "0", and a Chinese character is about two of those.
 */

/**
 * East Asian Wide and Fullwidth ranges (Unicode UAX #11), plus the ambiguous-width punctuation
 * Chinese fonts draw full-width (“ ” ‘ ’ … — ·), since a 台账 is always set in a CJK font.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x00b7, 0x00b7],
  [0x2014, 0x2016],
  [0x2018, 0x2019],
  [0x201c, 0x201d],
  [0x2025, 0x2026],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

export function isWide(codePoint: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE[mid];
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Width of one line of text: wide characters count 2, everything else 1. */
export function textWidth(line: string): number {
  let width = 0;
  for (const ch of line) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** The widest of the text's lines. */
export function maxLineWidth(text: string): number {
  return Math.max(0, ...text.split("\n").map(textWidth));
}

/**
 * How many lines the text takes when wrapped at `columns` half-width columns. Chinese wraps
 * between any two characters, so counting width per line is close to what Excel and Word do.
 */
export function wrappedLineCount(text: string, columns: number): number {
  const usable = Math.max(2, columns);
  return text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}
