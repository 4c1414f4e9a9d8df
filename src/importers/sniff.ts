import { extname } from "node:path";
import { LedgerInputError } from "../errors.js";
import type { InputFormat } from "../model/blocks.js";
import { TEXT_EXTENSIONS } from "../model/formats.js";
import { CompoundFile, CompoundFileError, OLE_SIGNATURE } from "./ole/compound-file.js";
import { openZip, type ZipArchive } from "./zip.js";

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/** Formats recognised by their first bytes that are not notices: a one-line reason each, naming the format. */
const UNSUPPORTED: Array<[(b: Uint8Array) => boolean, string]> = [
  [(b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]), "is a PNG image, not a notice"],
  [(b) => startsWith(b, [0xff, 0xd8, 0xff]), "is a JPEG image, not a notice"],
  [(b) => ascii(b, 4) === "GIF8", "is a GIF image, not a notice"],
  [(b) => ascii(b, 2) === "BM" && b.length > 26 && b[14] >= 12 && b[15] === 0, "is a BMP image, not a notice"],
  [(b) => ascii(b, 4) === "II*\0" || ascii(b, 4) === "MM\0*", "is a TIFF image (a scan?), not a notice; it needs OCR first"],
  [(b) => ascii(b, 4) === "RIFF" && ascii(b.subarray(8), 4) === "WEBP", "is a WebP image, not a notice"],
  [(b) => startsWith(b, [0x1f, 0x8b]), "is a gzip archive, not a notice; unpack it first"],
  [(b) => ascii(b, 6) === "7z\xbc\xaf\x27\x1c", "is a 7-Zip archive, not a notice; unpack it first"],
  [(b) => ascii(b, 4) === "Rar!", "is a RAR archive, not a notice; unpack it first"],
  [(b) => ascii(b, 3) === "BZh", "is a bzip2 archive, not a notice; unpack it first"],
  [(b) => startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), "is an xz archive, not a notice; unpack it first"],
  [(b) => b.length > 262 && ascii(b.subarray(257), 5) === "ustar", "is a tar archive, not a notice; unpack it first"],
  [(b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || ascii(b, 2) === "MZ", "is an executable, not a notice"],
  [(b) => ascii(b, 4) === "\xd0\xcf\x11\xe0" && !startsWith(b, OLE_SIGNATURE), "is a damaged OLE file"],
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const MARKDOWN_EXTENSIONS = new Set([".md", ".markdown"]);
const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml"]);
const WORD_EXTENSIONS = new Set([".docx", ".docm", ".dotx", ".doc", ".dot", ".wps", ".wpt"]);
const SPREADSHEET_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".et"]);

/**
 * Chooses the importer by content: zip packages by their entries (docx, xlsx, odt; pptx and
 * others refused by name), OLE files by their streams (Word's WordDocument, Excel's Workbook),
 * PDF and RTF by their signatures, web pages and Markdown by their text; the extension decides
 * only between the text family members the content cannot tell apart. `forced` (`--from`) wins.
 */
export function sniffFormat(bytes: Uint8Array, path: string | null, forced: InputFormat | null = null): InputFormat {
  if (bytes.length === 0) throw new LedgerInputError("empty-input", "is empty");
  if (forced !== null) return forced;
  const ext = path ? extname(path).toLowerCase() : "";
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return sniffZip(bytes, ext);
  if (startsWith(bytes, OLE_SIGNATURE)) return sniffOle(bytes, ext);
  if (looksLikePdf(bytes)) return "pdf";
  if (ascii(bytes, 5) === "{\\rtf") return "rtf";
  for (const [matches, reason] of UNSUPPORTED) {
    if (matches(bytes)) throw new LedgerInputError("unsupported-format", reason);
  }
  const head = textHead(bytes);
  if (looksLikeHtml(head) || looksLikeMhtml(head) || (HTML_EXTENSIONS.has(ext) && /<[a-z!]/i.test(head))) return "html";
  if (WORD_EXTENSIONS.has(ext) || SPREADSHEET_EXTENSIONS.has(ext)) {
    throw new LedgerInputError("not-a-docx", `has an Office extension (${ext}) but is not an Office document (neither a zip nor an OLE file)`);
  }
  if (MARKDOWN_EXTENSIONS.has(ext)) return "md";
  // Standard input and extension-less files say nothing: Markdown is told by its headings and tables.
  if ((path === null || ext === "") && looksLikeMarkdown(head)) return "md";
  if (TEXT_EXTENSIONS.has(ext) || path === null) return "txt";
  // Unknown extensions are read as text when they decode as text; the txt importer refuses binary.
  return "txt";
}

function sniffZip(bytes: Uint8Array, ext: string): InputFormat {
  let zip: ZipArchive;
  try {
    zip = openZip(bytes);
  } catch {
    // A damaged package with an Office extension goes to its reader, which says what is wrong.
    if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
    if (ext === ".odt") return "odt";
    if (ext === ".zip") throw new LedgerInputError("unsupported-format", "is a zip archive, not a notice; unpack it first");
    return "docx";
  }
  const mimetype = zip.has("mimetype") && (zip.declaredSize("mimetype") ?? Infinity) < 200 ? new TextDecoder().decode(zip.read("mimetype")).trim() : "";
  if (zip.has("word/document.xml")) return "docx";
  if (zip.has("xl/workbook.xml")) return "xlsx";
  if (mimetype === "application/vnd.oasis.opendocument.text") return "odt";
  if (zip.has("ppt/presentation.xml")) throw unsupported("is a PowerPoint presentation (.pptx), not a notice; save the notice as .docx");
  if (mimetype.startsWith("application/vnd.oasis.opendocument.spreadsheet")) throw unsupported("is an OpenDocument spreadsheet (.ods); save it as .xlsx");
  if (mimetype.startsWith("application/vnd.oasis.opendocument.presentation")) throw unsupported("is an OpenDocument presentation (.odp), not a notice");
  if (mimetype.startsWith("application/vnd.oasis.opendocument")) throw unsupported(`is an OpenDocument file of another kind (${mimetype})`);
  if (mimetype === "application/epub+zip") throw unsupported("is an EPUB book, not a notice");
  if (zip.has("[Content_Types].xml") && WORD_EXTENSIONS.has(ext)) return "docx";
  if (zip.has("[Content_Types].xml")) throw unsupported("is an Office package that is neither a Word document nor a workbook");
  if (WORD_EXTENSIONS.has(ext)) return "docx";
  throw unsupported("is a zip archive, not a notice; unpack it first");
}

function sniffOle(bytes: Uint8Array, ext: string): InputFormat {
  let streams: string[];
  try {
    streams = new CompoundFile(bytes).topLevelStreams();
  } catch (error) {
    // A container we cannot even list is no Word document LibreOffice could read either; a workbook goes to its reader.
    if (ext === ".xls" || ext === ".et") return ext === ".et" ? "et" : "xls";
    throw new LedgerInputError("corrupt-doc", `is a damaged OLE file (Word/WPS binary): it ${error instanceof CompoundFileError ? error.message : "has a malformed header"}`);
  }
  if (streams.includes("WordDocument")) return ext === ".wps" || ext === ".wpt" ? "wps" : "doc";
  if (streams.includes("Workbook") || streams.includes("Book")) return ext === ".et" ? "et" : "xls";
  // An encrypted .docx/.xlsx is an OLE file holding the encrypted package: its reader says so.
  if (streams.includes("EncryptedPackage")) return SPREADSHEET_EXTENSIONS.has(ext) ? "xlsx" : "docx";
  if (streams.includes("PowerPoint Document")) throw unsupported("is a PowerPoint presentation (.ppt), not a notice; save the notice as .docx");
  throw unsupported("is an OLE compound file that holds neither a Word document nor a workbook");
}

/**
 * `%PDF-` at the start, or (as PDF readers accept) within the first KB when the file also ends
 * like a PDF: a download saved with a few bytes of junk before the header is still a PDF.
 */
function looksLikePdf(bytes: Uint8Array): boolean {
  if (ascii(bytes, 5) === "%PDF-") return true;
  return latin1(bytes.subarray(0, 1024)).includes("%PDF-") && latin1(bytes.subarray(Math.max(0, bytes.length - 1024))).includes("%%EOF");
}

/** Bytes as Latin-1 through Buffer, whose one-byte decoder is far cheaper than TextDecoder's windows-1252 through ICU. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

function unsupported(reason: string): LedgerInputError {
  return new LedgerInputError("unsupported-format", reason);
}

/** The first few KB as text: UTF-16 by its byte-order mark, otherwise bytes as Latin-1 (enough for tags). */
function textHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be").decode(head.subarray(2));
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return latin1(head.subarray(start));
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|base|link|style|script)\b/i;

export function looksLikeHtml(head: string): boolean {
  return HTML_START.test(head);
}

/** A web page saved as one file (.mht): a MIME message whose root part is HTML. */
export function looksLikeMhtml(head: string): boolean {
  return /^(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*?MIME-Version:/i.test(head) && /content-type:\s*multipart\/related/i.test(head);
}

const ATX_HEADING = /^#{1,6}[ \t]+\S/m;
const TABLE_DELIMITER = /^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m;

function looksLikeMarkdown(head: string): boolean {
  return ATX_HEADING.test(head) || TABLE_DELIMITER.test(head);
}
