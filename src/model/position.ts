import { z } from "zod";

/**
 * Where something came from in the input.
 *
 * `line` is always set so every message can be printed as `file:line`:
 * for text inputs (.txt, .md) it is the 1-based physical line; for .docx it is the
 * 1-based ordinal of the block in reading order (each body paragraph and each table
 * row counts as one "line"), and the Word-specific fields say exactly where.
 */
export const SourcePosition = z
  .object({
    line: z.number().int().min(1),
    endLine: z.number().int().min(1).optional(),
    column: z.number().int().min(1).optional(),
    /** PDF: 1-based page number (line is then the line on that page). */
    page: z.number().int().min(1).optional(),
    /** Spreadsheets: the sheet's name. */
    sheet: z.string().optional(),
    /** .docx: 1-based index of the paragraph among all paragraphs of the body (tables included). */
    paragraph: z.number().int().min(1).optional(),
    /** .docx: 1-based index of the table in the document. */
    table: z.number().int().min(1).optional(),
    /** Table cells: 1-based row and column (grid column) of the cell. */
    row: z.number().int().min(1).optional(),
    col: z.number().int().min(1).optional(),
  })
  .strict();
export type SourcePosition = z.infer<typeof SourcePosition>;
