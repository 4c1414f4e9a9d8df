import { z } from "zod";
import { INPUT_FORMATS } from "./formats.js";
import { Diagnostic } from "./diagnostics.js";
import { SourcePosition } from "./position.js";

/**
 * The document model every importer produces and the parser reads.
 * Like pandoc's AST or mammoth's document: format-neutral blocks in reading order.
 */

export const Paragraph = z
  .object({
    type: z.literal("paragraph"),
    /** Text as written, without any automatic numbering label. Soft line breaks are "\n". */
    text: z.string(),
    /** The label Word displays for an auto-numbered paragraph ("一、", "（一）", "1."), else null. */
    label: z.string().nullable(),
    /** Paragraph style name or id when the format has one (Word "Heading 1", Markdown "heading"). */
    style: z.string().nullable(),
    /** Outline/heading level (1 = top) when the format says so, else null. */
    headingLevel: z.number().int().min(1).max(9).nullable(),
    source: SourcePosition,
  })
  .strict();
export type Paragraph = z.infer<typeof Paragraph>;

/** An origin cell of the table grid: it may span several rows and columns. */
export const Cell = z
  .object({
    kind: z.literal("cell"),
    /** Paragraphs inside the cell joined with "\n". Auto-numbering labels are prefixed to their paragraph. */
    text: z.string(),
    rowSpan: z.number().int().min(1),
    colSpan: z.number().int().min(1),
    source: SourcePosition,
  })
  .strict();
export type Cell = z.infer<typeof Cell>;

/** A grid slot covered by a merged cell; `row`/`col` (0-based) point at the origin cell. */
export const CoveredCell = z
  .object({
    kind: z.literal("covered"),
    row: z.number().int().min(0),
    col: z.number().int().min(0),
  })
  .strict();
export type CoveredCell = z.infer<typeof CoveredCell>;

export const GridSlot = z.discriminatedUnion("kind", [Cell, CoveredCell]);
export type GridSlot = z.infer<typeof GridSlot>;

/**
 * A table as a full rectangular grid: every row has the same number of slots, and a
 * merged cell appears once (its origin) with `covered` slots where it reaches, so
 * "merged from above" (covered) is never confused with "empty" (a cell with text "").
 */
export const Table = z
  .object({
    type: z.literal("table"),
    rows: z.array(z.array(GridSlot)),
    /**
     * True when the source dropped empty (merged) cells, as web pages rendered "cell | cell |"
     * do, so a cell may sit left of its column: the parser then places cells by their content.
     */
    cellsShifted: z.boolean().optional(),
    source: SourcePosition,
  })
  .strict();
export type Table = z.infer<typeof Table>;

export const Block = z.discriminatedUnion("type", [Paragraph, Table]);
export type Block = z.infer<typeof Block>;

/**
 * What the input file is (not which reader read it: see `via`). Word binary (.doc), WPS (.wps),
 * RTF and OpenDocument are distinct so that a ledger says what the office actually sent.
 */
export const InputFormat = z
  .enum(INPUT_FORMATS)
  .meta({ id: "InputFormat", description: "What the input file is: txt, md, html, docx, doc (Word 97–2003), wps, rtf, odt, pdf, xlsx, xls, et (WPS spreadsheet)." });
export type InputFormat = z.infer<typeof InputFormat>;

export const BlockDocument = z
  .object({
    format: InputFormat,
    /** Text inputs: the encoding the bytes were decoded from (utf-8, utf-16le, utf-16be, gb18030). */
    encoding: z.string().nullable(),
    /** Which reader produced the blocks: ledger's own ("builtin") or a LibreOffice conversion to .docx. */
    via: z.enum(["builtin", "libreoffice"]).optional(),
    blocks: z.array(Block),
    /** What the importer noticed on the way (dropped debris, unreadable parts). */
    diagnostics: z.array(Diagnostic),
  })
  .strict();
export type BlockDocument = z.infer<typeof BlockDocument>;
