import type { CellValue, Workbook, Worksheet } from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { LedgerInputError } from "../errors.js";
import type { Block, BlockDocument, GridSlot, Paragraph } from "../model/blocks.js";
import { LIMIT_MESSAGES, MAX_BLOCKS, MAX_TABLE_COLUMNS, MAX_XML_PART_BYTES, tooLarge } from "./limits.js";

/**
 * Excel workbooks (.xlsx; .xls and .et after a LibreOffice conversion) → document model. Each visible
 * sheet gives its title rows (a row holding one text, usually merged across the table) as paragraphs,
 * then the rest as one table with its merged cells: a 台账 sent as a spreadsheet reads like the same
 * table in Word.
 */

/** The sheets ledger adds beside its 台账 sheet: views of the same tasks, never read as more tasks. */
const DERIVED_SHEETS: ReadonlySet<string> = new Set(["按单位", "诊断", "进展汇总"]);
const LEDGER_SHEET = "台账";

export async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
  assertWorkbookLimits(bytes);
  // exceljs takes ~230 ms to load: only spreadsheets pay for it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new LedgerInputError("corrupt-xlsx", `is not a readable Excel workbook (${(err as Error).message.split("\n")[0]})`);
  }
  return workbook;
}

/** Cells that merged ranges may cover in all: exceljs creates every covered cell when it loads a workbook. */
const MAX_MERGED_CELLS = 100_000;

/**
 * What exceljs would choke on, refused from the zip before it loads: an XML part past MAX_XML_PART_BYTES
 * (exceljs holds a sheet's XML whole), merged ranges covering more than MAX_MERGED_CELLS cells (a
 * 60-byte `<mergeCell ref="A1:ZZ100000"/>` would have it build 70 million cells).
 */
function assertWorkbookLimits(bytes: Uint8Array): void {
  let oversized: string | null = null;
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, {
      filter: (file) => {
        if (!/\.xml$/i.test(file.name)) return false;
        if (file.originalSize > MAX_XML_PART_BYTES) oversized ??= file.name;
        return oversized === null && /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
      },
    });
  } catch (err) {
    throw new LedgerInputError("corrupt-xlsx", `is not a readable Excel workbook (${(err as Error).message.split("\n")[0]})`);
  }
  if (oversized !== null) throw tooLarge(`${oversized} is larger than the ${MAX_XML_PART_BYTES / 1024 / 1024} MB limit for one part of a workbook`);
  let merged = 0;
  for (const data of Object.values(sheets)) {
    for (const match of strFromU8(data).matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      merged += (Math.abs(Number(match[4]) - Number(match[2])) + 1) * (Math.abs(columnNumber(match[3]) - columnNumber(match[1])) + 1);
      if (merged > MAX_MERGED_CELLS) throw tooLarge(`has merged cells covering more than ${MAX_MERGED_CELLS.toLocaleString("en-US")} cells (the limit)`);
    }
  }
}

export async function importXlsx(bytes: Uint8Array): Promise<BlockDocument> {
  return workbookToBlocks(await loadWorkbook(bytes));
}

export function workbookToBlocks(workbook: Workbook): BlockDocument {
  const visible = workbook.worksheets.filter((sheet) => sheet.state === "visible" || sheet.state === undefined);
  const hasLedgerSheet = visible.some((sheet) => sheet.name === LEDGER_SHEET);
  const blocks = visible.filter((sheet) => !(hasLedgerSheet && DERIVED_SHEETS.has(sheet.name))).flatMap(sheetBlocks);
  return { format: "xlsx", encoding: null, blocks, diagnostics: [] };
}

/** A row of the sheet that holds text: its 1-based number and its slots. */
interface SheetRow {
  number: number;
  slots: (Origin | null)[];
}

interface Origin {
  text: string;
  /** 1-based sheet row and column. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** A sheet's title rows as paragraphs, then its table. */
export function sheetBlocks(sheet: Worksheet): Block[] {
  const grid = sheetGrid(sheet);
  if (grid.length === 0) return [];
  const blocks: Block[] = [];
  let first = 0;
  // Rows with a single text above the table: the title, the 文号, a date line.
  while (first < grid.length - 1 && originsWithText(grid[first].slots).length <= 1) {
    const [origin] = originsWithText(grid[first].slots);
    if (origin) blocks.push(paragraph(origin.text, grid[first].number, sheet.name));
    first++;
  }
  const rows = grid.slice(first);
  const index = new Map(rows.map((row, r) => [row.number, r]));
  /** The table row of a sheet row: a merge that starts in a title row above the table starts at its top. */
  const tableRow = (number: number) => index.get(number) ?? 0;
  blocks.push({
    type: "table",
    rows: rows.map(({ number, slots }, r) =>
      slots.map((slot, c): GridSlot => {
        const source = { line: number, sheet: sheet.name, row: number, col: c + 1 };
        if (slot === null) return { kind: "cell", text: "", rowSpan: 1, colSpan: 1, source };
        const originRow = tableRow(slot.row);
        if (originRow !== r || slot.col !== c + 1) return { kind: "covered", row: originRow, col: slot.col - 1 };
        const last = slot.row + slot.rowSpan - 1;
        let rowSpan = 1;
        while (r + rowSpan < rows.length && rows[r + rowSpan].number <= last) rowSpan++;
        return { kind: "cell", text: slot.text, rowSpan, colSpan: slot.colSpan, source };
      }),
    ),
    source: { line: rows[0].number, sheet: sheet.name },
  });
  return blocks;
}

function originsWithText(row: (Origin | null)[]): Origin[] {
  const seen = new Set<Origin>();
  for (const slot of row) if (slot && slot.text.trim() !== "") seen.add(slot);
  return [...seen];
}

function paragraph(text: string, line: number, sheet: string): Paragraph {
  return { type: "paragraph", text, label: null, style: null, headingLevel: null, source: { line, sheet } };
}

/**
 * The sheet's rows that hold text, as grid rows: each slot points at the cell whose text it shows (the
 * origin of its merge), null where nothing is. Only rows with text are built, so a stray cell far down
 * the sheet costs nothing; more columns than MAX_TABLE_COLUMNS or cells than MAX_BLOCKS are refused.
 */
function sheetGrid(sheet: Worksheet): SheetRow[] {
  const texts = new Map<number, Map<number, string>>();
  let width = 0;
  let cells = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // A cell a merge covers reports its master's value: only the master holds the text.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = cellText(cell.value);
      if (text === "") return;
      if (c > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
      if (++cells > MAX_BLOCKS) throw tooLarge(LIMIT_MESSAGES.blocks());
      if (!texts.has(r)) texts.set(r, new Map());
      texts.get(r)!.set(c, text);
      width = Math.max(width, c);
    });
  });
  const numbers = [...texts.keys()].sort((a, b) => a - b);
  const index = new Map(numbers.map((n, i) => [n, i]));
  const rows: SheetRow[] = numbers.map((number) => ({
    number,
    slots: Array.from({ length: width }, (_, c) => {
      const text = texts.get(number)!.get(c + 1);
      return text === undefined ? null : { text, row: number, col: c + 1, rowSpan: 1, colSpan: 1 };
    }),
  }));
  const last = numbers[numbers.length - 1] ?? 0;
  for (const m of mergeRanges(sheet)) {
    if (m.left > width || m.top > last) continue;
    const bottom = Math.min(m.bottom, last);
    const right = Math.min(m.right, width);
    const origin: Origin = {
      text: texts.get(m.top)?.get(m.left) ?? "",
      row: m.top,
      col: m.left,
      rowSpan: bottom - m.top + 1,
      colSpan: right - m.left + 1,
    };
    for (let i = firstAtOrAfter(numbers, m.top); i < numbers.length && numbers[i] <= bottom; i++) {
      for (let c = m.left; c <= right; c++) rows[i].slots[c - 1] = origin;
    }
  }
  rejoinPageBreakRepeats(rows, index);
  return rows;
}

/** The index of the first number at or after `n` in a sorted list. */
function firstAtOrAfter(numbers: readonly number[], n: number): number {
  let lo = 0;
  let hi = numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (numbers[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A merged category cell cut at a printed page break and its text repeated below it (as ledger's own
 * 台账 does, so that no page shows tasks without their category) is one cell again: two vertically
 * adjacent cells of the same text and width where at least one is a merge. Leaf cells, never merged,
 * stay apart even when their texts repeat.
 */
function rejoinPageBreakRepeats(rows: SheetRow[], index: ReadonlyMap<number, number>): void {
  const width = rows[0]?.slots.length ?? 0;
  const slotAt = (row: number, c: number) => {
    const i = index.get(row);
    return i === undefined ? null : rows[i].slots[c];
  };
  for (let c = 0; c < width; c++) {
    for (const { number, slots } of rows) {
      const upper = slots[c];
      if (!upper || upper.row !== number || upper.col !== c + 1 || upper.text.trim() === "") continue;
      let below = slotAt(upper.row + upper.rowSpan, c);
      while (
        below &&
        below !== upper &&
        below.row === upper.row + upper.rowSpan &&
        below.col === upper.col &&
        below.colSpan === upper.colSpan &&
        below.text === upper.text &&
        (upper.rowSpan > 1 || below.rowSpan > 1)
      ) {
        const joined = below;
        for (let r = joined.row; r < joined.row + joined.rowSpan; r++) {
          const i = index.get(r);
          if (i !== undefined) for (let cc = joined.col; cc < joined.col + joined.colSpan; cc++) rows[i].slots[cc - 1] = upper;
        }
        upper.rowSpan += joined.rowSpan;
        below = slotAt(upper.row + upper.rowSpan, c);
      }
    }
  }
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergeRanges(sheet: Worksheet): Range[] {
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  return merges.flatMap((range) => {
    const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!match) return [];
    return [{ top: Number(match[2]), left: columnNumber(match[1]), bottom: Number(match[4]), right: columnNumber(match[3]) }];
  });
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** A cell's text as the sheet shows it: dates as ISO dates, formulas by their result, rich text joined. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.replace(/\r\n?/g, "\n");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("").replace(/\r\n?/g, "\n");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as CellValue);
  if ("error" in value) return "";
  return "";
}
