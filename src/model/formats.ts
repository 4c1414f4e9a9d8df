/**
 * The input formats, once, without zod: the importers need the list at run time (`--from`), and
 * parsing a notice never loads zod (≈100 ms). `InputFormat` in blocks.ts is the zod enum of it.
 */
export const INPUT_FORMATS = ["txt", "md", "html", "docx", "doc", "wps", "rtf", "odt", "pdf", "xlsx", "xls", "et"] as const;
