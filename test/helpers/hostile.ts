import { crc32 } from "node:zlib";
import { deflateSync, strToU8, unzipSync } from "fflate";

/**
 * A zip writer that can lie: every header field the reader trusts (sizes, CRC, method, flags,
 * offsets, counts) can be set independently of the data, entries can repeat, and the data can be
 * any bytes, so the robustness suite can build the broken and hostile packages real zip tools refuse
 * to write. Plus a deflate stream built by hand that inflates to any size from ~1/1000 of it.
 */

export interface RawEntry {
  name: string;
  /** The uncompressed content; `compressed` (or deflate of this) is what the zip stores. */
  data: Uint8Array;
  /** 0 stored, 8 deflate (default), anything else to test unsupported methods. */
  method?: number;
  /** Bytes stored in the zip instead of the compressed `data`. */
  compressed?: Uint8Array;
  /** Header lies: the values written in both headers, whatever the data is. */
  crc?: number;
  uncompressedSize?: number;
  compressedSize?: number;
  flags?: number;
  /** Central directory only: where the local header is said to be. */
  localHeaderOffset?: number;
}

export interface RawZipOptions {
  /** The entry count written in the end record (default: the real count). */
  declaredCount?: number;
  /** The central directory offset written in the end record. */
  directoryOffset?: number;
  comment?: Uint8Array;
  /** Bytes before the first local header (a self-extractor stub); offsets are not adjusted. */
  prefix?: Uint8Array;
}

function u16(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff];
}
function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array | number[]) => {
    const chunk = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    chunks.push(chunk);
    offset += chunk.length;
  };
  if (options.prefix) push(options.prefix);
  const central: number[][] = [];
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const stored = entry.compressed ?? (method === 8 ? deflateSync(entry.data, { level: 6 }) : entry.data);
    const name = strToU8(entry.name);
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.uncompressedSize ?? entry.data.length;
    const compressedSize = entry.compressedSize ?? stored.length;
    const flags = entry.flags ?? 0x800;
    const localAt = offset;
    const common = [...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(compressedSize), ...u32(size), ...u16(name.length), ...u16(0)];
    push([...u32(0x04034b50), ...common]);
    push(name);
    push(stored);
    central.push([
      ...u32(0x02014b50),
      ...u16(20),
      ...common,
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(entry.localHeaderOffset ?? localAt),
      ...name,
    ]);
  }
  const directoryAt = offset;
  for (const record of central) push(record);
  const directorySize = offset - directoryAt;
  const comment = options.comment ?? new Uint8Array(0);
  const count = options.declaredCount ?? entries.length;
  push([
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(Math.min(count, 0xffff)),
    ...u16(Math.min(count, 0xffff)),
    ...u32(directorySize),
    ...u32(options.directoryOffset ?? directoryAt),
    ...u16(comment.length),
  ]);
  push(comment);
  return concat(chunks);
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The entries of a real zip (a fixture .docx), in order, to rebuild it with changes. */
export function entriesOf(zip: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data }));
}

/**
 * A raw deflate stream of `size` bytes of `byte`, without computing them: one fixed-Huffman block
 * holding a literal and then copies of 258 bytes at distance 1 (13 bits each), about 1:1000.
 * What zip bombs are made of; built in milliseconds even for gigabytes.
 */
export function deflateBomb(size: number, byte = 0x30): Uint8Array {
  const out: number[] = [];
  let bitBuffer = 0;
  let bitCount = 0;
  const bits = (value: number, count: number) => {
    // Deflate packs bits LSB first; Huffman codes are written MSB first (reverse them before calling).
    for (let i = 0; i < count; i++) {
      bitBuffer |= ((value >>> i) & 1) << bitCount;
      if (++bitCount === 8) {
        out.push(bitBuffer);
        bitBuffer = 0;
        bitCount = 0;
      }
    }
  };
  const huffman = (code: number, length: number) => {
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >>> i) & 1) << (length - 1 - i);
    bits(reversed, length);
  };
  const literal = (value: number) => {
    if (value < 144) huffman(0x30 + value, 8);
    else huffman(0x190 + value - 144, 9);
  };
  bits(1, 1); // final block
  bits(1, 2); // fixed Huffman
  literal(byte);
  let remaining = size - 1;
  while (remaining >= 258) {
    huffman(0xc5, 8); // length code 285: 258 bytes
    huffman(0, 5); // distance code 0: distance 1
    remaining -= 258;
  }
  for (; remaining > 0; remaining--) literal(byte);
  huffman(0, 7); // end of block (code 256)
  if (bitCount > 0) out.push(bitBuffer);
  return Uint8Array.from(out);
}

/** Minimal WordprocessingML parts around a body, for the hostile packages. */
export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

export const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export function documentXml(body: string, prolog = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`): string {
  return `${prolog}<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
}

export function para(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A .docx of these parts (strings are UTF-8), with the content types and package relationships added. */
export function docxOf(parts: Record<string, string | Uint8Array>, base = true): Uint8Array {
  const all: Record<string, string | Uint8Array> = base ? { "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS, ...parts } : parts;
  return rawZip(Object.entries(all).map(([name, content]) => ({ name, data: typeof content === "string" ? strToU8(content) : content })));
}
