import mammoth from "mammoth";
import { LedgerInputError } from "../errors.js";
import type { DocxPackage } from "./docx-package.js";
import { oneLine } from "./docx-xml.js";

/**
 * Runs mammoth once, with a document transform that tags every body paragraph with a
 * marker carrying its ordinal, so the HTML can be tied back to paragraphs (for labels,
 * styles and positions) without a second conversion.
 */

/** Markers are Unicode interlinear-annotation characters: never typed, kept by the HTML round trip. */
const MARK_START = "\uFFF9";
const MARK_END = "\uFFFB";
const MARK_CHARACTERS = /[\uFFF9-\uFFFB]/g;
export const PARAGRAPH_MARK = new RegExp(`${MARK_START}(\\d+)${MARK_END}`, "g");

/** The parts of mammoth's document model (lib/documents.js) the transform touches. */
interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: unknown;
}

export interface ProducedParagraph {
  /** Plain text as mammoth has it, to align with our own document.xml pass. */
  text: string;
  /** Paragraph style name, else style id, else null. */
  style: string | null;
}

export interface MarkedConversion {
  html: string;
  paragraphs: ProducedParagraph[];
  /** Footnote/endnote references removed from the text (notes are not imported). */
  noteReferences: number;
}

/** Content that would add text or cost but no paragraph text of the notice itself. */
const DROPPED_TYPES = new Set(["noteReference", "commentReference", "image"]);

function markParagraphs(document: MammothNode, paragraphs: ProducedParagraph[]): number {
  let noteReferences = 0;
  const textOf = (node: MammothNode): string => {
    if (node.type === "text") return node.value ?? "";
    if (node.type === "tab") return "\t";
    return (node.children ?? []).map(textOf).join("");
  };
  const visit = (node: MammothNode): void => {
    if (node.children === undefined) return;
    node.children = node.children.filter((child) => {
      if (child.type === "noteReference") noteReferences++;
      return !DROPPED_TYPES.has(child.type);
    });
    for (const child of node.children) {
      // A document cannot smuggle a marker in: strip the marker characters from its text.
      if (child.type === "text" && child.value !== undefined) child.value = child.value.replace(MARK_CHARACTERS, "");
      if (child.type !== "paragraph") {
        visit(child);
        continue;
      }
      visit(child);
      const ordinal = paragraphs.length;
      paragraphs.push({ text: textOf(child), style: child.styleName ?? child.styleId ?? null });
      // Lists are rendered as labels of our own; mammoth's <ol>/<ul> nesting would only get in the way.
      child.numbering = null;
      child.children!.unshift({ type: "text", value: `${MARK_START}${ordinal}${MARK_END}` });
    }
  };
  visit(document);
  return noteReferences;
}

export async function convertMarked(docx: DocxPackage): Promise<MarkedConversion> {
  const paragraphs: ProducedParagraph[] = [];
  let noteReferences = 0;
  // mammoth accepts an opened package as `{ file }` (lib/unzip.js) though its typings only list paths and buffers.
  const input = { file: docx.asMammothFile() } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
  try {
    const result = await mammoth.convertToHtml(input, {
      includeEmbeddedStyleMap: false,
      includeDefaultStyleMap: false,
      transformDocument: (document: MammothNode) => {
        noteReferences = markParagraphs(document, paragraphs);
        return document;
      },
    });
    return { html: result.value, paragraphs, noteReferences };
  } catch (error) {
    if (error instanceof LedgerInputError) throw error;
    // mammoth walks the XML tree recursively; absurd nesting exhausts the stack.
    if (error instanceof RangeError) throw new LedgerInputError("corrupt-docx", "the document is nested too deeply to read");
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerInputError("corrupt-docx", `Word document could not be read (${oneLine(reason)})`);
  }
}
