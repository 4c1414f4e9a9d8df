/**
 * The input formats, once, without zod: the importers need the list at run time (`--from`), and
 * parsing a notice never loads zod (≈100 ms). `InputFormat` in blocks.ts is the zod enum of it.
 */
export const INPUT_FORMATS = ["txt", "md", "html", "docx", "doc", "wps", "rtf", "odt", "pdf", "xlsx", "xls", "et"] as const;

/** Extensions read as plain text (`txt`); a file without an extension is read by its content. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(["", ".txt", ".text", ".csv", ".tsv"]);
