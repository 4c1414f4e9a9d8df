import { type GlyphRun, isCjk } from "./geometry.js";

/** A visual line of text: runs on one baseline, joined by their x position. */
export interface TextLine {
  text: string;
  /** Left edge of the first glyph, right edge of the last one, baseline. */
  x: number;
  right: number;
  y: number;
  /** The font size most of the line is set in. */
  size: number;
}

/** Runs whose baselines differ by less than this share of the font size are on one line. */
const SAME_BASELINE = 0.4;
/** A gap this many font sizes wide between two runs of a line is a column gap, not a word space. */
const COLUMN_GAP = 1.8;
/** Between Latin letters or digits, a gap this wide (in font sizes) is a word space. */
const WORD_GAP = 0.15;

/**
 * A column-wide gap inside a line separates things set apart on purpose (two issuing offices,
 * 发文字号 and 签发人): it stays one space, also between Chinese characters, unless it is the
 * tab after a numbering label. Marked while the line is built, spaced at the end.
 */
const WIDE_GAP = "\u0001";
const AFTER_LABEL = /[、.．)）:：]\s*$/;

const isBlank = (text: string) => text.trim() === "";

/** Groups runs into lines, top to bottom, each line's runs left to right. */
export function groupLines(runs: readonly GlyphRun[]): GlyphRun[][] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: GlyphRun[][] = [];
  let current: GlyphRun[] = [];
  let baseline = 0;
  let size = 0;
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.y - baseline) <= SAME_BASELINE * Math.max(size, run.size)) {
      current.push(run);
      size = Math.max(size, run.size);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [run];
    baseline = run.y;
    size = run.size;
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * A line's text. CJK text carries no spaces: a space (a real one, a tab's gap or the extra room
 * LibreOffice leaves between Chinese and Latin text) next to a CJK character is dropped; between
 * Latin words a space is kept, or put where the runs leave a word-wide gap.
 */
export function lineOf(runs: readonly GlyphRun[]): TextLine | null {
  let text = "";
  let x = Infinity;
  let right = -Infinity;
  let lastRight = -Infinity;
  const sizes = new Map<number, number>();
  let previous: GlyphRun | null = null;
  for (const run of runs) {
    if (isBlank(run.text)) {
      if (text !== "") text += " ";
      continue;
    }
    // Text drawn twice a hair apart is a fake bold, not two words.
    if (previous && previous.text === run.text && Math.abs(previous.x - run.x) < 0.2 * run.size) continue;
    const gap = run.x - lastRight;
    if (text !== "" && gap >= COLUMN_GAP * run.size && !AFTER_LABEL.test(text)) text += WIDE_GAP;
    else if (text !== "" && gap >= WORD_GAP * run.size) text += " ";
    text += run.text;
    x = Math.min(x, run.x);
    right = Math.max(right, run.x + run.width);
    lastRight = run.x + run.width;
    const rounded = Math.round(run.size * 10) / 10;
    sizes.set(rounded, (sizes.get(rounded) ?? 0) + run.text.length);
    previous = run;
  }
  if (x === Infinity) return null;
  let size = 0;
  let most = -1;
  for (const [s, count] of sizes) if (count > most) [size, most] = [s, count];
  return { text: withoutCjkSpaces(text).replaceAll(WIDE_GAP, " "), x, right, y: runs[0].y, size };
}

/**
 * Collapses white space to one space and drops it wherever it touches a CJK character, except
 * after a Latin comma or semicolon (", 同时" is written so; "1." before its tab is a label).
 */
export function withoutCjkSpaces(text: string): string {
  const collapsed = text.replace(/\s+/g, " ").trim();
  if (!collapsed.includes(" ")) return collapsed;
  let out = "";
  for (let i = 0; i < collapsed.length; i++) {
    const ch = collapsed[i];
    const before = collapsed[i - 1];
    if (ch === " " && (isCjk(before) || isCjk(collapsed[i + 1])) && !/[,;]/.test(before)) continue;
    out += ch;
  }
  return out;
}

/**
 * Whether a page's text may sit in a table: some line has two runs a column gap apart. Only
 * such pages have their drawing operators read (the operator list costs as much as the text).
 */
export function mayHoldTable(runs: readonly GlyphRun[]): boolean {
  for (const line of groupLines(runs)) {
    let lastRight = Infinity;
    for (const run of line) {
      if (isBlank(run.text)) continue;
      if (run.x - lastRight >= COLUMN_GAP * run.size) return true;
      lastRight = run.x + run.width;
    }
  }
  return false;
}
