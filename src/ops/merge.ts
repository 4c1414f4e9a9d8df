import { contentText } from "../exporters/table.js";
import type { LedgerOutput, LedgerRow } from "../importers/ledger-sheet.js";
import type { Ledger, Task } from "../model/ledger.js";
import type { Conflict, MergeResult, ProgressEntry, TaskProgress } from "../model/ops.js";
import { normalise, similarity, SIMILARITY_THRESHOLD } from "./similarity.js";
import { holds, leaves } from "./split.js";
import { combinedStatus, progressStatus } from "./status.js";

/** A returned 台账: its file, the unit that filled it, its rows. */
export interface ReturnedLedger {
  file: string;
  unit: string;
  output: LedgerOutput;
}

/**
 * The base ledger and the 台账 the units returned: each row matched to its task by 任务编号, or by its
 * 工作内容 where the unit cleared the id; progress entries per task, the conflicts (changed wording,
 * owners or deadline, tasks missing from a return, rows added), and the tasks overdue at `asOf`.
 */
export function mergeReturns(base: Ledger, returns: readonly ReturnedLedger[], asOf: string): MergeResult {
  const tasks = leaves(base.tasks);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const entries = new Map<string, ProgressEntry[]>(tasks.map((task) => [task.id, []]));
  const conflicts: Conflict[] = [];

  for (const ret of returns) {
    const { file, unit } = ret;
    const conflict = (kind: Conflict["kind"], taskId: string | null, baseValue: string | null, returned: string | null) =>
      conflicts.push({ kind, taskId, unit, file, base: baseValue, returned });
    const expected = expectedTasks(ret, tasks);
    const seen = new Set<string>();
    const unmatched: LedgerRow[] = [];
    for (const row of ret.output.rows) {
      const task = byId.get(row.id);
      if (task && !seen.has(task.id)) {
        seen.add(task.id);
        compareRow(task, row, conflict);
        addEntry(entries, task, row, ret);
      } else {
        if (row.id !== "") conflict("unknown-id", null, null, row.id);
        unmatched.push(row);
      }
    }
    // Rows without a known id: the task whose wording they are closest to, among those not seen yet.
    for (const row of unmatched) {
      const candidates = expected.filter((task) => !seen.has(task.id));
      const best = closest(row.content, candidates);
      if (best === null) {
        conflict("added", null, null, row.progress ? `${row.content}\n进展情况：${row.progress}` : row.content);
        continue;
      }
      seen.add(best.id);
      if (row.id === "") conflict("id-cleared", best.id, best.id, null);
      compareRow(best, row, conflict);
      addEntry(entries, best, row, ret);
    }
    for (const task of expected) if (!seen.has(task.id)) conflict("missing", task.id, contentText(task), null);
  }

  const progress: TaskProgress[] = tasks.map((task) => {
    const list = entries.get(task.id)!;
    const deadline = task.effective.deadline.deadline;
    return {
      taskId: task.id,
      title: task.title,
      due: deadline?.due ?? null,
      deadline: deadline?.text ?? null,
      entries: list,
      status: combinedStatus(list.map((e) => e.status)),
    };
  });
  return {
    schemaVersion: 1,
    base: base.source.path,
    returns: returns.map((r) => ({ file: r.file, unit: r.unit, rows: r.output.rows.length })),
    asOf,
    tasks: progress,
    conflicts: dedupe(conflicts),
    overdue: progress.filter((p) => p.due !== null && p.due < asOf && p.status !== "已完成").map((p) => p.taskId),
  };
}

/** The tasks a return should hold: those of the unit's split 台账, else those the unit holds, else all. */
function expectedTasks(ret: ReturnedLedger, tasks: readonly Task[]): Task[] {
  const written = ret.output.embedded?.ledgers[0];
  if (written) {
    const ids = new Set(leaves(written.tasks).map((task) => task.id));
    return tasks.filter((task) => ids.has(task.id));
  }
  const held = tasks.filter((task) => holds(task, ret.unit));
  return held.length > 0 ? held : [...tasks];
}

function closest(content: string, candidates: readonly Task[]): Task | null {
  let best: Task | null = null;
  let score = SIMILARITY_THRESHOLD;
  for (const task of candidates) {
    const s = similarity(content, contentText(task));
    if (s >= score) {
      best = task;
      score = s;
    }
  }
  return best;
}

type Report = (kind: Conflict["kind"], taskId: string | null, base: string | null, returned: string | null) => void;

/** Wording, owners and deadline as the 台账 showed them, against the row as returned. */
function compareRow(task: Task, row: LedgerRow, report: Report): void {
  const wording = contentText(task);
  // The top-level leaf's number sits in 序号, not in 工作内容: compare without labels and punctuation.
  if (normalise(row.content) !== normalise(wording) && normalise(row.content) !== normalise(contentText({ ...task, label: null }))) {
    report("wording", task.id, wording, row.content);
  }
  const owners = task.effective.owners.owners;
  const names = (role: "lead" | "responsible") => [...new Set(owners.filter((o) => o.role === role).map((o) => o.name))].join("、");
  const shown = `${names("lead")} | ${names("responsible")}`;
  const returned = `${row.lead} | ${row.responsible}`;
  if (normalise(shown) !== normalise(returned)) report("owners", task.id, shown, returned);
  const deadline = task.effective.deadline.deadline?.text ?? "";
  if (normalise(deadline) !== normalise(row.deadline)) report("deadline", task.id, deadline, row.deadline);
}

function addEntry(entries: Map<string, ProgressEntry[]>, task: Task, row: LedgerRow, ret: ReturnedLedger): void {
  if (row.progress === "" && row.remarks === "") return;
  const text = row.remarks ? `${row.progress}\n（备注：${row.remarks}）`.trim() : row.progress;
  entries.get(task.id)!.push({ unit: ret.unit, text, status: progressStatus(row.progress), file: ret.file });
}

function dedupe(conflicts: Conflict[]): Conflict[] {
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The base ledger with each task's entries in 进展情况 ("区教委：…"), for the merged 台账. */
export function ledgerWithProgress(base: Ledger, result: MergeResult): Ledger {
  const byId = new Map(result.tasks.map((t) => [t.taskId, t]));
  const fill = (task: Task): Task => {
    const entry = byId.get(task.id);
    const text = entry?.entries.map((e) => `${e.unit}：${e.text}`).join("\n");
    return { ...task, ...(text ? { progress: text } : {}), children: task.children.map(fill) };
  };
  return { ...base, tasks: base.tasks.map(fill) };
}
