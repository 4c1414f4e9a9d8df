import { z } from "zod";

/** Where something came from in the input (its description is the JSON Schema's, from `.meta()`). */
export const SourcePosition = z
  .object({
    line: z
      .number()
      .int()
      .min(1)
      .describe(
        "Always set, so that every message can be printed as file:line. Text inputs (.txt, .md): the 1-based physical line. " +
          ".docx: the 1-based ordinal of the block in reading order (each body paragraph and each table row counts as one line); the Word fields say exactly where.",
      ),
    endLine: z.number().int().min(1).optional().describe("The last line, when the item spans several."),
    column: z.number().int().min(1).optional().describe("1-based column (character) in the line, when known."),
    page: z.number().int().min(1).optional().describe("PDF: 1-based page number (line is then the line on that page)."),
    sheet: z.string().optional().describe("Spreadsheets: the sheet's name."),
    paragraph: z.number().int().min(1).optional().describe(".docx: 1-based index of the paragraph among all paragraphs of the body (tables included)."),
    excerpt: z
      .string()
      .optional()
      .describe(".docx: the first characters of that paragraph (label included), so a message can say where a person finds it: ¶25 “（2）建立协同联动机制…”."),
    table: z.number().int().min(1).optional().describe(".docx: 1-based index of the table in the document."),
    row: z.number().int().min(1).optional().describe("Table cells: 1-based row and column (grid column) of the cell."),
    col: z.number().int().min(1).optional().describe("Table cells: 1-based grid column of the cell."),
  })
  .strict()
  .meta({ id: "SourcePosition", description: "Where something came from in the input." });
export type SourcePosition = z.infer<typeof SourcePosition>;
