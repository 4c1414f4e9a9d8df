import { type GlyphRun, isHorizontal, type Segment } from "./geometry.js";

/**
 * Tables from drawn cell borders. The strokes of a page are merged into rules, rules that touch
 * form a cluster, and a cluster with at least two grid slots is a table: its column and row lines
 * are the distinct x of its vertical rules and y of its horizontal ones. Two neighbouring slots
 * with no rule between them belong to one (merged) cell.
 */

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell's box, for wrapping its text. */
  left: number;
  right: number;
  runs: GlyphRun[];
}

export interface TableRegion {
  top: number;
  bottom: number;
  /** Column lines, left to right, and row lines, top to bottom (one more than the columns, the rows). */
  columns: number[];
  rowLines: number[];
  /** For each grid slot, the index in `cells` of the cell that covers it. */
  slotOwner: number[][];
  /** Origin cells, in row then column order; every other slot is covered by one of them. */
  cells: GridCell[];
}

/** Rule ends closer than this (points) meet; positions closer than this are one grid line. */
const TOLERANCE = 2;
/** A page with more strokes than this is a drawing, not a form: its tables are not read (a table page has a few hundred). */
const MAX_SEGMENTS = 5_000;
/** Grids larger than this many slots are drawings (graph paper), not tables. */
const MAX_SLOTS = 10_000;

interface Rule {
  /** The rule's position across (y of a horizontal rule, x of a vertical one) and its extent along. */
  at: number;
  from: number;
  to: number;
}

/** Finds the page's tables and takes the runs inside them out of `runs` (returned: the rest). */
export function findTables(segments: readonly Segment[], runs: readonly GlyphRun[]): { tables: TableRegion[]; rest: GlyphRun[] } {
  if (segments.length === 0 || segments.length > MAX_SEGMENTS) return { tables: [], rest: [...runs] };
  const horizontal = mergeRules(segments.filter(isHorizontal).map((s) => ({ at: (s.y1 + s.y2) / 2, from: s.x1, to: s.x2 })));
  const vertical = mergeRules(segments.filter((s) => !isHorizontal(s)).map((s) => ({ at: (s.x1 + s.x2) / 2, from: s.y1, to: s.y2 })));
  const tables: TableRegion[] = [];
  for (const cluster of clusters(horizontal, vertical)) {
    const table = gridOf(cluster.horizontal, cluster.vertical);
    if (table) tables.push(table);
  }
  if (tables.length === 0) return { tables, rest: [...runs] };
  const rest: GlyphRun[] = [];
  for (const run of runs) {
    const cx = run.x + run.width / 2;
    const cy = run.y - run.size / 3;
    const table = tables.find((t) => cy > t.top && cy < t.bottom && cx > t.columns[0] && cx < t.columns[t.columns.length - 1]);
    if (!table) rest.push(run);
    else cellAt(table, cx, cy)?.runs.push(run);
  }
  tables.sort((a, b) => a.top - b.top);
  return { tables, rest };
}

/** Collinear rules that overlap or nearly touch become one. */
function mergeRules(rules: Rule[]): Rule[] {
  rules.sort((a, b) => a.at - b.at || a.from - b.from);
  const merged: Rule[] = [];
  for (const rule of rules) {
    const same = merged.findLast((m) => Math.abs(m.at - rule.at) <= TOLERANCE && rule.from <= m.to + TOLERANCE);
    if (same && rule.at - same.at <= TOLERANCE) {
      same.to = Math.max(same.to, rule.to);
      same.from = Math.min(same.from, rule.from);
    } else merged.push({ ...rule });
  }
  return merged;
}

const touches = (h: Rule, v: Rule) => v.at >= h.from - TOLERANCE && v.at <= h.to + TOLERANCE && h.at >= v.from - TOLERANCE && h.at <= v.to + TOLERANCE;

function clusters(horizontal: Rule[], vertical: Rule[]): Array<{ horizontal: Rule[]; vertical: Rule[] }> {
  const parent = [...horizontal, ...vertical].map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let h = 0; h < horizontal.length; h++) {
    for (let v = 0; v < vertical.length; v++) {
      if (touches(horizontal[h], vertical[v])) parent[find(h)] = find(horizontal.length + v);
    }
  }
  const groups = new Map<number, { horizontal: Rule[]; vertical: Rule[] }>();
  const group = (i: number) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, { horizontal: [], vertical: [] });
    return groups.get(root)!;
  };
  horizontal.forEach((rule, i) => group(i).horizontal.push(rule));
  vertical.forEach((rule, i) => group(horizontal.length + i).vertical.push(rule));
  return [...groups.values()];
}

/** Distinct positions, closer ones merged. */
function gridLines(positions: number[]): number[] {
  const sorted = [...positions].sort((a, b) => a - b);
  const lines: number[] = [];
  for (const p of sorted) if (lines.length === 0 || p - lines[lines.length - 1] > TOLERANCE) lines.push(p);
  return lines;
}

/** The rules on each grid line, so that a border is looked up among its line's rules only. */
const rulesOn = (lines: number[], rules: Rule[]) => lines.map((line) => rules.filter((r) => Math.abs(r.at - line) <= TOLERANCE));
const covers = (rules: Rule[], along: number) => rules.some((r) => along >= r.from && along <= r.to);

function gridOf(horizontal: Rule[], vertical: Rule[]): TableRegion | null {
  if (horizontal.length < 2 || vertical.length < 2) return null;
  const ys = gridLines(horizontal.map((r) => r.at));
  const xs = gridLines(vertical.map((r) => r.at));
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows * cols < 2 || rows * cols > MAX_SLOTS) return null;
  // Borders between neighbouring slots: right of slot (r, c) and below it.
  const verticalOn = rulesOn(xs, vertical);
  const horizontalOn = rulesOn(ys, horizontal);
  const hasRight = (r: number, c: number) => covers(verticalOn[c + 1], (ys[r] + ys[r + 1]) / 2);
  const hasBelow = (r: number, c: number) => covers(horizontalOn[r + 1], (xs[c] + xs[c + 1]) / 2);
  const owner: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (owner[r][c] !== -1) continue;
      // The merged region from this slot: as far right and down as no border stops it.
      let colSpan = 1;
      while (c + colSpan < cols && !hasRight(r, c + colSpan - 1) && owner[r][c + colSpan] === -1) colSpan++;
      let rowSpan = 1;
      const openBelow = (rr: number) => {
        for (let cc = c; cc < c + colSpan; cc++) if (hasBelow(rr, cc) || owner[rr + 1][cc] !== -1) return false;
        return true;
      };
      while (r + rowSpan < rows && openBelow(r + rowSpan - 1)) rowSpan++;
      const index = cells.length;
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) owner[rr][cc] = index;
      cells.push({ row: r, col: c, rowSpan, colSpan, left: xs[c], right: xs[c + colSpan], runs: [] });
    }
  }
  // A box around text (one cell, after merging) is a frame, not a table.
  if (cells.length < 2) return null;
  return { top: ys[0], bottom: ys[rows], columns: xs, rowLines: ys, slotOwner: owner, cells };
}

function cellAt(table: TableRegion, x: number, y: number): GridCell | undefined {
  const { rowLines, slotOwner } = table;
  const row = rowLines.findIndex((line, i) => i + 1 < rowLines.length && y >= line && y < rowLines[i + 1]);
  const col = table.columns.findIndex((line, i) => i + 1 < table.columns.length && x >= line && x < table.columns[i + 1]);
  if (row < 0 || col < 0) return undefined;
  return table.cells[slotOwner[row][col]];
}
