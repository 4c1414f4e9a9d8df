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
  for (const node of tree.children) visit(node, blocks);
  return { format: "md", encoding: null, blocks, diagnostics: [] };
}

function visit(node: Nodes, blocks: Block[]): void {
  switch (node.type) {
    case "heading":
      blocks.push(para(inlineText(node), node.position?.start.line, `heading ${node.depth}`, node.depth));
      return;
    case "paragraph":
      blocks.push(para(inlineText(node), node.position?.start.line, null, null));
      return;
    case "list":
      visitList(node, blocks);
      return;
    case "table":
      blocks.push(table(node));
      return;
    case "blockquote":
      for (const child of node.children) visit(child, blocks);
      return;
    case "code":
      blocks.push(para(node.value, node.position?.start.line, "code", null));
      return;
    default:
      return;
  }
}

function visitList(list: List, blocks: Block[]): void {
  const start = list.start ?? 1;
  list.children.forEach((item: ListItem, idx) => {
    const label = list.ordered ? `${start + idx}.` : null;
    const [first, ...rest] = item.children;
    if (first?.type === "paragraph") {
      const p = para(inlineText(first), first.position?.start.line, list.ordered ? "ordered list" : "bullet list", null);
      p.label = label;
      blocks.push(p);
    } else if (first) {
      visit(first, blocks);
    }
    for (const child of rest) visit(child, blocks);
  });
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
