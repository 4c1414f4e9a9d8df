import { unitName } from "../exporters/by-unit.js";
import type { Ledger, Task } from "../model/ledger.js";

/** One unit's share of a ledger: the tasks it leads or shares, and those addressed to everyone. */
export interface UnitShare {
  unit: string;
  ledger: Ledger;
  /** Leaf tasks in the share (rows of its 台账). */
  rows: number;
}

/** The units a ledger names in effect (collectives excepted), in the order of their first task. */
export function ledgerUnits(ledger: Ledger): string[] {
  const units = new Set<string>();
  for (const leaf of leaves(ledger.tasks)) {
    for (const owner of leaf.effective.owners.owners) if (!owner.collective) units.add(unitName(owner));
  }
  return [...units];
}

/** True when a unit holds the task in effect: it is named, or the task is addressed to a collective. */
export function holds(task: Task, unit: string): boolean {
  return task.effective.owners.owners.some((owner) => owner.collective || unitName(owner) === unit);
}

/**
 * A ledger per unit: the leaf tasks it holds with the tasks above them (so that its 台账 keeps the
 * categories), every task unchanged (same ids, so that returns merge back), and the diagnostics about them.
 */
export function splitByUnit(ledger: Ledger): UnitShare[] {
  return ledgerUnits(ledger).map((unit) => {
    const tasks = prune(ledger.tasks, (leaf) => holds(leaf, unit));
    const kept = new Set(allTasks(tasks).map((task) => task.id));
    return {
      unit,
      ledger: { ...ledger, tasks, diagnostics: ledger.diagnostics.filter((d) => d.taskId != null && kept.has(d.taskId)) },
      rows: leaves(tasks).length,
    };
  });
}

function prune(tasks: readonly Task[], keep: (leaf: Task) => boolean): Task[] {
  return tasks.flatMap((task) => {
    if (task.children.length === 0) return keep(task) ? [task] : [];
    const children = prune(task.children, keep);
    return children.length > 0 ? [{ ...task, children }] : [];
  });
}

export function leaves(tasks: readonly Task[]): Task[] {
  return tasks.flatMap((task) => (task.children.length === 0 ? [task] : leaves(task.children)));
}

export function allTasks(tasks: readonly Task[]): Task[] {
  return tasks.flatMap((task) => [task, ...allTasks(task.children)]);
}

/** A unit's name as a file name: path separators and characters Windows refuses become "_". */
export function unitFileName(unit: string): string {
  // eslint-disable-next-line no-control-regex
  return unit.replace(/[/\\:*?"<>|\u0000-\u001f]/g, "_").replace(/^\.+/, "_").slice(0, 100) || "_";
}

/** A file name per share, unique even where two units' names differ only by characters replaced or case. */
export function shareFileNames(shares: readonly UnitShare[]): string[] {
  const taken = new Set<string>();
  return shares.map((share) => {
    const base = unitFileName(share.unit);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
