import type { List, ListItem, Nodes, Root, Table as MdTable } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Block, BlockDocument, GridSlot, Paragraph } from "../model/blocks.js";
import { decodeText } from "./decode.js";

const processor = unified().use(remarkParse).use(remarkGfm);

export function importMarkdown(bytes: Uint8Array): BlockDocument {
  const { text, encoding } = decodeText(bytes);
  return { ...importMarkdownText(text), encoding };
}

/** Markdown → blocks: headings and paragraphs, ordered-list items with their numbers as labels, GFM tables. */
export function importMarkdownText(text: string): BlockDocument {
  const tree = processor.parse(text) as Root;
  const blocks: Block[] = [];
  for (const node of tree.children) visit(node, blocks, text);
  return { format: "md", encoding: null, blocks, diagnostics: [] };
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
  const width = Math.max(...node.children.map((r) => r.children.length));
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
