import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importBytes } from "../../src/importers/index.js";
import { parseBuffer, parseFile } from "../../src/ledger.js";
import type { Table } from "../../src/model/blocks.js";
import { summarise } from "../helpers/fixtures.js";

/** fixtures/xlsx: the 朝阳区 台账 as an office keeps it in Excel (see build.ts). */
const XLSX = "fixtures/xlsx/chaoyang-2021-ledger.xlsx";

async function workbookBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet("Sheet1"));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("Excel input", () => {
  it("reads the title row above the header as a paragraph and the rest as one table with its merges", async () => {
    const doc = await importBytes(readFileSync(XLSX), XLSX);
    expect(doc.format).toBe("xlsx");
    expect(doc.blocks.map((b) => b.type)).toEqual(["paragraph", "table"]);
    expect(doc.blocks[0]).toMatchObject({ text: "朝阳区2021年政务公开重点工作任务台账", source: { line: 1, sheet: "Sheet1" } });
    const docx = await importBytes(readFileSync("fixtures/chaoyang-2021-ledger.docx"), "x.docx");
    // The Word table ends with an empty row, which a sheet does not keep.
    const rows = (t: Table) => t.rows.filter((row) => row.some((s) => s.kind === "covered" || s.text.trim() !== ""));
    const grid = (t: Table) => rows(t).map((row) => row.map((s) => (s.kind === "cell" ? [s.text, s.rowSpan, s.colSpan] : ["covered", s.row, s.col])));
    expect(grid(doc.blocks[1] as Table)).toEqual(grid(docx.blocks.find((b) => b.type === "table") as Table));
  });

  it("gives the same ledger as the Word table it was copied from (the 朝阳区 layout, no marker)", async () => {
    const fromXlsx = await parseFile(XLSX);
    const fromDocx = await parseFile("fixtures/chaoyang-2021-ledger.docx");
    expect(summarise(fromXlsx).tasks).toEqual(summarise(fromDocx).tasks);
  });

  it("shows dates as ISO dates, formulas by their result, rich text joined", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(["序号", "工作任务", "牵头单位", "完成时限"]);
      sheet.addRow([1, { richText: [{ text: "推进" }, { text: "决策公开", font: { bold: true } }] }, "区政府办", new Date(Date.UTC(2021, 11, 31))]);
      sheet.addRow([2, { formula: '"做好"&"解读"', result: "做好解读" }, "区政数局", "长期坚持"]);
    });
    const table = (await importBytes(bytes, "t.xlsx")).blocks[0] as Table;
    const texts = table.rows.map((row) => row.map((s) => (s.kind === "cell" ? s.text : "")));
    expect(texts[1]).toEqual(["1", "推进决策公开", "区政府办", "2021-12-31"]);
    expect(texts[2]).toEqual(["2", "做好解读", "区政数局", "长期坚持"]);
  });

  it("skips hidden sheets and empty rows", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明", { state: "hidden" }).addRow(["内部说明"]);
    const sheet = workbook.addWorksheet("任务");
    sheet.addRow(["序号", "任务"]);
    sheet.addRow([]);
    sheet.addRow([1, "推进决策公开"]);
    const doc = await importBytes(new Uint8Array(await workbook.xlsx.writeBuffer()), "t.xlsx");
    expect(doc.blocks).toHaveLength(1);
    expect((doc.blocks[0] as Table).rows).toHaveLength(2);
  });

  it("builds only the rows that hold text: a stray cell far down the sheet costs nothing", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(["序号", "任务"]);
      sheet.addRow([1, "推进决策公开"]);
      sheet.getCell(900_000, 2).value = "末行";
      sheet.mergeCells(2, 1, 4, 1);
    });
    const table = (await importBytes(bytes, "t.xlsx")).blocks[0] as Table;
    expect(table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? slot.text : "^")))).toEqual([
      ["序号", "任务"],
      ["1", "推进决策公开"],
      ["", "末行"],
    ]);
    expect(table.rows[1][0]).toMatchObject({ rowSpan: 1 });
  });

  it("refuses merged ranges exceljs would build millions of cells for, before loading them", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(["序号", "任务"]);
      sheet.mergeCells("C1:D2");
    });
    const files = unzipSync(bytes);
    files["xl/worksheets/sheet1.xml"] = strToU8(strFromU8(files["xl/worksheets/sheet1.xml"]).replace('ref="C1:D2"', 'ref="A3:ZZ100000"'));
    await expect(importBytes(zipSync(files), "t.xlsx")).rejects.toMatchObject({ code: "too-large", message: expect.stringMatching(/merged cells/) });
  });

  it("refuses a sheet wider than the column limit", async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell(1, 1).value = "序号";
      sheet.getCell(1, 300).value = "任务";
    });
    await expect(importBytes(bytes, "t.xlsx")).rejects.toMatchObject({ code: "too-large" });
  });

  it("refuses a damaged workbook with one line", async () => {
    const bytes = await workbookBytes((sheet) => sheet.addRow(["x", "y"]));
    const damaged = bytes.slice(0, Math.floor(bytes.length / 2));
    await expect(parseBuffer(damaged, { path: "bad.xlsx" })).rejects.toThrow(/^[^\n]+$/);
  });

});
