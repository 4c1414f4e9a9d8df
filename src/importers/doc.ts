import { LedgerInputError } from "../errors.js";
import type { Block, BlockDocument, Cell, GridSlot, InputFormat, Paragraph } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { SourcePosition } from "../model/position.js";
import { LIMIT_MESSAGES, MAX_BLOCKS, MAX_TABLE_COLUMNS, MAX_TEXT_CHARS, tooLarge } from "./limits.js";
import { CompoundFile, CompoundFileError } from "./ole/compound-file.js";
import { readWordBinary, WordBinaryError, type RowLayout, type WordParagraph } from "./ole/word-binary.js";

/**
 * The built-in reader of .doc and .wps (the Word binary format): paragraphs, table rows and
 * cells, with merges where the file records cell edges. What only Word's layout engine knows
 * (automatic numbering labels) is reported in a diagnostic, not guessed.
 */
export function importDoc(bytes: Uint8Array, format: Extract<InputFormat, "doc" | "wps">): BlockDocument {
  const read = readOrExplain(bytes);
  const builder = new DocBlockBuilder();
  for (const paragraph of read.paragraphs) builder.add(paragraph);
  builder.flushTable();
  const diagnostics: Diagnostic[] = [...builder.diagnostics];
  if (builder.listed > 0) {
    diagnostics.push(diagnostic("doc-auto-numbering-lost", { count: builder.listed }, null));
  }
  if (read.nestedTables) {
    diagnostics.push(diagnostic("doc-nested-tables", {}, null));
  }
  return { format, encoding: null, via: "builtin", blocks: builder.blocks, diagnostics };
}

function readOrExplain(bytes: Uint8Array) {
  try {
    return readWordBinary(new CompoundFile(bytes), MAX_TEXT_CHARS);
  } catch (error) {
    if (error instanceof CompoundFileError) throw new LedgerInputError("corrupt-doc", `is a damaged OLE file (Word/WPS binary): it ${error.message}`);
    if (error instanceof WordBinaryError) {
      if (error.reason === "too-large") throw tooLarge(LIMIT_MESSAGES.textChars());
      const code = error.reason === "encrypted" ? "encrypted-doc" : error.reason === "old-version" ? "legacy-doc" : "corrupt-doc";
      throw new LedgerInputError(code, error.message);
    }
    // An offset past the end of a structure that declared it fits (DataView bounds).
    if (error instanceof RangeError) throw new LedgerInputError("corrupt-doc", "is a damaged Word file: a structure points past its end");
    throw error;
  }
}

interface PendingCell {
  lines: string[];
  paragraph: number;
}

interface PendingRow {
  cells: PendingCell[];
  layout: RowLayout | null;
}

class DocBlockBuilder {
  readonly blocks: Block[] = [];
  readonly diagnostics: Diagnostic[] = [];
  listed = 0;
  private lines = 0;
  private paragraphs = 0;
  private tables = 0;
  private rows: PendingRow[] = [];
  private cells: PendingCell[] = [];
  private cell: PendingCell | null = null;

  add(paragraph: WordParagraph): void {
    if (paragraph.end === "row") {
      this.closeCell();
      this.rows.push({ cells: this.cells, layout: paragraph.layout });
      this.cells = [];
      return;
    }
    if (++this.paragraphs > MAX_BLOCKS) throw tooLarge(LIMIT_MESSAGES.blocks());
    if (paragraph.listed && paragraph.text.trim() !== "") this.listed++;
    if (paragraph.inTable || paragraph.end === "cell") {
      this.cell ??= { lines: [], paragraph: this.paragraphs };
      this.cell.lines.push(paragraph.text);
      if (paragraph.end === "cell") this.closeCell();
      return;
    }
    this.flushTable();
    const line = ++this.lines;
    if (paragraph.text.trim() === "") return;
    const block: Paragraph = {
      type: "paragraph",
      text: paragraph.text,
      label: null,
      style: null,
      headingLevel: paragraph.outlineLevel,
      source: { line, paragraph: this.paragraphs },
    };
    this.blocks.push(block);
  }

  private closeCell(): void {
    if (this.cell !== null) this.cells.push(this.cell);
    this.cell = null;
  }

  /** Ends the table being read, if any (a table without its last row-end mark keeps its cells). */
  flushTable(): void {
    this.closeCell();
    if (this.cells.length > 0) this.rows.push({ cells: this.cells, layout: null });
    this.cells = [];
    const rows = this.rows;
    this.rows = [];
    if (rows.length === 0) return;
    const table = ++this.tables;
    const firstLine = this.lines + 1;
    this.lines += rows.length;
    const grid = layOut(rows, (row, col, cell) => {
      const source: SourcePosition = { line: firstLine + row, table, row: row + 1, col: col + 1 };
      if (cell !== null) source.paragraph = cell.paragraph;
      return { kind: "cell", text: cell === null ? "" : cell.lines.join("\n"), rowSpan: 1, colSpan: 1, source };
    });
    if (!grid.fromLayout && new Set(rows.map((row) => row.cells.length)).size > 1) {
      this.diagnostics.push(diagnostic("doc-merged-cells-unknown", { table }, { line: firstLine, table }));
    }
    const source: SourcePosition = { line: firstLine, table };
    if (rows.length > 1) source.endLine = firstLine + rows.length - 1;
    this.blocks.push({ type: "table", rows: grid.rows, source });
  }
}

type MakeCell = (row: number, col: number, cell: PendingCell | null) => Cell;

/**
 * The rows as a rectangular grid. When every row records its cell edges (sprmTDefTable), the grid
 * columns are the distinct edges of the whole table, a cell spans the columns between its edges,
 * and merge flags make covered slots; otherwise cells are placed one per column, in order.
 */
function layOut(rows: readonly PendingRow[], makeCell: MakeCell): { rows: GridSlot[][]; fromLayout: boolean } {
  const fromLayout = rows.every((row) => row.layout !== null && row.layout.edges.length === row.cells.length + 1);
  const edges = fromLayout ? gridEdges(rows) : [];
  const grid: (GridSlot | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    row.cells.forEach((pending, index) => {
      let span = 1;
      if (fromLayout) {
        const layout = row.layout!;
        col = edgeIndex(edges, layout.edges[index]);
        span = Math.max(1, edgeIndex(edges, layout.edges[index + 1]) - col);
        if (layout.horzMerge[index] >= 2 && mergeLeft(grid, r, col, span)) return;
        if (layout.vertMerge[index] === 1 && mergeUp(grid, r, col, span)) return;
      }
      if (col + span > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
      const origin = makeCell(r, col, pending);
      origin.colSpan = span;
      grid[r][col] = origin;
      for (let c = col + 1; c < col + span; c++) grid[r][c] = { kind: "covered", row: r, col };
      col += span;
    });
  });
  if (fromLayout) {
    dropColumnsWhereNoCellStarts(grid);
    grid.forEach((row) => row.forEach((slot, c) => slot?.kind === "cell" && (slot.source.col = c + 1)));
  }
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  return {
    rows: grid.map((row, r) => Array.from({ length: width }, (_unused, c) => row[c] ?? makeCell(r, c, null))),
    fromLayout,
  };
}

/**
 * An edge only one row has (a title row a little wider than the rest) makes a grid column in which
 * no cell starts: that column is folded into the cells spanning it.
 */
function dropColumnsWhereNoCellStarts(grid: (GridSlot | undefined)[][]): void {
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  for (let col = width - 1; col >= 0; col--) {
    if (grid.some((row) => row[col]?.kind === "cell")) continue;
    grid.forEach((row, r) => {
      const slot = row[col];
      if (slot?.kind === "covered" && slot.row === r) {
        const origin = row[slot.col];
        if (origin?.kind === "cell") origin.colSpan--;
      }
      row.splice(col, 1);
      for (let c = col; c < row.length; c++) {
        const later = row[c];
        if (later?.kind === "covered" && later.col > col) row[c] = { kind: "covered", row: later.row, col: later.col - 1 };
      }
    });
  }
}

/** The table's distinct cell edges, sorted; edges a few twips apart are one edge. */
function gridEdges(rows: readonly PendingRow[]): number[] {
  const all = [...new Set(rows.flatMap((row) => row.layout!.edges))].sort((a, b) => a - b);
  const edges: number[] = [];
  for (const edge of all) if (edges.length === 0 || edge - edges[edges.length - 1] > 10) edges.push(edge);
  return edges;
}

function edgeIndex(edges: readonly number[], edge: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - edge) < Math.abs(edges[best] - edge)) best = i;
  return best;
}

/** The origin cell whose slot `grid[r][col]` is, if any. */
function originAt(grid: (GridSlot | undefined)[][], r: number, col: number): { cell: Cell; row: number; col: number } | null {
  const slot = grid[r]?.[col];
  if (slot === undefined) return null;
  if (slot.kind === "cell") return { cell: slot, row: r, col };
  const origin = grid[slot.row][slot.col];
  return origin?.kind === "cell" ? { cell: origin, row: slot.row, col: slot.col } : null;
}

/** A cell flagged "merged into the cell on its left" widens that cell (Word 97 horizontal merge). */
function mergeLeft(grid: (GridSlot | undefined)[][], r: number, col: number, span: number): boolean {
  const left = originAt(grid, r, col - 1);
  if (left === null || left.row !== r) return false;
  left.cell.colSpan += span;
  for (let c = col; c < col + span; c++) grid[r][c] = { kind: "covered", row: left.row, col: left.col };
  return true;
}

/** A cell flagged "continues the merge above" lengthens the cell above when they have the same columns. */
function mergeUp(grid: (GridSlot | undefined)[][], r: number, col: number, span: number): boolean {
  const above = originAt(grid, r - 1, col);
  if (above === null || above.col !== col || above.cell.colSpan !== span || above.row + above.cell.rowSpan !== r) return false;
  above.cell.rowSpan++;
  for (let c = col; c < col + span; c++) grid[r][c] = { kind: "covered", row: above.row, col: above.col };
  return true;
}
