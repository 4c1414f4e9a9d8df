import { LedgerInputError } from "../errors.js";
import { assertNotBlank } from "./blank.js";
import type { BlockDocument, InputFormat } from "../model/blocks.js";
import { assertWithinLimits, LIMIT_MESSAGES, MAX_INPUT_BYTES, tooLarge } from "./limits.js";
import { sniffFormat } from "./sniff.js";
import { importTxt } from "./txt.js";

export { sniffFormat } from "./sniff.js";
export { importText } from "./txt.js";
export { MAX_INPUT_BYTES } from "./limits.js";

/** Which reader reads the formats that have two: ledger's own, or a LibreOffice conversion to .docx. */
export type ReaderPath = "builtin" | "libreoffice";

export interface ImportOptions {
  /** Forces the format (`--from`) instead of sniffing it. */
  from?: InputFormat | null;
  /** For .doc, .wps, .rtf, .odt: the reader (`--via`); by default LibreOffice when installed, else the built-in reader. */
  via?: ReaderPath | null;
}

/**
 * Bytes → document model, with the importer chosen by sniffing the content (and the path's extension).
 * Inputs past the limits of limits.ts are refused with a "too-large" LedgerInputError.
 */
export async function importBytes(bytes: Uint8Array, path: string | null = null, options: ImportOptions = {}): Promise<BlockDocument> {
  const doc = await importByFormat(bytes, checkedFormat(bytes, path, options), options);
  assertWithinLimits(doc);
  return doc;
}

/**
 * importBytes for plain text (.txt in any of its encodings), synchronously, and null for every other format:
 * the text reader needs no library loaded on demand, so a caller can run it under a synchronous time limit.
 */
export function importPlainText(bytes: Uint8Array, path: string | null = null, options: ImportOptions = {}): BlockDocument | null {
  if (checkedFormat(bytes, path, options) !== "txt") return null;
  const doc = importTxt(bytes);
  assertWithinLimits(doc);
  return doc;
}

function checkedFormat(bytes: Uint8Array, path: string | null, options: ImportOptions): InputFormat {
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(LIMIT_MESSAGES.inputBytes());
  assertNotBlank(bytes);
  return sniffFormat(bytes, path, options.from ?? null);
}

async function importByFormat(bytes: Uint8Array, format: InputFormat, options: ImportOptions): Promise<BlockDocument> {
  switch (format) {
    case "doc":
    case "wps":
    case "rtf":
    case "odt": {
      const { importDocFamily } = await import("./doc-family.js");
      return importDocFamily(bytes, format, options.via ?? null);
    }
    case "html": {
      const { importHtml } = await import("./html.js");
      return importHtml(bytes);
    }
    case "docx": {
      // Loaded on demand: the Word reader costs start-up time the text path never needs.
      const { importDocx } = await import("./docx.js");
      return importDocx(bytes);
    }
    case "md": {
      const { importMarkdown } = await import("./markdown.js");
      return importMarkdown(bytes);
    }
    case "txt":
      return importTxt(bytes);
    case "pdf": {
      // Loaded on demand: pdf.js is the largest reader.
      const { importPdf } = await import("./pdf/index.js");
      return importPdf(bytes);
    }
    case "xlsx": {
      const { importXlsx } = await import("./xlsx.js");
      return importXlsx(bytes);
    }
    case "xls":
    case "et": {
      // Legacy Excel and WPS 表格 have no built-in reader: LibreOffice converts them to .xlsx.
      const [{ convertWithLibreOffice }, { importXlsx }] = await Promise.all([import("./libreoffice.js"), import("./xlsx.js")]);
      const doc = await importXlsx(await convertWithLibreOffice(bytes, format, "xlsx"));
      return { ...doc, format, via: "libreoffice" };
    }
    default:
      throw new LedgerInputError("unsupported-format", `${format} files are not supported yet`);
  }
}
