import type { ParagraphNumberingProperties } from "./docx-numbering.js";
import { walkXml, type XmlElement } from "./docx-xml.js";

/**
 * One pass over document.xml that lists the body paragraphs mammoth will produce, in the
 * order mammoth produces them, each with its numbering properties and plain text. It mirrors
 * what mammoth's body reader (lib/docx/body-reader.js) reads and drops; the text is used to
 * check the alignment with mammoth's paragraphs.
 */

export interface DocumentParagraph extends ParagraphNumberingProperties {
  text: string;
}

/** Elements whose children mammoth reads; anything else is skipped with its subtree. */
const CONTAINERS = new Set([
  "w:body", "w:p", "w:r", "w:hyperlink", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:customXml", "w:ins",
  "w:moveTo", "w:object", "w:smartTag", "w:drawing", "w:pict", "v:roundrect", "v:shape", "v:textbox",
  "w:txbxContent", "v:group", "v:rect",
]);

/** Containers mammoth flattens into their parent's children (they produce no element of their own). */
const WRAPPERS = new Set(["w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo", "w:smartTag"]);

/** The property elements `readProperty` looks at; every other unread element is passed over cheaply. */
const PROPERTY_NAMES = new Set(["w:pStyle", "w:numId", "w:ilvl", "w:del", "w:gridSpan", "w:vMerge"]);

/**
 * Text-bearing leaves, with the text they add to a paragraph's text as docx-mammoth.ts takes it
 * (w:t adds its content; w:sym is left out since its text depends on the font).
 */
const TEXT_OF_LEAF: Record<string, string> = {
  "w:t": "",
  "w:tab": "\t",
  "w:noBreakHyphen": "\u2011",
  "w:softHyphen": "\u00AD",
};

/**
 * mammoth merges a w:vMerge continuation cell into the cell above and drops its paragraphs,
 * unless the table holds something other than rows of cells (then it merges nothing).
 */
interface TableState {
  mergesCells: boolean;
  /** Grid columns (sums of w:gridSpan) that have had a cell a continuation can merge into. */
  columns: Set<number>;
  /** Grid column of the next cell of the current row. */
  nextColumn: number;
}

interface CellState {
  table: TableState;
  column: number;
  span: number;
  vMerge: boolean;
  /** Whether the merge decision for this cell is taken (on its first content element). */
  placed: boolean;
  /** Tables in which this cell, or a cell around it, is a continuation cell. */
  continuationIn: TableState[];
}

interface Frame {
  name: string;
  /** Whether mammoth reads the children of this element. */
  readsChildren: boolean;
  paragraph: Slot | null;
  table: TableState | null;
  cell: CellState | null;
}

interface Slot extends DocumentParagraph {
  deleted: boolean;
  /** Tables in which this paragraph sits in a continuation cell: dropped if any of them merges. */
  continuationIn: TableState[];
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : null;
}

export function scanDocumentParagraphs(xml: string, partName: string): DocumentParagraph[] {
  const slots: Slot[] = [];
  const stack: Frame[] = [{ name: "", readsChildren: false, paragraph: null, table: null, cell: null }];
  // mammoth joins the content of a paragraph whose mark is deleted to the next paragraph.
  let carriedText = "";
  let inText = false;

  // The open paragraphs, tables and cells mammoth reads, innermost last.
  const open = { paragraph: [] as Slot[], table: [] as TableState[], cell: [] as CellState[] };

  const top = (): Frame => stack[stack.length - 1];
  const innermost = <K extends keyof typeof open>(key: K): (typeof open)[K][number] | null => {
    const list = open[key];
    return list.length === 0 ? null : list[list.length - 1];
  };

  walkXml(xml, partName, {
    open(element) {
      const parent = top();
      const name = element.name;
      const isRead =
        (name === "w:body" && parent.name === "w:document") ||
        (parent.readsChildren && (parent.name === "w:sdt" ? name === "w:sdtContent" : CONTAINERS.has(name) || name in TEXT_OF_LEAF));
      if (isRead || (name === "w:bookmarkStart" && parent.readsChildren)) noteTableStructure(element);
      const frame: Frame = { name, readsChildren: isRead && CONTAINERS.has(name), paragraph: null, table: null, cell: null };
      if (isRead) openRead(frame, name);
      else if (PROPERTY_NAMES.has(name)) readProperty(element);
      stack.push(frame);
      if (isRead && name === "w:t") inText = true;
    },
    close(name) {
      const frame = stack.pop()!;
      if (name === "w:t") inText = false;
      if (frame.paragraph !== null) {
        open.paragraph.pop();
        if (frame.paragraph.deleted) carriedText += frame.paragraph.text;
      }
      if (frame.cell !== null) {
        if (!frame.cell.placed) placeCell(frame.cell);
        frame.cell.table.nextColumn += frame.cell.span;
        open.cell.pop();
      }
      if (frame.table !== null) open.table.pop();
    },
    text(text) {
      if (inText) innermost("paragraph")!.text += text;
    },
  });
  return slots
    .filter((slot) => !slot.deleted && !slot.continuationIn.some((table) => table.mergesCells))
    .map(({ text, styleId, numId, ilvl }) => ({ text, styleId, numId, ilvl }));

  function openRead(frame: Frame, name: string): void {
    const cell = innermost("cell");
    if (cell !== null && !cell.placed) placeCell(cell);
    switch (name) {
      case "w:p": {
        const continuationIn = cell?.continuationIn ?? [];
        frame.paragraph = { text: carriedText, styleId: null, numId: null, ilvl: null, deleted: false, continuationIn };
        carriedText = "";
        slots.push(frame.paragraph);
        open.paragraph.push(frame.paragraph);
        return;
      }
      case "w:tbl":
        frame.table = { mergesCells: true, columns: new Set(), nextColumn: 0 };
        open.table.push(frame.table);
        return;
      case "w:tr": {
        const table = innermost("table");
        if (table !== null) table.nextColumn = 0;
        return;
      }
      case "w:tc": {
        const table = innermost("table");
        if (table === null) return;
        frame.cell = { table, column: table.nextColumn, span: 1, vMerge: false, placed: false, continuationIn: [] };
        open.cell.push(frame.cell);
        return;
      }
    }
    const paragraph = innermost("paragraph");
    if (paragraph !== null) paragraph.text += TEXT_OF_LEAF[name] ?? "";
  }

  /** mammoth's calculateRowSpans: a continuation merges when its grid column already had a cell. */
  function placeCell(cell: CellState): void {
    cell.placed = true;
    const outer = open.cell.length >= 2 ? open.cell[open.cell.length - 2].continuationIn : [];
    if (cell.vMerge && cell.table.columns.has(cell.column)) {
      cell.continuationIn = [...outer, cell.table];
    } else {
      cell.continuationIn = outer;
      cell.table.columns.add(cell.column);
    }
  }

  /** Anything but rows in a table, or cells in a row, stops mammoth from merging that table's cells. */
  function noteTableStructure(element: XmlElement): void {
    const parentName = top().name;
    if (WRAPPERS.has(element.name) || (parentName !== "w:tbl" && parentName !== "w:tr" && !WRAPPERS.has(parentName))) return;
    if (element.name === "w:bookmarkStart" && element.attribute("name") === "_GoBack") return;
    let parent = stack[0];
    for (let index = stack.length - 1; index > 0; index--) {
      if (!WRAPPERS.has(stack[index].name)) {
        parent = stack[index];
        break;
      }
    }
    const expected = parent.name === "w:tbl" ? "w:tr" : parent.name === "w:tr" ? "w:tc" : null;
    if (expected === null || element.name === expected) return;
    const table = parent.table ?? innermost("table");
    if (table !== null) table.mergesCells = false;
  }

  /** The properties mammoth reads: a paragraph's style, numbering and deletion, a row's deletion, a cell's merge. */
  function readProperty(element: XmlElement): void {
    const value = element.attribute("val");
    const paragraph = ownerOf(element, "w:p");
    if (paragraph?.frame.paragraph != null) {
      const slot = paragraph.frame.paragraph;
      if (paragraph.path === "w:pPr/w:pStyle") slot.styleId = value ?? null;
      else if (paragraph.path === "w:pPr/w:numPr/w:numId") slot.numId = value ?? null;
      else if (paragraph.path === "w:pPr/w:numPr/w:ilvl") slot.ilvl = integer(value);
      else if (paragraph.path === "w:pPr/w:rPr/w:del") slot.deleted = true;
      return;
    }
    const row = ownerOf(element, "w:tr");
    // mammoth drops a deleted table row with all its paragraphs.
    if (row?.path === "w:trPr/w:del") row.frame.readsChildren = false;
    const cell = ownerOf(element, "w:tc");
    if (cell?.frame.cell != null) {
      if (cell.path === "w:tcPr/w:gridSpan") cell.frame.cell.span = integer(value) ?? 1;
      else if (cell.path === "w:tcPr/w:vMerge") cell.frame.cell.vMerge = value === undefined || value === "continue";
    }
  }

  /** The nearest open `owner` within three levels above `element`, and the path from it to `element`. */
  function ownerOf(element: XmlElement, owner: string): { frame: Frame; path: string } | null {
    const names = [element.name];
    for (let index = stack.length - 1; index >= Math.max(1, stack.length - 3); index--) {
      if (stack[index].name === owner) return { frame: stack[index], path: names.reverse().join("/") };
      names.push(stack[index].name);
    }
    return null;
  }
}
