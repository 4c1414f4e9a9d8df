import type { Block, Paragraph } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { SourcePosition } from "../model/position.js";
import type { NumberingCounter, NumberingProblem } from "./docx-numbering.js";
import { integer, type StyleSheet } from "./docx-styles.js";
import { buildTable, newCell, spanValue, type ReadCell, type ReadRow } from "./docx-tables.js";
import { walkXml, type XmlElement } from "./docx-xml.js";

/**
 * One streaming pass over document.xml to blocks: each paragraph gets its text, its style and
 * its numbering label as it is read, so a label belongs to its paragraph by construction.
 *
 * What is read as Word shows the document with changes accepted: w:ins kept, w:del and
 * w:moveFrom dropped (a deleted paragraph mark joins the paragraph to the next one, a deleted
 * row goes), w:vanish runs skipped; content controls, smart tags, custom XML, hyperlinks and
 * simple fields are read through; complex fields give their result (their instructions are
 * w:instrText, never read); text boxes give paragraphs of their own. Headers, footers, notes
 * and comments live in other parts and stay out. Tables nested in a cell are read as more
 * lines of that cell.
 */

interface OpenParagraph {
  ordinal: number;
  text: string;
  styleId: string | null;
  numId: string | null;
  ilvl: number | null;
  deletedMark: boolean;
  /** Set once the paragraph properties are read: the numbering counters advance in document order. */
  numbered: boolean;
  label: string | null;
  /** Positions of diagnostics about this paragraph, given its excerpt once its text is read. */
  diagnosticSources: SourcePosition[];
}

/** Subtrees that hold nothing of the text Word shows. */
const SKIPPED = new Set(["w:moveFrom", "w:sdtPr", "w:rt", "w:pPrChange", "w:rPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange", "w:sectPrChange"]);

/** Run content that adds characters to the text (w:t's content is added as it streams). */
const CHARACTER_OF_LEAF: Record<string, string> = {
  "w:tab": "\t",
  "w:cr": "\n",
  "w:noBreakHyphen": "\u2011",
  "w:softHyphen": "\u00AD",
};

/** "Heading 2", "heading 2", "标题 2": Word's built-in heading styles by name. */
function headingLevelOfStyle(style: string | null): number | null {
  const m = style && /^(?:heading|标题)\s*([1-9])$/i.exec(style.trim());
  return m ? Number(m[1]) : null;
}

/** Characters of a paragraph kept as its excerpt (SourcePosition.excerpt). */
const EXCERPT_CHARS = 12;

const CUT_PUNCTUATION = new Set([..." ，、。；：,;:"]);

/** The first characters of a paragraph, whitespace and control characters collapsed; "…" when cut. */
function excerptOf(text: string): string {
  // Only the head is looked at: a paragraph may be long.
  const head = text.slice(0, EXCERPT_CHARS * 4);
  const flat = head.replace(/[\p{Cc}\p{Cf}\s]+/gu, " ").trim();
  const characters = [...flat.slice(0, EXCERPT_CHARS * 2)];
  if (characters.length <= EXCERPT_CHARS && head.length === text.length) return flat;
  // A cut after a comma reads badly: "建立协同联动机制，…".
  const kept = characters.slice(0, EXCERPT_CHARS);
  while (kept.length > 0 && CUT_PUNCTUATION.has(kept[kept.length - 1])) kept.pop();
  return `${kept.join("")}…`;
}

const isOn = (value: string | undefined) => value === undefined || !["0", "false", "off"].includes(value);

/** A w:sym character, unless it is a symbol-font private-use code point (its glyph depends on the font). */
function symbolText(code: string | undefined): string {
  const value = code === undefined || !/^[0-9a-f]{1,6}$/i.test(code) ? NaN : Number.parseInt(code, 16);
  if (!(value > 0x1f && value <= 0x10ffff) || (value >= 0xe000 && value <= 0xf8ff) || (value >= 0xd800 && value <= 0xdfff)) return "";
  return String.fromCodePoint(value);
}

/** A paragraph as read, wherever it sits (body, table cell, text box). */
export interface ReadParagraph {
  label: string | null;
  text: string;
}

export interface BodyReadResult {
  blocks: Block[];
  diagnostics: Diagnostic[];
  noteReferences: number;
  /** Every paragraph in reading order, empty ones included (for the oracle tests). */
  paragraphs: ReadParagraph[];
}

export function readBody(xml: string, partName: string, styles: StyleSheet, counter: NumberingCounter | null): BodyReadResult {
  const blocks: Block[] = [];
  const read: ReadParagraph[] = [];
  const diagnostics: Diagnostic[] = [];
  const names: string[] = [];
  const paragraphs: OpenParagraph[] = [];
  const missingStyles = new Set<string>();
  const reportedNumbering = new Set<string>();
  let skipDepth = 0;
  let paragraphCount = 0;
  let lines = 0;
  let tables = 0;
  let noteReferences = 0;
  let carriedText = "";
  let textTarget: OpenParagraph | null = null;
  let runHidden = false;
  /** Nesting of w:tbl; only the outermost table has a grid, inner ones are lines of its cells. */
  let tableDepth = 0;
  let rows: ReadRow[] = [];
  let row: ReadRow | null = null;
  let cell: ReadCell | null = null;
  /** Depth (names.length) of a deleted row being skipped, else -1. */
  let deletedRowDepth = -1;

  const at = (back: number) => names[names.length - back];

  walkXml(xml, partName, {
    open(element) {
      if (skipDepth > 0 || deletedRowDepth >= 0) {
        if (skipDepth > 0) skipDepth++;
        names.push(element.name);
        return;
      }
      const name = element.name;
      const parent = at(1);
      const paragraph = paragraphs.length === 0 ? null : paragraphs[paragraphs.length - 1];
      if (paragraph !== null && !paragraph.numbered && parent === "w:p" && name !== "w:pPr") number(paragraph);
      if (SKIPPED.has(name) || (name === "w:del" && parent !== "w:rPr" && parent !== "w:trPr")) {
        skipDepth = 1;
        names.push(name);
        return;
      }
      names.push(name);
      switch (name) {
        case "w:p":
          paragraphs.push({
            ordinal: ++paragraphCount,
            text: carriedText,
            styleId: null,
            numId: null,
            ilvl: null,
            deletedMark: false,
            numbered: false,
            label: null,
            diagnosticSources: [],
          });
          carriedText = "";
          return;
        case "w:r":
          runHidden = false;
          return;
        case "w:t":
          if (parent === "w:r" && !runHidden) textTarget = paragraph;
          return;
        case "w:br":
          if (parent === "w:r" && !runHidden && paragraph !== null) {
            const type = element.attribute("type");
            // Page and column breaks end a page, not a line of the text.
            if (type === undefined || type === "textWrapping") paragraph.text += "\n";
          }
          return;
        case "w:sym":
          if (parent === "w:r" && !runHidden && paragraph !== null) paragraph.text += symbolText(element.attribute("char"));
          return;
        case "w:footnoteReference":
        case "w:endnoteReference":
          noteReferences++;
          return;
        case "w:tbl":
          if (++tableDepth === 1) rows = [];
          return;
        case "w:tr":
          if (tableDepth === 1) {
            row = { gridBefore: 0, cells: [] };
            rows.push(row);
          }
          return;
        case "w:tc":
          if (tableDepth === 1 && row !== null) {
            cell = newCell();
            row.cells.push(cell);
          }
          return;
      }
      if (parent === "w:r" && name in CHARACTER_OF_LEAF) {
        if (!runHidden && paragraph !== null) paragraph.text += CHARACTER_OF_LEAF[name];
        return;
      }
      readProperty(element, paragraph);
    },
    close(name) {
      names.pop();
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (deletedRowDepth >= 0) {
        if (names.length < deletedRowDepth) deletedRowDepth = -1;
        return;
      }
      switch (name) {
        case "w:t":
          textTarget = null;
          return;
        case "w:pPr": {
          const paragraph = paragraphs[paragraphs.length - 1];
          if (paragraph !== undefined && at(1) === "w:p" && !paragraph.numbered) number(paragraph);
          return;
        }
        case "w:p":
          closeParagraph(paragraphs.pop()!);
          return;
        case "w:tc":
          if (tableDepth === 1) cell = null;
          return;
        case "w:tr":
          if (tableDepth === 1) row = null;
          return;
        case "w:tbl":
          if (--tableDepth === 0) closeTable();
          return;
      }
    },
    text(text) {
      if (textTarget !== null && skipDepth === 0) textTarget.text += text;
    },
  });
  return { blocks, diagnostics, noteReferences, paragraphs: read };

  function readProperty(element: XmlElement, paragraph: OpenParagraph | null): void {
    const name = element.name;
    const value = element.attribute("val");
    const [parent, grand, great] = [at(2), at(3), at(4)];
    if (paragraph !== null && parent === "w:pPr" && grand === "w:p") {
      if (name === "w:pStyle") paragraph.styleId = value ?? null;
    } else if (paragraph !== null && parent === "w:numPr" && grand === "w:pPr" && great === "w:p") {
      if (name === "w:numId") paragraph.numId = value ?? null;
      else if (name === "w:ilvl") paragraph.ilvl = integer(value);
    } else if (parent === "w:rPr" && grand === "w:pPr" && great === "w:p") {
      if (name === "w:del" && paragraph !== null) paragraph.deletedMark = true;
    } else if (parent === "w:rPr" && grand === "w:r") {
      if (name === "w:vanish" || name === "w:specVanish") runHidden = isOn(value);
    } else if (parent === "w:trPr" && grand === "w:tr") {
      if (name === "w:del") {
        // A deleted row goes with everything in it; from here to the end of the row is skipped.
        deletedRowDepth = names.length - 2;
        if (tableDepth === 1 && row !== null) rows.pop();
        row = null;
      } else if (name === "w:gridBefore" && tableDepth === 1 && row !== null) {
        row.gridBefore = Math.max(0, integer(value) ?? 0);
      }
    } else if (parent === "w:tcPr" && grand === "w:tc" && tableDepth === 1 && cell !== null) {
      if (name === "w:gridSpan") cell.span = spanValue(integer(value));
      else if (name === "w:vMerge") cell.vMerge = value === "restart" ? "restart" : "continue";
      else if (name === "w:hMerge") cell.hMerge = value === "restart" ? "restart" : "continue";
    }
  }

  function number(paragraph: OpenParagraph): void {
    paragraph.numbered = true;
    if (paragraph.styleId !== null && !styles.styles.has(paragraph.styleId) && !missingStyles.has(paragraph.styleId)) {
      missingStyles.add(paragraph.styleId);
      diagnostics.push(diagnostic("docx-style-missing", { style: paragraph.styleId }, sourceOf(paragraph)));
    }
    // A paragraph whose mark is deleted joins the next one, which carries the numbering.
    if (paragraph.deletedMark || counter === null) return;
    const { label, problem } = counter.next(paragraph);
    paragraph.label = label;
    if (problem !== null) reportNumbering(problem, paragraph);
  }

  function reportNumbering(problem: NumberingProblem, paragraph: OpenParagraph): void {
    const key = `${problem.kind}:${problem.numId}`;
    if (reportedNumbering.has(key)) return;
    reportedNumbering.add(key);
    const code = problem.kind === "missing-num" ? "docx-numbering-missing" : "docx-numbering-value";
    diagnostics.push(diagnostic(code, { numId: problem.numId }, sourceOf(paragraph)));
  }

  /** A diagnostic's position: the paragraph's line (the next one), its index, and later its excerpt. */
  function sourceOf(paragraph: OpenParagraph): SourcePosition {
    const source: SourcePosition = { line: lines + 1, paragraph: paragraph.ordinal };
    paragraph.diagnosticSources.push(source);
    return source;
  }

  function closeParagraph(paragraph: OpenParagraph): void {
    if (!paragraph.numbered) number(paragraph);
    const excerpt = excerptOf((paragraph.label ?? "") + paragraph.text);
    if (excerpt !== "") for (const source of paragraph.diagnosticSources) source.excerpt = excerpt;
    if (paragraph.deletedMark) {
      carriedText = paragraph.text;
      return;
    }
    read.push({ label: paragraph.label, text: paragraph.text });
    if (tableDepth > 0) {
      if (cell === null) return;
      cell.firstParagraph ??= paragraph.ordinal;
      cell.lines.push({ label: paragraph.label, text: paragraph.text });
      return;
    }
    const line = ++lines;
    // Empty paragraphs are spacing, not content; they keep their line so positions stay stable.
    if (paragraph.text.trim() === "" && paragraph.label === null) return;
    const style = paragraph.styleId === null ? null : (styles.styles.get(paragraph.styleId)?.name ?? paragraph.styleId);
    const block: Paragraph = {
      type: "paragraph",
      text: paragraph.text,
      label: paragraph.label,
      style,
      headingLevel: headingLevelOfStyle(style),
      source: excerpt === "" ? { line, paragraph: paragraph.ordinal } : { line, paragraph: paragraph.ordinal, excerpt },
    };
    blocks.push(block);
  }

  function closeTable(): void {
    const table = buildTable(rows, tables + 1, lines + 1, excerptOf);
    lines += rows.length;
    rows = [];
    if (table === null) return;
    tables++;
    blocks.push(table);
  }
}
