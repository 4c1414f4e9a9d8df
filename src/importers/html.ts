import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { LedgerInputError } from "../errors.js";
import type { Block, BlockDocument, Cell, GridSlot, Paragraph } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { SourcePosition } from "../model/position.js";
import { articleOf, isChrome, pageTitle } from "./html-article.js";
import { decodePage } from "./html-decode.js";
import { formatNumber, isSupportedNumberFormat } from "./docx-number-format.js";
import { LIMIT_MESSAGES, MAX_HTML_ELEMENTS, MAX_TABLE_COLUMNS, MAX_TEXT_CHARS, tooLarge } from "./limits.js";

/**
 * Web pages (.html, .htm, .mht): the article, not the site around it (html-article.ts), read into
 * paragraphs (<p>, <div>, <br>-separated lines, headings), list items with the number a browser
 * shows for <ol>, and tables laid out on their grid with rowspan/colspan. Tables used for page
 * layout (a cell holding block content or another table) are read as the blocks they hold.
 */

/** Deeper than any real page; past it the tree walks would cost more than they are worth. */
const MAX_DEPTH = 1000;
/** Markup around the text is rarely more than a few times the text; past this the page is refused before parsing. */
const MAX_HTML_CHARS = 4 * MAX_TEXT_CHARS;
/** Nesting the raw tags suggest, past which parsing alone would take seconds: refused before parsing. */
const MAX_RAW_DEPTH = 5 * MAX_DEPTH;

const HEADING = /^h([1-6])$/;
/** Stands for <br> while text is gathered, so that source line breaks can be collapsed apart from it. */
const BR = "\u0001";
const BLOCKS = new Set(["p", "div", "section", "article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "dl", "dt", "dd", "body", "html", "ul", "ol", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tr", "td", "th", "tbody", "thead", "tfoot", "caption"]);
/** Lines that are a page's tools, not its text. */
const CHROME_LINE = /^(?:[【[]\s*(?:打印|关闭|字体|大|中|小|收藏|分享|返回|纠错|保存)[^】\]]{0,12}[】\]]\s*)+$|^(?:分享到|扫一扫|上一篇|下一篇|打印本页|关闭窗口|浏览次数|访问量|字号|字体)[:：]?/;
/** A heading after which the page lists other articles: everything from it on is dropped. */
const RELATED_HEADING = /^(?:相关链接|相关文章|相关阅读|相关新闻|相关文件|相关稿件|延伸阅读|猜你喜欢|热点推荐)[:：]?\s*$/;

export function importHtml(bytes: Uint8Array): BlockDocument {
  const { html, encoding } = decodePage(bytes);
  if (html.length > MAX_HTML_CHARS) throw tooLarge(LIMIT_MESSAGES.textChars());
  // The tree of a flood of tags costs far more than their bytes: they are counted before parsing.
  if (countTags(html, MAX_HTML_ELEMENTS) > MAX_HTML_ELEMENTS) throw tooLarge(LIMIT_MESSAGES.htmlElements());
  if (rawDepth(html) > MAX_RAW_DEPTH) throw new LedgerInputError("corrupt-html", `the page is nested more than ${MAX_DEPTH} elements deep`);
  let tree: Root;
  try {
    tree = fromHtml(html);
    checkShape(tree);
  } catch (error) {
    if (error instanceof RangeError) throw new LedgerInputError("corrupt-html", "the page is nested too deeply to read");
    throw error;
  }
  const article = articleOf(tree);
  const builder = new HtmlBlockBuilder();
  const title = pageTitle(tree, article);
  builder.walk(article.children);
  builder.endParagraph();
  const blocks = builder.blocks;
  // The title stands outside the article on most sites; the notice needs it.
  const first = blocks.find((block) => block.type === "paragraph");
  if (title !== null && !(first?.type === "paragraph" && first.text.replace(/\s/g, "").includes(title.replace(/\s/g, "")))) {
    blocks.unshift({ type: "paragraph", text: title, label: null, style: null, headingLevel: 1, source: { line: 1 } });
    for (const block of blocks.slice(1)) shiftLines(block);
  }
  const diagnostics: Diagnostic[] = [];
  if (builder.droppedLines > 0) {
    diagnostics.push(diagnostic("html-chrome-dropped", { count: builder.droppedLines }, null));
  }
  return { format: "html", encoding, blocks, diagnostics };
}

/** Start tags in `html` (a "<" before a letter), counted up to just past `max`. */
function countTags(html: string, max: number): number {
  let count = 0;
  const tag = /<[a-zA-Z]/g;
  while (count <= max && tag.exec(html) !== null) count++;
  return count;
}

/** Elements whose end tag a parser implies (or that have none): they add no depth of their own. */
const SELF_CLOSING = new Set(["p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot", "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"]);

/** The deepest nesting of start and end tags in the raw text (an upper bound of the tree's depth, comments aside). */
function rawDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(\/?)>/g)) {
    if (SELF_CLOSING.has(match[2].toLowerCase()) || match[3] === "/") continue;
    depth = match[1] === "/" ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** Refuses trees deeper than MAX_DEPTH or larger than MAX_HTML_ELEMENTS, walking without recursion. */
function checkShape(tree: Root): void {
  let elements = 0;
  const stack: Array<[Root | Element, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) throw new LedgerInputError("corrupt-html", `the page is nested more than ${MAX_DEPTH} elements deep`);
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (++elements > MAX_HTML_ELEMENTS) throw tooLarge(LIMIT_MESSAGES.htmlElements());
      stack.push([child, depth + 1]);
    }
  }
}

function shiftLines(block: Block): void {
  block.source.line++;
  if (block.source.endLine !== undefined) block.source.endLine++;
  if (block.type === "table") for (const row of block.rows) for (const slot of row) if (slot.kind === "cell") slot.source.line++;
}

interface Line {
  text: string;
  headingLevel: number | null;
}

class HtmlBlockBuilder {
  readonly blocks: Block[] = [];
  droppedLines = 0;
  private lines = 0;
  private tables = 0;
  private current: Line = { text: "", headingLevel: null };
  private related = false;
  /** A list item's number, waiting for the item's first line of text (which may sit in a <p> inside the <li>). */
  private pendingLabel: string | null = null;

  walk(nodes: readonly ElementContent[] | Root["children"]): void {
    for (const node of nodes) {
      if (node.type === "text") this.current.text += node.value;
      else if (node.type === "element") this.element(node);
    }
  }

  private element(element: Element): void {
    if (isChrome(element)) return;
    const tag = element.tagName;
    if (tag === "br") {
      this.current.text += BR;
      return;
    }
    if (tag === "table") {
      this.endParagraph();
      this.table(element);
      return;
    }
    if (tag === "ol" || tag === "ul") {
      this.endParagraph();
      this.list(element);
      return;
    }
    if (!BLOCKS.has(tag)) {
      this.walk(element.children);
      return;
    }
    this.endParagraph();
    const heading = HEADING.exec(tag);
    if (heading) this.current.headingLevel = Number(heading[1]);
    if (tag === "pre") this.current.text += "\u0000pre" + textContent(element) + "\u0000";
    else this.walk(element.children);
    this.endParagraph();
  }

  /** <ol>/<ul>: each item a paragraph; an <ol> item's label is the number a browser renders. */
  private list(list: Element): void {
    const style = /list-style(?:-type)?\s*:\s*([\w-]+)/i.exec(String(list.properties.style ?? ""))?.[1].toLowerCase();
    const numFmt = style !== undefined ? (CSS_LIST_FORMATS[style] ?? null) : list.tagName === "ol" ? (OL_TYPES[String(list.properties.type ?? "1")] ?? "decimal") : null;
    const reversed = list.properties.reversed === true;
    const items = list.children.filter((child) => child.type === "element" && child.tagName === "li");
    let n = Number.isInteger(Number(list.properties.start)) && list.properties.start !== undefined ? Number(list.properties.start) : reversed ? items.length : 1;
    for (const item of list.children) {
      if (item.type !== "element") continue;
      if (item.tagName !== "li") {
        this.element(item);
        continue;
      }
      if (item.properties.value !== undefined && Number.isInteger(Number(item.properties.value))) n = Number(item.properties.value);
      this.endParagraph();
      if (numFmt !== null) this.pendingLabel = listLabel(n, numFmt);
      this.walk(item.children);
      this.endParagraph();
      this.pendingLabel = null;
      n += reversed ? -1 : 1;
    }
  }

  /** Ends the paragraph being gathered: one block per visual line group, whitespace collapsed as a browser does. */
  endParagraph(): void {
    const { headingLevel } = this.current;
    const text = renderText(this.current.text);
    this.current = { text: "", headingLevel: null };
    if (text === "") return;
    const label = this.pendingLabel;
    this.pendingLabel = null;
    if (this.related || RELATED_HEADING.test(text)) {
      this.related = true;
      this.droppedLines += text.split("\n").length;
      return;
    }
    const kept = text.split("\n").filter((line) => !CHROME_LINE.test(line));
    this.droppedLines += text.split("\n").length - kept.length;
    // Pages write one paragraph per <br> line as often as per <p>: each line is a paragraph of its own.
    kept.forEach((line, index) => {
      const block: Paragraph = { type: "paragraph", text: line, label: index === 0 ? label : null, style: null, headingLevel, source: { line: ++this.lines } };
      this.blocks.push(block);
    });
  }

  private table(table: Element): void {
    const rows = rowsOf(table);
    const cells = rows.flatMap((row) => row.children.filter(isCell));
    // A table for page layout: one cell, or cells holding paragraphs, lists or tables of their own.
    if (cells.length <= 1 || cells.some((cell) => holdsBlocks(cell))) {
      for (const row of rows) for (const cell of row.children.filter(isCell)) {
        this.walk(cell.children);
        this.endParagraph();
      }
      return;
    }
    const tableNumber = ++this.tables;
    const firstLine = this.lines + 1;
    this.lines += rows.length;
    const grid = buildGrid(rows, (row, col, cell) => ({
      kind: "cell",
      text: cell === null ? "" : cellText(cell),
      rowSpan: 1,
      colSpan: 1,
      source: { line: firstLine + row, table: tableNumber, row: row + 1, col: col + 1 },
    }));
    if (grid.length === 0) return;
    const source: SourcePosition = { line: firstLine, table: tableNumber };
    if (rows.length > 1) source.endLine = firstLine + rows.length - 1;
    this.blocks.push({ type: "table", rows: grid, source });
  }
}

function isCell(node: ElementContent): node is Element {
  return node.type === "element" && (node.tagName === "td" || node.tagName === "th");
}

/** A cell is layout, not data, when it holds a table, a list or several paragraphs with headings. */
function holdsBlocks(cell: Element): boolean {
  let paragraphs = 0;
  const stack: Element[] = [cell];
  while (stack.length > 0) {
    for (const child of stack.pop()!.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "table" || HEADING.test(child.tagName)) return true;
      if (child.tagName === "p" && ++paragraphs > 12) return true;
      stack.push(child);
    }
  }
  return false;
}

/** A data cell's text: its paragraphs and <br> lines joined with "\n". */
function cellText(cell: Element): string {
  const builder = new HtmlBlockBuilder();
  builder.walk(cell.children);
  builder.endParagraph();
  return builder.blocks.map((block) => (block.type === "paragraph" ? (block.label ?? "") + block.text : "")).join("\n");
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

function span(cell: Element, attribute: "rowSpan" | "colSpan"): number {
  const value = Number(cell.properties[attribute]);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_TABLE_COLUMNS + 1) : 1;
}

/** The HTML table model: rowspan/colspan fill `covered` slots; short rows are padded with empty cells. */
function buildGrid(rows: Element[], makeCell: (row: number, col: number, cell: Element | null) => Cell): GridSlot[][] {
  const grid: (GridSlot | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.children.filter(isCell)) {
      while (grid[r][col] !== undefined) col++;
      // rowspan="0" reaches the end of the table; a span past it is cut there.
      const rowSpan = cell.properties.rowSpan === 0 ? rows.length - r : Math.min(span(cell, "rowSpan"), rows.length - r);
      const colSpan = span(cell, "colSpan");
      if (col + colSpan > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
      const origin = makeCell(r, col, cell);
      origin.rowSpan = rowSpan;
      origin.colSpan = colSpan;
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let c = col; c < col + colSpan; c++) grid[rr][c] = rr === r && c === col ? origin : { kind: "covered", row: r, col };
      }
      col += colSpan;
    }
  });
  const width = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  return grid.map((row, r) => Array.from({ length: width }, (_unused, c) => row[c] ?? makeCell(r, c, null)));
}

function textContent(element: Element): string {
  let text = "";
  for (const child of element.children) {
    if (child.type === "text") text += child.value;
    else if (child.type === "element") text += child.tagName === "br" ? "\n" : textContent(child);
  }
  return text;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** A run of source whitespace: nothing when it is a line break between two Chinese characters, else one space. */
function collapse(run: string, at: number, text: string): string {
  return /[\r\n]/.test(run) && CJK.test(text[at - 1] ?? "") && CJK.test(text[at + run.length] ?? "") ? "" : " ";
}

/**
 * Whitespace as a browser renders it: runs collapse to one space, a source line break between two
 * Chinese characters disappears (CSS Text: segment breaks between CJK are removed), lines are
 * trimmed; <pre> text (between NUL marks) is kept as written. BR marks <br>, which becomes "\n".
 */
function renderText(raw: string): string {
  let out = "";
  raw.split("\u0000").forEach((part, index) => {
    if (index % 2 === 1 && part.startsWith("pre")) out += part.slice(3).replace(/\r\n?/g, "\n");
    else out += part.replace(/[ \t\r\n\f]+/g, collapse).replaceAll(BR, "\n");
  });
  return out
    .split("\n")
    .map(trimSpaces)
    .filter((line) => line !== "")
    .join("\n");
}

const OL_TYPES: Record<string, string> = { "1": "decimal", a: "lowerLetter", A: "upperLetter", i: "lowerRoman", I: "upperRoman" };

/** CSS list-style-type → Word's numFmt names (formatNumber's vocabulary); the suffix is added in listLabel. */
const CSS_LIST_FORMATS: Record<string, string | null> = {
  none: null,
  disc: null,
  circle: null,
  square: null,
  decimal: "decimal",
  "decimal-leading-zero": "decimalZero",
  "lower-alpha": "lowerLetter",
  "lower-latin": "lowerLetter",
  "upper-alpha": "upperLetter",
  "upper-latin": "upperLetter",
  "lower-roman": "lowerRoman",
  "upper-roman": "upperRoman",
  "cjk-ideographic": "chineseCounting",
  "simp-chinese-informal": "chineseCounting",
  "cjk-decimal": "decimal",
};

/** The marker a browser shows for item `n`: "1." for Latin styles, "一、" for Chinese ones. */
function listLabel(n: number, numFmt: string): string {
  const number = isSupportedNumberFormat(numFmt) ? formatNumber(n, numFmt) : String(n);
  return numFmt === "chineseCounting" ? `${number}、` : `${number}.`;
}

const isSpaceOrNbsp = (code: number) => code === 0x20 || code === 0xa0;

/** A line without its edge spaces and no-break spaces, by index: `/[ \u00a0]+$/` costs the square of a long inner run. */
function trimSpaces(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isSpaceOrNbsp(line.charCodeAt(start))) start++;
  while (end > start && isSpaceOrNbsp(line.charCodeAt(end - 1))) end--;
  return line.slice(start, end);
}
