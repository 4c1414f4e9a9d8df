import { LedgerInputError } from "../errors.js";
import type { BlockDocument, InputFormat } from "../model/blocks.js";
import { assertWithinLimits, LIMIT_MESSAGES, MAX_INPUT_BYTES, tooLarge } from "./limits.js";
import { sniffFormat } from "./sniff.js";
import { importTxt } from "./txt.js";

export { sniffFormat } from "./sniff.js";
export { importText } from "./txt.js";
export { MAX_INPUT_BYTES } from "./limits.js";

/**
 * Bytes → document model, with the importer chosen by sniffing the content (and the path's extension).
 * Inputs past the limits of limits.ts are refused with a "too-large" LedgerInputError.
 */
export async function importBytes(bytes: Uint8Array, path: string | null = null): Promise<BlockDocument> {
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(LIMIT_MESSAGES.inputBytes());
  const doc = await importByFormat(bytes, sniffFormat(bytes, path));
  assertWithinLimits(doc);
  return doc;
}

async function importByFormat(bytes: Uint8Array, format: InputFormat): Promise<BlockDocument> {
  switch (format) {
    case "docx": {
      // Loaded on demand: mammoth and its zip reader cost start-up time the text path never needs.
      const { importDocx } = await import("./docx.js");
      return importDocx(bytes);
    }
    case "md": {
      const { importMarkdown } = await import("./markdown.js");
      return importMarkdown(bytes);
    }
    case "txt":
      return importTxt(bytes);
    default:
      throw new LedgerInputError("unsupported-format", `${format} files are not supported yet`);
  }
}
