import { unitName } from "../exporters/by-unit.js";
import type { Ledger, Task } from "../model/ledger.js";
import type { Change, ChangeKind, DiffResult, TaskSnapshot } from "../model/ops.js";
import { normalise, similarity, SIMILARITY_THRESHOLD } from "./similarity.js";
import { allTasks } from "./split.js";

/**
 * Two ledgers compared task by task (two notices, or two years of one): tasks are paired by their title,
 * exactly first, then by similarity (SIMILARITY_THRESHOLD) best pair first; a pair is reworded when the
 * titles differ, moved when its parent is not the pair of the other's parent, and its own owners and
 * deadline are compared. Unpaired tasks are added or removed.
 */
export function diffLedgers(older: Ledger, newer: Ledger, threshold = SIMILARITY_THRESHOLD): DiffResult {
  const oldTasks = allTasks(older.tasks);
  const newTasks = allTasks(newer.tasks);
  const pairs = new Map<Task, Task>();
  const taken = new Set<Task>();

  // Exact titles, in document order.
  const byTitle = new Map<string, Task[]>();
  for (const task of newTasks) byTitle.set(normalise(task.title), [...(byTitle.get(normalise(task.title)) ?? []), task]);
  for (const task of oldTasks) {
    const match = byTitle.get(normalise(task.title))?.find((t) => !taken.has(t));
    if (match) {
      pairs.set(task, match);
      taken.add(match);
    }
  }
  // Similar titles, the most similar pair first.
  const candidates: { a: Task; b: Task; score: number }[] = [];
  for (const a of oldTasks) {
    if (pairs.has(a)) continue;
    for (const b of newTasks) {
      if (taken.has(b)) continue;
      const score = similarity(a.title, b.title);
      if (score >= threshold) candidates.push({ a, b, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  for (const { a, b } of candidates) {
    if (pairs.has(a) || taken.has(b)) continue;
    pairs.set(a, b);
    taken.add(b);
  }

  const oldParents = parents(older.tasks);
  const newParents = parents(newer.tasks);
  const changes: Change[] = [];
  for (const a of oldTasks) {
    const b = pairs.get(a);
    if (!b) {
      changes.push({ kind: "removed", old: snapshot(a), new: null, similarity: null });
      continue;
    }
    const score = round(similarity(a.title, b.title));
    const change = (kind: ChangeKind, extra: Partial<Change> = {}) => changes.push({ kind, old: snapshot(a), new: snapshot(b), similarity: score, ...extra });
    if (normalise(a.title) !== normalise(b.title)) change("reworded");
    const parentA = oldParents.get(a) ?? null;
    const parentB = newParents.get(b) ?? null;
    if ((parentA === null) !== (parentB === null) || (parentA !== null && pairs.get(parentA) !== parentB)) change("moved");
    const ownersA = owners(a);
    const ownersB = owners(b);
    const added = ownersB.filter((o) => !ownersA.includes(o));
    const dropped = ownersA.filter((o) => !ownersB.includes(o));
    if (added.length > 0 || dropped.length > 0) change("owners", { ownersAdded: added, ownersDropped: dropped });
    if ((a.deadline?.text ?? null) !== (b.deadline?.text ?? null) || (a.deadline?.due ?? null) !== (b.deadline?.due ?? null)) change("deadline");
  }
  for (const b of newTasks) if (!taken.has(b)) changes.push({ kind: "added", old: null, new: snapshot(b), similarity: null });

  const summary = { added: 0, removed: 0, reworded: 0, moved: 0, owners: 0, deadline: 0 } satisfies Record<ChangeKind, number>;
  for (const c of changes) summary[c.kind]++;
  return { schemaVersion: 1, old: older.source.path, new: newer.source.path, threshold, summary, changes };
}

function parents(tasks: readonly Task[], parent: Task | null = null, map = new Map<Task, Task | null>()): Map<Task, Task | null> {
  for (const task of tasks) {
    map.set(task, parent);
    parents(task.children, task, map);
  }
  return map;
}

/** The task's own owners (where the notice writes them), by unit name. */
function owners(task: Task): string[] {
  return [...new Set(task.owners.map(unitName))];
}

function snapshot(task: Task): TaskSnapshot {
  return { id: task.id, title: task.title, owners: owners(task), deadline: task.deadline?.text ?? null, due: task.deadline?.due ?? null };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
