import type { Ledger, Task } from "../model/ledger.js";

/**
 * The task tree without recursion: every task with the tasks above it. What a jq user writes as
 * `recurse(.children[])`, and what the flat views (CSV, NDJSON, the calendar) are built on.
 */

export interface TaskVisit {
  task: Task;
  /** The tasks above it, top first; empty for a top-level task. */
  ancestors: readonly Task[];
}

/**
 * Every task of the ledger (or of a list of tasks), parents before their children, in document
 * order. Iterative: no recursion however deep the tree.
 *
 * ```ts
 * for (const { task, ancestors } of walkTasks(ledger)) console.log(ancestors.length, task.title);
 * ```
 */
export function* walkTasks(from: Ledger | readonly Task[]): Generator<TaskVisit> {
  const top = "tasks" in from ? from.tasks : from;
  const stack: TaskVisit[] = [...top].reverse().map((task) => ({ task, ancestors: [] }));
  while (stack.length > 0) {
    const visit = stack.pop()!;
    yield visit;
    const ancestors = [...visit.ancestors, visit.task];
    for (let i = visit.task.children.length - 1; i >= 0; i--) stack.push({ task: visit.task.children[i], ancestors });
  }
}

/**
 * The leaves of the tree (the tasks someone actually carries out), each with its ancestors, in
 * document order: one entry per row of a 台账.
 *
 * ```ts
 * for (const { task, ancestors } of flattenTasks(ledger))
 *   console.log([...ancestors.map((a) => a.title), task.title].join(" › "), task.effective.deadline.deadline?.due);
 * ```
 */
export function flattenTasks(from: Ledger | readonly Task[]): TaskVisit[] {
  return [...walkTasks(from)].filter((visit) => visit.task.children.length === 0);
}
