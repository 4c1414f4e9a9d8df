import type { Grid } from "./table.js";
import { wrappedLineCount } from "./text-width.js";

/**
 * Row heights for wrapped text. Excel stores heights but never recomputes them for wrapped
 * cells written by a library, and it cannot measure CJK text for us: estimate from text width.
 */

/** Body text size in points. */
export const FONT_SIZE = 11;
export const TITLE_FONT_SIZE = 16;

/** Points per wrapped line of 11 pt CJK text, with the font's leading. */
const LINE_HEIGHT = 15;
/** Space above and below the text of a cell. */
const CELL_PADDING = 6;
/** Excel refuses taller rows; a longer text scrolls within its cell. */
const MAX_ROW_HEIGHT = 409;

/**
 * Excel column widths count the default font's "0" (Calibri 11 in an exceljs workbook); an 11 pt
 * CJK glyph is about 2.2 of those, so a half-width column is 1.1, plus one for the cell margins.
 */
const UNITS_PER_HALF_WIDTH = 1.1;

/** The Excel width of a column that holds `halfWidths` half-width characters per line. */
export function excelWidth(halfWidths: number): number {
  return Math.ceil(halfWidths * UNITS_PER_HALF_WIDTH) + 1;
}

/**
 * Half-width characters that fit on one line of a column of Excel width `width`, less one: line
 * breaking never starts a line with "，" or "。", so real lines end up a little shorter.
 */
export function lineCapacity(width: number): number {
  return Math.floor((width - 1) / UNITS_PER_HALF_WIDTH) - 1;
}

/** Height in points of a cell holding `text` in a column `width` wide. */
export function textHeight(text: string, width: number, fontSize = FONT_SIZE): number {
  const lines = text === "" ? 1 : wrappedLineCount(text, lineCapacity((width * FONT_SIZE) / fontSize));
  return (lines * LINE_HEIGHT * fontSize) / FONT_SIZE + CELL_PADDING;
}

/**
 * Heights of the grid's rows: each row fits its tallest single cell; a merged cell taller than
 * the rows it spans spreads the difference over them, so its text is never cut off.
 */
export function rowHeights(grid: Grid, widths: readonly number[]): number[] {
  const heights = grid.rows.map((row) =>
    Math.max(LINE_HEIGHT + CELL_PADDING, ...row.map((cell, col) => (cell && cell.rowSpan === 1 ? textHeight(cell.text, widths[col]) : 0))),
  );
  grid.rows.forEach((row, r) => {
    row.forEach((cell, col) => {
      if (!cell || cell.rowSpan === 1) return;
      const span = heights.slice(r, r + cell.rowSpan);
      const missing = textHeight(cell.text, widths[col]) - span.reduce((a, b) => a + b, 0);
      if (missing <= 0) return;
      for (let i = r; i < r + cell.rowSpan; i++) heights[i] += missing / cell.rowSpan;
    });
  });
  return heights.map((h) => Math.min(MAX_ROW_HEIGHT, Math.ceil(h)));
}

/** Landscape A4 less the print margins of the 台账 sheets, in points. */
const PRINTABLE = { width: (11.69 - 0.8) * 72, height: (8.27 - 0.5 - 0.6) * 72 };
/** Row heights are estimates: leave a page a little room so that Excel never breaks before we do. */
const PAGE_FILL = 0.95;

/** An Excel column width in points: Calibri 11's "0" is 7 px, plus 5 px of padding, at 96 dpi. */
function widthPoints(width: number): number {
  return (width * 7 + 5) * 0.75;
}

/** The print scale (percent) that fits the columns across a landscape A4 page. */
export function printScale(widths: readonly number[]): number {
  const total = widths.reduce((sum, w) => sum + widthPoints(w), 0);
  return Math.max(10, Math.min(100, Math.floor((PRINTABLE.width * PAGE_FILL / total) * 100)));
}

/**
 * The body rows (0-based) that start a printed page after the first: the header row repeats on every
 * page, the title only on the first. These become manual page breaks, so the printout breaks where we
 * split merged cells.
 */
export function pageStarts(heights: readonly number[], header: number, title: number, scale: number): number[] {
  const page = (PRINTABLE.height * PAGE_FILL * 100) / scale - header;
  const starts: number[] = [];
  let used = title;
  heights.forEach((height, r) => {
    if (r > 0 && used + height > page) {
      starts.push(r);
      used = 0;
    }
    used += height;
  });
  return starts;
}

/**
 * The grid with every merged cell that crosses a page start cut in two there, its text repeated: a
 * printed page never shows tasks without the category they belong to.
 */
export function splitAtPageStarts(grid: Grid, starts: readonly number[]): Grid {
  const rows = grid.rows.map((row) => row.map((cell) => (cell ? { ...cell } : null)));
  for (const start of starts) {
    for (let col = 0; col < grid.columns.length; col++) {
      if (rows[start][col] !== null) continue;
      let origin = start - 1;
      while (origin >= 0 && rows[origin][col] === null) origin--;
      const cell = rows[origin]?.[col];
      if (!cell || origin + cell.rowSpan <= start) continue;
      rows[start][col] = { ...cell, rowSpan: origin + cell.rowSpan - start };
      cell.rowSpan = start - origin;
    }
  }
  return { columns: grid.columns, rows };
}
