import type { Block, Cell, GridSlot, Paragraph, Table } from "../../model/blocks.js";
import { type GlyphRun, isCjk } from "./geometry.js";
import { groupLines, lineOf, type TextLine } from "./lines.js";
import type { TableRegion } from "./tables.js";

/**
 * Lines and tables → paragraphs and tables, following the page's text column as a reader does
 * (GB/T 9704 notices: justified lines, a two-character first-line indent, headings on their own
 * line). A full line (one whose remaining room could not take the start of the next) continues
 * onto the next line, also over a page break, unless the next line is indented, outdented, set
 * in another size, further down than the line pitch or a numbered item after a finished
 * sentence; a line ending short ends its paragraph. A table continuing on the next page with the
 * same columns is one table; a repeated header row there is dropped.
 */

export type FlowItem =
  | { kind: "line"; line: TextLine; page: number; lineNo: number }
  | { kind: "table"; table: TableRegion; page: number; lineNo: number };

export interface PageFlow {
  page: number;
  width: number;
  items: FlowItem[];
}

/** Room to spare (in font sizes) at the end of a line that still counts as full. */
const SLACK = 0.3;
/** Characters that may not start a line (they stay with the character before) and may not end one. */
const NO_LINE_START = /^[、，。．：；！？）》〉」』】〕”’%‰·…—,.:;!?)\]]+/;
const NO_LINE_END = /[（《〈「『【〔“‘(\[]$/;
/** Lines whose left edges differ by less than this many font sizes are aligned. */
const ALIGNED = 0.5;
/** A first line starting with its label may hang its continuation this far (font sizes) to the right. */
const HANGING = 5;
/** A baseline step this much larger than the page's usual one is paragraph spacing. */
const SPACING = 1.25;
/** Sizes differing by more than this share are different kinds of text (heading, body, note). */
const SIZE_CHANGE = 0.15;

const LABEL = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十百\d]+[章节条部分])/;

const SENTENCE_END = /[。；：！？）)]$/;

interface Column {
  right: number;
  pitch: number;
}

export function blocksOf(flows: readonly PageFlow[]): Block[] {
  const docColumn = columnOf(flows.flatMap((f) => lines(f.items)), null, flows[0]?.width ?? 0);
  const blocks: Block[] = [];
  let open: OpenParagraph | null = null;
  let lastTable: BuiltTable | null = null;
  const close = () => {
    if (open) blocks.push(open.paragraph());
    open = null;
  };
  for (const flow of flows) {
    const column = columnOf(lines(flow.items), docColumn, flow.width);
    let previousOnPage: TextLine | null = null;
    for (const item of flow.items) {
      if (item.kind === "table") {
        close();
        const built = tableOf(item.table, item.page, item.lineNo);
        const previous = lastTable as BuiltTable | null;
        if (previous !== null && previous.page === item.page - 1 && blocks[blocks.length - 1] === previous.block && sameColumns(previous.region, item.table)) {
          appendRows(previous, built);
          lastTable = { ...previous, region: item.table, page: item.page };
        } else {
          blocks.push(built.block);
          lastTable = built;
        }
        previousOnPage = null;
        continue;
      }
      const { line } = item;
      if (open && (open as OpenParagraph).continuesWith(line, previousOnPage, column)) (open as OpenParagraph).add(line);
      else {
        close();
        open = new OpenParagraph(line, item.page, item.lineNo);
      }
      previousOnPage = line;
    }
  }
  close();
  return blocks;
}

const lines = (items: readonly FlowItem[]) => items.flatMap((i) => (i.kind === "line" ? [i.line] : []));

/** Long lines sharing a right edge that make it the margin. */
const MARGIN_EVIDENCE = 3;

/**
 * The column's right margin (the most common right edge of long lines; with too few of them, the
 * document's, or the left margin mirrored) and line pitch.
 */
function columnOf(all: readonly TextLine[], fallback: Column | null, pageWidth: number): Column {
  const rights = new Map<number, number>();
  // Loops, not Math.max(...spread): a long document has more lines than a call takes arguments.
  let widest = 0;
  let left = pageWidth / 2;
  for (const line of all) {
    widest = Math.max(widest, line.right - line.x);
    left = Math.min(left, line.x);
  }
  for (const line of all) {
    if (line.right - line.x < 0.6 * widest) continue;
    const bin = Math.round(line.right / 2) * 2;
    rights.set(bin, (rights.get(bin) ?? 0) + 1);
  }
  let right = fallback?.right ?? pageWidth - left;
  let most = MARGIN_EVIDENCE - 1;
  for (const [bin, count] of rights) if (count > most || (count === most && bin > right)) [right, most] = [bin, count];
  const steps: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const step = all[i].y - all[i - 1].y;
    if (step > 0 && step < 3 * all[i].size && Math.abs(all[i].size - all[i - 1].size) <= SIZE_CHANGE * all[i].size) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  const pitch = steps.length >= 3 ? steps[steps.length >> 1] : (fallback?.pitch ?? 0);
  return { right, pitch };
}

class OpenParagraph {
  private readonly lines: TextLine[];
  constructor(
    first: TextLine,
    private readonly page: number,
    private readonly lineNo: number,
  ) {
    this.lines = [first];
  }

  add(line: TextLine): void {
    this.lines.push(line);
  }

  continuesWith(line: TextLine, previousOnPage: TextLine | null, column: Column): boolean {
    const last = this.lines[this.lines.length - 1];
    if (!wrapsBefore(last, line.text, column.right)) return false;
    if (Math.abs(line.size - last.size) > SIZE_CHANGE * last.size) return false;
    // On the same page the step down must be the usual one; over a page break there is none.
    if (previousOnPage === last && column.pitch > 0 && line.y - last.y > SPACING * column.pitch + 1) return false;
    // A numbered item after a finished sentence starts anew, even under a full line.
    if (LABEL.test(line.text) && SENTENCE_END.test(last.text)) return false;
    const tolerance = ALIGNED * line.size;
    if (this.lines.length >= 2) return Math.abs(line.x - this.lines[1].x) <= tolerance;
    const first = this.lines[0];
    if (line.x <= first.x + tolerance) return true;
    return LABEL.test(first.text) && line.x - first.x <= HANGING * line.size;
  }

  paragraph(): Paragraph {
    let text = this.lines[0].text;
    for (let i = 1; i < this.lines.length; i++) text = joinWrapped(text, this.lines[i].text);
    return { type: "paragraph", text, label: null, style: null, headingLevel: null, source: { line: this.lineNo, page: this.page } };
  }
}

/**
 * Whether `line` was wrapped before `next`: the room left at its end could not take the start of
 * `next` (its first character with the punctuation that may not start a line, a whole Latin word,
 * or an opening bracket with the character it opens), so the line is full, if not to the margin.
 */
function wrapsBefore(line: TextLine, next: string, right: number): boolean {
  return right - line.right < leadingUnit(next, line.text) * line.size + SLACK * line.size;
}

/** Width, in font sizes, of what must move down together at the start of a line. */
function leadingUnit(next: string, before: string): number {
  const word = /^[A-Za-z0-9][A-Za-z0-9.\-%/]*/.exec(next);
  if (word) return 0.5 * word[0].length;
  const width = (text: string) => [...text].reduce((sum, ch) => sum + (isCjk(ch) ? 1 : 0.5), 0);
  const first = [...next][0] ?? "";
  const rest = next.slice(first.length);
  let unit = width(first) + width(NO_LINE_START.exec(rest)?.[0] ?? "");
  if (NO_LINE_END.test(first)) unit += width([...rest][0] ?? "");
  // An opening bracket pushed down from the end of the line above leaves its room there too.
  if (NO_LINE_END.test(before)) unit += 1;
  return unit;
}

/** A wrapped line's continuation: no space in CJK text, one between two Latin words. */
function joinWrapped(before: string, after: string): string {
  const a = before[before.length - 1];
  const b = after[0];
  if (a === undefined || b === undefined) return before + after;
  const latin = (ch: string) => /[A-Za-z]/.test(ch);
  return latin(a) && latin(b) && !isCjk(a) ? `${before} ${after}` : before + after;
}

/** A table block as built so far, with the page region it last came from and its cells whose text runs on. */
interface BuiltTable {
  block: Table;
  region: TableRegion;
  page: number;
  /** Cells whose last line reaches the cell's right edge: cut by a page break, if any. */
  wraps: Set<Cell>;
}

function tableOf(region: TableRegion, page: number, lineNo: number): BuiltTable {
  const cols = region.columns.length - 1;
  const rows: GridSlot[][] = Array.from({ length: region.rowLines.length - 1 }, () => new Array<GridSlot>(cols));
  const wraps = new Set<Cell>();
  for (const cell of region.cells) {
    const { text, wraps: runsOn } = cellText(cell.runs, cell.left, cell.right);
    const origin: Cell = {
      kind: "cell",
      text,
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
      source: { line: lineNo + cell.row, page, row: cell.row + 1, col: cell.col + 1 },
    };
    if (runsOn) wraps.add(origin);
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
        rows[r][c] = r === cell.row && c === cell.col ? origin : { kind: "covered", row: cell.row, col: cell.col };
      }
    }
  }
  return { block: { type: "table", rows, source: { line: lineNo, page } }, region, page, wraps };
}

/**
 * A cell's lines: a line reaching the cell's right padding wraps on (a cell fits a whole number of
 * characters, and line-start rules push one more down: up to two and a bit short still reaches),
 * a short one, or a numbered line after it, ends its paragraph ("\n").
 */
function cellText(runs: readonly GlyphRun[], left: number, right: number): { text: string; wraps: boolean } {
  const cellLines = groupLines(runs)
    .map(lineOf)
    .filter((l): l is TextLine => l !== null);
  if (cellLines.length === 0) return { text: "", wraps: false };
  const padding = Math.max(0, Math.min(...cellLines.map((l) => l.x)) - left);
  let text = cellLines[0].text;
  for (let i = 1; i < cellLines.length; i++) {
    const wrapped = wrapsBefore(cellLines[i - 1], cellLines[i].text, right - padding) && !LABEL.test(cellLines[i].text);
    text = wrapped ? joinWrapped(text, cellLines[i].text) : `${text}\n${cellLines[i].text}`;
  }
  const last = cellLines[cellLines.length - 1];
  return { text, wraps: right - padding - last.right < 2 * last.size };
}

function sameColumns(a: TableRegion, b: TableRegion): boolean {
  return a.columns.length === b.columns.length && a.columns.every((x, i) => Math.abs(x - b.columns[i]) <= 3);
}

const rowText = (row: GridSlot[]) => row.map((s) => (s.kind === "cell" ? s.text : "")).join("\u0000");

interface Placed {
  cell: Cell;
  row: number;
  col: number;
}

function originOf(rows: GridSlot[][], row: number, col: number): Placed {
  const slot = rows[row][col];
  if (slot.kind === "cell") return { cell: slot, row, col };
  return { cell: rows[slot.row][slot.col] as Cell, row: slot.row, col: slot.col };
}

/**
 * Appends a table's continuation from the next page. Its repeated header row is dropped; an empty
 * cell on top of it under a merged cell continues that cell (Word and LibreOffice do not repeat
 * the text of a merged cell on the next page); a row cut by the page break (a cell of the last row
 * runs on) is joined to the row it continues.
 */
function appendRows(table: BuiltTable, next: BuiltTable): void {
  const rows = table.block.rows;
  const nextRows = next.block.rows;
  const skip = nextRows.length > 0 && rowText(nextRows[0]) === rowText(rows[0]) ? 1 : 0;
  if (nextRows.length <= skip) return;
  const bottom = rows.length - 1;
  const top = nextRows[skip];
  const firstCells: Placed[] = [];
  top.forEach((slot, col) => {
    if (slot.kind === "cell") firstCells.push({ cell: slot, row: skip, col });
  });
  const above = (placed: Placed) => originOf(rows, bottom, placed.col);
  const aligned = (placed: Placed) => above(placed).col === placed.col && above(placed).cell.colSpan === placed.cell.colSpan;
  // Cut by the page break: a cell of the last row runs on, or the row goes on in some cells while
  // others, filled above, have nothing left to say.
  const filledAbove = (placed: Placed) => above(placed).cell.text !== "" && above(placed).row === bottom;
  const runsOn = firstCells.some((placed) => placed.cell.text !== "" && above(placed).cell.text !== "" && table.wraps.has(above(placed).cell));
  const goesOn =
    firstCells.some((placed) => placed.cell.text !== "" && filledAbove(placed) && !LABEL.test(placed.cell.text)) &&
    firstCells.some((placed) => placed.cell.text === "" && filledAbove(placed));
  const split = firstCells.every(aligned) && (runsOn || goesOn);
  const target = new Map<Cell, Placed>();
  for (const placed of firstCells) {
    if (!aligned(placed)) continue;
    const up = above(placed);
    if (split) {
      if (placed.cell.text !== "") up.cell.text = table.wraps.has(up.cell) ? joinWrapped(up.cell.text, placed.cell.text) : `${up.cell.text}\n${placed.cell.text}`;
      up.cell.rowSpan += placed.cell.rowSpan - 1;
      table.wraps.delete(up.cell);
      if (next.wraps.has(placed.cell)) table.wraps.add(up.cell);
      target.set(placed.cell, up);
    } else if (placed.cell.text === "" && (placed.cell.rowSpan > 1 || up.cell.rowSpan > 1)) {
      up.cell.rowSpan += placed.cell.rowSpan;
      target.set(placed.cell, up);
    }
  }
  // Row r of the continuation becomes row r - skip + base of the table.
  const base = rows.length - (split ? 1 : 0);
  const moved = (placed: Placed): GridSlot => {
    const t = target.get(placed.cell);
    return t ? { kind: "covered", row: t.row, col: t.col } : { kind: "covered", row: placed.row - skip + base, col: placed.col };
  };
  for (let r = skip + (split ? 1 : 0); r < nextRows.length; r++) {
    rows.push(
      nextRows[r].map((slot, col) => {
        if (slot.kind === "covered") return moved(originOf(nextRows, r, col));
        return target.has(slot) ? moved({ cell: slot, row: r, col }) : slot;
      }),
    );
  }
  for (const cell of next.wraps) if (!target.has(cell)) table.wraps.add(cell);
}
