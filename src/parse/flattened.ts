import type { Block } from "../model/blocks.js";
import type { SourcePosition } from "../model/position.js";
import { columnRole, type ColumnRole } from "./columns.js";
import { parseDeadlineCell } from "./deadlines/index.js";
import { DUE_SUFFIX, ONGOING_WORDS } from "./lexicon/deadlines.js";
import { alt } from "./lexicon/words.js";
import { parseLabel, parseSequenceCell, styleFamily, type Label, type LabelStyle } from "./labels.js";
import { outlineNode, type OutlineNode } from "./outline.js";
import { looksLikeUnitList, readOwnerProse } from "./owners/index.js";

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
/** Columns a flattened header can have; also bounds the look-ahead, which runs at every paragraph. */
const HEADER_CELLS_MAX = 24;
const DEADLINE_CELL_MAX = 24;
const SHORT_TASK_MAX = 30;

/** The header: at least three consecutive short lines that are all column names. */
export function flattenedHeaderAt(blocks: Block[], i: number): ColumnRole[] | null {
  const roles: ColumnRole[] = [];
  for (let k = i; k < blocks.length && k - i < HEADER_CELLS_MAX; k++) {
    const block = blocks[k];
    if (block.type !== "paragraph") break;
    const t = block.text.trim();
    const role = t.length <= HEADER_CELL_MAX ? columnRole(t) : null;
    if (!role || parseLabel(t)) break;
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
  // 备注 / 完成情况 columns often hold the time limit ("11月底前完成") when there is no 完成时限.
  const mayHoldDeadline = roles.includes("deadline") || roles.includes("ignored");
  const ownerColumns = roles.filter((r): r is "lead" | "responsible" | "mixed" => r === "lead" || r === "responsible" || r === "mixed");
  const stream: Classified[] = [];
  for (const c of cells) {
    const text = c.text.trim();
    if (text !== "") stream.push(classify({ text, source: c.source }, mayHoldDeadline));
  }
  const categoryDepth = unnumberedCategoryDepths(stream);

  const roots: OutlineNode[] = [];
  const depthOfStyle = new Map<LabelStyle, number>();
  const open: OutlineNode[] = [];
  let leaf: OutlineNode | null = null;
  let pendingSeq: Label | null = null;
  let awaitingHeading: OutlineNode | null = null;

  const openHierarchy = (node: OutlineNode, depth: number) => {
    leaf = null;
    // A merged category repeated on every row (the page wrote its text into each row) is still one parent.
    const same = open[Math.min(depth, open.length)];
    if (same && node.paragraphs[0].text !== "" && same.paragraphs[0].text === node.paragraphs[0].text && same.label?.text === node.label?.text) {
      open.length = Math.min(depth, open.length) + 1;
      return false;
    }
    open.length = Math.min(open.length, depth);
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
    return true;
  };
  const addLeaf = (cell: Classified, label: Label | null) => {
    const node = outlineNode(label, label && label.rest !== "" ? label.rest : cell.text, cell.source);
    node.fromTableRow = label === null || label.rest === "";
    node.ownerCells = [];
    (open.at(-1)?.children ?? roots).push(node);
    leaf = node;
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
        const node = outlineNode(label, label.rest, cell.source);
        if (openHierarchy(node, Math.min(depthOfStyle.get(family)!, open.length)) && !label.rest) awaitingHeading = node;
        return;
      }
      case "short":
        // Unnumbered task cells head the rows after them (工作任务 | 序号 | 具体要求 …).
        if (categoryDepth[i] >= 0) {
          openHierarchy(outlineNode(null, cell.text, cell.source), Math.min(categoryDepth[i], open.length));
          return;
        }
        // A short cell after a row's owners or time limit is its status or note (推进中, 已完成).
        if (leaf && (leaf.ownerCells!.length > 0 || leaf.deadlineCell !== null)) return;
        break;
      case "owner":
        if (leaf) {
          addOwnerCell(leaf, cell.text, ownerColumns);
          return;
        }
        break;
      case "deadline":
        if (leaf && leaf.deadlineCell === null) {
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

/**
 * Runs of short unnumbered cells before a row's content are its category cells, outermost first
 * (主动公开 | 基础信息公开 | 行政规范 | 具体要求…). Merged outer categories are missing from later
 * rows, so a run is aligned to the innermost levels of the longest run seen. -1: not a category.
 */
function unnumberedCategoryDepths(stream: Classified[]): number[] {
  const depths = stream.map(() => -1);
  let deepest = 0;
  for (let i = 0; i < stream.length; ) {
    if (stream[i].kind !== "short") {
      i++;
      continue;
    }
    let end = i;
    while (end < stream.length && stream[end].kind === "short") end++;
    const after = stream[end]?.kind;
    if (after === "seq" || after === "content" || after === "labelled") {
      const run = end - i;
      deepest = Math.max(deepest, run);
      for (let k = i; k < end; k++) depths[k] = deepest - run + (k - i);
    }
    i = end;
  }
  return depths;
}

function classify(cell: StreamCell, mayHoldDeadline: boolean): Classified {
  const t = cell.text;
  // A bare number is a 序号 cell; "一、" alone numbers the heading on the next line.
  const seq = /^(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})$/.test(t) ? parseSequenceCell(t) : null;
  if (seq) return classified(cell, "seq", seq);
  // ①②③ — or 1. 2. 3. — inside a cell enumerate its content; they do not number rows.
  const label = parseLabel(t);
  if (label && label.style !== "circled" && !enumeratesWithin(label)) return classified(cell, "labelled", label);
  if (t.length <= DEADLINE_CELL_MAX && (mayHoldDeadline || looksLikeTimeLimit(t)) && parseDeadlineCell(t, { year: null }).deadline) return classified(cell, "deadline", null);
  if ((!t.includes("。") && looksLikeUnitList(t)) || readOwnerProse(t)) return classified(cell, "owner", null);
  if (t.length <= SHORT_TASK_MAX && !/[。；;]/.test(t)) return classified(cell, "short", null);
  return classified(cell, "content", null);
}

/** 长期推进, 持续推进, 常态化, 年底前, 2021年12月底前: a time limit even where the header names no time column. */
const ONGOING_TAILS = ["推进", "坚持", "开展", "进行", "实施", "落实"];
const TIME_LIMIT_RE = new RegExp(
  `^(?:${alt(ONGOING_WORDS)})化?(?:${alt(ONGOING_TAILS)})?$|^[\\d〇零一二三四五六七八九十年月日号上中下旬半季度第]{0,10}(?:底|末)?(?:${DUE_SUFFIX})$`,
  "u",
);
function looksLikeTimeLimit(t: string): boolean {
  return t.length <= 12 && TIME_LIMIT_RE.test(t);
}

/** A new object with the stream cell's two fields (a spread of a paragraph block copies all of its fields, slowly). */
function classified(cell: StreamCell, kind: Kind, label: Label | null): Classified {
  return { text: cell.text, source: cell.source, kind, label };
}

/** "1.开展清理…。2.发布标准文本…" is one cell listing its points, not row 1. */
function enumeratesWithin(label: Label): boolean {
  if (label.style !== "arabic" && label.style !== "arabic-paren") return false;
  const next = label.text.replace(String(label.ordinal), String(label.ordinal + 1));
  return label.rest.includes(next);
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
