import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { toDocx } from "../../src/exporters/docx.js";
import { readLedgerOutput } from "../../src/importers/ledger-sheet.js";
import { parseBuffer } from "../../src/ledger.js";
import type { MergeResult } from "../../src/model/ops.js";
import { loadLedger } from "../../src/ops/load.js";
import { mergeReturns } from "../../src/ops/merge.js";
import { mergeToXlsx } from "../../src/ops/render.js";
import { splitByUnit } from "../../src/ops/split.js";

/** The files merge writes and reads: the merged 台账, and a Word 台账 as a return (see merge.test.ts for the fixture). */
const RETURN = "fixtures/returns/区政数局.xlsx";
const edits = JSON.parse(readFileSync("fixtures/returns/edits.json", "utf8")) as { unit: string; progress: Record<string, { text: string }> };

describe("the merged 台账", () => {
  let result: MergeResult;
  let base: Awaited<ReturnType<typeof loadLedger>>;

  beforeAll(async () => {
    base = await loadLedger("fixtures/returns/base.json");
    const loaded = await loadLedger(RETURN);
    result = mergeReturns(base.ledger, [{ file: RETURN, unit: loaded.output!.unit!, output: loaded.output! }], "2022-01-15");
  });

  it("writes a merged 台账 with the entries in 进展情况 and a 进展汇总 sheet, which reads back with them", async () => {
    const bytes = await mergeToXlsx(base.ledger, result);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.filter((s) => s.state === "visible").map((s) => s.name)).toEqual(["台账", "按单位", "进展汇总", "冲突", "诊断"]);
    const back = await parseBuffer(bytes, { path: "merged.xlsx" });
    const find = (id: string) => {
      const walk = (tasks: typeof back.tasks): (typeof back.tasks)[number] | undefined =>
        tasks.map((t) => (t.id === id ? t : walk(t.children))).find(Boolean);
      return walk(back.tasks)!;
    };
    expect(find("1.1.2").progress).toBe(`${edits.unit}：${edits.progress["1.1.2"].text}`);
  });
});

describe("a Word 台账 as a return", () => {
  it("is read by its table and marker: the unit known, nothing changed, nothing missing", async () => {
    const base = await loadLedger("fixtures/returns/base.json");
    const share = splitByUnit(base.ledger).find((s) => s.unit === "区政数局")!;
    const output = (await readLedgerOutput(await toDocx(share.ledger, { unit: share.unit })))!;
    expect(output).toMatchObject({ format: "docx", unit: "区政数局" });
    expect(output.rows.map((r) => r.id)).toEqual(share.ledger.tasks.flatMap(function ids(t): string[] {
      return t.children.length === 0 ? [t.id] : t.children.flatMap(ids);
    }));
    const result = mergeReturns(base.ledger, [{ file: "区政数局.docx", unit: output.unit!, output }], "2021-01-01");
    expect(result.conflicts).toEqual([]);
    expect(result.tasks.every((t) => t.entries.length === 0)).toBe(true);
  });
});
