import { isUtf8, transcode } from "node:buffer";
import { createRequire } from "node:module";
import type IconvLite from "iconv-lite";
import { LedgerInputError } from "../errors.js";

/** iconv-lite takes ~20 ms to load: only UTF-16 and GB18030 need it, UTF-8 (the usual case and the cold start) never does. */
const iconv = (): typeof IconvLite => createRequire(import.meta.url)("iconv-lite") as typeof IconvLite;

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
}

/**
 * Strict UTF-8, about ten times faster than a fatal TextDecoder on Chinese text (Node 20 decodes
 * UTF-8 into a string one character at a time): simdutf validates, ICU transcodes to UTF-16 in
 * one call, and a UTF-16 buffer becomes a string by copying. Null when the bytes are not UTF-8.
 */
function strictUtf8(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  return transcode(bytes, "utf8", "utf16le").toString("utf16le");
}

const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** UTF-8 as TextDecoder reads it (a leading BOM dropped, bad bytes as U+FFFD), on strictUtf8's fast path when the bytes are valid. */
export function decodeUtf8(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return strictUtf8(body) ?? lenientUtf8.decode(body);
}

/**
 * Decode text bytes: by BOM (UTF-8, UTF-16LE/BE), else strict UTF-8, else GB18030
 * (a superset of GBK and GB2312, which is what Chinese offices' tools write).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8OrFail(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  const bomless16 = sniffBomlessUtf16(bytes);
  if (bomless16) return { text: iconv().decode(Buffer.from(bytes), bomless16), encoding: bomless16 };
  // No text encoding we read puts NUL bytes outside UTF-16. Buffer#indexOf searches natively, 50× faster than
  // Uint8Array#includes, which Node 20 runs a byte at a time.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65536)).indexOf(0) >= 0) {
    throw new LedgerInputError("binary-input", "looks like binary data, not a text notice");
  }
  const utf8 = strictUtf8(bytes);
  return utf8 === null ? { text: gb18030OrFail(bytes), encoding: "gb18030" } : { text: utf8, encoding: "utf-8" };
}

function utf8OrFail(bytes: Uint8Array): string {
  const utf8 = strictUtf8(bytes);
  if (utf8 === null) throw new LedgerInputError("undecodable-text", "starts with a UTF-8 byte order mark but is not valid UTF-8");
  return utf8;
}

/** GB18030 maps almost every byte sequence to something, so judge the result: mojibake is refused. */
function gb18030OrFail(bytes: Uint8Array): string {
  const text = iconv().decode(Buffer.from(bytes), "gb18030");
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (bad > Math.max(2, text.length / 200)) {
    throw new LedgerInputError("undecodable-text", "is neither UTF-8, UTF-16 nor GB18030/GBK text");
  }
  return text;
}

/** UTF-16 without a BOM shows up as a NUL in every other byte of ASCII-range text. */
function sniffBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return null;
}
