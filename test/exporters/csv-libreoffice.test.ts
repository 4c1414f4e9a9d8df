import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/exporters/csv.js";
import { parseFile } from "../../src/ledger.js";

/**
 * The CSV as LibreOffice Calc reads it: the oracle is the chaoyang CSV opened by Calc's CSV filter and
 * saved as .xlsx (scripts/csv-oracle.sh regenerates it). Every cell, Chinese, quotes and line breaks
 * inside cells included, must be what toCsv writes now.
 */

const ORACLE = join(import.meta.dirname, "oracles", "chaoyang-2021-ledger.csv.xlsx");

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("");
  return String(value);
}

describe("CSV in LibreOffice", () => {
  it("has every cell LibreOffice reads, Chinese intact (else run scripts/csv-oracle.sh after checking the change)", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(ORACLE);
    const sheet = workbook.worksheets[0];
    const expected: string[][] = parse(toCsv(await parseFile("fixtures/chaoyang-2021-ledger.txt")), { bom: true });
    const read: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      read.push(Array.from({ length: expected[0].length }, (_, col) => cellText(row.getCell(col + 1).value)));
    });
    // Calc drops a carriage return inside a cell; the text is otherwise the same.
    expect(read).toEqual(expected.map((row) => row.map((cell) => cell.replace(/\r\n?/g, "\n"))));
    expect(read.flat().join("")).toMatch(/进一步做好政府信息公开条例的实施/);
  });
});
