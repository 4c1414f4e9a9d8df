import { Chalk } from "chalk";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DiffResult } from "../../src/model/ops.js";
import { DiffResult as DiffSchema } from "../../src/model/ops.js";
import { diffLedgers } from "../../src/ops/diff.js";
import { loadLedger } from "../../src/ops/load.js";
import { diffText, diffToXlsx } from "../../src/ops/render.js";

/** fixtures/diff: a notice (2017) and its edited copy (2018) with the changes listed below, and nothing else. */
describe("ledger diff on a notice and its edited copy", () => {
  let result: DiffResult;

  beforeAll(async () => {
    const older = await loadLedger("fixtures/diff/2017-plan.txt");
    const newer = await loadLedger("fixtures/diff/2018-plan.txt");
    result = diffLedgers(older.ledger, newer.ledger);
  });

  it("finds exactly the known changes", () => {
    const found = result.changes.map((c) => [c.kind, c.old?.id ?? null, c.new?.id ?? null]);
    expect(found).toEqual([
      ["deadline", "1.2.3", "1.2.3"],
      ["owners", "1.3.4", "1.3.4"],
      ["reworded", "1.4.1", "1.4.1"],
      ["removed", "1.4.5", null],
      ["moved", "1.5.3", "1.4.5"],
      ["added", null, "1.5.5"],
    ]);
    expect(result.summary).toEqual({ added: 1, removed: 1, reworded: 1, moved: 1, owners: 1, deadline: 1 });
  });

  it("says what changed", () => {
    const byKind = Object.fromEntries(result.changes.map((c) => [c.kind, c]));
    expect([byKind.deadline.old?.deadline, byKind.deadline.new?.deadline]).toEqual(["2017年12月底前", "2018年6月底前"]);
    expect(byKind.owners.ownersAdded).toEqual(["区市场监督管理局"]);
    expect(byKind.owners.ownersDropped).toEqual(["区政府有关部门"]);
    expect(byKind.reworded.new?.title).toBe("提升政务服务中心建设和服务管理水平");
    expect(byKind.reworded.similarity).toBeGreaterThanOrEqual(result.threshold);
    expect(byKind.removed.old?.title).toBe("规范行政审批中介服务事项");
    expect(byKind.added.new?.title).toBe("推进政府数据开放共享");
    expect(byKind.moved.new?.title).toBe("深化重点领域信息公开");
    expect(DiffSchema.parse(result)).toEqual(result);
  });

  it("prints a summary line then one entry per change, coloured only when asked", () => {
    const plain = diffText(result, new Chalk({ level: 0 }));
    expect(plain).toContain("1 added, 1 removed, 1 reworded, 1 moved, 1 owner changes, 1 deadlines moved");
    expect(plain).toContain("+ 1.5.5 推进政府数据开放共享");
    expect(plain).toContain("- 1.4.5 规范行政审批中介服务事项");
    expect(plain).toContain("! 1.2.3 健全财政审计结果公告制度: 2017年12月底前 → 2018年6月底前");
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain("> 1.5.3 → 1.4.5 深化重点领域信息公开");
    expect(diffText(result, new Chalk({ level: 1 }))).toMatch(/\u001b\[32m\+ 1\.5\.5/);
  });

  it("writes one sheet of changes for the office", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await diffToXlsx(result)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("变更")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "变更", "原编号", "原任务", "新编号", "新任务", "详情"]);
    expect(sheet.rowCount).toBe(2 + result.changes.length);
  });

  it("a notice compared with itself has no changes", async () => {
    const same = await loadLedger("fixtures/diff/2017-plan.txt");
    expect(diffLedgers(same.ledger, same.ledger).changes).toEqual([]);
  });
});
