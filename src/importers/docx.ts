import { LedgerInputError } from "../errors.js";
import type { Block, BlockDocument } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { labelsOfProduced } from "./docx-align.js";
import { blocksFromHtml, type ParagraphFacts } from "./docx-html.js";
import { convertMarked } from "./docx-mammoth.js";
import { NumberingCounter, parseNumbering, parseStyleSheet } from "./docx-numbering.js";
import { DocxPackage } from "./docx-package.js";
import { scanDocumentParagraphs } from "./docx-paragraphs.js";

/**
 * Imports a .docx: mammoth gives the text and the table structure, our own passes over
 * numbering.xml, styles.xml and document.xml give the automatic numbering labels mammoth
 * drops. Hostile or broken packages end in a one-line LedgerInputError.
 */
export async function importDocx(bytes: Uint8Array): Promise<BlockDocument> {
  const docx = DocxPackage.open(bytes);
  const paths = docx.partPaths();
  // mammoth first: it reads (and caches) the parts our passes need, and refuses absurd nesting before they run.
  const conversion = await convertMarked(docx);
  const documentXml = docx.xml(paths.mainDocument)!;
  const counter = new NumberingCounter(
    parseNumbering(docx.xml(paths.numbering), paths.numbering),
    parseStyleSheet(docx.xml(paths.styles), paths.styles),
  );
  // With no w:numPr in the body and no numbering on styles no paragraph has a label: skip the pass.
  const mayHaveLabels = counter.stylesCarryNumbering || documentXml.includes("numPr");
  const scanned = mayHaveLabels ? scanDocumentParagraphs(documentXml, paths.mainDocument) : [];
  const scannedLabels = scanned.map((paragraph) => counter.next(paragraph));

  const diagnostics: Diagnostic[] = [];
  const labels = mayHaveLabels
    ? labelsOfProduced(
        conversion.paragraphs.map((paragraph) => paragraph.text),
        scanned.map((paragraph) => paragraph.text),
        scannedLabels,
      )
    : [];
  if (labels === null) {
    diagnostics.push(diagnostic("docx-numbering-unaligned", {}, null));
  }
  for (const numFmt of counter.unsupportedFormats) {
    diagnostics.push(diagnostic("docx-numbering-format", { format: numFmt }, null));
  }
  if (conversion.noteReferences > 0) {
    diagnostics.push(diagnostic("docx-notes-ignored", { count: conversion.noteReferences }, null));
  }

  const facts: ParagraphFacts[] = conversion.paragraphs.map((paragraph, index) => ({
    label: labels?.[index] ?? null,
    style: paragraph.style,
  }));
  return { format: "docx", encoding: null, blocks: walkHtml(conversion.html, facts), diagnostics };
}

function walkHtml(html: string, facts: readonly ParagraphFacts[]): Block[] {
  try {
    return blocksFromHtml(html, facts);
  } catch (error) {
    // Recursion over the HTML tree is bounded by the call stack; absurd nesting ends here.
    if (error instanceof RangeError) throw new LedgerInputError("corrupt-docx", "the document is nested too deeply to read");
    throw error;
  }
}
