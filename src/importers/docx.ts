import type { BlockDocument } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { readBody, type BodyReadResult, type ReadParagraph } from "./docx-body.js";
import { NumberingCounter, parseNumbering } from "./docx-numbering.js";
import { DocxPackage } from "./docx-package.js";
import { parseStyleSheet } from "./docx-styles.js";

/**
 * Imports a .docx in one pass per part: styles.xml and numbering.xml first (small), then one
 * streaming read of document.xml that yields the blocks with their numbering labels. Hostile
 * or broken packages end in a one-line LedgerInputError.
 */
export async function importDocx(bytes: Uint8Array): Promise<BlockDocument> {
  const { body, diagnostics } = read(bytes);
  return { format: "docx", encoding: null, blocks: body.blocks, diagnostics };
}

/** Every paragraph of the body in reading order (table cells and text boxes included) with its label. */
export function readDocxParagraphs(bytes: Uint8Array): ReadParagraph[] {
  return read(bytes).body.paragraphs;
}

function read(bytes: Uint8Array): { body: BodyReadResult; diagnostics: Diagnostic[] } {
  const docx = DocxPackage.open(bytes);
  const paths = docx.partPaths();
  const documentXml = docx.xml(paths.mainDocument);
  if (documentXml === null) throw new Error("unreachable: partPaths checks the main document");
  const styles = parseStyleSheet(docx.xml(paths.styles), paths.styles);
  const numbering = parseNumbering(docx.xml(paths.numbering), paths.numbering);
  const counter = numbering.instances.size > 0 ? new NumberingCounter(numbering, styles) : null;
  const body = readBody(documentXml, paths.mainDocument, styles, counter);

  const diagnostics: Diagnostic[] = [...body.diagnostics];
  if (numbering.absurdValues.length > 0) {
    const shown = numbering.absurdValues.slice(0, 3).join(", ");
    diagnostics.push(diagnostic("docx-numbering-start-clamped", { values: `${shown}${numbering.absurdValues.length > 3 ? ", …" : ""}` }, null));
  }
  for (const numFmt of counter?.unsupportedFormats ?? []) {
    diagnostics.push(diagnostic("docx-numbering-format", { format: numFmt.slice(0, 40) }, null));
  }
  if (body.noteReferences > 0) {
    diagnostics.push(diagnostic("docx-notes-ignored", { count: body.noteReferences }, null));
  }
  return { body, diagnostics };
}
