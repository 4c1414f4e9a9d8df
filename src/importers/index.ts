import { LedgerInputError } from "../errors.js";
import type { BlockDocument, InputFormat } from "../model/blocks.js";
import { sniffFormat } from "./sniff.js";
import { importTxt } from "./txt.js";

export { sniffFormat } from "./sniff.js";
export { importText } from "./txt.js";

/** Inputs above this size are refused rather than read: real notices are well under 1 MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Bytes → document model, with the importer chosen by sniffing the content (and the path's extension). */
export async function importBytes(bytes: Uint8Array, path: string | null = null): Promise<BlockDocument> {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new LedgerInputError("too-large", `is larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MB input limit`);
  }
  const format: InputFormat = sniffFormat(bytes, path);
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
  }
}
