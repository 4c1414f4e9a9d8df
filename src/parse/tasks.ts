import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Deadline, Owner, Task } from "../model/ledger.js";
import { findDeadlineInText, parseDeadlineCell, type DeadlineContext } from "./deadlines/index.js";
import type { OutlineNode } from "./outline.js";
import {
  carriedOverUnits,
  declaresCarryOver,
  findOwnerClauses,
  findTrailingOwnerClause,
  mergeOwnerAssignments,
  parseOwnerCell,
  parseOwnerLine,
  type OwnerAssignment,
  type OwnerConventions,
} from "./owners/index.js";
import type { UnitAliases } from "./units.js";
import { isCollective } from "./collectives.js";
import { LEAD, OFFICE, RESPONSIBLE_WORDS } from "./lexicon/roles.js";
import { alt } from "./lexicon/words.js";
import { GROUP_CLOSERS, GROUP_OPENERS } from "./lexicon/brackets.js";
import { DEADLINE_FIELD_LABELS } from "./lexicon/headers.js";

export interface TaskContext extends DeadlineContext {
  /** The notice's own date: a deadline before it is a typo or a stale copy. */
  issuedDate: string | null;
  conventions: OwnerConventions;
  aliases: UnitAliases | null;
}

const ROW_TITLE_MAX = 60;
/** Trailing spaces and punctuation, removed by a loop: /[…]+$/ backtracks quadratically on a long run mid-text. */
const TRAILING_PUNCT = /[\s\u3000。；;：:，,、]/;
function withoutTrailingPunct(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING_PUNCT.test(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

/** Outline nodes → ledger tasks: ids, levels, titles, owners, deadlines and per-task diagnostics. */
export function buildTasks(roots: OutlineNode[], ctx: TaskContext): { tasks: Task[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  /** Tasks whose owners a carry-over convention gave them → the id of the item that declared it. */
  const carriedFrom = new Map<Task, string>();
  const build = (nodes: OutlineNode[], parentId: string, level: number): Task[] => {
    let carried: { owners: OwnerAssignment; from: string } | null = null;
    return nodes.map((node, idx) => {
      const id = parentId ? `${parentId}.${idx + 1}` : `${idx + 1}`;
      liftClosingOwnerLine(node, ctx);
      const task = buildTask(node, id, level, ctx, diagnostics);
      task.children = build(node.children, id, level + 1);
      const own = task.ownersText !== null;
      // A carry-over statement holds for the following siblings until another one replaces it;
      // items that name their own owners keep them.
      if (own && declaresCarryOver(task.ownersText!)) {
        const owners = carriedOver(task.ownersText!, node, ctx);
        carried = owners && { owners, from: id };
      }
      else if (!own && carried && task.children.length === 0) {
        applyOwners(task, carried.owners, ctx, true);
        carriedFrom.set(task, carried.from);
      }
      if (task.children.length === 0) leafDiagnostics(task, diagnostics);
      return task;
    });
  };
  const tasks = build(roots, "", 1);
  resolveEffective(tasks, null, carriedFrom);
  return { tasks, diagnostics };
}

/**
 * "（责任单位：X）" standing alone after an item's sub-items (1)…(4), none of which names owners, closes the item,
 * not its last sub-item: the line moves up to the item, whose sub-items then inherit its owners.
 */
function liftClosingOwnerLine(node: OutlineNode, ctx: TaskContext): void {
  const children = node.children;
  const last = children.at(-1);
  if (children.length < 2 || node.ownerCells || !last || last.ownerCells || last.children.length > 0 || last.paragraphs.length < 2) return;
  const line = last.paragraphs.at(-1)!;
  const text = line.text.trim();
  if (!GROUP_OPENERS.includes(text[0]) || !GROUP_CLOSERS.includes(text.at(-1)!) || findOwnerClauses(text, ctx.conventions).length === 0) return;
  const namesOwners = (n: OutlineNode) => ownersOf(n, ctx) !== null;
  if (namesOwners(node) || children.slice(0, -1).some(namesOwners)) return;
  last.paragraphs.pop();
  if (namesOwners(last)) last.paragraphs.push(line);
  else node.paragraphs.push(line);
}

/**
 * Each task's owners and deadline in effect: its own, else (for owners) a carry-over convention's, else the
 * nearest ancestor's. The ancestor's id is recorded so a reader can see where an inherited value comes from.
 */
function resolveEffective(tasks: Task[], parent: Task | null, carriedFrom: ReadonlyMap<Task, string>): void {
  for (const task of tasks) {
    const ownOwners = task.owners.length > 0 && !task.ownersInherited;
    const ownersFromParent = !ownOwners && task.owners.length === 0 && parent !== null && parent.effective.owners.owners.length > 0;
    task.effective = {
      owners: ownOwners
        ? { owners: task.owners, inherited: false, from: null }
        : task.owners.length > 0
          ? { owners: task.owners, inherited: true, from: carriedFrom.get(task) ?? null }
          : ownersFromParent
            ? { owners: parent.effective.owners.owners, inherited: true, from: parent.effective.owners.from ?? parent.id }
            : { owners: [], inherited: false, from: null },
      deadline:
        task.deadline !== null || parent === null || parent.effective.deadline.deadline === null
          ? { deadline: task.deadline, inherited: false, from: null }
          : { deadline: parent.effective.deadline.deadline, inherited: true, from: parent.effective.deadline.from ?? parent.id },
    };
    resolveEffective(task.children, task, carriedFrom);
  }
}

/** What a task has in effect until resolveEffective, which replaces it for every task (one object for all: never mutated). */
const UNRESOLVED: Task["effective"] = Object.freeze({
  owners: Object.freeze({ owners: [], inherited: false, from: null }),
  deadline: Object.freeze({ deadline: null, inherited: false, from: null }),
});

function buildTask(node: OutlineNode, id: string, level: number, ctx: TaskContext, diagnostics: Diagnostic[]): Task {
  const first = node.label ? node.label.rest : node.paragraphs[0].text;
  const text = nodeTexts(node).join("\n").trim();
  const task: Task = {
    id,
    level,
    label: node.label?.text ?? null,
    ordinal: node.label?.ordinal ?? null,
    title: node.fromTableRow ? rowTitle(first) : headingTitle(first, ctx),
    text,
    lead: [],
    responsible: [],
    owners: [],
    ownersText: null,
    ownersInherited: false,
    deadline: null,
    effective: UNRESOLVED,
    source: node.source,
    children: [],
  };
  const owners = ownersOf(node, ctx);
  if (owners) {
    applyOwners(task, owners, ctx, false);
    if (owners.unsplit) {
      diagnostics.push(diagnostic("owners-unsplit", { text: owners.text }, node.source, id));
    }
  }
  const found = deadlineOf(node, text, ctx);
  task.deadline = found.deadline;
  for (let i = 0; i < found.diagnostics.length; i++) {
    const d = found.diagnostics[i];
    diagnostics.push({ ...d, source: d.source ?? node.source, taskId: id });
  }
  const due = task.deadline?.due;
  if (due && ctx.issuedDate && due < ctx.issuedDate) {
    diagnostics.push(diagnostic("deadline-before-notice", { text: task.deadline!.text, due, issued: ctx.issuedDate }, node.source, id));
  }
  return task;
}

/** Heading on its own line, or "标题。正文": the text before the first 。, without an owner clause. */
function headingTitle(first: string, ctx: TaskContext): string {
  const lineEnd = first.indexOf("\n");
  const line = lineEnd < 0 ? first : first.slice(0, lineEnd);
  const stop = line.indexOf("。");
  let title = stop >= 0 ? line.slice(0, stop) : line;
  const clause = title !== "" && GROUP_CLOSERS.includes(title.charAt(title.length - 1)) ? findTrailingOwnerClause(title, ctx.conventions) : null;
  if (clause && namesOwnersExplicitly(clause.assignment)) title = title.slice(0, clause.start);
  return withoutTrailingPunct(title);
}

const EXPLICIT_OWNER_RE = new RegExp(`${LEAD}|${alt(RESPONSIBLE_WORDS)}|${OFFICE}`, "u");

/** "排查整治工业企业（场所）": one bare word in brackets is part of a heading, not its owner. */
function namesOwnersExplicitly(owners: OwnerAssignment): boolean {
  return owners.lead.length + owners.responsible.length > 1 || EXPLICIT_OWNER_RE.test(owners.text);
}

const SENTENCE_END = /[。；;\n]/;

/** A table row's content: its first sentence, at most 60 characters (code points, not UTF-16 units). */
function rowTitle(first: string): string {
  const trimmed = first.trim();
  const end = trimmed.search(SENTENCE_END);
  const sentence = withoutTrailingPunct(end < 0 ? trimmed : trimmed.slice(0, end));
  let cut = 0;
  for (let n = 0; n < ROW_TITLE_MAX && cut < sentence.length; n++) cut += (sentence.codePointAt(cut) ?? 0) > 0xffff ? 2 : 1;
  return sentence.slice(0, cut);
}

/**
 * An item's owners: its table row's owner cells, or EVERY owner statement in its own text (not its children's) —
 * each owner parenthetical wherever it stands, and each owner line (牵头单位：X / 责任单位：Y) — merged in order.
 */
/** "下同" carries the whole owner clause; "以下均需X落实，不再列出" carries only X, as responsible. */
function carriedOver(clauseText: string, node: OutlineNode, ctx: TaskContext): OwnerAssignment | null {
  const scope = carriedOverUnits(clauseText);
  return scope ? { lead: [], responsible: scope.units, text: scope.text } : ownersOf(node, ctx);
}

function ownersOf(node: OutlineNode, ctx: TaskContext): OwnerAssignment | null {
  if (node.ownerCells) {
    const parts = node.ownerCells.map((c) => parseOwnerCell(c.text, c.column, ctx.conventions)).filter((a) => a !== null);
    if (!parts.length) return null;
    return {
      lead: uniqueOf(parts, "lead"),
      responsible: uniqueOf(parts, "responsible"),
      text: node.ownerCells.map((c) => c.text).join("；"),
      unsplit: parts.some((p) => p.unsplit),
    };
  }
  const texts = nodeTexts(node);
  const clauses: OwnerAssignment[] = [];
  for (let i = 0; i < texts.length; i++) {
    const brackets = findOwnerClauses(texts[i], ctx.conventions);
    for (let b = 0; b < brackets.length; b++) clauses.push(brackets[b].assignment);
    if (brackets.length === 0 && i > 0) {
      const line = parseOwnerLine(texts[i], ctx.conventions);
      if (line) clauses.push(line);
    }
  }
  return mergeOwnerAssignments(clauses);
}

function applyOwners(task: Task, owners: OwnerAssignment, ctx: TaskContext, inherited: boolean): void {
  task.lead = owners.lead;
  task.responsible = owners.responsible;
  task.ownersText = owners.text;
  task.ownersInherited = inherited;
  const canonical = (name: string) => {
    const found = ctx.aliases?.canonical(name) ?? null;
    return found === name ? null : found;
  };
  const named = (name: string, role: Owner["role"]): Owner => ({ name, role, canonical: canonical(name), collective: isCollective(name) });
  task.owners = [];
  for (let i = 0; i < owners.lead.length; i++) task.owners.push(named(owners.lead[i], "lead"));
  for (let i = 0; i < owners.responsible.length; i++) task.owners.push(named(owners.responsible[i], "responsible"));
}

/**
 * A node's texts: its first paragraph after the label, then the rest. Index loops here and in the callers, not
 * spreads and map(): V8 optimises these functions once instead of again for each kind of array it meets.
 */
function nodeTexts(node: OutlineNode): string[] {
  const texts = [node.label ? node.label.rest : node.paragraphs[0].text];
  for (let i = 1; i < node.paragraphs.length; i++) texts.push(node.paragraphs[i].text);
  return texts;
}

/** "完成时限：2022年12月底前" written as a field of the item, in its own line or its parenthetical. */
const DEADLINE_FIELD = new RegExp(`(?:${alt(DEADLINE_FIELD_LABELS)})\\s*[:：]\\s*([^；;，,。）)\\n]{1,40})`, "u");

function deadlineOf(node: OutlineNode, text: string, ctx: TaskContext): { deadline: Deadline | null; diagnostics: Diagnostic[] } {
  // A deadline column or field governs its task, even when the content mentions other dates.
  if (node.deadlineCell !== null) return parseDeadlineCell(node.deadlineCell, ctx);
  const field = DEADLINE_FIELD.exec(text);
  if (field) {
    const fromField = parseDeadlineCell(field[1], ctx);
    if (fromField.deadline) return fromField;
  }
  return findDeadlineInText(text, ctx);
}

function leafDiagnostics(task: Task, diagnostics: Diagnostic[]): void {
  if (!task.lead.length && !task.responsible.length) {
    diagnostics.push(diagnostic("no-owner", { id: task.id, title: task.title }, task.source, task.id));
  }
  if (!task.deadline) {
    diagnostics.push(diagnostic("no-deadline", { id: task.id, title: task.title }, task.source, task.id));
  }
}

/** Every part's units of one role, each once, in order. */
function uniqueOf(parts: readonly OwnerAssignment[], role: "lead" | "responsible"): string[] {
  const seen = new Set<string>();
  for (const part of parts) for (const name of part[role]) seen.add(name);
  return [...seen];
}
