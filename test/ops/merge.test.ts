import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { MergeResult as MergeSchema, type MergeResult } from "../../src/model/ops.js";
import { loadLedger, unitFromPath } from "../../src/ops/load.js";
import { mergeReturns, type ReturnedLedger } from "../../src/ops/merge.js";
import { combinedStatus, progressStatus } from "../../src/ops/status.js";

/** fixtures/returns: 区政数局's split 台账, edited with exceljs as the unit would (see build.ts and edits.json). */
const RETURN = "fixtures/returns/区政数局.xlsx";
const edits = JSON.parse(readFileSync("fixtures/returns/edits.json", "utf8")) as {
  unit: string;
  progress: Record<string, { text: string; status: string }>;
  wording: string;
  idCleared: string;
  added: string;
};

describe("ledger merge of a returned 台账", () => {
  let result: MergeResult;
  let returned: ReturnedLedger;
  let base: Awaited<ReturnType<typeof loadLedger>>;

  beforeAll(async () => {
    base = await loadLedger("fixtures/returns/base.json");
    const loaded = await loadLedger(RETURN);
    returned = { file: RETURN, unit: loaded.output!.unit ?? unitFromPath(RETURN), output: loaded.output! };
    result = mergeReturns(base.ledger, [returned], "2022-01-15");
  });

  it("knows the unit from the split 台账's marker", () => {
    expect(returned.unit).toBe(edits.unit);
  });

  it("takes each progress entry to its task, the one without an id by its wording", () => {
    const entries = result.tasks.filter((t) => t.entries.length > 0).map((t) => [t.taskId, t.entries[0].text, t.entries[0].status]);
    expect(entries).toEqual(Object.entries(edits.progress).map(([id, p]) => [id, p.text, p.status]));
    expect(result.tasks.find((t) => t.taskId === "1.1.2")!.entries[0]).toMatchObject({ unit: edits.unit, file: RETURN });
  });

  it("finds exactly the edits as conflicts: the wording changed, the id cleared, the row added", () => {
    const found = result.conflicts.map((c) => [c.kind, c.taskId]);
    expect(found).toEqual([
      ["wording", edits.wording],
      ["id-cleared", edits.idCleared],
      ["added", null],
    ]);
    expect(result.conflicts.find((c) => c.kind === "added")!.returned).toContain(edits.added);
    expect(result.conflicts.find((c) => c.kind === "wording")!.returned).toContain("本单位补充");
  });

  it("lists overdue tasks: due before --as-of and not 已完成", () => {
    const overdue = new Set(result.overdue);
    for (const task of result.tasks) {
      expect(overdue.has(task.taskId)).toBe(task.due !== null && task.due < "2022-01-15" && task.status !== "已完成");
    }
    expect(mergeReturns(base.ledger, [returned], "2021-01-01").overdue).toEqual([]);
    expect(result.overdue.length).toBeGreaterThan(0);
  });

  it("reports the tasks a return lacks", () => {
    const rows = returned.output.rows.filter((row) => row.id !== "1.1.2");
    const partial = mergeReturns(base.ledger, [{ ...returned, output: { ...returned.output, rows } }], "2021-07-01");
    expect(partial.conflicts.filter((c) => c.kind === "missing").map((c) => c.taskId)).toEqual(["1.1.2"]);
  });

  it("matches its schema", () => {
    expect(MergeSchema.parse(result)).toEqual(result);
  });

});

describe("progress status from the text", () => {
  it.each([
    ["已完成", "已完成"],
    ["已全部完成，并公开。", "已完成"],
    ["尚未完成，正在推进", "推进中"],
    ["部分完成", "推进中"],
    ["尚未启动", "未启动"],
    ["按要求落实", null],
  ])("%s → %s", (text, status) => {
    expect(progressStatus(text)).toBe(status);
  });

  it("a task is 已完成 only when every entry says so", () => {
    expect(combinedStatus(["已完成", "已完成"])).toBe("已完成");
    expect(combinedStatus(["已完成", null])).toBe("推进中");
    expect(combinedStatus(["已完成", "未启动"])).toBe("未启动");
    expect(combinedStatus([null])).toBe(null);
  });
});

