import type { Borders, Font, Style, Workbook } from "exceljs";
import { messageIn } from "../model/catalogue.js";
import type { Diagnostic, Severity } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import { LEDGER_DATA, LEDGER_OUTPUT_TAG, type EmbeddedLedger } from "../model/ops.js";
import { unitGrid } from "./by-unit.js";
import { columnWidths, ledgerTable, sourceName, xmlSafe, xmlSafeJson, type ColumnKind, type Grid, type TableCell, type TableOptions } from "./table.js";
import { FONT_SIZE, TITLE_FONT_SIZE, excelWidth, pageStarts, printScale, rowHeights, splitAtPageStarts, textHeight } from "./xlsx-layout.js";

export interface XlsxOptions extends Omit<TableOptions, "dueColumn"> {
  /** The unit a split 台账 was written for: in its title and its marker. */
  unit?: string;
  /** More sheets after 按单位 (`ledger merge` adds 进展汇总 and 冲突). */
  extraSheets?: readonly SheetSpec[];
}

/** A sheet of a grid, under an optional title row. */
export interface SheetSpec {
  name: string;
  title: string | null;
  grid: Grid;
}

/** Sheet names, as offices name them; `data` is the very hidden sheet holding the embedded ledger. */
export const SHEETS = { ledger: "台账", byUnit: "按单位", diagnostics: "诊断", data: LEDGER_DATA.xlsxSheet } as const;

/**
 * The Excel 台账 of one notice, or of several in one workbook (with a 来源文件 column):
 * sheets 台账, 按单位 and 诊断, and the marker that makes it read back exactly (see LEDGER_OUTPUT_TAG).
 */
export async function toXlsx(input: Ledger | readonly Ledger[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const ledgers: readonly Ledger[] = isLedgerList(input) ? input : [input];
  // exceljs takes ~230 ms to load: only the xlsx output pays for it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ledger";
  workbook.description = LEDGER_OUTPUT_TAG;
  if (options.unit !== undefined) workbook.subject = xmlSafe(options.unit);

  const table = ledgerTable(ledgers, { ...options, dueColumn: true });
  workbook.title = xmlSafe(table.title);
  addGridSheet(workbook, SHEETS.ledger, table, table.title);
  addGridSheet(workbook, SHEETS.byUnit, unitGrid(ledgers), `${table.title}（按单位）`);
  for (const extra of options.extraSheets ?? []) addGridSheet(workbook, extra.name, extra.grid, extra.title);
  addGridSheet(workbook, SHEETS.diagnostics, diagnosticsGrid(ledgers), null);
  addDataSheet(workbook, { tag: LEDGER_OUTPUT_TAG, unit: options.unit ?? null, ledgers: [...ledgers] });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook of plain sheets (the changes `ledger diff` found): no 台账, no marker. */
export async function gridsToXlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ledger";
  for (const sheet of sheets) addGridSheet(workbook, sheet.name, sheet.grid, sheet.title);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function isLedgerList(input: Ledger | readonly Ledger[]): input is readonly Ledger[] {
  return Array.isArray(input);
}

/** Below Excel's 32,767 characters per cell. */
const DATA_CHUNK = 30_000;

/**
 * The ledger as JSON in column A of a very hidden sheet (not listed by Excel's Unhide): unlike a custom
 * XML part, a sheet survives a unit saving the file in Excel, WPS, LibreOffice or exceljs.
 */
function addDataSheet(workbook: Workbook, embedded: EmbeddedLedger): void {
  const sheet = workbook.addWorksheet(SHEETS.data, { state: "veryHidden" });
  const json = xmlSafeJson(embedded);
  for (let i = 0, row = 1; i < json.length; i += DATA_CHUNK, row++) {
    // Never split a surrogate pair between two cells.
    let end = Math.min(json.length, i + DATA_CHUNK);
    if (end < json.length && /[\uD800-\uDBFF]/.test(json.charAt(end - 1))) end--;
    sheet.getCell(row, 1).value = json.slice(i, end);
    i = end - DATA_CHUNK;
  }
}

/**
 * SimSun (宋体) is on every Chinese Windows and WPS install; charset 134 (GB2312) lets Excel and
 * LibreOffice substitute another Chinese font where it is missing instead of a Latin one.
 */
const FONT: Partial<Font> = { name: "宋体", size: FONT_SIZE, charset: 134 };
/** Owners and deadlines a task inherits from a task above it: shown, in grey italics. */
const INHERITED_FONT: Partial<Font> = { ...FONT, italic: true, color: { argb: "FF7F7F7F" } };
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFD9D9D9" } };
/** Number format "@" (Text): cells stay text even when edited, so "=…" never becomes a formula. */
const TEXT_FORMAT = "@";
const DATE_FORMAT = "yyyy-mm-dd";
const CENTRED: ReadonlySet<ColumnKind> = new Set(["serial", "short", "deadline", "due", "id"]);
const NUMERIC: ReadonlySet<ColumnKind> = new Set(["serial", "short"]);
/** Columns of categories, merged down over their tasks: read from the top, as in a printed 台账. */
const TOP_ALIGNED: ReadonlySet<ColumnKind> = new Set(["source", "serial", "heading", "units"]);

/**
 * One sheet: an optional title row, a header row, then the grid with its merges; frozen header,
 * autofilter, and an A4 landscape print setup that repeats the header row on every page and breaks pages
 * where it has cut the merged cells.
 */
function addGridSheet(workbook: Workbook, name: string, input: Grid, title: string | null): void {
  const headerRow = title === null ? 1 : 2;
  const widths = columnWidths(input).map(excelWidth);
  const scale = printScale(widths);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const titleHeight = title === null ? 0 : Math.max(32, textHeight(title, totalWidth, TITLE_FONT_SIZE) + 8);
  const headerHeight = Math.max(24, ...input.columns.map((column, i) => textHeight(column.header, widths[i])));
  const breaks = pageStarts(rowHeights(input, widths), headerHeight, titleHeight, scale);
  const grid = splitAtPageStarts(input, breaks);

  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      // A fixed scale, not fit-to-width: Excel ignores manual page breaks on a fit-to-page sheet.
      scale,
      fitToPage: false,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  });
  sheet.columns = widths.map((width) => ({ width }));
  const lastColumn = grid.columns.length;

  if (title !== null) {
    sheet.mergeCells(1, 1, 1, lastColumn);
    const cell = sheet.getCell(1, 1);
    cell.value = xmlSafe(title);
    cell.font = { ...FONT, size: TITLE_FONT_SIZE, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    sheet.getRow(1).height = titleHeight;
  }

  const header = sheet.getRow(headerRow);
  grid.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = xmlSafe(column.header);
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
  });
  header.height = headerHeight;

  const heights = rowHeights(grid, widths);
  grid.rows.forEach((row, r) => {
    const rowNumber = headerRow + 1 + r;
    const sheetRow = sheet.getRow(rowNumber);
    sheetRow.height = heights[r];
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = sheetRow.getCell(c + 1);
      const kind = grid.columns[c].kind;
      const value = cellValue(kind, cell);
      if (value !== null) target.value = value;
      target.style = cellStyle(kind, value, cell);
      // Merging copies the first cell's style (borders) to the cells it covers, so style first.
      if (cell.rowSpan > 1) sheet.mergeCells(rowNumber, c + 1, rowNumber + cell.rowSpan - 1, c + 1);
    });
  });
  for (const start of breaks) sheet.getRow(headerRow + start).addPageBreak();

  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: lastColumn } };
}

/**
 * Whole numbers in 序号/行 are numbers (Excel flags digits stored as text), 截止日期 a date; everything else
 * is a string, stored as a shared string: exceljs writes a formula only from a { formula } value.
 */
function cellValue(kind: ColumnKind, cell: TableCell): string | number | Date | null {
  if (cell.text === "") return null;
  if (NUMERIC.has(kind) && /^\d{1,9}$/.test(cell.text)) return Number(cell.text);
  if (kind === "due") {
    const [y, m, d] = cell.text.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return excelText(xmlSafe(cell.text));
}

/** Excel holds at most 32,767 characters in a cell and reports a file with a longer one as damaged. */
const EXCEL_CELL_MAX = 32_767;

function excelText(text: string): string {
  if (text.length <= EXCEL_CELL_MAX) return text;
  let cut = EXCEL_CELL_MAX - 1;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

function cellStyle(kind: ColumnKind, value: string | number | Date | null, cell: TableCell): Partial<Style> {
  return {
    font: cell.inherited ? INHERITED_FONT : FONT,
    alignment: {
      horizontal: CENTRED.has(kind) ? "center" : "left",
      vertical: TOP_ALIGNED.has(kind) && cell.rowSpan > 1 ? "top" : "middle",
      wrapText: true,
    },
    border: BORDER,
    numFmt: value instanceof Date || kind === "due" ? DATE_FORMAT : typeof value === "number" ? "General" : TEXT_FORMAT,
  };
}

const SEVERITY_NAMES: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/** The 诊断 sheet: every diagnostic, as `ledger check` prints them. */
function diagnosticsGrid(ledgers: readonly Ledger[]): Grid {
  const withSource = ledgers.length > 1;
  const columns: Grid["columns"] = [
    ...(withSource ? [{ kind: "source" as const, header: "来源文件" }] : []),
    { kind: "short", header: "严重程度" },
    { kind: "code", header: "代码" },
    { kind: "short", header: "行" },
    { kind: "id", header: "任务编号" },
    { kind: "content", header: "信息" },
  ];
  const rows = ledgers.flatMap((ledger) =>
    ledger.diagnostics.map((d: Diagnostic) =>
      [
        ...(withSource ? [sourceName(ledger)] : []),
        SEVERITY_NAMES[d.severity],
        d.code,
        d.source ? String(d.source.line) : "",
        d.taskId ?? "",
        messageIn(d, "zh"),
      ].map((text) => ({ text, rowSpan: 1 })),
    ),
  );
  return { columns, rows };
}
