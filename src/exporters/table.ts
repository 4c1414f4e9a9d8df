import type { Deadline, Ledger, Task } from "../model/ledger.js";
import { maxLineWidth } from "./text-width.js";

/**
 * The 台账 table both the Excel and the Word ledger show, laid out like the office ledgers the
 * notices come as (朝阳区: 序号 | 重点任务 | 具体任务 | 工作内容 | 责任分工 | 完成时限): one row per
 * leaf task, the tasks above it in one column per level, merged down over their children.
 */

export type ColumnKind =
  | "source"
  | "serial"
  | "heading"
  | "content"
  | "units"
  | "deadline"
  | "blank"
  /** 备注: narrow, a unit writes a word or two there. */
  | "remarks"
  | "id"
  /** Short centred values: 职责, 严重程度, 行. */
  | "short"
  | "code"
  /** 截止日期: the ISO date of the deadline, an Excel date in the workbook. */
  | "due";

export interface TableColumn {
  kind: ColumnKind;
  header: string;
}

/** A cell that starts a vertical run of `rowSpan` rows; the slots below it are `null`. */
export interface TableCell {
  text: string;
  rowSpan: number;
  /** Owners or deadline the task inherits from a task above it: shown, and marked as inherited. */
  inherited?: boolean;
}

/** A table with vertically merged cells; `null` where a cell above reaches down. */
export interface Grid {
  columns: TableColumn[];
  rows: (TableCell | null)[][];
}

/** The 台账: one row per leaf task, under a title. */
export interface LedgerTable extends Grid {
  title: string;
}

/** Headers of the level columns, top down; deeper levels are numbered. */
const LEVEL_HEADERS = ["重点任务", "具体任务", "子任务", "细项"];

export interface TableOptions {
  /** The title row; defaults to the notice's title (or a generic one for several notices). */
  title?: string;
  /** Add a 截止日期 column (ISO due dates) after 完成时限: the Excel 台账 has one, the Word 台账 not. */
  dueColumn?: boolean;
}

/** A leaf task with the tasks above it, in document order. */
interface LeafRow {
  ledgerIndex: number;
  path: Task[];
}

export function ledgerTable(ledgers: readonly Ledger[], options: TableOptions = {}): LedgerTable {
  const withSource = ledgers.length > 1;
  const leaves = ledgers.flatMap((ledger, ledgerIndex) => leafPaths(ledger.tasks).map((path) => ({ ledgerIndex, path })));
  const depth = Math.max(1, ...leaves.map((leaf) => leaf.path.length));
  const levelColumns = depth - 1;

  const columns: TableColumn[] = [
    ...(withSource ? [{ kind: "source" as const, header: "来源文件" }] : []),
    { kind: "serial", header: "序号" },
    ...Array.from({ length: levelColumns }, (_, i) => ({ kind: "heading" as const, header: levelHeader(i) })),
    { kind: "content", header: "工作内容" },
    { kind: "units", header: "牵头单位" },
    { kind: "units", header: "责任单位" },
    { kind: "deadline", header: "完成时限" },
    ...(options.dueColumn ? [{ kind: "due" as const, header: "截止日期" }] : []),
    { kind: "blank", header: "进展情况" },
    { kind: "remarks", header: "备注" },
    { kind: "id", header: "任务编号" },
  ];

  const rows = mergeDown(leaves.map((leaf) => rowCells(leaf, ledgers, levelColumns, withSource, options.dueColumn === true)));
  return { title: options.title ?? defaultTitle(ledgers), columns, rows };
}

/** The notice's own title, else its cover notice's title. */
function ledgerTitle(ledger: Ledger): string | null {
  return ledger.document.title ?? ledger.document.noticeTitle;
}

/** Where a ledger came from, for 来源文件 columns: the notice's title and 文号, else its path. */
export function sourceName(ledger: Ledger): string {
  const title = ledgerTitle(ledger);
  const number = ledger.document.docNumber;
  if (title) return number ? `${title}\n${number}` : title;
  return ledger.source.path ?? number ?? "（标准输入）";
}

/** A task as a heading cell: numbered tasks keep their number ("1、做好…", "（二）推进…"). */
export function headingText(task: Task): string {
  return numbered(task.label, task.title);
}

/**
 * A leaf's full wording: its number and whole text, or its title when it has no text of its own. The
 * trailing owner parenthetical ("（区政府办牵头）") is left out: the owner columns show it.
 */
export function contentText(task: Task): string {
  return numbered(task.label, withoutOwnerClause(task.text.trim(), task.ownersText) || task.title);
}

function withoutOwnerClause(text: string, ownersText: string | null): string {
  if (!ownersText) return text;
  for (const [open, close] of [["（", "）"], ["(", ")"]]) {
    const clause = `${open}${ownersText}${close}`;
    if (text.endsWith(clause)) return text.slice(0, -clause.length).trimEnd();
    // The clause may close the sentence: "…公开。（区政府办牵头）。"
    if (text.endsWith(`${clause}。`)) return `${text.slice(0, -clause.length - 1).trimEnd()}`;
  }
  return text;
}

/** Label and text as one line; a bare number from a 序号 cell ("一", "3") gets a space, not a run-in. */
function numbered(label: string | null, text: string): string {
  if (label === null) return text;
  const bare = /[\p{L}\p{N}]$/u.test(label);
  return bare ? `${label} ${text}` : `${label}${text}`;
}

/** 序号 as the notice writes it in a 序号 column: "一、" → "一", "1." → "1"; brackets stay. */
function serialText(label: string | null, position: number): string {
  if (label === null) return String(position);
  return label.trim().replace(/[、.．,，:：\s]+$/u, "") || label.trim();
}

/** Every task with the tasks above it, in document order. */
export function taskPaths(tasks: readonly Task[], above: Task[] = []): Task[][] {
  return tasks.flatMap((task) => {
    const path = [...above, task];
    return [path, ...taskPaths(task.children, path)];
  });
}

export interface KeyedCell {
  text: string;
  inherited?: boolean;
  /** Consecutive rows with the same non-null key in a column are one merged cell. */
  mergeKey: string | null;
}

/** Rows of keyed cells → grid rows, each run of equal keys in a column merged into its first cell. */
export function mergeDown(keyed: readonly KeyedCell[][]): (TableCell | null)[][] {
  const rows = keyed.map((row) =>
    row.map((cell): TableCell | null => ({ text: cell.text, rowSpan: 1, ...(cell.inherited ? { inherited: true } : {}) })),
  );
  const width = keyed[0]?.length ?? 0;
  for (let col = 0; col < width; col++) {
    let start = 0;
    for (let r = 1; r <= keyed.length; r++) {
      const key = keyed[start][col].mergeKey;
      if (r < keyed.length && key !== null && keyed[r][col].mergeKey === key) {
        rows[r][col] = null;
        continue;
      }
      rows[start][col]!.rowSpan = r - start;
      start = r;
    }
  }
  return rows;
}

/** Half-width columns each column wants: its widest line, within bounds that keep a page readable. */
export function columnWidths(table: Grid): number[] {
  return table.columns.map((column, col) => {
    const [min, max] = WIDTH_BOUNDS[column.kind];
    const widest = Math.max(
      maxLineWidth(column.header),
      ...table.rows.map((row) => (row[col] ? maxLineWidth(row[col]!.text) : 0)),
    );
    return Math.min(max, Math.max(min, widest + 2));
  });
}

/**
 * [min, max] widths per kind. The maxima keep a depth-3 台账 near 160 half-width columns, so
 * that printed on landscape A4 it is scaled to about 80% (about 9 pt text), as office ledgers are;
 * long texts wrap instead of widening the page.
 */
const WIDTH_BOUNDS: Record<ColumnKind, readonly [number, number]> = {
  source: [10, 20],
  serial: [4, 6],
  heading: [10, 16],
  content: [30, 50],
  units: [10, 16],
  deadline: [8, 14],
  blank: [8, 10],
  remarks: [4, 6],
  id: [6, 8],
  short: [6, 10],
  code: [12, 24],
  due: [12, 12],
};

function levelHeader(index: number): string {
  return LEVEL_HEADERS[index] ?? `第${index + 1}级任务`;
}

function defaultTitle(ledgers: readonly Ledger[]): string {
  if (ledgers.length === 1) return ledgerTitle(ledgers[0]) ?? "任务台账";
  return "任务台账汇总";
}

function leafPaths(tasks: readonly Task[]): Task[][] {
  return taskPaths(tasks).filter((path) => path[path.length - 1].children.length === 0);
}

function rowCells(leaf: LeafRow, ledgers: readonly Ledger[], levelColumns: number, withSource: boolean, due: boolean): KeyedCell[] {
  const ledger = ledgers[leaf.ledgerIndex];
  const task = leaf.path[leaf.path.length - 1];
  const top = leaf.path[0];
  const scope = `${leaf.ledgerIndex}:`;
  const { owners, deadline } = task.effective;
  const lead = owners.owners.filter((o) => o.role === "lead").map((o) => o.name);
  const responsible = owners.owners.filter((o) => o.role === "responsible").map((o) => o.name);
  const ownersInherited = owners.inherited && owners.owners.length > 0;
  const deadlineInherited = deadline.inherited && deadline.deadline !== null;
  const serial = serialText(top.label, ledger.tasks.indexOf(top) + 1);
  const levels = Array.from({ length: levelColumns }, (_, i): KeyedCell => {
    const above = leaf.path[i];
    if (!above || above === task) return { text: "", mergeKey: null };
    return { text: i === 0 ? above.title : headingText(above), mergeKey: scope + above.id };
  });
  return [
    ...(withSource ? [{ text: sourceName(ledger), mergeKey: scope }] : []),
    { text: serial, mergeKey: scope + top.id },
    ...levels,
    // A top-level leaf's number is already in the 序号 column.
    { text: task === top ? contentText({ ...task, label: null }) : contentText(task), mergeKey: null },
    { text: unique(lead).join("、"), mergeKey: null, inherited: ownersInherited },
    { text: unique(responsible).join("、"), mergeKey: null, inherited: ownersInherited },
    { text: deadline.deadline?.text ?? "", mergeKey: null, inherited: deadlineInherited },
    ...(due ? [{ text: deadline.deadline?.due ?? "", mergeKey: null, inherited: deadlineInherited }] : []),
    // What the units wrote, when the ledger was read back from a filled 台账 or merged from returns.
    { text: task.progress ?? "", mergeKey: null },
    { text: task.remarks ?? "", mergeKey: null },
    { text: task.id, mergeKey: null },
  ];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * Text as XML 1.0 can hold it: without C0 controls (but tab and line feed), U+FFFE, U+FFFF and lone
 * surrogates, which make an .xlsx or .docx that Excel and Word refuse to open.
 */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

/** JSON that XML can hold: the characters xmlSafe drops are written as \u escapes (JSON strings allow them). */
export function xmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007F-\u009F\uFFFE\uFFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
