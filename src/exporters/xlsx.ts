import type { Borders, Font, Style, Workbook } from "exceljs";
import type { Diagnostic, Severity } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import { unitGrid } from "./by-unit.js";
import { columnWidths, ledgerTable, sourceName, type ColumnKind, type Grid, type TableOptions } from "./table.js";
import { FONT_SIZE, TITLE_FONT_SIZE, excelWidth, rowHeights, textHeight } from "./xlsx-layout.js";

export type XlsxOptions = TableOptions;

/** Sheet names, as offices name them. */
export const SHEETS = { ledger: "台账", byUnit: "按单位", diagnostics: "诊断" } as const;

/**
 * The Excel 台账 of one notice, or of several in one workbook (with a 来源文件 column):
 * sheets 台账, 按单位 and 诊断.
 */
export async function toXlsx(input: Ledger | readonly Ledger[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const ledgers: readonly Ledger[] = isLedgerList(input) ? input : [input];
  // exceljs takes ~230 ms to load: only the xlsx output pays for it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ledger";

  const table = ledgerTable(ledgers, options);
  addGridSheet(workbook, SHEETS.ledger, table, table.title);
  addGridSheet(workbook, SHEETS.byUnit, unitGrid(ledgers), null);
  addGridSheet(workbook, SHEETS.diagnostics, diagnosticsGrid(ledgers), null);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function isLedgerList(input: Ledger | readonly Ledger[]): input is readonly Ledger[] {
  return Array.isArray(input);
}

/**
 * SimSun (宋体) is on every Chinese Windows and WPS install; charset 134 (GB2312) lets Excel and
 * LibreOffice substitute another Chinese font where it is missing instead of a Latin one.
 */
const FONT: Partial<Font> = { name: "宋体", size: FONT_SIZE, charset: 134 };
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFD9D9D9" } };
/** Number format "@" (Text): cells stay text even when edited, so "=…" never becomes a formula. */
const TEXT_FORMAT = "@";
const CENTRED: ReadonlySet<ColumnKind> = new Set(["serial", "short", "deadline", "id"]);
const NUMERIC: ReadonlySet<ColumnKind> = new Set(["serial", "short"]);

/**
 * One sheet: an optional title row, a header row, then the grid with its merges; frozen header,
 * autofilter, and an A4 landscape print setup that repeats the header row on every page.
 */
function addGridSheet(workbook: Workbook, name: string, grid: Grid, title: string | null): void {
  const headerRow = title === null ? 1 : 2;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  });
  const widths = columnWidths(grid).map(excelWidth);
  sheet.columns = widths.map((width) => ({ width }));
  const lastColumn = grid.columns.length;

  if (title !== null) {
    sheet.mergeCells(1, 1, 1, lastColumn);
    const cell = sheet.getCell(1, 1);
    cell.value = title;
    cell.font = { ...FONT, size: TITLE_FONT_SIZE, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    const totalWidth = widths.reduce((a, b) => a + b, 0);
    sheet.getRow(1).height = Math.max(32, textHeight(title, totalWidth, TITLE_FONT_SIZE) + 8);
  }

  const header = sheet.getRow(headerRow);
  grid.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
  });
  header.height = Math.max(24, ...grid.columns.map((column, i) => textHeight(column.header, widths[i])));

  const heights = rowHeights(grid, widths);
  grid.rows.forEach((row, r) => {
    const rowNumber = headerRow + 1 + r;
    const sheetRow = sheet.getRow(rowNumber);
    sheetRow.height = heights[r];
    row.forEach((cell, c) => {
      if (!cell) return;
      const target = sheetRow.getCell(c + 1);
      const kind = grid.columns[c].kind;
      // Whole numbers in 序号/行 are numbers (Excel flags digits stored as text); everything else is
      // a string, stored as a shared string: exceljs writes a formula only from a { formula } value.
      const numeric = NUMERIC.has(kind) && /^\d{1,9}$/.test(cell.text);
      if (cell.text !== "") target.value = numeric ? Number(cell.text) : excelText(cell.text);
      target.style = cellStyle(kind, numeric);
      // Merging copies the first cell's style (borders) to the cells it covers, so style first.
      if (cell.rowSpan > 1) sheet.mergeCells(rowNumber, c + 1, rowNumber + cell.rowSpan - 1, c + 1);
    });
  });

  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: lastColumn } };
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

function cellStyle(kind: ColumnKind, numeric: boolean): Partial<Style> {
  return {
    font: FONT,
    alignment: { horizontal: CENTRED.has(kind) ? "center" : "left", vertical: "middle", wrapText: true },
    border: BORDER,
    numFmt: numeric ? "General" : TEXT_FORMAT,
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
        d.message,
      ].map((text) => ({ text, rowSpan: 1 })),
    ),
  );
  return { columns, rows };
}
