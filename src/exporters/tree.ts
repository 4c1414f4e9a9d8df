import type { ChalkInstance } from "chalk";
import stringWidth from "string-width";
import { messageIn, type Locale } from "../model/catalogue.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger, Owner, Task } from "../model/ledger.js";
import { diagnosticsByTask } from "./diagnostics-by-task.js";

/**
 * The task tree for a terminal: one line per task (label and title), and under it a line with its
 * id, owners and deadline, and its diagnostics. Owners and deadline are the effective ones: a task
 * shows those it names itself; a leaf also shows what it inherits, marked ↑. Lines are cut to the
 * terminal's width (a Chinese character takes two columns).
 */

export type TreeStyle =
  | "heading"
  | "meta"
  | "branch"
  | "label"
  | "title"
  | "id"
  | "lead"
  | "responsible"
  | "deadline"
  | "inherited"
  | "error"
  | "warning"
  | "info";

export interface TreeSegment {
  text: string;
  style: TreeStyle | null;
}

/** The tree's connectors and everything after them, before any cutting. */
export interface TreeLine {
  prefix: string;
  segments: TreeSegment[];
}

export interface TreeOptions {
  /** Cut lines to this many columns; null (the default) never cuts. */
  width?: number | null;
  /** Also show informational diagnostics (no-deadline, no-owner…). */
  infos?: boolean;
  /** The language of diagnostic messages (default Chinese, as the rest of the tree). */
  locale?: Locale;
  /** How a styled piece of text is shown (colours); plain text by default. */
  paint?: (style: TreeStyle, text: string) => string;
}

const MARK: Record<Diagnostic["severity"], string> = { error: "✖", warning: "⚠", info: "ℹ" };
const LEGEND = "↑ 继承自上级任务  * 泛指单位";

export function toTree(ledger: Ledger, options: TreeOptions = {}): string {
  const paint = options.paint ?? ((_style: TreeStyle, text: string) => text);
  return treeLines(ledger, options)
    .map((line) => {
      const segments = options.width ? cut(line, options.width) : line.segments;
      return paint("branch", line.prefix) + segments.map((s) => (s.style ? paint(s.style, s.text) : s.text)).join("");
    })
    .join("\n")
    .concat("\n");
}

/** chalk colours for the styles: titles stand out, owners and deadlines are told apart, inherited values recede. */
export function chalkPaint(chalk: ChalkInstance): (style: TreeStyle, text: string) => string {
  const styles: Record<TreeStyle, (text: string) => string> = {
    heading: chalk.bold,
    meta: chalk.dim,
    branch: chalk.dim,
    label: chalk.cyan,
    title: (text) => text,
    id: chalk.dim,
    lead: chalk.green,
    responsible: chalk.blue,
    deadline: chalk.magenta,
    inherited: chalk.dim,
    error: chalk.red.bold,
    warning: chalk.yellow,
    info: chalk.dim,
  };
  return (style, text) => styles[style](text);
}

export function treeLines(ledger: Ledger, options: Pick<TreeOptions, "infos" | "locale"> = {}): TreeLine[] {
  const locale = options.locale ?? "zh";
  const { byTask, loose } = diagnosticsByTask(ledger, (d) => options.infos === true || d.severity !== "info");
  const lines: TreeLine[] = [
    { prefix: "", segments: [{ text: oneLine(ledger.document.title ?? ledger.document.noticeTitle ?? "（无标题）"), style: "heading" }] },
    { prefix: "", segments: [{ text: oneLine(summaryText(ledger)), style: "meta" }] },
  ];

  const walk = (tasks: readonly Task[], prefix: string): void => {
    tasks.forEach((task, i) => {
      const last = i === tasks.length - 1;
      lines.push({ prefix: prefix + (last ? "└─ " : "├─ "), segments: titleSegments(task) });
      const below = prefix + (last ? "   " : "│  ");
      const detailPrefix = below + (task.children.length > 0 ? "│  " : "   ");
      const details = detailSegments(task);
      if (details.length > 0) lines.push({ prefix: detailPrefix, segments: details });
      for (const d of byTask.get(task.id) ?? []) lines.push({ prefix: detailPrefix, segments: diagnosticSegments(d, locale) });
      walk(task.children, below);
    });
  };
  walk(ledger.tasks, "");

  for (const d of loose) lines.push({ prefix: "", segments: diagnosticSegments(d, locale, d.source ? `${d.source.line}: ` : "") });
  return lines;
}

function summaryText(ledger: Ledger): string {
  let tasks = 0;
  let leaves = 0;
  const stack = [...ledger.tasks];
  while (stack.length > 0) {
    const task = stack.pop()!;
    tasks++;
    if (task.children.length === 0) leaves++;
    stack.push(...task.children);
  }
  const count = (severity: Diagnostic["severity"]) => ledger.diagnostics.filter((d) => d.severity === severity).length;
  const parts = [ledger.source.path ?? "（标准输入）", `${tasks} 项任务（${leaves} 项末级）`];
  if (count("error") > 0) parts.push(`${MARK.error} ${count("error")}`);
  if (count("warning") > 0) parts.push(`${MARK.warning} ${count("warning")}`);
  parts.push(LEGEND);
  return parts.join(" · ");
}

function titleSegments(task: Task): TreeSegment[] {
  const segments: TreeSegment[] = [];
  if (task.label !== null) segments.push({ text: task.label.trim() + (/[\p{L}\p{N}]$/u.test(task.label.trim()) ? " " : ""), style: "label" });
  segments.push({ text: oneLine(task.title), style: "title" });
  return segments;
}

/** The id, then owners and deadline when the task names them or, for a leaf, inherits them. */
function detailSegments(task: Task): TreeSegment[] {
  const leaf = task.children.length === 0;
  const { owners, deadline } = task.effective;
  const segments: TreeSegment[] = [];
  const add = (text: string, style: TreeStyle | null) => {
    segments.push({ text: segments.length > 0 ? `  ${text}` : text, style });
  };
  const showOwners = owners.owners.length > 0 && (leaf || !owners.inherited);
  const showDeadline = deadline.deadline !== null && (leaf || !deadline.inherited);
  if (!showOwners && !showDeadline) return leaf ? [{ text: `#${task.id}`, style: "id" }] : [];
  add(`#${task.id}`, "id");
  if (showOwners) {
    const lead = owners.owners.filter((o) => o.role === "lead");
    const responsible = owners.owners.filter((o) => o.role === "responsible");
    const mark = owners.inherited ? "↑" : "";
    if (lead.length > 0) add(`${mark}牵头 ${unitList(lead)}`, owners.inherited ? "inherited" : "lead");
    if (responsible.length > 0) add(`${mark}责任 ${unitList(responsible)}`, owners.inherited ? "inherited" : "responsible");
  }
  if (showDeadline) {
    const d = deadline.deadline!;
    const text = d.due !== null ? `${d.due}（${oneLine(d.text)}）` : oneLine(d.text);
    add(`${deadline.inherited ? "↑" : ""}${text}`, deadline.inherited ? "inherited" : "deadline");
  }
  return segments;
}

function unitList(owners: readonly Owner[]): string {
  return [...new Set(owners.map((o) => oneLine(o.canonical ?? o.name) + (o.collective ? "*" : "")))].join("、");
}

function diagnosticSegments(d: Diagnostic, locale: Locale, where = ""): TreeSegment[] {
  return [{ text: `${MARK[d.severity]} ${where}${oneLine(messageIn(d, locale))} (${d.code})`, style: d.severity }];
}

/** Terminal lines carry no line breaks or control characters from the notice. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, " ");
}

/** The segments that fit in `width` columns after the prefix, the last one cut with "…". */
function cut(line: TreeLine, width: number): TreeSegment[] {
  let room = width - stringWidth(line.prefix);
  const kept: TreeSegment[] = [];
  for (const segment of line.segments) {
    const w = stringWidth(segment.text);
    if (w <= room) {
      kept.push(segment);
      room -= w;
      continue;
    }
    if (room >= 1) kept.push({ text: widestPrefix(segment.text, room - 1) + "…", style: segment.style });
    break;
  }
  return kept;
}

const segmenter = new Intl.Segmenter();

/** The longest run of whole graphemes from the start of `text` at most `columns` wide (a binary search: widths only grow). */
function widestPrefix(text: string, columns: number): string {
  const ends = [0];
  for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stringWidth(text.slice(0, ends[mid])) <= columns) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, ends[lo]);
}
