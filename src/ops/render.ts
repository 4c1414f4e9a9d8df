import type { ChalkInstance } from "chalk";
import { mergeDown, type Grid, type KeyedCell, type TableColumn } from "../exporters/table.js";
import type { Ledger } from "../model/ledger.js";
import type { Change, DiffResult, MergeResult, TaskSnapshot } from "../model/ops.js";
import { ledgerWithProgress } from "./merge.js";

/** Merge and diff results as the office reads them: Excel sheets, and text for the terminal. */

const CONFLICT_NAMES: Record<MergeResult["conflicts"][number]["kind"], string> = {
  wording: "改动了工作内容",
  owners: "改动了责任单位",
  deadline: "改动了完成时限",
  missing: "缺少任务",
  added: "新增行",
  "id-cleared": "清除了任务编号",
  "unknown-id": "未知任务编号",
};

/** The merged 台账: the base with the entries in 进展情况, a 进展汇总 sheet, and a 冲突 sheet. */
export async function mergeToXlsx(base: Ledger, result: MergeResult): Promise<Uint8Array> {
  const { toXlsx } = await import("../exporters/xlsx.js");
  const overdue = new Set(result.overdue);
  const summaryColumns: TableColumn[] = [
    { kind: "id", header: "任务编号" },
    { kind: "content", header: "任务" },
    { kind: "deadline", header: "完成时限" },
    { kind: "short", header: "状态" },
    { kind: "short", header: "逾期" },
    { kind: "units", header: "单位" },
    { kind: "content", header: "进展情况" },
    { kind: "source", header: "来源文件" },
  ];
  const summary: KeyedCell[][] = result.tasks.flatMap((task) => {
    const head = (text: string): KeyedCell => ({ text, mergeKey: `${task.taskId}\u0000${text}` });
    const common = [head(task.taskId), head(task.title), head(task.deadline ?? ""), head(task.status ?? ""), head(overdue.has(task.taskId) ? "逾期" : "")];
    if (task.entries.length === 0) return [[...common, ...["", "", ""].map((text) => ({ text, mergeKey: null }))]];
    return task.entries.map((e) => [...common, { text: e.unit, mergeKey: null }, { text: e.text, mergeKey: null }, { text: e.file, mergeKey: null }]);
  });
  const conflictColumns: TableColumn[] = [
    { kind: "short", header: "问题" },
    { kind: "id", header: "任务编号" },
    { kind: "units", header: "单位" },
    { kind: "content", header: "原内容" },
    { kind: "content", header: "报送内容" },
    { kind: "source", header: "来源文件" },
  ];
  const conflicts = result.conflicts.map((c) =>
    [CONFLICT_NAMES[c.kind], c.taskId ?? "", c.unit, c.base ?? "", c.returned ?? "", c.file].map((text) => ({ text, rowSpan: 1 })),
  );
  const title = base.document.title ?? base.document.noticeTitle ?? "任务台账";
  return toXlsx(ledgerWithProgress(base, result), {
    extraSheets: [
      { name: "进展汇总", title: `${title}（进展汇总，截至 ${result.asOf}）`, grid: { columns: summaryColumns, rows: mergeDown(summary) } },
      { name: "冲突", title: null, grid: { columns: conflictColumns, rows: conflicts } },
    ],
  });
}

const CHANGE_NAMES: Record<Change["kind"], string> = {
  added: "新增",
  removed: "删除",
  reworded: "改写",
  moved: "移动",
  owners: "责任单位",
  deadline: "完成时限",
};

/** The changes as one sheet, for the office. */
export async function diffToXlsx(result: DiffResult): Promise<Uint8Array> {
  const { gridsToXlsx } = await import("../exporters/xlsx.js");
  const columns: TableColumn[] = [
    { kind: "short", header: "变更" },
    { kind: "id", header: "原编号" },
    { kind: "content", header: "原任务" },
    { kind: "id", header: "新编号" },
    { kind: "content", header: "新任务" },
    { kind: "content", header: "详情" },
  ];
  const rows = result.changes.map((c) =>
    [CHANGE_NAMES[c.kind], c.old?.id ?? "", c.old?.title ?? "", c.new?.id ?? "", c.new?.title ?? "", detail(c)].map((text) => ({ text, rowSpan: 1 })),
  );
  const grid: Grid = { columns, rows };
  return gridsToXlsx([{ name: "变更", title: `任务变更（${result.old ?? "旧"} → ${result.new ?? "新"}）`, grid }]);
}

function detail(c: Change): string {
  switch (c.kind) {
    case "owners":
      return [c.ownersAdded?.length ? `增加：${c.ownersAdded.join("、")}` : "", c.ownersDropped?.length ? `减少：${c.ownersDropped.join("、")}` : ""].filter(Boolean).join("；");
    case "deadline":
      return `${c.old?.deadline ?? "（无）"} → ${c.new?.deadline ?? "（无）"}`;
    case "reworded":
    case "moved":
      return c.similarity === null ? "" : `相似度 ${c.similarity.toFixed(2)}`;
    default:
      return "";
  }
}

const SIGNS: Record<Change["kind"], string> = { added: "+", removed: "-", reworded: "~", moved: ">", owners: "@", deadline: "!" };

/** Like `git diff --stat`, then one line (or two) per change. */
export function diffText(result: DiffResult, color: ChalkInstance): string {
  const s = result.summary;
  const parts = [
    color.green(`${s.added} added`),
    color.red(`${s.removed} removed`),
    color.yellow(`${s.reworded} reworded`),
    color.cyan(`${s.moved} moved`),
    color.magenta(`${s.owners} owner changes`),
    color.blue(`${s.deadline} deadlines moved`),
  ];
  const lines = [` ${result.old ?? "-"} → ${result.new ?? "-"}`, ` ${parts.join(", ")} (similarity threshold ${result.threshold})`, ""];
  const shade: Record<Change["kind"], (t: string) => string> = {
    added: color.green,
    removed: color.red,
    reworded: color.yellow,
    moved: color.cyan,
    owners: color.magenta,
    deadline: color.blue,
  };
  for (const c of result.changes) {
    const paint = shade[c.kind];
    const task = (c.new ?? c.old)!;
    switch (c.kind) {
      case "added":
      case "removed":
        lines.push(paint(`${SIGNS[c.kind]} ${task.id} ${task.title}`));
        break;
      case "reworded":
        lines.push(paint(`~ ${c.old!.id} → ${c.new!.id} (${c.similarity!.toFixed(2)})`), color.red(`    - ${c.old!.title}`), color.green(`    + ${c.new!.title}`));
        break;
      case "moved":
        lines.push(paint(`> ${c.old!.id} → ${c.new!.id} ${task.title}`));
        break;
      case "owners":
        lines.push(paint(`@ ${idPair(c.old!, c.new!)} ${task.title}: ${[...(c.ownersAdded ?? []).map((o) => `+${o}`), ...(c.ownersDropped ?? []).map((o) => `-${o}`)].join(" ")}`));
        break;
      case "deadline":
        lines.push(paint(`! ${idPair(c.old!, c.new!)} ${task.title}: ${c.old!.deadline ?? "(none)"} → ${c.new!.deadline ?? "(none)"}`));
        break;
    }
  }
  return `${lines.join("\n")}\n`;
}

function idPair(a: TaskSnapshot, b: TaskSnapshot): string {
  return a.id === b.id ? a.id : `${a.id} → ${b.id}`;
}
