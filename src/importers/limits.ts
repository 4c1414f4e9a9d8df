import { LedgerInputError } from "../errors.js";
import type { BlockDocument } from "../model/blocks.js";

/**
 * The limits that keep time and memory bounded on any input. Real notices are far below every
 * one of them (a long 台账 has a few thousand paragraphs and cells); past them an input is refused
 * with a one-line "too-large" error rather than read. Memory and time grow with the number of
 * paragraphs, cells and tasks more than with bytes (1 MB of "1.任" lines is 170,000 tasks), so
 * those counts are capped, not only the byte size. At the caps a parse to JSON stays under ~2 s
 * and ~250 MB, and to Excel under ~6 s and ~450 MB.
 */

/** Inputs above this size are refused before they are read (a .docx may carry large images). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Paragraphs, table cells and the lines inside them, after import (and paragraphs of a .docx before it). */
export const MAX_BLOCKS = 20_000;
/** Tasks of one ledger: each costs ~40 KB in the Excel writer (10,000 tasks: ~6 s, ~450 MB). */
export const MAX_TASKS = 10_000;
/** Characters of text, in a text file or in the paragraphs and cells of any input (~130 bytes of memory each at worst). */
export const MAX_TEXT_CHARS = 3_000_000;
/** Lines of a text or Markdown file (blank ones included), checked before they are split. */
export const MAX_TEXT_LINES = 200_000;
/** Columns of one table (Word itself stops at 63). */
export const MAX_TABLE_COLUMNS = 256;
/** One XML part of a .docx, uncompressed, checked against the zip directory before inflating. */
export const MAX_XML_PART_BYTES = 16 * 1024 * 1024;
/** XML elements of one part of a .docx, counted as the streaming read goes (it stops past the limit). */
export const MAX_XML_ELEMENTS = 150_000;
/** Pages of a PDF (a long notice with its annexes has a few hundred). */
export const MAX_PDF_PAGES = 2_000;
/** Objects of a PDF, counted in its bytes before pdf.js parses it. */
export const MAX_PDF_OBJECTS = 500_000;
/** One PDF stream, decoded (pdf.js inflates a stream whole, in memory). */
export const MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024;
/** All the compressed streams of a PDF, decoded. */
export const MAX_PDF_DECODED_BYTES = 256 * 1024 * 1024;
/** Reading a PDF's pages (checked between pages): a real notice takes well under a second. */
export const MAX_PDF_READ_MS = 30_000;
/**
 * One LibreOffice conversion (.doc, .rtf, .odt → .docx): a cold start takes a few seconds, a long
 * notice ~10 s. Below the CLI's default 60 s per file, so that a stuck conversion is reported as such.
 */
export const LIBREOFFICE_TIMEOUT_MS = 50_000;
/** Elements of a web page, counted while its tree is walked (a real page has a few thousand). */
export const MAX_HTML_ELEMENTS = 200_000;

const thousands = (n: number) => n.toLocaleString("en-US");
const megabytes = (n: number) => `${n / 1024 / 1024} MB`;

export function tooLarge(what: string): LedgerInputError {
  return new LedgerInputError("too-large", what);
}

export const LIMIT_MESSAGES = {
  inputBytes: () => `is larger than the ${megabytes(MAX_INPUT_BYTES)} input limit`,
  blocks: () => `has more than ${thousands(MAX_BLOCKS)} paragraphs and table cells (the limit); split the notice`,
  tasks: () => `has more than ${thousands(MAX_TASKS)} tasks (the limit); split the notice`,
  textLines: () => `has more than ${thousands(MAX_TEXT_LINES)} lines (the limit); split the notice`,
  textChars: () => `has more than ${thousands(MAX_TEXT_CHARS)} characters of text (the limit); split the notice`,
  tableColumns: () => `has a table wider than ${MAX_TABLE_COLUMNS} columns (the limit)`,
  xmlPartBytes: (part: string) => `${part} is larger than the ${megabytes(MAX_XML_PART_BYTES)} limit for one part of a .docx`,
  htmlElements: () => `has more than ${thousands(MAX_HTML_ELEMENTS)} HTML elements (the limit)`,
  pdfPages: () => `has more than ${thousands(MAX_PDF_PAGES)} pages (the limit for a PDF); split the notice`,
  pdfObjects: () => `has more than ${thousands(MAX_PDF_OBJECTS)} objects (the limit for a PDF)`,
  pdfStream: () => `has a stream that decodes to more than ${megabytes(MAX_PDF_STREAM_BYTES)} (the limit for a PDF)`,
  pdfDecoded: () => `has streams that decode to more than ${megabytes(MAX_PDF_DECODED_BYTES)} in all (the limit for a PDF)`,
  pdfTime: () => `took longer than ${MAX_PDF_READ_MS / 1000} s to read (the limit for a PDF)`,
  xmlElements: (part: string) => `${part} has more than ${thousands(MAX_XML_ELEMENTS)} XML elements (the limit)`,
  xmlParagraphs: (part: string) => `${part} has more than ${thousands(MAX_BLOCKS)} paragraphs (the limit); split the notice`,
};

/** Counts what the parser will work through; refuses a document model past MAX_BLOCKS or MAX_TABLE_COLUMNS. */
export function assertWithinLimits(doc: BlockDocument): void {
  let units = 0;
  let chars = 0;
  const lines = (text: string) => {
    chars += text.length;
    let count = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
    return count;
  };
  for (const block of doc.blocks) {
    if (block.type === "paragraph") {
      units += lines(block.text);
    } else {
      for (const row of block.rows) {
        if (row.length > MAX_TABLE_COLUMNS) throw tooLarge(LIMIT_MESSAGES.tableColumns());
        for (const slot of row) units += slot.kind === "cell" ? lines(slot.text) : 1;
        if (units > MAX_BLOCKS) break;
      }
    }
    if (units > MAX_BLOCKS) throw tooLarge(LIMIT_MESSAGES.blocks());
    if (chars > MAX_TEXT_CHARS) throw tooLarge(LIMIT_MESSAGES.textChars());
  }
}

/** Refuses text past MAX_TEXT_CHARS or MAX_TEXT_LINES before it is split into lines. */
export function assertTextWithinLimits(text: string): void {
  if (text.length > MAX_TEXT_CHARS) throw tooLarge(LIMIT_MESSAGES.textChars());
  if (countLines(text, MAX_TEXT_LINES) > MAX_TEXT_LINES) throw tooLarge(LIMIT_MESSAGES.textLines());
}

/** Lines in `text`, counted without splitting it; stops counting past `max`. */
export function countLines(text: string, max: number): number {
  let count = 1;
  for (let at = text.indexOf("\n"); at >= 0 && count <= max; at = text.indexOf("\n", at + 1)) count++;
  if (count <= max) {
    // Old Mac line ends: a file of CRs alone is as many lines.
    let crs = 1;
    for (let at = text.indexOf("\r"); at >= 0 && crs <= max; at = text.indexOf("\r", at + 1)) crs++;
    count = Math.max(count, crs);
  }
  return count;
}
