import { extname } from "node:path";
import { LedgerInputError } from "../errors.js";
import type { InputFormat } from "../model/blocks.js";

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/** Formats recognised by their first bytes that we cannot read: a one-line reason each. */
const UNSUPPORTED: Array<[(b: Uint8Array) => boolean, string]> = [
  [(b) => ascii(b, 5) === "%PDF-", "PDF is not supported; export the notice as .docx or .txt"],
  [(b) => ascii(b, 5) === "{\\rtf", "RTF is not supported; save it as .docx"],
  [(b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff]) || ascii(b, 4) === "GIF8", "is an image, not a notice"],
  [(b) => startsWith(b, [0x1f, 0x8b]) || ascii(b, 6) === "7z\xbc\xaf\x27\x1c" || ascii(b, 4) === "Rar!", "is a compressed archive, not a notice"],
  [(b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || ascii(b, 2) === "MZ", "is an executable, not a notice"],
];

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TEXT_EXTENSIONS = new Set(["", ".txt", ".text", ".csv", ".tsv"]);
const MARKDOWN_EXTENSIONS = new Set([".md", ".markdown"]);
const WORD_EXTENSIONS = new Set([".docx", ".docm", ".dotx", ".doc", ".wps"]);

/**
 * Choose the importer by content first (zip, OLE, known binary signatures), then by extension
 * for the text family. A file whose content contradicts a Word extension is refused.
 */
export function sniffFormat(bytes: Uint8Array, path: string | null): InputFormat {
  const ext = path ? extname(path).toLowerCase() : "";
  if (bytes.length === 0) throw new LedgerInputError("empty-input", "is empty");
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) return "docx";
  for (const [matches, reason] of UNSUPPORTED) {
    if (matches(bytes)) throw new LedgerInputError("unsupported-format", reason);
  }
  if (WORD_EXTENSIONS.has(ext)) {
    throw new LedgerInputError("not-a-docx", `has a Word extension (${ext}) but is not a Word document (not a zip file)`);
  }
  if (MARKDOWN_EXTENSIONS.has(ext)) return "md";
  if (TEXT_EXTENSIONS.has(ext) || path === null) return "txt";
  // Unknown extensions are read as text when they decode as text; the txt importer refuses binary.
  return "txt";
}
