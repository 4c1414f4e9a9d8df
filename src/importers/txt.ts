import type { Block, BlockDocument, Cell, GridSlot, Paragraph, Table } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { decodeText } from "./decode.js";
import { assertTextWithinLimits, MAX_TABLE_COLUMNS } from "./limits.js";

/** Debris that text extractors (Apache Tika, copy from PDF/web) leave behind. */
const BOOKMARK = /\[bookmark: [^\]\n]{0,200}\]/g;
/** No page-number line is longer than this without its edge white space ("第 12 页，共 34 页"): longer lines skip the regex. */
const PAGE_NUMBER_LINE_MAX = 24;
const PAGE_NUMBER_LINE = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?)\s*$/;
/**
 * Edge whitespace (ASCII, U+3000, BOM) is removed with String#trim, which strips exactly what
 * `\s` matches: a `/\s+$/` regex backtracks quadratically on a long run of spaces mid-line.
 */
const trimEdges = (s: string) => s.trim();

export function importTxt(bytes: Uint8Array): BlockDocument {
  const { text, encoding } = decodeText(bytes);
  const doc = importText(text);
  return { ...doc, encoding };
}

interface SourceLine {
  no: number;
  text: string;
}

/** Text → blocks: one paragraph per non-empty line; Tika-style and TSV table text rebuilt as tables. */
export function importText(text: string): BlockDocument {
  assertTextWithinLimits(text);
  const diagnostics: Diagnostic[] = [];
  const lines = cleanLines(text, diagnostics);
  const blocks: Block[] = [];
  // A reader that turned a run of lines down is not asked again inside that run: asking at
  // every line of a long run that is no table would cost the square of its length.
  const refusedUntil = { tika: 0, pipe: 0, tsv: 0 };
  const attempt = (kind: keyof typeof refusedUntil, i: number, read: (lines: SourceLine[], start: number) => TableRead): TableRead | null => {
    if (i < refusedUntil[kind]) return null;
    const result = read(lines, i);
    if (result.blocks === null) refusedUntil[kind] = result.next;
    return result.blocks === null ? null : result;
  };
  let i = 0;
  while (i < lines.length) {
    const table =
      (isTikaCellLine(lines[i].text) ? attempt("tika", i, readTikaTable) : null) ??
      attempt("pipe", i, readPipeTable) ??
      attempt("tsv", i, readTsvTable);
    if (table !== null) {
      for (const block of table.blocks!) blocks.push(block);
      i = table.next;
      continue;
    }
    // A rendered row with a single filled cell outside a table ("一、紧扣…深化政务公开 | |") is that cell.
    const t = lines[i].text.includes("|") && filledCells(lines[i].text).length === 1 ? filledCells(lines[i].text)[0] : trimEdges(lines[i].text);
    if (t) blocks.push(paragraph(t, lines[i].no));
    i++;
  }
  return { format: "txt", encoding: null, blocks, diagnostics };
}

function cleanLines(text: string, diagnostics: Diagnostic[]): SourceLine[] {
  const raw = (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text).split("\n");
  const out: SourceLine[] = [];
  let dropped = 0;
  raw.forEach((line, idx) => {
    let t = line.includes("\f") ? line.replace(/\f/g, "") : line;
    // "|" lines separate cells of a table rendered one cell per line.
    if (t.includes("|") && filledCells(t).length === 0) t = "";
    if (t.includes("[bookmark:")) t = t.replace(BOOKMARK, "");
    if (t.length <= PAGE_NUMBER_LINE_MAX ? PAGE_NUMBER_LINE.test(t) : t.trim().length <= PAGE_NUMBER_LINE_MAX && PAGE_NUMBER_LINE.test(t)) {
      dropped++;
      t = "";
    }
    out.push({ no: idx + 1, text: t });
  });
  if (dropped) {
    diagnostics.push(diagnostic("page-numbers-dropped", { count: dropped }, null));
  }
  return out;
}

function paragraph(text: string, line: number): Paragraph {
  return { type: "paragraph", text, label: null, style: null, headingLevel: null, source: { line } };
}

const isBlank = (s: string) => trimEdges(s) === "";
const isTikaCellLine = (s: string) => s.startsWith("\t") && !s.slice(1).includes("\t");

/** A table reader's answer: the blocks it read up to `next`, or null and how far it looked. */
interface TableRead {
  blocks: Block[] | null;
  next: number;
}

interface RawCell {
  lines: string[];
  line: number;
}

/**
 * Apache Tika writes a table as one line per cell prefixed with a TAB, a blank line between
 * rows, and further paragraphs of a cell as lines without the TAB. The table ends at the first
 * row group that does not start with a TAB.
 */
function readTikaTable(lines: SourceLine[], start: number): TableRead {
  const rows: RawCell[][] = [];
  let i = start;
  for (;;) {
    let j = i;
    while (j < lines.length && isRowBreak(lines[j].text)) j++;
    if (j >= lines.length || !isTikaCellLine(lines[j].text)) break;
    const row: RawCell[] = [];
    for (i = j; i < lines.length && !isRowBreak(lines[i].text); i++) {
      const t = lines[i].text;
      if (isTikaCellLine(t)) row.push({ lines: [t.slice(1)], line: lines[i].no });
      else row[row.length - 1].lines.push(t);
    }
    rows.push(row);
  }
  // Tab-indented prose (one "cell" per row) is not a table; nor are rows wider than any table.
  if (rows.length < 2 || rows.every((r) => r.length === 1) || rows.some((r) => r.length > MAX_TABLE_COLUMNS)) return { blocks: null, next: Math.max(i, start + 1) };
  const blocks: Block[] = [];
  // A leading one-cell row is the table's caption (the 台账 title), not a data row.
  while (rows[0].length === 1) {
    const cell = rows.shift()!;
    const t = cellText(cell[0]);
    if (t) blocks.push(paragraph(t, cell[0].line));
  }
  blocks.push(toTable(rows));
  return { blocks, next: i };
}

/** Rows are separated by a blank line; a bare TAB is an empty cell, not a break. */
const isRowBreak = (s: string) => !s.startsWith("\t") && isBlank(s);

function cellText(cell: RawCell): string {
  return cell.lines
    .map(trimEdges)
    .filter((l, idx, all) => l !== "" || (idx > 0 && idx < all.length - 1))
    .join("\n")
    .trim();
}

/**
 * Rows of plain text carry no span information. A row with fewer cells than the widest row
 * is taken to have its second cell span the gap (the usual shape of a header such as
 * 序号 | 重点任务(spanning category, task and content) | 责任分工 | 完成时限).
 */
function toTable(rows: RawCell[][]): Table {
  const width = rows.reduce((widest, r) => Math.max(widest, r.length), 0);
  const grid: GridSlot[][] = rows.map((row, r) => {
    const slots: GridSlot[] = [];
    const gap = width - row.length;
    const widened = row.length === 1 ? 0 : 1;
    row.forEach((raw, idx) => {
      const col = slots.length;
      const span = idx === widened ? gap + 1 : 1;
      const cell: Cell = {
        kind: "cell",
        text: cellText(raw),
        rowSpan: 1,
        colSpan: span,
        source: { line: raw.line, row: r + 1, col: col + 1 },
      };
      slots.push(cell);
      for (let k = 1; k < span; k++) slots.push({ kind: "covered", row: r, col });
    });
    return slots;
  });
  return { type: "table", rows: grid, source: { line: rows[0][0].line, endLine: rows[rows.length - 1].at(-1)!.line } };
}

/** TSV: at least two consecutive lines with TAB-separated fields (one row per line). */
function readTsvTable(lines: SourceLine[], start: number): TableRead {
  const isRow = (s: string) => s.includes("\t") && /[^\t\s]/.test(s) && /\S\t|\t\S/.test(s) && !isTikaCellLine(s);
  let i = start;
  while (i < lines.length && isRow(lines[i].text)) i++;
  if (i - start < 2) return { blocks: null, next: Math.max(i, start + 1) };
  const rows: RawCell[][] = lines.slice(start, i).map((l) => l.text.split("\t").map((t) => ({ lines: [t], line: l.no })));
  if (rows.some((r) => r.length > MAX_TABLE_COLUMNS)) return { blocks: null, next: i };
  return { blocks: [toTable(rows)], next: i };
}

/** "cell | cell | cell |": table rows as web-page text renders them; at least two such lines. */
const filledCells = (s: string) => s.split("|").map(trimEdges).filter(Boolean);

function readPipeTable(lines: SourceLine[], start: number): TableRead {
  // Rows with one filled cell (a section heading spanning the table) belong to the run too.
  const isRow = (s: string) => s.includes("|") && filledCells(s).length >= 1;
  let i = start;
  while (i < lines.length && isRow(lines[i].text)) i++;
  const run = lines.slice(start, i);
  if (run.length < 2 || !run.some((l) => filledCells(l.text).length >= 2)) return { blocks: null, next: Math.max(i, start + 1) };
  const rows: RawCell[][] = run.map((l) => filledCells(l.text).map((t) => ({ lines: [t], line: l.no })));
  if (rows.some((r) => r.length > MAX_TABLE_COLUMNS)) return { blocks: null, next: i };
  return { blocks: [{ ...toTable(rows), cellsShifted: true }], next: i };
}
