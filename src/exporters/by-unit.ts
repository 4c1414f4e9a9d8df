import type { Deadline, Ledger, OwnerRole, Task } from "../model/ledger.js";
import {
  contentText,
  effectiveDeadline,
  headingText,
  mergeDown,
  sourceName,
  taskPaths,
  type Grid,
  type KeyedCell,
  type TableColumn,
} from "./table.js";

/**
 * The 按单位 view: for each unit, the tasks it leads and those it is responsible for, with their
 * deadlines — what an office reads a ledger for ("what is mine").
 */

interface Assignment {
  unit: string;
  role: OwnerRole;
  ledgerIndex: number;
  /** Document order across all ledgers, the last tie-break. */
  order: number;
  path: Task[];
  deadline: Deadline | null;
}

const ROLE_NAMES: Record<OwnerRole, string> = { lead: "牵头", responsible: "责任" };
const ROLE_ORDER: Record<OwnerRole, number> = { lead: 0, responsible: 1 };

/** Chinese collation sorts unit names by pinyin, the order a list of offices is looked up in. */
const collator = new Intl.Collator("zh-Hans-CN");

export function unitGrid(ledgers: readonly Ledger[]): Grid {
  const withSource = ledgers.length > 1;
  const columns: TableColumn[] = [
    { kind: "units", header: "单位" },
    { kind: "short", header: "职责" },
    ...(withSource ? [{ kind: "source" as const, header: "来源文件" }] : []),
    { kind: "id", header: "任务编号" },
    { kind: "heading", header: "所属任务" },
    { kind: "content", header: "工作内容" },
    { kind: "deadline", header: "完成时限" },
  ];
  const keyed = assignments(ledgers)
    .sort(byUnitRoleDeadline)
    .map((a): KeyedCell[] => {
      const task = a.path[a.path.length - 1];
      return [
        { text: a.unit, mergeKey: a.unit },
        { text: ROLE_NAMES[a.role], mergeKey: `${a.unit}\u0000${a.role}` },
        ...(withSource ? [{ text: sourceName(ledgers[a.ledgerIndex]), mergeKey: null }] : []),
        { text: task.id, mergeKey: null },
        { text: a.path.slice(0, -1).map(headingText).join("\n"), mergeKey: null },
        { text: contentText(task), mergeKey: null },
        { text: a.deadline?.text ?? "", mergeKey: null },
      ];
    });
  return { columns, rows: mergeDown(keyed) };
}

/** Every (unit, role, task) a ledger names, the unit under its canonical name when one is known. */
function assignments(ledgers: readonly Ledger[]): Assignment[] {
  const result: Assignment[] = [];
  let order = 0;
  ledgers.forEach((ledger, ledgerIndex) => {
    for (const path of taskPaths(ledger.tasks)) {
      const task = path[path.length - 1];
      const seen = new Set<string>();
      order++;
      for (const owner of task.owners) {
        const unit = owner.canonical ?? owner.name;
        const key = `${unit}\u0000${owner.role}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ unit, role: owner.role, ledgerIndex, order, path, deadline: effectiveDeadline(path) });
      }
    }
  });
  return result;
}

/** Unit by pinyin; 牵头 before 责任; dated tasks soonest first, then the rest in document order. */
function byUnitRoleDeadline(a: Assignment, b: Assignment): number {
  return (
    collator.compare(a.unit, b.unit) ||
    // The collator may call two different names equal; they must still not interleave.
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0) ||
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    dueOrder(a.deadline).localeCompare(dueOrder(b.deadline)) ||
    a.order - b.order
  );
}

/** ISO dates sort as text; undated deadlines ("长期常态化") after every date. */
function dueOrder(deadline: Deadline | null): string {
  return deadline?.due ?? "9999-99-99";
}
