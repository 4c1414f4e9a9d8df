import type { Deadline, Ledger, Owner, Task } from "../model/ledger.js";
import { contentText, headingText, mergeDown, sourceName, taskPaths, type Grid, type KeyedCell, type TableColumn } from "./table.js";

/**
 * The 按单位 view: for each unit, the tasks it leads, those it is responsible for, and those addressed to
 * everyone (各单位, 各相关单位): what an office reads a ledger for ("what is mine"). Collective addressees
 * also get their own group, after the units, so that the tasks of all are seen once as such.
 */

/** 牵头, 责任, and 全体 for a task addressed to a collective. */
type Duty = "lead" | "responsible" | "all";

interface Assignment {
  unit: string;
  /** The group of a collective addressee: after every unit. */
  collective: boolean;
  duty: Duty;
  ledgerIndex: number;
  /** Document order across all ledgers, the last tie-break. */
  order: number;
  path: Task[];
  deadline: Deadline | null;
  inherited: boolean;
}

const DUTY_NAMES: Record<Duty, string> = { lead: "牵头", responsible: "责任", all: "全体" };
const DUTY_ORDER: Record<Duty, number> = { lead: 0, responsible: 1, all: 2 };

/** Chinese collation sorts unit names by pinyin, the order a list of offices is looked up in. */
const collator = new Intl.Collator("zh-Hans-CN");

/** The name a unit is grouped under: its canonical name when a units file gave one. */
export function unitName(owner: Owner): string {
  return owner.canonical ?? owner.name;
}

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
    .sort(byUnitDutyDeadline)
    .map((a): KeyedCell[] => {
      const task = a.path[a.path.length - 1];
      const group = a.collective ? `${a.unit}（全体）` : a.unit;
      return [
        { text: group, mergeKey: `${a.collective}\u0000${a.unit}` },
        { text: DUTY_NAMES[a.duty], mergeKey: `${a.collective}\u0000${a.unit}\u0000${a.duty}` },
        ...(withSource ? [{ text: sourceName(ledgers[a.ledgerIndex]), mergeKey: null }] : []),
        { text: task.id, mergeKey: null },
        { text: a.path.slice(0, -1).map(headingText).join("\n"), mergeKey: null },
        { text: contentText(task), mergeKey: null },
        { text: a.deadline?.text ?? "", mergeKey: null, inherited: a.inherited },
      ];
    });
  return { columns, rows: mergeDown(keyed) };
}

/**
 * Every (unit, duty, leaf task) of the ledgers, from the owners in effect. A task addressed to a collective
 * is listed under that collective and under every unit its own notice names.
 */
function assignments(ledgers: readonly Ledger[]): Assignment[] {
  const result: Assignment[] = [];
  let order = 0;
  ledgers.forEach((ledger, ledgerIndex) => {
    const units = new Set<string>();
    const collectiveTasks: Omit<Assignment, "unit" | "collective" | "duty">[] = [];
    const named = new Set<string>();
    for (const path of taskPaths(ledger.tasks)) {
      const task = path[path.length - 1];
      if (task.children.length > 0) continue;
      order++;
      const { deadline } = task.effective;
      const base = { ledgerIndex, order, path, deadline: deadline.deadline, inherited: deadline.inherited && deadline.deadline !== null };
      const seen = new Set<string>();
      let addressedToAll = false;
      for (const owner of task.effective.owners.owners) {
        const unit = unitName(owner);
        const duty: Duty = owner.collective ? "all" : owner.role;
        const key = `${owner.collective}\u0000${unit}\u0000${duty}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (owner.collective) addressedToAll = true;
        else {
          units.add(unit);
          named.add(`${order}\u0000${unit}`);
        }
        result.push({ ...base, unit, collective: owner.collective, duty });
      }
      if (addressedToAll) collectiveTasks.push(base);
    }
    for (const unit of units) {
      for (const task of collectiveTasks) {
        if (!named.has(`${task.order}\u0000${unit}`)) result.push({ ...task, unit, collective: false, duty: "all" });
      }
    }
  });
  return result;
}

/** Units by pinyin, collectives after them; 牵头, 责任, 全体; dated tasks soonest first, then document order. */
function byUnitDutyDeadline(a: Assignment, b: Assignment): number {
  return (
    Number(a.collective) - Number(b.collective) ||
    collator.compare(a.unit, b.unit) ||
    // The collator may call two different names equal; they must still not interleave.
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0) ||
    DUTY_ORDER[a.duty] - DUTY_ORDER[b.duty] ||
    dueOrder(a.deadline).localeCompare(dueOrder(b.deadline)) ||
    a.order - b.order
  );
}

/** ISO dates sort as text; undated deadlines ("长期常态化") after every date. */
function dueOrder(deadline: Deadline | null): string {
  return deadline?.due ?? "9999-99-99";
}
