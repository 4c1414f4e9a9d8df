import { createHash } from "node:crypto";
import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import type { Block, BlockDocument, Table } from "../model/blocks.js";
import { messageIn } from "../model/catalogue.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger, Owner, Task } from "../model/ledger.js";
import type { SourcePosition } from "../model/position.js";
import { diagnosticsByTask } from "./diagnostics-by-task.js";
import { walkTasks } from "./flatten.js";
import { REVIEW_CSS, REVIEW_SCRIPT } from "./review-assets.js";

/**
 * The review page: one self-contained HTML file with the notice's text on one side and its ledger on
 * the other, to check a parse before the 台账 goes out. Built as a hast tree and serialised by
 * hast-util-to-html, so every piece of notice text is escaped; a Content-Security-Policy allows only
 * the page's own style and script (by hash) and no network at all.
 *
 * The ledger does not carry the notice's text, so the caller passes the document blocks the ledger
 * was parsed from; without them the page shows the ledger alone.
 */

export interface ReviewOptions {
  /** The blocks the ledger was parsed from (importBytes), for the source pane. */
  blocks?: BlockDocument;
}

/** A place in the source pane: a paragraph or a table row, with the lines it covers. */
interface Anchor {
  id: string;
  /** The page (PDF) or sheet (spreadsheets) the lines are on: lines count from 1 on each. */
  place: string;
  from: number;
  to: number;
  /** Table rows: the 1-based table number and row, and the element id of each grid column's cell. */
  table?: number;
  row?: number;
  cells?: string[];
}

const SEVERITY_MARK: Record<Diagnostic["severity"], string> = { error: "✖", warning: "⚠", info: "ℹ" };
const ROLE_NAMES: Record<Owner["role"], string> = { lead: "牵头", responsible: "责任" };

export function toReviewHtml(ledger: Ledger, options: ReviewOptions = {}): string {
  const title = ledger.document.title ?? ledger.document.noticeTitle ?? ledger.source.path ?? "任务台账";
  const list: Anchor[] = [];
  const sourcePane = options.blocks ? renderBlocks(options.blocks.blocks, list) : null;
  const anchors = new Anchors(list);

  // Diagnostics go where they occur: on their task, and (warnings and errors) on the source element they point at.
  const { byTask, loose } = diagnosticsByTask(ledger);
  const bySource = new Map<string, Diagnostic[]>();
  for (const d of ledger.diagnostics) {
    const anchor = d.source && d.severity !== "info" ? anchors.locate(d.source) : null;
    if (anchor) bySource.set(anchor.id, [...(bySource.get(anchor.id) ?? []), d]);
  }
  // Those about no task and no place in the text are listed at the top.
  const unplaced = loose.filter((d) => !(d.source && anchors.locate(d.source)));
  if (sourcePane) annotateSource(sourcePane, bySource, ledger, anchors);

  const units = new Set<string>();
  const months = new Set<string>();
  for (const { task } of walkTasks(ledger)) {
    for (const owner of task.effective.owners.owners) units.add(unitName(owner));
    const due = task.effective.deadline.deadline?.due;
    months.add(due ? due.slice(0, 7) : "none");
  }

  const ledgerPane = h("section.pane.ledger", { ariaLabel: "台账" }, [
    h("h2", "台账"),
    ledger.tasks.length === 0 ? h("p.empty", "没有读出任务。") : h("ol.tasks", ledger.tasks.map((task) => renderTask(task, anchors, byTask))),
  ]);

  const scriptHash = createHash("sha256").update(REVIEW_SCRIPT).digest("base64");
  const styleHash = createHash("sha256").update(REVIEW_CSS).digest("base64");
  const tree: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "zh-CN" }, [
        h("head", [
          h("meta", { charSet: "utf-8" }),
          h("meta", {
            httpEquiv: "Content-Security-Policy",
            content: `default-src 'none'; style-src 'sha256-${styleHash}'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`,
          }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          h("meta", { name: "generator", content: "ledger" }),
          h("title", `${title} · 审阅`),
          h("style", REVIEW_CSS),
        ]),
        h("body", [
          h("header.top", [
            h("h1", title),
            h("p.meta", metaText(ledger)),
            unplaced.length > 0 ? h("ul.doc-diagnostics", unplaced.map((d) => diagnosticItem(d))) : null,
            filters(units, months),
          ]),
          h("main", { className: sourcePane ? ["split"] : [] }, [ledgerPane, sourcePane]),
          h("script", REVIEW_SCRIPT),
        ]),
      ]),
    ],
  };
  return toHtml(tree) + "\n";
}

function metaText(ledger: Ledger): string {
  const { document: doc, source } = ledger;
  let tasks = 0;
  let leaves = 0;
  for (const { task } of walkTasks(ledger)) {
    tasks++;
    if (task.children.length === 0) leaves++;
  }
  const warnings = ledger.diagnostics.filter((d) => d.severity === "warning").length;
  const errors = ledger.diagnostics.filter((d) => d.severity === "error").length;
  return [
    source.path ?? "（标准输入）",
    doc.docNumber,
    doc.issuer,
    doc.issuedDate,
    `${tasks} 项任务（${leaves} 项末级）`,
    errors > 0 ? `${SEVERITY_MARK.error} ${errors} 个错误` : null,
    warnings > 0 ? `${SEVERITY_MARK.warning} ${warnings} 个警告` : null,
  ]
    .filter((part): part is string => part !== null && part !== undefined)
    .join(" · ");
}

function filters(units: ReadonlySet<string>, months: ReadonlySet<string>): Element {
  const collator = new Intl.Collator("zh-Hans-CN");
  const monthList = [...months].filter((m) => m !== "none").sort();
  return h("form.filters", { role: "search" }, [
    h("label", ["单位 ", h("select#f-unit", [h("option", { value: "" }, "全部单位"), ...[...units].sort(collator.compare).map((u) => h("option", { value: u }, u))])]),
    h("label", [
      "完成月份 ",
      h("select#f-month", [
        h("option", { value: "" }, "全部月份"),
        ...monthList.map((m) => h("option", { value: m }, m)),
        ...(months.has("none") ? [h("option", { value: "none" }, "无具体日期")] : []),
      ]),
    ]),
    h("label", [h("input#f-warn", { type: "checkbox" }), " 只看有警告的任务"]),
    h("output#f-count", { ariaLive: "polite" }),
  ]);
}

function renderTask(task: Task, anchors: Anchors, byTask: ReadonlyMap<string, Diagnostic[]>): Element {
  const { owners, deadline } = task.effective;
  const diagnostics = byTask.get(task.id) ?? [];
  const anchor = anchors.locate(task.source);
  const cell = anchor ? cellId(anchor, task.source) : null;
  const due = deadline.deadline?.due;
  const warn = diagnostics.some((d) => d.severity !== "info");
  const byRole = (role: Owner["role"]) => owners.owners.filter((o) => o.role === role);

  const ownerLines = (["lead", "responsible"] as const)
    .filter((role) => byRole(role).length > 0)
    .map((role) =>
      h("div.owners", { className: owners.inherited ? ["inherited"] : [] }, [
        h("span.role", ROLE_NAMES[role]),
        " ",
        ...byRole(role).flatMap((o, i) => [i > 0 ? "、" : "", h("span.unit", { className: o.collective ? ["collective"] : [], title: o.collective ? "泛指单位" : undefined }, unitName(o))]),
        owners.inherited ? h("span.from", ` 继承自 ${owners.from ?? "上级"}`) : null,
      ]),
    );
  const deadlineLine = deadline.deadline
    ? h("div.deadline", { className: deadline.inherited ? ["inherited"] : [] }, [
        h("span.role", "时限"),
        " ",
        deadline.deadline.text,
        due ? h("time", { dateTime: due }, ` ${due}`) : null,
        deadline.inherited ? h("span.from", ` 继承自 ${deadline.from ?? "上级"}`) : null,
      ])
    : null;

  return h(
    "li.task",
    {
      id: `t-${task.id}`,
      dataUnits: [...new Set(owners.owners.map(unitName))].join("\n"),
      dataMonth: due ? due.slice(0, 7) : "none",
      dataWarn: warn ? "1" : "0",
      dataSrc: [anchor?.id, cell].filter(Boolean).join(" "),
      className: [task.children.length === 0 ? "leaf" : "branch", ...(warn ? ["warned"] : [])],
    },
    [
      h("div.task-head", { tabIndex: 0, role: "button", title: `${positionText(task.source)}：点击查看原文` }, [
        h("span.id", task.id),
        " ",
        task.label ? h("span.label", task.label) : null,
        h("span.title", task.title),
      ]),
      h("div.task-body", [...ownerLines, deadlineLine, ...diagnostics.map((d) => h("div.diag", { className: [d.severity] }, diagnosticText(d)))]),
      task.children.length > 0 ? h("ol.tasks", task.children.map((child) => renderTask(child, anchors, byTask))) : null,
    ],
  );
}

function unitName(owner: Owner): string {
  return owner.canonical ?? owner.name;
}

function diagnosticText(d: Diagnostic): string {
  return `${SEVERITY_MARK[d.severity]} ${messageIn(d, "zh")} (${d.code})`;
}

function diagnosticItem(d: Diagnostic): Element {
  return h("li.diag", { className: [d.severity] }, (d.source ? `${positionText(d.source)}：` : "") + diagnosticText(d));
}

function positionText(pos: SourcePosition): string {
  const parts = [pos.sheet ? `工作表 ${pos.sheet}` : null, pos.page ? `第 ${pos.page} 页` : null];
  if (pos.table !== undefined) parts.push(`表 ${pos.table}`);
  if (pos.row !== undefined) parts.push(`第 ${pos.row} 行`, ...(pos.col !== undefined ? [`第 ${pos.col} 列`] : []));
  else parts.push(`第 ${pos.line} 行`);
  return parts.filter(Boolean).join(" ");
}

// ——— the source pane ———

function renderBlocks(blocks: readonly Block[], anchors: Anchor[]): Element {
  let tables = 0;
  const children = blocks.map((block, index): Element => {
    if (block.type === "paragraph") {
      const id = `s${index}`;
      anchors.push({ id, place: placeOf(block.source), from: block.source.line, to: block.source.endLine ?? block.source.line });
      return h("p.src", { id, dataLine: String(block.source.line) }, [
        h("span.ln", String(block.source.line)),
        block.label ? h("span.label", block.label) : null,
        block.text,
      ]);
    }
    tables++;
    return renderTable(block, index, tables, anchors);
  });
  return h("section.pane.source", { ariaLabel: "原文" }, [h("h2", "原文"), ...children]);
}

function renderTable(table: Table, index: number, tableNumber: number, anchors: Anchor[]): Element {
  const rows = table.rows.map((row, r) => {
    const id = `s${index}-${r + 1}`;
    const cells = row.map((slot, c) => (slot.kind === "cell" ? `${id}-${c + 1}` : `s${index}-${slot.row + 1}-${slot.col + 1}`));
    const lines = row.flatMap((slot) => (slot.kind === "cell" ? [slot.source.line, slot.source.endLine ?? slot.source.line] : []));
    // A table continued over pages (PDF) has each row's lines on the row's own page.
    const first = row.find((slot) => slot.kind === "cell");
    anchors.push({
      id,
      place: placeOf(first?.kind === "cell" ? first.source : table.source),
      from: lines.length > 0 ? Math.min(...lines) : table.source.line,
      to: lines.length > 0 ? Math.max(...lines) : table.source.line,
      table: tableNumber,
      row: r + 1,
      cells,
    });
    return h(
      "tr.src",
      { id, dataLine: String(lines[0] ?? table.source.line) },
      row.flatMap((slot, c) =>
        slot.kind === "cell" ? [h("td", { id: cells[c], rowSpan: slot.rowSpan > 1 ? slot.rowSpan : undefined, colSpan: slot.colSpan > 1 ? slot.colSpan : undefined }, slot.text)] : [],
      ),
    );
  });
  return h("div.table-wrap", [h("table.src-table", [h("tbody", rows)])]);
}

/**
 * The source element a position points at: the table row with its table and row numbers when the
 * position has them (Word), else the narrowest paragraph or row whose lines cover it. Indexed once,
 * so a page of thousands of tasks takes no longer than its text.
 */
class Anchors {
  private readonly byRow = new Map<string, Anchor>();
  private readonly byLine = new Map<string, Anchor>();
  readonly width = new Map<string, number>();

  constructor(list: readonly Anchor[]) {
    for (const a of list) {
      const row = `${a.place}\u0000${a.table}:${a.row}`;
      if (a.table !== undefined && a.row !== undefined && !this.byRow.has(row)) this.byRow.set(row, a);
      this.width.set(a.id, a.cells?.length ?? 1);
      for (let line = a.from; line <= a.to; line++) {
        const key = `${a.place}\u0000${line}`;
        const best = this.byLine.get(key);
        if (best === undefined || a.to - a.from < best.to - best.from) this.byLine.set(key, a);
      }
    }
  }

  locate(pos: SourcePosition): Anchor | null {
    const place = placeOf(pos);
    const exact = pos.table !== undefined && pos.row !== undefined ? this.byRow.get(`${place}\u0000${pos.table}:${pos.row}`) : undefined;
    return exact ?? this.byLine.get(`${place}\u0000${pos.line}`) ?? null;
  }
}

function placeOf(pos: SourcePosition): string {
  return `${pos.sheet ?? ""}\u0000${pos.page ?? ""}`;
}

function cellId(anchor: Anchor, pos: SourcePosition): string | null {
  if (!anchor.cells || pos.col === undefined) return null;
  return anchor.cells[pos.col - 1] ?? null;
}

/** Marks each source element with the tasks read from it and the diagnostics reported on it. */
function annotateSource(pane: Element, bySource: ReadonlyMap<string, Diagnostic[]>, ledger: Ledger, anchors: Anchors): void {
  const tasksAt = new Map<string, string[]>();
  for (const { task } of walkTasks(ledger)) {
    const anchor = anchors.locate(task.source);
    if (anchor) tasksAt.set(anchor.id, [...(tasksAt.get(anchor.id) ?? []), task.id]);
  }
  const visit = (parent: Element): void => {
    const out: ElementContent[] = [];
    for (const child of parent.children) {
      out.push(child);
      if (child.type !== "element") continue;
      const id = typeof child.properties.id === "string" ? child.properties.id : null;
      if (id !== null && child.properties.className && (child.properties.className as string[]).includes("src")) {
        const taskIds = tasksAt.get(id);
        if (taskIds) child.properties.dataTasks = taskIds.join(" ");
        const diagnostics = bySource.get(id);
        if (diagnostics) {
          const severity = diagnostics.some((d) => d.severity === "error") ? "error" : diagnostics.some((d) => d.severity === "warning") ? "warning" : "info";
          (child.properties.className as string[]).push(`diag-${severity}`);
          const notes = diagnostics.map((d) => h("div.diag", { className: [d.severity] }, diagnosticText(d)));
          out.push(child.tagName === "tr" ? h("tr.note-row", [h("td", { colSpan: anchors.width.get(id) }, notes)]) : h("div.notes", notes));
        }
      } else {
        visit(child);
      }
    }
    parent.children = out;
  };
  visit(pane);
}
