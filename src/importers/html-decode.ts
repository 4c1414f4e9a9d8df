import iconv from "iconv-lite";
import { LedgerInputError } from "../errors.js";
import { decodeText } from "./decode.js";
import { looksLikeMhtml } from "./sniff.js";

/**
 * A web page's bytes → its HTML text: the byte-order mark, else the charset its <meta> declares
 * (GBK/GB2312 pages are common on government sites), else UTF-8 or GB18030 by validity. A page
 * saved as one file (.mht, MIME multipart/related) gives its root text/html part.
 */

export interface DecodedPage {
  html: string;
  encoding: string;
}

/** Charsets as pages name them → iconv-lite's names; GB2312 and GBK pages are read as GB18030, their superset. */
const CHARSET_ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  gb18030: "gb18030",
  "utf-8": "utf-8",
  utf8: "utf-8",
  big5: "big5",
  "big5-hkscs": "big5",
};

export function decodePage(bytes: Uint8Array): DecodedPage {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8192));
  if (looksLikeMhtml(head)) return mhtmlRoot(bytes);
  return decodeWithCharset(bytes, declaredCharset(head));
}

function decodeWithCharset(bytes: Uint8Array, declared: string | null): DecodedPage {
  const bom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  const charset = declared === null ? null : (CHARSET_ALIASES[declared] ?? (iconv.encodingExists(declared) ? declared : null));
  if (bom || charset === null || charset === "utf-8") {
    const decoded = decodeText(bytes);
    return { html: decoded.text, encoding: decoded.encoding };
  }
  return { html: iconv.decode(Buffer.from(bytes), charset), encoding: charset };
}

/** `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. */
function declaredCharset(head: string): string | null {
  // Tag by tag: one regex over the whole head would rescan it from every unclosed "<meta".
  const lower = head.toLowerCase();
  for (let at = lower.indexOf("<meta"); at >= 0; at = lower.indexOf("<meta", at + 5)) {
    const end = lower.indexOf(">", at);
    const tag = lower.slice(at, end < 0 ? lower.length : end);
    const charset = /^<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/.exec(tag);
    if (charset) return charset[1];
    if (end < 0) break;
  }
  return null;
}

/** The first text/html part of a MIME multipart message, its transfer encoding undone. */
function mhtmlRoot(bytes: Uint8Array): DecodedPage {
  const message = new TextDecoder("latin1").decode(bytes);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(message.slice(0, 8192))?.[1];
  if (!boundary) throw new LedgerInputError("corrupt-html", "is a saved web page (.mht) without a MIME boundary");
  for (const part of message.split(`--${boundary}`).slice(1)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) continue;
    const headers = part.slice(0, split.index);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1].toLowerCase();
    const raw = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : encoding === "quoted-printable" ? quotedPrintable(body) : Buffer.from(body, "latin1");
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(headers)?.[1].toLowerCase() ?? declaredCharset(raw.subarray(0, 8192).toString("latin1"));
    return decodeWithCharset(new Uint8Array(raw), charset ?? null);
  }
  throw new LedgerInputError("corrupt-html", "is a saved web page (.mht) without an HTML part");
}

function quotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, "");
  const out = Buffer.alloc(joined.length);
  let length = 0;
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[length++] = parseInt(hex, 16);
      i += 2;
    } else {
      out[length++] = joined.charCodeAt(i) & 0xff;
    }
  }
  return out.subarray(0, length);
}
