import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { SHEETS, toXlsx } from "../../src/exporters/xlsx.js";
import { LEDGER_OUTPUT_TAG } from "../../src/model/ops.js";
import { parseFile } from "../../src/ledger.js";
import { messageIn } from "../../src/model/catalogue.js";
import type { Ledger, Task } from "../../src/model/ledger.js";
import { CHAOYANG_LEDGER_HEADERS } from "../helpers/ledger-headers.js";

const CHAOYANG = "fixtures/chaoyang-2021-ledger.txt";

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function leaves(tasks: Task[]): Task[] {
  return tasks.flatMap((t) => (t.children.length === 0 ? [t] : leaves(t.children)));
}

/** Rows (1-based, inclusive) that a merge range such as "A3:A9" covers. */
function mergeRows(range: string): [number, number] {
  const [, from, to] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range)!;
  return [Number(from), Number(to)];
}

function columnValues(sheet: ExcelJS.Worksheet, header: string, headerRow: number): string[] {
  const col = (sheet.getRow(headerRow).values as unknown[]).indexOf(header);
  const values: string[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) values.push(String(sheet.getCell(r, col).text));
  return values;
}

describe("Excel 台账 of the 朝阳区 fixture", () => {
  let ledger: Ledger;
  let workbook: ExcelJS.Workbook;
  let sheet: ExcelJS.Worksheet;
  let bytes: Uint8Array;

  beforeAll(async () => {
    ledger = await parseFile(CHAOYANG);
    bytes = await toXlsx(ledger);
    workbook = await open(bytes);
    sheet = workbook.getWorksheet(SHEETS.ledger)!;
  });

  it("has the sheets 台账, 按单位 and 诊断, and the embedded ledger in a very hidden sheet", () => {
    expect(workbook.worksheets.filter((s) => s.state === "visible").map((s) => s.name)).toEqual(["台账", "按单位", "诊断"]);
    expect(workbook.getWorksheet(SHEETS.data)!.state).toBe("veryHidden");
    expect(workbook.description).toBe(LEDGER_OUTPUT_TAG);
  });

  it("starts with the notice's title, merged across the table", () => {
    expect(sheet.getCell("A1").text).toBe("朝阳区2021年政务公开重点工作任务台账");
    expect(sheet.model.merges).toContain("A1:K1");
  });

  it("has one column per level above the leaves, then content, owners, deadline, progress and the task id", () => {
    const headers = [...CHAOYANG_LEDGER_HEADERS];
    headers.splice(headers.indexOf("完成时限") + 1, 0, "截止日期");
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(headers);
  });

  it("has one row per leaf task, matched back by its id", () => {
    const ids = leaves(ledger.tasks).map((t) => t.id);
    expect(sheet.rowCount).toBe(2 + ids.length);
    expect(columnValues(sheet, "任务编号", 2)).toEqual(ids);
  });

  it("writes the leaf's text, owners and deadline", () => {
    const row = columnValues(sheet, "任务编号", 2).indexOf("1.1.2") + 3;
    expect(sheet.getCell(row, 4).text).toMatch(/^落实专人专责，健全法定主动公开专栏/);
    expect(sheet.getCell(row, 5).text).toBe("区政数局");
    expect(sheet.getCell(row, 6).text).toBe("各相关单位");
    expect(sheet.getCell(row, 7).text).toBe("长期常态化");
  });

  it("merges 序号 and each parent task down over its children, cut and repeated at each printed page break", () => {
    const merges = sheet.model.merges.filter((m) => m !== "A1:K1").map(mergeRows);
    const breaks = pageBreakRows(bytes);
    expect(breaks.length).toBeGreaterThan(0);
    // No merge crosses a page break: the next page repeats the category instead.
    for (const [from, to] of merges) expect(breaks.some((b) => b >= from && b < to)).toBe(false);
    // Merged back across the breaks, the runs are exactly each parent's leaves.
    const rowsOf = (col: number) => {
      const runs: { text: string; from: number; to: number }[] = [];
      for (let r = 3; r <= sheet.rowCount; r++) {
        const cell = sheet.getCell(r, col);
        const master = cell.isMerged ? Number(cell.master.row) : r;
        const text = sheet.getCell(master, col).text;
        const last = runs[runs.length - 1];
        if (last && last.text === text && text !== "" && (master !== r || breaks.includes(r - 1))) last.to = r;
        else runs.push({ text, from: r, to: r });
      }
      return runs;
    };
    const top = ledger.tasks[0];
    expect(rowsOf(1)[0]).toEqual({ text: "一", from: 3, to: 2 + leaves([top]).length });
    expect(rowsOf(2)[0]).toEqual({ text: top.title, from: 3, to: 2 + leaves([top]).length });
    expect(rowsOf(3)[0]).toEqual({ text: "1、做好法定公开内容的日常维护", from: 3, to: 4 });
    // Category cells read from the top.
    expect(sheet.getCell("B3").alignment.vertical).toBe("top");
  });

  it("has a 截止日期 column of real dates beside the 完成时限 text", () => {
    const headers = (sheet.getRow(2).values as unknown[]).map(String);
    const due = headers.indexOf("截止日期");
    const row = columnValues(sheet, "任务编号", 2).indexOf("1.3.1") + 3;
    const cell = sheet.getCell(row, due);
    expect(cell.value).toEqual(new Date(Date.UTC(2021, 11, 31)));
    expect(cell.numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell(row, headers.indexOf("完成时限")).text).toBe("2021年12月底前");
  });

  it("sizes columns for Chinese text: wide content, narrow 序号, one-line deadlines", () => {
    const width = (i: number) => sheet.getColumn(i).width!;
    expect(width(4)).toBeGreaterThan(40);
    expect(width(1)).toBeLessThan(10);
    // "2021年12月底前": 6 digits + 4 Chinese characters (2 columns each) and a margin.
    expect(width(7)).toBeGreaterThanOrEqual(15);
    // Rows grow with their text: the long 1.1.2 row is taller than the one-line 1.2.2 row.
    const ids = columnValues(sheet, "任务编号", 2);
    expect(sheet.getRow(ids.indexOf("1.1.2") + 3).height).toBeGreaterThan(sheet.getRow(ids.indexOf("1.2.2") + 3).height * 3);
  });

  it("wraps text, uses a CJK font and borders", () => {
    const cell = sheet.getCell("D3");
    expect(cell.alignment.wrapText).toBe(true);
    expect(cell.font.name).toBe("宋体");
    expect(cell.border.left?.style).toBe("thin");
  });

  it("freezes the header, filters it, and prints A4 landscape with the header on every page", () => {
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.autoFilter).toBe("A2:K2");
    // A fixed scale that fits the width: Excel ignores manual page breaks on a fit-to-page sheet.
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: false, printTitlesRow: "2:2" });
    expect(sheet.pageSetup.scale).toBeGreaterThan(50);
    expect(sheet.pageSetup.scale).toBeLessThanOrEqual(100);
  });

  it("lists, per unit, the tasks it leads, shares and those addressed to all units, under a title", () => {
    const byUnit = workbook.getWorksheet(SHEETS.byUnit)!;
    expect(byUnit.getCell("A1").text).toBe("朝阳区2021年政务公开重点工作任务台账（按单位）");
    expect((byUnit.getRow(2).values as unknown[]).slice(1)).toEqual(["单位", "职责", "任务编号", "所属任务", "工作内容", "完成时限"]);
    const units = columnValues(byUnit, "单位", 2);
    const roles = columnValues(byUnit, "职责", 2);
    const ids = columnValues(byUnit, "任务编号", 2);
    const mine = (unit: string, role: string) =>
      ids.filter((_, i) => units[firstOfMerge(byUnit, i + 3, 1) - 3] === unit && roles[firstOfMerge(byUnit, i + 3, 2) - 3] === role);
    const expected = (unit: string, role: "lead" | "responsible" | "all") =>
      leaves(ledger.tasks)
        .filter((t) => {
          const owners = t.effective.owners.owners;
          if (role === "all") return owners.some((o) => o.collective) && !owners.some((o) => o.name === unit && !o.collective);
          return owners.some((o) => o.name === unit && o.role === role && !o.collective);
        })
        .map((t) => t.id);
    expect(new Set(mine("区政数局", "牵头"))).toEqual(new Set(expected("区政数局", "lead")));
    expect(new Set(mine("区发改局", "责任"))).toEqual(new Set(expected("区发改局", "responsible")));
    expect(new Set(mine("区政数局", "全体"))).toEqual(new Set(expected("区政数局", "all")));
    expect(expected("区政数局", "all").length).toBeGreaterThan(0);
    // Collectives have their own group after the units.
    expect(units.filter((u) => u.endsWith("（全体）")).length).toBeGreaterThan(0);
    expect(units.findIndex((u) => u.endsWith("（全体）"))).toBeGreaterThan(units.lastIndexOf("区政数局"));
    // Dated tasks come first within a role, soonest first.
    const first = units.indexOf("区政数局") + 3;
    const deadlines = columnValues(byUnit, "完成时限", 2).slice(first - 3, first - 3 + expected("区政数局", "lead").length);
    expect(deadlines.indexOf("长期常态化")).toBeGreaterThan(deadlines.lastIndexOf("2021年12月底前"));
  });

  it("lists the diagnostics", () => {
    const diagnostics = workbook.getWorksheet(SHEETS.diagnostics)!;
    expect((diagnostics.getRow(1).values as unknown[]).slice(1)).toEqual(["严重程度", "代码", "行", "任务编号", "信息"]);
    expect(diagnostics.rowCount).toBe(1 + ledger.diagnostics.length);
    ledger.diagnostics.forEach((d, i) => {
      expect(diagnostics.getCell(i + 2, 2).text).toBe(d.code);
      expect(diagnostics.getCell(i + 2, 5).text).toBe(messageIn(d, "zh"));
    });
  });
});

describe("Excel 台账 layout follows the notice's depth", () => {
  it("has one level column for a two-level plan and three for a four-level one", async () => {
    for (const file of ["fixtures/shanxi-2019-plan.txt", "fixtures/zhonglou-2018-plan.docx"]) {
      const ledger = await parseFile(file);
      const depth = Math.max(...allPaths(ledger.tasks).map((p) => p.length));
      const sheet = (await open(await toXlsx(ledger))).getWorksheet(SHEETS.ledger)!;
      const headers = (sheet.getRow(2).values as unknown[]).slice(1);
      expect(headers.slice(0, depth + 1)).toEqual(["序号", ...["重点任务", "具体任务", "子任务", "细项"].slice(0, depth - 1), "工作内容"]);
    }
  });
});

describe("formula neutralisation", () => {
  it("writes text starting with = + - @ as text, never as a formula, in every sheet", async () => {
    const ledger = structuredClone(await parseFile(CHAOYANG));
    const leaf = ledger.tasks[0].children[0].children[0];
    leaf.text = '=HYPERLINK("http://example.com","点击")';
    leaf.effective.owners.owners = [
      { name: "+区政数局", role: "lead", canonical: null, collective: false },
      { name: "@区政数局", role: "responsible", canonical: null, collective: false },
    ];
    ledger.diagnostics.push({ severity: "warning", code: "test", message: "-1+1", source: { line: 1 } });
    const bytes = await toXlsx(ledger);

    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) {
      if (name.startsWith("xl/worksheets/sheet")) expect(strFromU8(data)).not.toMatch(/<f[ >]/);
    }
    const workbook = await open(bytes);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => cells.push(c))));
    // A merged cell's covered slots report its master's value: only masters hold text.
    const risky = cells.filter((c) => typeof c.value === "string" && /^[=+\-@]/.test(c.value) && c.type !== ExcelJS.ValueType.Merge);
    expect(risky.map((c) => c.value)).toEqual(expect.arrayContaining([leaf.text, "+区政数局", "@区政数局", "-1+1"]));
    for (const cell of risky) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // Text format: Excel keeps the cell text even when someone edits it.
      expect(cell.numFmt).toBe("@");
    }
  });
});

describe("several notices in one workbook", () => {
  it("adds a 来源文件 column and keeps each notice's rows together", async () => {
    const ledgers = await Promise.all(["fixtures/chaoyang-2021-ledger.txt", "fixtures/shanxi-2019-plan.txt"].map((f) => parseFile(f)));
    const bytes = await toXlsx(ledgers, { title: "台账汇总" });
    const workbook = await open(bytes);
    const sheet = workbook.getWorksheet(SHEETS.ledger)!;
    expect(sheet.getCell("A1").text).toBe("台账汇总");
    expect(sheet.getCell("A2").text).toBe("来源文件");
    const chaoyangRows = leaves(ledgers[0].tasks).length;
    expect(firstOfMerge(sheet, 2 + chaoyangRows, 1) === 3 || pageBreakRows(bytes).length > 0).toBe(true);
    // The notice's title (and 文号), not its path.
    expect(sheet.getCell("A3").text).toBe(ledgers[0].document.title);
    expect(sheet.getCell(3 + chaoyangRows, 1).text).toMatch(new RegExp(`^${ledgers[1].document.title ?? ledgers[1].document.noticeTitle}`));
    expect(sheet.rowCount).toBe(2 + chaoyangRows + leaves(ledgers[1].tasks).length);
    expect((workbook.getWorksheet(SHEETS.byUnit)!.getRow(2).values as unknown[]).slice(1)).toContain("来源文件");
  });
});

function allTasks(tasks: Task[]): Task[] {
  return tasks.flatMap((t) => [t, ...allTasks(t.children)]);
}

function allPaths(tasks: Task[], above: Task[] = []): Task[][] {
  return tasks.flatMap((t) => [[...above, t], ...allPaths(t.children, [...above, t])]);
}

/** The row a (possibly merged) cell's value lives on. */
function firstOfMerge(sheet: ExcelJS.Worksheet, row: number, col: number): number {
  const cell = sheet.getCell(row, col);
  return cell.isMerged ? Number(cell.master.row) : row;
}

/** Rows after which the 台账 sheet has a manual page break (read from its XML: exceljs does not load them). */
function pageBreakRows(bytes: Uint8Array): number[] {
  const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === "xl/worksheets/sheet1.xml" })["xl/worksheets/sheet1.xml"]);
  return [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
}
