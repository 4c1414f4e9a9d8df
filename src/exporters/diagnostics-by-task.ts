import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import { walkTasks } from "./flatten.js";

/**
 * Diagnostics by the task they are about: the task they name (`taskId`), else the task read from the
 * line they point at (a numbering warning points at the label's line). Those about no task (the
 * notice as a whole, a line that became no task) are `loose`, in their order.
 */
export function diagnosticsByTask(ledger: Ledger, keep: (d: Diagnostic) => boolean = () => true): { byTask: Map<string, Diagnostic[]>; loose: Diagnostic[] } {
  // The deepest task starting at a line: walkTasks visits parents first, so later entries win.
  const startingAt = new Map<string, string>();
  for (const { task } of walkTasks(ledger)) startingAt.set(lineKey(task.source), task.id);
  const byTask = new Map<string, Diagnostic[]>();
  const loose: Diagnostic[] = [];
  for (const d of ledger.diagnostics) {
    if (!keep(d)) continue;
    const id = d.taskId ?? (d.source ? startingAt.get(lineKey(d.source)) : undefined);
    if (id === undefined) loose.push(d);
    else byTask.set(id, [...(byTask.get(id) ?? []), d]);
  }
  return { byTask, loose };
}

function lineKey(pos: { line: number; page?: number; sheet?: string }): string {
  return `${pos.sheet ?? ""}\u0000${pos.page ?? ""}\u0000${pos.line}`;
}
