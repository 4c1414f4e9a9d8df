import type { List, ListItem, Nodes, Root, Table as MdTable } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Block, BlockDocument, GridSlot, Paragraph } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import { decodeText } from "./decode.js";
import { assertTextWithinLimits, countLines } from "./limits.js";
import { importText } from "./txt.js";

const processor = unified().use(remarkParse).use(remarkGfm);

export function importMarkdown(bytes: Uint8Array): BlockDocument {
  const { text, encoding } = decodeText(bytes);
  return { ...importMarkdownText(text), encoding };
}

/**
 * What remark (micromark) reads in bounded time. Its inline parser is quadratic in the number of
 * emphasis, link and autolink delimiters of one paragraph, its container parser costs the square of
 * the nesting depth per line, and each line costs ~0.1 ms: a 40 KB paragraph of "*_" takes
 * 12 s and 2,000 nested list levels take 50 s. Notices never come near these bounds; past them the
 * text is read by the plain-text importer (linear), which keeps every word and most of the shape
 * (labels, "| cell |" tables).
 */
const MARKDOWN_MAX_CHARS = 512 * 1024;
const MARKDOWN_MAX_LINES = 10_000;
/** Delimiters the inline parser pairs up (* _ ~ [ ] < > `), per paragraph (run of non-blank lines). */
const MARKDOWN_MAX_DELIMITERS = 1_000;
/** Container nesting per line: leading columns of indentation, and > / list markers. */
const MARKDOWN_MAX_INDENT = 64;
const MARKDOWN_MAX_CONTAINERS = 16;

const DELIMITER = new Set([..."*_~[]<>`"]);

/** Why `text` is not safe to give remark, or null. Linear in the text. */
function markdownHazard(text: string): string | null {
  if (text.length > MARKDOWN_MAX_CHARS) return `it is longer than ${MARKDOWN_MAX_CHARS / 1024} K characters`;
  if (countLines(text, MARKDOWN_MAX_LINES) > MARKDOWN_MAX_LINES) return `it has more than ${MARKDOWN_MAX_LINES} lines`;
  let delimiters = 0;
  for (const line of text.split(/\r\n?|\n/)) {
    if (line.trim() === "") {
      delimiters = 0;
      continue;
    }
    for (const c of line) if (DELIMITER.has(c)) delimiters++;
    if (delimiters > MARKDOWN_MAX_DELIMITERS) return `a paragraph has more than ${MARKDOWN_MAX_DELIMITERS} emphasis, link or HTML delimiters`;
    if (containerDepth(line) > MARKDOWN_MAX_CONTAINERS) return "it nests lists or quotes too deeply";
  }
  return null;
}

/** Columns of leading indentation (a TAB counts 4) plus one per leading > or list marker, past the limit → Infinity. */
function containerDepth(line: string): number {
  let columns = 0;
  let markers = 0;
  let at = 0;
  while (at < line.length) {
    const c = line[at];
    if (c === " ") columns++;
    else if (c === "\t") columns += 4;
    else if (c === ">") markers++;
    else if ((c === "-" || c === "*" || c === "+") && (line[at + 1] === " " || line[at + 1] === "\t")) markers++;
    else {
      const ordered = /^\d{1,9}[.)][ \t]/.exec(line.slice(at, at + 12));
      if (ordered === null) break;
      markers++;
      at += ordered[0].length - 1;
    }
    if (columns > MARKDOWN_MAX_INDENT) return Infinity;
    at++;
  }
  return markers;
}

/** Markdown → blocks: headings and paragraphs, ordered-list items with their numbers as labels, GFM tables. */
export function importMarkdownText(text: string): BlockDocument {
  assertTextWithinLimits(text);
  const hazard = markdownHazard(text);
  if (hazard !== null) return asPlainText(text, `the Markdown was read as plain text: ${hazard}`);
  try {
    const tree = processor.parse(text) as Root;
    const blocks: Block[] = [];
    for (const node of tree.children) visit(node, blocks, text);
    return { format: "md", encoding: null, blocks, diagnostics: [] };
  } catch (error) {
    // Recursion over the tree is bounded by the call stack; nesting that exhausts it ends here.
    if (error instanceof RangeError) return asPlainText(text, "it nests too deeply");
    throw error;
  }
}

function asPlainText(text: string, reason: string): BlockDocument {
  const doc = importText(text);
  return { ...doc, format: "md", diagnostics: [diagnostic("markdown-read-as-text", { reason }, null), ...doc.diagnostics] };
}

function visit(node: Nodes, blocks: Block[], source: string): void {
  switch (node.type) {
    case "heading":
      blocks.push(para(inlineText(node), node.position?.start.line, `heading ${node.depth}`, node.depth));
      return;
    case "paragraph":
      blocks.push(para(inlineText(node), node.position?.start.line, null, null));
      return;
    case "list":
      visitList(node, blocks, source);
      return;
    case "table":
      blocks.push(table(node));
      return;
    case "blockquote":
      for (const child of node.children) visit(child, blocks, source);
      return;
    case "code":
      blocks.push(para(node.value, node.position?.start.line, "code", null));
      return;
    default:
      return;
  }
}

function visitList(list: List, blocks: Block[], source: string): void {
  const start = list.start ?? 1;
  list.children.forEach((item: ListItem, idx) => {
    const label = list.ordered ? writtenNumber(item, source) ?? `${start + idx}.` : null;
    const [first, ...rest] = item.children;
    if (first?.type === "paragraph") {
      const p = para(inlineText(first), first.position?.start.line, list.ordered ? "ordered list" : "bullet list", null);
      p.label = label;
      blocks.push(p);
    } else if (first) {
      visit(first, blocks, source);
    }
    for (const child of rest) visit(child, blocks, source);
  });
}

/** CommonMark renumbers items after the first; a notice's "1. 2. 5." must keep the numbers as written. */
function writtenNumber(item: ListItem, source: string): string | null {
  const offset = item.position?.start.offset;
  if (offset === undefined) return null;
  const m = /^[ \t]*(\d{1,9})([.)])/.exec(source.slice(offset, offset + 16));
  return m ? `${Number(m[1])}${m[2]}` : null;
}

function para(text: string, line: number | undefined, style: string | null, headingLevel: number | null): Paragraph {
  return { type: "paragraph", text: text.trim(), label: null, style, headingLevel, source: { line: line ?? 1 } };
}

function inlineText(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  if (node.type === "break") return "\n";
  if ("children" in node) return (node.children as Nodes[]).map(inlineText).join("");
  return "";
}

function table(node: MdTable): Block {
  const width = node.children.reduce((widest, r) => Math.max(widest, r.children.length), 0);
  const rows: GridSlot[][] = node.children.map((row, r) =>
    Array.from({ length: width }, (_, c) => {
      const cell = row.children[c];
      return {
        kind: "cell" as const,
        text: cell ? inlineText(cell).trim() : "",
        rowSpan: 1,
        colSpan: 1,
        source: { line: cell?.position?.start.line ?? row.position?.start.line ?? 1, row: r + 1, col: c + 1 },
      };
    }),
  );
  return { type: "table", rows, source: { line: node.position?.start.line ?? 1 } };
}
