import { z } from "zod";
import { Ledger } from "./ledger.js";

/**
 * What the 台账 operations produce: the marker ledger writes into its own 台账, the result of
 * `ledger merge` (progress returned by the units) and of `ledger diff` (two notices compared).
 */

/**
 * The schema tag in a 台账 written by ledger (its core "description" property), with the ledger it was
 * written from embedded: re-import is exact, and batch knows the file for an earlier output, not a notice.
 */
export const LEDGER_OUTPUT_TAG = "ledger-taizhang/1";

/**
 * Where the embedded ledger sits: a very hidden sheet of the Excel 台账 (a sheet survives a unit saving the
 * file in Excel, WPS, LibreOffice or exceljs), a custom XML part of the Word one (Word keeps those on save).
 */
export const LEDGER_DATA = { xlsxSheet: "ledger-data", docxPart: "customXml/ledger.xml" } as const;

/**
 * The ledgers embedded in a 台账 written by ledger (several for a combined workbook); `unit` when
 * `ledger split` wrote it for one unit.
 */
export const EmbeddedLedger = z
  .object({
    tag: z.literal(LEDGER_OUTPUT_TAG),
    unit: z.string().nullable(),
    ledgers: z.array(Ledger).min(1),
  })
  .strict();
export type EmbeddedLedger = z.infer<typeof EmbeddedLedger>;

export const ProgressStatus = z.enum(["已完成", "推进中", "未启动"]);
export type ProgressStatus = z.infer<typeof ProgressStatus>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ProgressEntry = z
  .object({
    /** The unit that returned it (the unit `split` wrote the 台账 for, else the file's name). */
    unit: z.string(),
    /** 进展情况 / 完成情况 as the unit wrote it, with 备注 after a blank line when there is one. */
    text: z.string(),
    /** When the text says so; null when it does not. */
    status: ProgressStatus.nullable(),
    /** The returned file. */
    file: z.string(),
  })
  .strict();
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/**
 * wording / owners / deadline: a return changed them; missing: a task of the unit's 台账 is not in its return;
 * added: a row matching no task; id-cleared: a row without 任务编号, matched by its content; unknown-id: a
 * 任务编号 the base does not have (the row is then matched by content, or reported as added).
 */
export const ConflictKind = z.enum(["wording", "owners", "deadline", "missing", "added", "id-cleared", "unknown-id"]);
export type ConflictKind = z.infer<typeof ConflictKind>;

export const Conflict = z
  .object({
    kind: ConflictKind,
    /** The base task concerned; null for a row a unit added. */
    taskId: z.string().nullable(),
    unit: z.string(),
    file: z.string(),
    /** The base ledger's value and the return's ("missing": the base task, "added": the new row). */
    base: z.string().nullable(),
    returned: z.string().nullable(),
  })
  .strict();
export type Conflict = z.infer<typeof Conflict>;

export const TaskProgress = z
  .object({
    taskId: z.string(),
    title: z.string(),
    due: isoDate.nullable(),
    deadline: z.string().nullable(),
    /** Every entry returned for the task, in the order of the returns. */
    entries: z.array(ProgressEntry),
    /** 已完成 when every entry says so, else the least advanced status any entry states, else null. */
    status: ProgressStatus.nullable(),
  })
  .strict();
export type TaskProgress = z.infer<typeof TaskProgress>;

export const MergeResult = z
  .object({
    schemaVersion: z.literal(1),
    /** The base ledger's source path. */
    base: z.string().nullable(),
    returns: z.array(z.object({ file: z.string(), unit: z.string(), rows: z.number().int() }).strict()),
    asOf: isoDate,
    /** Every leaf task of the base, in document order. */
    tasks: z.array(TaskProgress),
    conflicts: z.array(Conflict),
    /** Ids of the tasks due before `asOf` and not 已完成. */
    overdue: z.array(z.string()),
  })
  .strict();
export type MergeResult = z.infer<typeof MergeResult>;

export const TaskSnapshot = z
  .object({
    id: z.string(),
    title: z.string(),
    owners: z.array(z.string()),
    deadline: z.string().nullable(),
    due: isoDate.nullable(),
  })
  .strict();
export type TaskSnapshot = z.infer<typeof TaskSnapshot>;

export const ChangeKind = z.enum(["added", "removed", "reworded", "moved", "owners", "deadline"]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const Change = z
  .object({
    kind: ChangeKind,
    old: TaskSnapshot.nullable(),
    new: TaskSnapshot.nullable(),
    /** Title similarity of a matched pair (0–1), null for additions and removals. */
    similarity: z.number().min(0).max(1).nullable(),
    /** owners: the units added and dropped. */
    ownersAdded: z.array(z.string()).optional(),
    ownersDropped: z.array(z.string()).optional(),
  })
  .strict();
export type Change = z.infer<typeof Change>;

export const DiffResult = z
  .object({
    schemaVersion: z.literal(1),
    old: z.string().nullable(),
    new: z.string().nullable(),
    /** Titles at least this similar (character-bigram Dice coefficient) are the same task reworded. */
    threshold: z.number(),
    summary: z.record(ChangeKind, z.number().int()),
    changes: z.array(Change),
  })
  .strict();
export type DiffResult = z.infer<typeof DiffResult>;
