import type { ParagraphNumberingProperties } from "./docx-numbering.js";
import { walkXml } from "./docx-xml.js";

/**
 * One pass over document.xml that lists the body paragraphs mammoth will produce, in the
 * order mammoth produces them, each with its numbering properties and plain text.
 * The text is only used to check the alignment with mammoth's paragraphs.
 */

export interface DocumentParagraph extends ParagraphNumberingProperties {
  text: string;
}

/** Elements whose children mammoth reads (docx/body-reader.js); anything else is skipped with its subtree. */
const CONTAINERS = new Set([
  "w:body", "w:p", "w:r", "w:hyperlink", "w:tbl", "w:tr", "w:tc", "w:sdtContent", "w:customXml", "w:ins",
  "w:moveTo", "w:object", "w:smartTag", "w:drawing", "w:pict", "v:roundrect", "v:shape", "v:textbox",
  "w:txbxContent", "v:group", "v:rect",
]);

/** Text-bearing leaves, as mammoth renders them (w:sym is left out: its text depends on the font). */
const TEXT_OF_LEAF: Record<string, string> = {
  "w:tab": "\t",
  "w:br": "\n",
  "w:noBreakHyphen": "\u2011",
  "w:softHyphen": "\u00AD",
};

interface Frame {
  name: string;
  /** Whether mammoth reads the children of this element. */
  readsChildren: boolean;
  /** Set on w:p frames that mammoth reads. */
  paragraph: Slot | null;
}

interface Slot extends DocumentParagraph {
  deleted: boolean;
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : null;
}

export function scanDocumentParagraphs(xml: string, partName: string): DocumentParagraph[] {
  const slots: Slot[] = [];
  const stack: Frame[] = [{ name: "", readsChildren: false, paragraph: null }];
  // mammoth joins the content of a paragraph whose mark is deleted to the next paragraph.
  let carriedText = "";
  let inText = false;
  // Index in `stack` of the innermost paragraph mammoth reads, or -1.
  let paragraphDepth = -1;

  walkXml(xml, partName, {
    open(element) {
      const parent = stack[stack.length - 1];
      const name = element.name;
      const isRead =
        (name === "w:body" && parent.name === "w:document") ||
        (parent.readsChildren && (parent.name === "w:sdt" ? name === "w:sdtContent" : CONTAINERS.has(name) || name === "w:sdt" || name in TEXT_OF_LEAF || name === "w:t"));
      const frame: Frame = { name, readsChildren: isRead && (CONTAINERS.has(name) || name === "w:sdt"), paragraph: null };
      stack.push(frame);
      if (isRead && name === "w:p") {
        const slot: Slot = { text: carriedText, styleId: null, numId: null, ilvl: null, deleted: false };
        carriedText = "";
        slots.push(slot);
        frame.paragraph = slot;
        paragraphDepth = stack.length - 1;
        return;
      }
      if (isRead && name === "w:t") inText = paragraphDepth >= 0;
      else if (isRead && name in TEXT_OF_LEAF && paragraphDepth >= 0) stack[paragraphDepth].paragraph!.text += TEXT_OF_LEAF[name];
      if (paragraphDepth >= 0 && stack.length - paragraphDepth <= 4) readParagraphProperty(element.name, element.attribute("val"));
      if (name === "w:del" && stack.length >= 3 && stack[stack.length - 2].name === "w:trPr" && stack[stack.length - 3].name === "w:tr") {
        // mammoth drops a deleted table row with all its paragraphs.
        stack[stack.length - 3].readsChildren = false;
      }
    },
    close(name) {
      const frame = stack.pop();
      if (name === "w:t") inText = false;
      if (frame?.paragraph == null) return;
      if (frame.paragraph.deleted) carriedText += frame.paragraph.text;
      paragraphDepth = -1;
      for (let index = stack.length - 1; index > 0; index--) {
        if (stack[index].paragraph !== null) {
          paragraphDepth = index;
          break;
        }
      }
    },
    text(text) {
      if (inText) stack[paragraphDepth].paragraph!.text += text;
    },
  });
  return slots.filter((slot) => !slot.deleted).map(({ deleted: _deleted, ...paragraph }) => paragraph);

  /** Reads w:pPr/w:pStyle, w:pPr/w:numPr/(w:numId|w:ilvl) and w:pPr/w:rPr/w:del of the current paragraph. */
  function readParagraphProperty(name: string, value: string | undefined): void {
    const slot = stack[paragraphDepth].paragraph!;
    const path = stack.slice(paragraphDepth + 1).map((frame) => frame.name).join("/");
    if (path === "w:pPr/w:pStyle") slot.styleId = value ?? null;
    else if (path === "w:pPr/w:numPr/w:numId") slot.numId = value ?? null;
    else if (path === "w:pPr/w:numPr/w:ilvl") slot.ilvl = integer(value);
    else if (path === "w:pPr/w:rPr/w:del" && name === "w:del") slot.deleted = true;
  }
}
