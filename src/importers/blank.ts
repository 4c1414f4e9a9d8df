import { LedgerInputError } from "../errors.js";

/** Bytes that could be white space in UTF-8, UTF-16 or GB18030: spaces, tabs, line breaks, BOMs, U+3000, U+00A0. */
const MAYBE_BLANK = new Set([0x00, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xe3, 0x80, 0x30, 0xc2, 0xa0, 0xa1]);
const ASCII_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/**
 * A notice of white space only is empty, like a file of no bytes: both are refused with
 * `empty-input` rather than one of them giving an empty ledger. The byte scan stops at the first
 * byte that cannot be white space, so only a file that may be blank is decoded.
 */
export function assertNotBlank(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0 || !bytes.every((b) => MAYBE_BLANK.has(b))) return bytes;
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  const text = new TextDecoder(utf16 ?? "utf-8").decode(bytes);
  if (/^[\s\ufeff]*$/.test(text) || (utf16 === null && isGb18030Blank(bytes))) {
    throw new LedgerInputError("empty-input", "is empty (only white space)");
  }
  return bytes;
}

/** GB18030 writes the ideographic space as A1 A1, which is not UTF-8. */
function isGb18030Blank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0xa1 && bytes[i + 1] === 0xa1) i++;
    else if (!ASCII_SPACE.has(bytes[i])) return false;
  }
  return true;
}
