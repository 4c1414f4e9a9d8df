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
