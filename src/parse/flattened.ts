import type { Paragraph } from "../model/blocks.js";
import type { SourcePosition } from "../model/position.js";
import { columnRole, type ColumnRole } from "./columns.js";
import { parseDeadlineCell } from "./deadlines.js";
import { parseLabel, parseSequenceCell, styleFamily, type Label, type LabelStyle } from "./labels.js";
import type { OutlineNode } from "./outline.js";
import { looksLikeUnitList } from "./owners.js";

/**
 * Tables whose cells lost their columns: a web page or PDF copy flattened to one cell per line
 * (header cells 目标 / 任务 / 主要内容 / 牵头单位 / 责任单位 each on a line, then the cells line by
 * line), or rows written as "cell | cell | cell" where merged cells were dropped and the rest
 * shifted left. Cells are placed by what they look like, in header order: numbered cells are
 * hierarchy cells (or numbered rows), bare numbers are 序号, unit lists are owner cells, time
 * limits are deadline cells, other text is content.
 */

export interface StreamCell {
  text: string;
  source: SourcePosition;
}

const HEADER_CELL_MAX = 10;
const DEADLINE_CELL_MAX = 24;
const SHORT_TASK_MAX = 30;

/** The header: at least three consecutive short lines that are all column names. */
export function flattenedHeaderAt(paras: Paragraph[], i: number): ColumnRole[] | null {
  const roles: ColumnRole[] = [];
  for (let k = i; k < paras.length; k++) {
    const t = paras[k].text.trim();
    const role = t.length <= HEADER_CELL_MAX && !parseLabel(t) ? columnRole(t) : null;
    if (!role) break;
    roles.push(role);
  }
  const kinds = new Set(roles);
  return roles.length >= 3 && kinds.size >= 2 ? roles : null;
}

type Kind = "seq" | "labelled" | "owner" | "deadline" | "content" | "short";

interface Classified extends StreamCell {
  kind: Kind;
  label: Label | null;
}

export function cellStreamToNodes(roles: ColumnRole[], cells: StreamCell[]): OutlineNode[] {
  const hasDeadline = roles.includes("deadline");
  const ownerColumns = roles.filter((r): r is "lead" | "responsible" | "mixed" => r === "lead" || r === "responsible" || r === "mixed");
  const stream = cells
    .map((c) => ({ ...c, text: c.text.trim() }))
    .filter((c) => c.text !== "")
    .map((c) => classify(c, hasDeadline));

  const roots: OutlineNode[] = [];
  const depthOfStyle = new Map<LabelStyle, number>();
  const open: OutlineNode[] = [];
  let leaf: OutlineNode | null = null;
  let pendingSeq: Label | null = null;
  let awaitingHeading: OutlineNode | null = null;

  const openHierarchy = (node: OutlineNode, depth: number) => {
    open.length = Math.min(open.length, depth);
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
    leaf = null;
  };
  const addLeaf = (cell: Classified, label: Label | null) => {
    leaf = { label, paragraphs: [{ text: label ? label.rest : cell.text, source: cell.source }], children: [], source: cell.source, fromTableRow: label === null || label.rest === "", ownerCells: [] };
    if (label && label.rest === "") leaf.paragraphs[0].text = cell.text;
    (open.at(-1)?.children ?? roots).push(leaf);
  };

  stream.forEach((cell, i) => {
    if (awaitingHeading) {
      // "一、" alone on its line: the next line is the heading it numbers.
      awaitingHeading.label = { ...awaitingHeading.label!, rest: cell.text };
      awaitingHeading.paragraphs[0].text = cell.text;
      awaitingHeading = null;
      return;
    }
    const next = stream[i + 1];
    switch (cell.kind) {
      case "seq":
        pendingSeq = cell.label;
        return;
      case "labelled": {
        const label = cell.label!;
        const family = styleFamily(label.style);
        const numberedRow = label.rest !== "" && (!next || next.kind === "owner" || next.kind === "deadline");
        if (numberedRow && !depthOfStyle.has(family)) {
          addLeaf(cell, label);
          leaf!.fromTableRow = false;
          return;
        }
        if (!depthOfStyle.has(family)) depthOfStyle.set(family, depthOfStyle.size);
        const node: OutlineNode = { label, paragraphs: [{ text: label.rest, source: cell.source }], children: [], source: cell.source };
        openHierarchy(node, Math.min(depthOfStyle.get(family)!, open.length));
        if (!label.rest) awaitingHeading = node;
        return;
      }
      case "short":
        // An unnumbered task cell heads the rows after it (工作任务 | 序号 | 具体要求 …).
        if (next && (next.kind === "seq" || next.kind === "content" || next.kind === "labelled")) {
          openHierarchy({ label: null, paragraphs: [{ text: cell.text, source: cell.source }], children: [], source: cell.source }, 0);
          return;
        }
        break;
      case "owner":
        if (leaf) {
          addOwnerCell(leaf, cell.text, ownerColumns);
          return;
        }
        break;
      case "deadline":
        if (leaf && leaf.deadlineCell === undefined) {
          leaf.deadlineCell = cell.text;
          return;
        }
        break;
      case "content":
        break;
    }
    addLeaf(cell, pendingSeq ? { ...pendingSeq, rest: cell.text } : null);
    if (pendingSeq) leaf!.fromTableRow = true;
    pendingSeq = null;
  });
  return roots;
}

function classify(cell: StreamCell, hasDeadline: boolean): Classified {
  const t = cell.text;
  // A bare number is a 序号 cell; "一、" alone numbers the heading on the next line.
  const seq = /^(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})$/.test(t) ? parseSequenceCell(t) : null;
  if (seq) return { ...cell, kind: "seq", label: seq };
  // ①②③ inside a cell enumerate its content; they never number rows.
  const label = parseLabel(t);
  if (label && label.style !== "circled") return { ...cell, kind: "labelled", label };
  if (hasDeadline && t.length <= DEADLINE_CELL_MAX && parseDeadlineCell(t, { year: null }).deadline) return { ...cell, kind: "deadline", label: null };
  if (!t.includes("。") && looksLikeUnitList(t)) return { ...cell, kind: "owner", label: null };
  if (t.length <= SHORT_TASK_MAX && !/[。；;]/.test(t)) return { ...cell, kind: "short", label: null };
  return { ...cell, kind: "content", label: null };
}

/**
 * Owner cells fill the owner columns in header order. A cell broken over two lines is joined:
 * the first part ends with "、" or with a qualifier that needs its noun ("区各有关" + "部门").
 */
function addOwnerCell(leaf: OutlineNode, text: string, columns: Array<"lead" | "responsible" | "mixed">): void {
  const cells = leaf.ownerCells!;
  const last = cells.at(-1);
  if (last && (/[、，,]$/.test(last.text) || /(?:有关|相关|各|所属|直属)$/.test(last.text))) {
    last.text += text;
    return;
  }
  const column = columns[Math.min(cells.length, columns.length - 1)] ?? "mixed";
  cells.push({ text, column });
}
