import type { Element, ElementContent, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Block, Cell, GridSlot, Paragraph, Table } from "../model/blocks.js";
import type { SourcePosition } from "../model/position.js";
import { PARAGRAPH_MARK } from "./docx-mammoth.js";
import { LIMIT_MESSAGES, MAX_TABLE_COLUMNS, tooLarge } from "./limits.js";

/**
 * Walks mammoth's HTML into blocks. Every Word paragraph in it starts with a marker holding
 * its ordinal (see docx-mammoth.ts), which is how a piece of HTML is tied to its label,
 * style and position whatever elements mammoth wrapped it in.
 */

export interface ParagraphFacts {
  label: string | null;
  style: string | null;
}

/** A paragraph as read from the HTML, before it becomes a block or a line of a cell. */
interface ParagraphText {
  ordinal: number;
  text: string;
  headingLevel: number | null;
}

const HEADING = /^h([1-6])$/;

class BlockBuilder {
  readonly blocks: Block[] = [];
  /** Body paragraphs and table rows seen so far: the `line` of the next one is this + 1. */
  private lines = 0;
  private tables = 0;

  constructor(private readonly facts: readonly ParagraphFacts[]) {}

  addParagraph(paragraph: ParagraphText): void {
    const line = ++this.lines;
    const label = this.facts[paragraph.ordinal]?.label ?? null;
    // Empty paragraphs are spacing, not content; they keep their line so positions stay stable.
    if (paragraph.text.trim() === "" && label === null) return;
    const block: Paragraph = {
      type: "paragraph",
      text: paragraph.text,
      label,
      style: this.facts[paragraph.ordinal]?.style ?? null,
      headingLevel: paragraph.headingLevel ?? headingLevelOfStyle(this.facts[paragraph.ordinal]?.style ?? null),
      source: { line, paragraph: paragraph.ordinal + 1 },
    };
    this.blocks.push(block);
  }

  addTable(table: Element): void {
    const tableNumber = ++this.tables;
    const rows = rowsOf(table);
    const firstLine = this.lines + 1;
    this.lines += rows.length;
    const grid = buildGrid(rows, (row, col, cellParagraphs) => {
      const source: SourcePosition = { line: firstLine + row, table: tableNumber, row: row + 1, col: col + 1 };
      if (cellParagraphs.length > 0) source.paragraph = cellParagraphs[0].ordinal + 1;
      const text = cellParagraphs.map((paragraph) => (this.facts[paragraph.ordinal]?.label ?? "") + paragraph.text).join("\n");
      return { text, source };
    });
    if (grid.length === 0) return;
    const source: SourcePosition = { line: firstLine, table: tableNumber };
    if (rows.length > 1) source.endLine = firstLine + rows.length - 1;
    const block: Table = { type: "table", rows: grid, source };
    this.blocks.push(block);
  }
}

/** The rows of `table` itself, not of tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const collect = (nodes: ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type !== "element") continue;
      if (node.tagName === "tr") rows.push(node);
      else if (node.tagName === "thead" || node.tagName === "tbody" || node.tagName === "tfoot") collect(node.children);
    }
  };
  collect(table.children);
  return rows;
}

/** A cell's span; a colspan past any real table (w:gridSpan="100000000") is cut to the column limit. */
function span(cell: Element, attribute: "rowSpan" | "colSpan"): number {
  const value = Number(cell.properties[attribute]);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_TABLE_COLUMNS + 1) : 1;
}

/**
 * Lays the HTML rows out as a rectangular grid (the HTML table model): a cell with
 * rowspan/colspan fills its slots with `covered` pointers to its origin, and rows that
 * stop short are padded with empty cells.
 */
function buildGrid(
  rows: Element[],
  makeCell: (row: number, col: number, paragraphs: ParagraphText[]) => { text: string; source: SourcePosition },
): GridSlot[][] {
  const grid: (GridSlot | undefined)[][] = rows.map(() => []);
  rows.forEach((row, rowIndex) => {
    let col = 0;
    for (const cell of row.children) {
      if (cell.type !== "element" || (cell.tagName !== "td" && cell.tagName !== "th")) continue;
      while (grid[rowIndex][col] !== undefined) col++;
      const rowSpan = Math.min(span(cell, "rowSpan"), rows.length - rowIndex);
      const colSpan = span(cell, "colSpan");
      // A row wider than any table is refused before its slots are laid out.
      if (col + colSpan > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
      const { text, source } = makeCell(rowIndex, col, paragraphsIn(cell.children));
      const origin: Cell = { kind: "cell", text, rowSpan, colSpan, source };
      for (let r = rowIndex; r < rowIndex + rowSpan; r++) {
        for (let c = col; c < col + colSpan; c++) {
          grid[r][c] = r === rowIndex && c === col ? origin : { kind: "covered", row: rowIndex, col };
        }
      }
      col += colSpan;
    }
  });
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  return grid.map((row, rowIndex) =>
    Array.from({ length: width }, (_unused, col): GridSlot => {
      const slot = row[col];
      if (slot !== undefined) return slot;
      const { text, source } = makeCell(rowIndex, col, []);
      return { kind: "cell", text, rowSpan: 1, colSpan: 1, source };
    }),
  );
}

/**
 * The paragraphs in some HTML content, in order. Text before the first marker (there is
 * none in mammoth's output) would belong to no paragraph and is ignored. Nested tables are
 * read as more paragraphs: a cell's text has no structure of its own.
 */
function paragraphsIn(nodes: ElementContent[]): ParagraphText[] {
  const paragraphs: ParagraphText[] = [];
  let current: ParagraphText | null = null;
  const walk = (node: ElementContent, headingLevel: number | null): void => {
    if (node.type === "text") {
      let last = 0;
      for (const match of node.value.matchAll(PARAGRAPH_MARK)) {
        if (current !== null) current.text += node.value.slice(last, match.index);
        current = { ordinal: Number(match[1]), text: "", headingLevel };
        paragraphs.push(current);
        last = match.index + match[0].length;
      }
      if (current !== null) current.text += node.value.slice(last);
      return;
    }
    if (node.type !== "element") return;
    if (node.tagName === "br") {
      if (current !== null) current.text += "\n";
      return;
    }
    const heading = HEADING.exec(node.tagName);
    for (const child of node.children) walk(child, heading === null ? headingLevel : Number(heading[1]));
  };
  for (const node of nodes) walk(node, null);
  return paragraphs;
}

export function blocksFromHtml(html: string, facts: readonly ParagraphFacts[]): Block[] {
  const tree: Root = fromHtml(html, { fragment: true });
  const builder = new BlockBuilder(facts);
  // Consecutive non-table content is read together: one HTML element may hold several paragraphs.
  let pending: ElementContent[] = [];
  const flush = (): void => {
    for (const paragraph of paragraphsIn(pending)) builder.addParagraph(paragraph);
    pending = [];
  };
  const visit = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === "element" && node.tagName === "table") {
        flush();
        builder.addTable(node);
      } else if (node.type === "element" && containsTable(node)) {
        flush();
        visit(node.children);
      } else if (node.type === "element" || node.type === "text") {
        pending.push(node);
      }
    }
  };
  visit(tree.children);
  flush();
  return builder.blocks;
}

function containsTable(element: Element): boolean {
  return element.children.some((child) => child.type === "element" && (child.tagName === "table" || containsTable(child)));
}

/**
 * "Heading 2", "heading 2", "标题 2": Word's built-in heading styles by name (mammoth runs without
 * its default style map, which only turns these into <h2> and costs a style-map parse per file).
 */
function headingLevelOfStyle(style: string | null): number | null {
  const m = style && /^(?:heading|标题)\s*([1-9])$/i.exec(style.trim());
  return m ? Number(m[1]) : null;
}
