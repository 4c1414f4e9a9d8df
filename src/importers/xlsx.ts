import type { CellValue, Workbook, Worksheet } from "exceljs";
import { LedgerInputError } from "../errors.js";
import type { Block, BlockDocument, GridSlot, Paragraph } from "../model/blocks.js";

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
 * The sheet's used range as a grid: each slot points at the cell whose text it shows (the origin of its
 * merge), null where nothing is. Empty rows and columns at the end are trimmed.
 */
function sheetGrid(sheet: Worksheet): SheetRow[] {
  const merges = mergeRanges(sheet);
  let height = 0;
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cellText(cell.value) === "") return;
      height = Math.max(height, r);
      width = Math.max(width, c);
    });
  });
  const grid: (Origin | null)[][] = Array.from({ length: height }, () => Array<Origin | null>(width).fill(null));
  for (let r = 1; r <= height; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= width; c++) {
      const text = cellText(row.getCell(c).value);
      if (text !== "") grid[r - 1][c - 1] = { text, row: r, col: c, rowSpan: 1, colSpan: 1 };
    }
  }
  for (const m of merges) {
    if (m.top > height || m.left > width) continue;
    const bottom = Math.min(m.bottom, height);
    const right = Math.min(m.right, width);
    const origin: Origin = {
      text: grid[m.top - 1][m.left - 1]?.text ?? "",
      row: m.top,
      col: m.left,
      rowSpan: bottom - m.top + 1,
      colSpan: right - m.left + 1,
    };
    for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= right; c++) grid[r - 1][c - 1] = origin;
  }
  rejoinPageBreakRepeats(grid);
  // Drop empty rows (a blank line between title and table, or inside the table).
  return grid.flatMap((slots, r) => (slots.some((slot) => slot !== null && slot.text.trim() !== "") ? [{ number: r + 1, slots }] : []));
}

/**
 * A merged category cell cut at a printed page break and its text repeated below it (as ledger's own
 * 台账 does, so that no page shows tasks without their category) is one cell again: two vertically
 * adjacent cells of the same text and width where at least one is a merge. Leaf cells, never merged,
 * stay apart even when their texts repeat.
 */
function rejoinPageBreakRepeats(grid: (Origin | null)[][]): void {
  const width = grid[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < grid.length; r++) {
      const upper = grid[r][c];
      if (!upper || upper.row !== r + 1 || upper.col !== c + 1 || upper.text.trim() === "") continue;
      let below = grid[upper.row + upper.rowSpan - 1]?.[c];
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
        for (let rr = joined.row; rr < joined.row + joined.rowSpan; rr++) for (let cc = joined.col; cc < joined.col + joined.colSpan; cc++) grid[rr - 1][cc - 1] = upper;
        upper.rowSpan += joined.rowSpan;
        below = grid[upper.row + upper.rowSpan - 1]?.[c];
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
