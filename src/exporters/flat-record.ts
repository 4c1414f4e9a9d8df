import type { DeadlineKind, Ledger, Owner, OwnerRole } from "../model/ledger.js";
import type { SourcePosition } from "../model/position.js";
import { diagnosticsByTask } from "./diagnostics-by-task.js";
import { flattenTasks, type TaskVisit } from "./flatten.js";

/**
 * One leaf task as a flat record: the fields the CSV and NDJSON views share. Owners and deadline are
 * the effective ones the parser decided (own or inherited, and from where); nothing is recomputed.
 */
export interface FlatRecord {
  /** The notice the task comes from (`source.path`), null for standard input. */
  file: string | null;
  id: string;
  label: string | null;
  /** The tasks above it, top first. */
  ancestors: { id: string; label: string | null; title: string }[];
  title: string;
  text: string;
  /** Effective 牵头 units (canonical names when a units file gives them). */
  lead: string[];
  /** Effective 责任 units. */
  responsible: string[];
  /** Those of the effective owners that address everyone of a kind (各单位, 各相关部门). */
  collective: string[];
  ownersInherited: boolean;
  /** The task the inherited owners come from. */
  ownersFrom: string | null;
  /** The deadline as written. */
  deadline: string | null;
  due: string | null;
  kind: DeadlineKind | null;
  deadlineInherited: boolean;
  deadlineFrom: string | null;
  source: SourcePosition;
  /** Codes of the warnings and errors reported on this task. */
  diagnostics: string[];
}

export function flatRecords(ledger: Ledger): FlatRecord[] {
  const { byTask } = diagnosticsByTask(ledger, (d) => d.severity !== "info");
  return flattenTasks(ledger).map((visit) => flatRecord(ledger, visit, (byTask.get(visit.task.id) ?? []).map((d) => d.code)));
}

function flatRecord(ledger: Ledger, { task, ancestors }: TaskVisit, diagnostics: string[]): FlatRecord {
  const { owners, deadline } = task.effective;
  const deadlineValue = deadline.deadline;
  return {
    file: ledger.source.path,
    id: task.id,
    label: task.label,
    ancestors: ancestors.map((a) => ({ id: a.id, label: a.label, title: a.title })),
    title: task.title,
    text: task.text,
    lead: unitNames(owners.owners, "lead"),
    responsible: unitNames(owners.owners, "responsible"),
    collective: [...new Set(owners.owners.filter((o) => o.collective).map(ownerName))],
    ownersInherited: owners.inherited,
    ownersFrom: owners.from,
    deadline: deadlineValue?.text ?? null,
    due: deadlineValue?.due ?? null,
    kind: deadlineValue?.kind ?? null,
    deadlineInherited: deadline.inherited,
    deadlineFrom: deadline.from,
    source: task.source,
    diagnostics,
  };
}

function ownerName(owner: Owner): string {
  return owner.canonical ?? owner.name;
}

function unitNames(owners: readonly Owner[], role: OwnerRole): string[] {
  return [...new Set(owners.filter((o) => o.role === role).map(ownerName))];
}
