import type { Cell, GridSlot, Table } from "../model/blocks.js";
import { columnRole, looksLikeHeaderRow, type ColumnRole } from "./columns.js";
import { cellStreamToNodes } from "./flattened.js";
import { parseLabel, parseSequenceCell, type Label } from "./labels.js";
import { outlineNode, type OutlineNode } from "./outline.js";
import type { OwnerColumn } from "./owners/index.js";

interface Layout {
  headerRows: number;
  seq: number | null;
  /** Hierarchy columns, outermost first: each merged cell there is a parent task. */
  hierarchy: number[];
  content: number;
  owners: Array<{ col: number; column: OwnerColumn }>;
  deadline: number | null;
}

const origin = (table: Table, slot: GridSlot): Cell => {
  const s = slot.kind === "covered" ? table.rows[slot.row][slot.col] : slot;
  return s as Cell;
};

/**
 * A task table (序号 / 重点任务 / 具体内容 / 牵头单位 / 责任单位 / 完成时限 …) → task nodes.
 * Returns null when the table has no recognisable header: it is then read as plain paragraphs.
 */
export function tableToNodes(table: Table): OutlineNode[] | null {
  return table.cellsShifted || hasUnlabelledSeqColumn(table) ? shiftedTableToNodes(table) : gridToNodes(table);
}

const BARE_NUMBER_RE = /^\s*[0-9０-９]{1,3}\s*$/u;

/**
 * Data rows one cell wider than the header (Tika or TSV text of a table whose 序号 column has no header cell): a
 * header cell stretched over two columns whose first column holds bare numbers in most rows. The grid's columns
 * cannot be trusted then; the cells are placed by what they look like, as in a shifted table.
 */
function hasUnlabelledSeqColumn(table: Table): boolean {
  const header = table.rows[0];
  const data = table.rows.slice(1);
  if (!header || data.length === 0) return false;
  return header.some((slot, c) => {
    if (slot.kind !== "cell" || slot.colSpan !== 2) return false;
    const role = columnRole(slot.text);
    if (role !== "content" && role !== "task") return false;
    const numbered = data.filter((row) => row[c]?.kind === "cell" && BARE_NUMBER_RE.test((row[c] as Cell).text) && row[c + 1]?.kind === "cell").length;
    return 2 * numbered >= data.length;
  });
}

function gridToNodes(table: Table): OutlineNode[] | null {
  const layout = readLayout(table);
  if (!layout) return null;
  const roots: OutlineNode[] = [];
  const open: Array<OutlineNode | null> = layout.hierarchy.map(() => null);
  const nearestOpen = (below: number): OutlineNode | null => {
    for (let d = below - 1; d >= 0; d--) if (open[d]) return open[d];
    return null;
  };
  // A 序号 column right of every hierarchy column numbers the rows (工作任务 | 序号 | 具体要求), not the groups.
  const seqNumbersRows = layout.seq !== null && layout.hierarchy.every((col) => col < layout.seq!);

  for (let r = layout.headerRows; r < table.rows.length; r++) {
    const row = table.rows[r];
    for (let depth = 0; depth < layout.hierarchy.length; depth++) {
      const slot = row[layout.hierarchy[depth]];
      if (slot.kind !== "cell" || !slot.text.trim()) continue;
      // A merged cell that the source repeated on every row instead of merging is still one parent.
      if (open[depth] && open[depth]!.paragraphs[0].text.trim() === slot.text.trim()) continue;
      const node = cellNode(slot, parseLabel(slot.text));
      (nearestOpen(depth)?.children ?? roots).push(node);
      open[depth] = node;
      for (let d = depth + 1; d < open.length; d++) open[d] = null;
    }

    const seqSlot = layout.seq === null ? null : row[layout.seq];
    const seqLabel = seqSlot?.kind === "cell" ? parseSequenceCell(seqSlot.text) : null;
    const group = open[0];
    if (seqLabel && group && !group.label && !seqNumbersRows) group.label = relabel(group, seqLabel);

    const contentSlot = row[layout.content];
    if (contentSlot.kind !== "cell" || !contentSlot.text.trim()) continue;
    const ownLabel = parseLabel(contentSlot.text);
    const rowNumber = (layout.hierarchy.length === 0 || seqNumbersRows) && seqLabel ? { ...seqLabel, rest: contentSlot.text } : null;
    const leaf = cellNode(contentSlot, ownLabel ?? rowNumber);
    leaf.fromTableRow = leaf.label === null;
    leaf.ownerCells = [];
    for (const { col, column } of layout.owners) {
      const text = origin(table, row[col]).text;
      if (text.trim() !== "") leaf.ownerCells.push({ text, column });
    }
    if (layout.deadline !== null) leaf.deadlineCell = origin(table, row[layout.deadline]).text;
    (nearestOpen(open.length)?.children ?? roots).push(leaf);
  }
  return roots;
}

/** Rows whose cells lost their columns: the header's roles, then every cell in reading order. */
function shiftedTableToNodes(table: Table): OutlineNode[] | null {
  const cells = table.rows.map((row) => row.flatMap((slot): Cell[] => (slot.kind === "cell" && slot.text.trim() ? [slot] : [])));
  const header = cells[0].map((c) => c.text);
  if (!looksLikeHeaderRow(header)) return null;
  // When no row lost a cell, the columns can be trusted after all. A last row that still starts
  // with its 序号 was cut off at the end (a copied excerpt), not shifted: pad it.
  const last = cells.at(-1)!;
  const cutOff = columnRole(header[0]) === "seq" && /^\d{1,3}$/.test(last[0]?.text.trim() ?? "") && last.length < header.length;
  if (cells.slice(0, -1).every((row) => row.length === header.length) && (last.length === header.length || cutOff)) {
    const pad = (row: Cell[]): Cell[] =>
      [...row, ...Array.from({ length: header.length - row.length }, (): Cell => ({ kind: "cell", text: "", rowSpan: 1, colSpan: 1, source: row[0].source }))];
    return gridToNodes({ type: "table", rows: cells.map(pad), source: table.source });
  }
  const roles = header.map(columnRole).filter((r) => r !== null);
  return cellStreamToNodes(roles, cells.slice(1).flat());
}

function cellNode(cell: Cell, label: Label | null): OutlineNode {
  return outlineNode(label, cell.text, cell.source);
}

/** A 序号 cell labels the group's task cell, which was written without a number. */
function relabel(group: OutlineNode, seq: Label): Label {
  return { ...seq, rest: group.paragraphs[0].text };
}

function readLayout(table: Table): Layout | null {
  const texts = (r: number) => table.rows[r].map((s) => (s.kind === "cell" ? s.text : ""));
  let headerRows = 0;
  while (headerRows < Math.min(3, table.rows.length) && looksLikeHeaderRow(texts(headerRows))) headerRows++;
  // A second header row may hold only sub-headers (牵头单位 | 责任单位 under 责任分工).
  if (headerRows === 1 && table.rows.length > 2) {
    const second = texts(1).filter((t) => t.trim());
    if (second.length > 0 && second.every((t) => columnRole(t) !== null)) headerRows = 2;
  }
  if (headerRows === 0) return null;

  const width = table.rows[0].length;
  const roles: Array<ColumnRole | null> = [];
  const spanOf: number[] = [];
  for (let c = 0; c < width; c++) {
    let role: ColumnRole | null = null;
    let span = 1;
    for (let r = 0; r < headerRows; r++) {
      const cell = origin(table, table.rows[r][c]);
      const cellRole = columnRole(cell.text);
      if (cellRole) {
        role = cellRole;
        span = cell.colSpan;
      }
    }
    roles.push(role);
    spanOf.push(span);
  }
  // A task header spanning several columns (落实…重点任务 over category | task | content):
  // the last spanned column is the content when no column is called content.
  if (!roles.includes("content")) {
    for (let c = width - 1; c >= 0; c--) {
      if (roles[c] === "task" && spanOf[c] > 1) {
        roles[c] = "content";
        break;
      }
    }
  }
  let hierarchy = roles.flatMap((r, c) => (r === "task" ? [c] : []));
  let content = roles.indexOf("content");
  if (content < 0) {
    if (!hierarchy.length) return null;
    content = hierarchy.at(-1)!;
    hierarchy = hierarchy.slice(0, -1);
  }
  const seq = roles.indexOf("seq");
  const owners = roles.flatMap((r, col) =>
    r === "lead" || r === "responsible" || r === "mixed" ? [{ col, column: r as OwnerColumn }] : [],
  );
  const deadline = roles.indexOf("deadline");
  return { headerRows, seq: seq < 0 ? null : seq, hierarchy, content, owners, deadline: deadline < 0 ? null : deadline };
}
