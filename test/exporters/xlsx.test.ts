import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { SHEETS, toXlsx } from "../../src/exporters/xlsx.js";
import { parseFile } from "../../src/ledger.js";
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

  beforeAll(async () => {
    ledger = await parseFile(CHAOYANG);
    workbook = await open(await toXlsx(ledger));
    sheet = workbook.getWorksheet(SHEETS.ledger)!;
  });

  it("has the sheets 台账, 按单位 and 诊断", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["台账", "按单位", "诊断"]);
  });

  it("starts with the notice's title, merged across the table", () => {
    expect(sheet.getCell("A1").text).toBe("朝阳区2021年政务公开重点工作任务台账");
    expect(sheet.model.merges).toContain("A1:J1");
  });

  it("has one column per level above the leaves, then content, owners, deadline, progress and the task id", () => {
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(CHAOYANG_LEDGER_HEADERS);
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

  it("merges 序号 and each parent task down over its children", () => {
    const merges = sheet.model.merges;
    const top = ledger.tasks[0];
    const topRows = leaves([top]).length;
    expect(sheet.getCell("A3").text).toBe("一");
    expect(merges).toContain(`A3:A${2 + topRows}`);
    expect(sheet.getCell("B3").text).toBe(top.title);
    expect(merges).toContain(`B3:B${2 + topRows}`);
    // 1、做好法定公开内容的日常维护 has two content rows.
    expect(sheet.getCell("C3").text).toBe("1、做好法定公开内容的日常维护");
    expect(merges).toContain("C3:C4");
    // Every merge in the table body spans exactly one parent's leaves.
    const spans = merges.filter((m) => m !== "A1:J1").map(mergeRows);
    const parents = new Set<number>();
    const walk = (tasks: Task[]) =>
      tasks.forEach((t) => {
        if (t.children.length > 0) {
          if (leaves([t]).length > 1) parents.add(leaves([t]).length);
          walk(t.children);
        }
      });
    walk(ledger.tasks);
    for (const [from, to] of spans) expect(parents.has(to - from + 1)).toBe(true);
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
    expect(sheet.autoFilter).toBe("A2:J2");
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2" });
  });

  it("lists, per unit, the tasks it leads and those it is responsible for", () => {
    const byUnit = workbook.getWorksheet(SHEETS.byUnit)!;
    expect((byUnit.getRow(1).values as unknown[]).slice(1)).toEqual(["单位", "职责", "任务编号", "所属任务", "工作内容", "完成时限"]);
    const units = columnValues(byUnit, "单位", 1);
    const roles = columnValues(byUnit, "职责", 1);
    const ids = columnValues(byUnit, "任务编号", 1);
    const mine = (unit: string, role: string) =>
      ids.filter((_, i) => units[firstOfMerge(byUnit, i + 2, 1) - 2] === unit && roles[firstOfMerge(byUnit, i + 2, 2) - 2] === role);
    const expected = (unit: string, role: "lead" | "responsible") =>
      allTasks(ledger.tasks)
        .filter((t) => t[role].includes(unit))
        .map((t) => t.id);
    expect(new Set(mine("区政数局", "牵头"))).toEqual(new Set(expected("区政数局", "lead")));
    expect(new Set(mine("区发改局", "责任"))).toEqual(new Set(expected("区发改局", "responsible")));
    // Each unit's name is one merged cell over all its rows.
    const first = units.indexOf("区政数局") + 2;
    const rows = expected("区政数局", "lead").length + expected("区政数局", "responsible").length;
    expect(byUnit.model.merges).toContain(`A${first}:A${first + rows - 1}`);
    // Dated tasks come first within a role, soonest first.
    const deadlines = columnValues(byUnit, "完成时限", 1).slice(first - 2, first - 2 + expected("区政数局", "lead").length);
    expect(deadlines.indexOf("长期常态化")).toBeGreaterThan(deadlines.lastIndexOf("2021年12月底前"));
  });

  it("lists the diagnostics", () => {
    const diagnostics = workbook.getWorksheet(SHEETS.diagnostics)!;
    expect((diagnostics.getRow(1).values as unknown[]).slice(1)).toEqual(["严重程度", "代码", "行", "任务编号", "信息"]);
    expect(diagnostics.rowCount).toBe(1 + ledger.diagnostics.length);
    ledger.diagnostics.forEach((d, i) => {
      expect(diagnostics.getCell(i + 2, 2).text).toBe(d.code);
      expect(diagnostics.getCell(i + 2, 5).text).toBe(d.message);
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
    leaf.lead = ["+区政数局"];
    leaf.owners = [{ name: "@区政数局", role: "lead", canonical: null, collective: false }];
    ledger.diagnostics.push({ severity: "warning", code: "test", message: "-1+1", source: { line: 1 } });
    const bytes = await toXlsx(ledger);

    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) {
      if (name.startsWith("xl/worksheets/sheet")) expect(strFromU8(data)).not.toMatch(/<f[ >]/);
    }
    const workbook = await open(bytes);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => cells.push(c))));
    const risky = cells.filter((c) => typeof c.value === "string" && /^[=+\-@]/.test(c.value));
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
    const workbook = await open(await toXlsx(ledgers, { title: "台账汇总" }));
    const sheet = workbook.getWorksheet(SHEETS.ledger)!;
    expect(sheet.getCell("A1").text).toBe("台账汇总");
    expect(sheet.getCell("A2").text).toBe("来源文件");
    const chaoyangRows = leaves(ledgers[0].tasks).length;
    expect(sheet.model.merges).toContain(`A3:A${2 + chaoyangRows}`);
    expect(sheet.getCell("A3").text).toBe("fixtures/chaoyang-2021-ledger.txt");
    expect(sheet.getCell(3 + chaoyangRows, 1).text).toBe("fixtures/shanxi-2019-plan.txt");
    expect(sheet.rowCount).toBe(2 + chaoyangRows + leaves(ledgers[1].tasks).length);
    expect((workbook.getWorksheet(SHEETS.byUnit)!.getRow(1).values as unknown[]).slice(1)).toContain("来源文件");
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
