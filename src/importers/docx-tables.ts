import type { Cell, GridSlot, Table } from "../model/blocks.js";
import type { SourcePosition } from "../model/position.js";
import { LIMIT_MESSAGES, MAX_TABLE_COLUMNS, tooLarge } from "./limits.js";

/**
 * A Word table as read (rows of cells with w:gridSpan, w:vMerge, w:hMerge, w:gridBefore) laid
 * out as the document model's rectangular grid: a merged cell appears once, with `covered`
 * slots where it reaches, and rows that stop short are padded with empty cells.
 */

export interface CellLine {
  label: string | null;
  text: string;
}

export interface ReadCell {
  span: number;
  vMerge: "restart" | "continue" | null;
  hMerge: "restart" | "continue" | null;
  lines: CellLine[];
  /** 1-based ordinal of the cell's first paragraph in the document. */
  firstParagraph: number | null;
}

export interface ReadRow {
  gridBefore: number;
  cells: ReadCell[];
}

export function newCell(): ReadCell {
  return { span: 1, vMerge: null, hMerge: null, lines: [], firstParagraph: null };
}

/** A span past any real table (w:gridSpan="100000000") is cut just past the column limit, which then refuses it. */
export function spanValue(value: number | null): number {
  return value !== null && value >= 1 ? Math.min(value, MAX_TABLE_COLUMNS + 1) : 1;
}

/** `excerpt` gives a cell's position the first characters of its text. */
export function buildTable(rows: readonly ReadRow[], tableNumber: number, firstLine: number, excerpt: (text: string) => string): Table | null {
  const grid: (GridSlot | undefined)[][] = rows.map(() => []);
  const origins = new Map<Cell, { row: number; col: number }>();
  const source = (row: number, col: number, cell: ReadCell | null): SourcePosition => {
    const position: SourcePosition = { line: firstLine + row, table: tableNumber, row: row + 1, col: col + 1 };
    if (cell?.firstParagraph != null) position.paragraph = cell.firstParagraph;
    return position;
  };
  rows.forEach((row, r) => {
    let col = Math.min(row.gridBefore, MAX_TABLE_COLUMNS + 1);
    let previous: Cell | null = null;
    for (const read of row.cells) {
      if (col + read.span > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
      // Legacy horizontal merge: a continuation widens the cell on its left; its content is hidden.
      if (read.hMerge === "continue" && previous !== null) {
        const origin = origins.get(previous)!;
        previous.colSpan += read.span;
        for (let c = col; c < col + read.span; c++) grid[r][c] = { kind: "covered", row: origin.row, col: origin.col };
        col += read.span;
        continue;
      }
      // Vertical merge: a continuation extends the cell above that starts in the same grid column.
      const above = r > 0 ? grid[r - 1][col] : undefined;
      const aboveOrigin = above === undefined ? null : above.kind === "covered" ? { row: above.row, col: above.col } : { row: r - 1, col };
      if (read.vMerge === "continue" && aboveOrigin !== null && aboveOrigin.col === col) {
        const origin = grid[aboveOrigin.row][aboveOrigin.col] as Cell;
        origin.rowSpan = r - aboveOrigin.row + 1;
        for (let c = col; c < col + read.span; c++) grid[r][c] = { kind: "covered", row: aboveOrigin.row, col };
        col += read.span;
        previous = null;
        continue;
      }
      const text = read.lines.map((line) => (line.label ?? "") + line.text).join("\n");
      const position = source(r, col, read);
      if (position.paragraph !== undefined && text.trim() !== "") position.excerpt = excerpt(text);
      const cell: Cell = { kind: "cell", text, rowSpan: 1, colSpan: read.span, source: position };
      origins.set(cell, { row: r, col });
      grid[r][col] = cell;
      for (let c = col + 1; c < col + read.span; c++) grid[r][c] = { kind: "covered", row: r, col };
      col += read.span;
      previous = cell;
    }
  });
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (width === 0) return null;
  const slots = grid.map((row, r) =>
    Array.from({ length: width }, (_unused, c): GridSlot => row[c] ?? { kind: "cell", text: "", rowSpan: 1, colSpan: 1, source: source(r, c, null) }),
  );
  const position: SourcePosition = { line: firstLine, table: tableNumber };
  if (rows.length > 1) position.endLine = firstLine + rows.length - 1;
  return { type: "table", rows: slots, source: position };
}
