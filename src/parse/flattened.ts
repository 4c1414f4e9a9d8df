import type { Paragraph } from "../model/blocks.js";
import { columnRole, type ColumnRole } from "./columns.js";
import { parseLabel, styleFamily, type LabelStyle } from "./labels.js";
import type { OutlineNode } from "./outline.js";
import { looksLikeUnitList } from "./owners.js";

/**
 * Tables that a web page or PDF copy flattened to one cell per line (the header cells 目标 /
 * 任务 / 主要内容 / 牵头单位 / 责任单位 each on a line, then the rows' cells line by line).
 * The rows come back from what each line looks like: numbered lines are the hierarchy cells,
 * unit lists are owner cells (in header order), other lines are content cells.
 */

const HEADER_CELL_MAX = 10;

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

export function flattenedTableToNodes(roles: ColumnRole[], rows: Paragraph[]): OutlineNode[] {
  const ownerColumns = roles.filter((r): r is "lead" | "responsible" | "mixed" => r === "lead" || r === "responsible" || r === "mixed");
  const hierarchyDepth = Math.max(1, roles.filter((r) => r === "task").length);
  const depthOfStyle = new Map<LabelStyle, number>();
  const roots: OutlineNode[] = [];
  const open: Array<OutlineNode | null> = Array(hierarchyDepth).fill(null);
  let leaf: OutlineNode | null = null;
  let awaitingHeading: OutlineNode | null = null;

  for (const p of rows) {
    const text = p.text.trim();
    if (!text) continue;
    if (awaitingHeading) {
      // "一、" alone on its line: the next line is the heading it numbers.
      awaitingHeading.label = { ...awaitingHeading.label!, rest: text };
      awaitingHeading.paragraphs[0].text = text;
      awaitingHeading = null;
      continue;
    }
    const label = parseLabel(text);
    if (label) {
      const family = styleFamily(label.style);
      if (!depthOfStyle.has(family)) depthOfStyle.set(family, Math.min(depthOfStyle.size, hierarchyDepth - 1));
      const depth = depthOfStyle.get(family)!;
      const node: OutlineNode = { label, paragraphs: [{ text: label.rest, source: p.source }], children: [], source: p.source };
      const parent = open.slice(0, depth).reverse().find((n) => n) ?? null;
      (parent?.children ?? roots).push(node);
      open[depth] = node;
      open.fill(null, depth + 1);
      leaf = null;
      if (!label.rest) awaitingHeading = node;
      continue;
    }
    if (leaf && looksLikeUnitList(text)) {
      addOwnerLine(leaf, text, ownerColumns);
      continue;
    }
    leaf = { label: null, paragraphs: [{ text, source: p.source }], children: [], source: p.source, fromTableRow: true, ownerCells: [] };
    const parent = [...open].reverse().find((n) => n) ?? null;
    (parent?.children ?? roots).push(leaf);
  }
  return roots;
}

/**
 * Owner cells fill the owner columns in header order. A cell broken over two lines is joined:
 * the first part ends with "、" or with a qualifier that needs its noun ("区各有关" + "部门").
 */
function addOwnerLine(leaf: OutlineNode, text: string, columns: Array<"lead" | "responsible" | "mixed">): void {
  const cells = leaf.ownerCells!;
  const last = cells.at(-1);
  if (last && (/[、，,]$/.test(last.text) || /(?:有关|相关|各|所属|直属)$/.test(last.text))) {
    last.text += text;
    return;
  }
  const column = columns[Math.min(cells.length, columns.length - 1)] ?? "mixed";
  cells.push({ text, column });
}
