/**
 * A minimal, defensive zip reader. It reads the central directory and checks every limit
 * before anything is inflated, then inflates entries lazily, one at a time, with Node's zlib,
 * bounded by the size the directory declared (a zip bomb cannot lie its way past the bound).
 */

/** zlib, loaded by the first zip read: format sniffing imports this module, and plain text never needs it. */
const zlib = () => process.getBuiltinModule("node:zlib");

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalUncompressedBytes: number;
  /** Declared uncompressed/compressed ratio above which a large entry counts as a bomb. */
  maxCompressionRatio: number;
  /** Entries smaller than this are exempt from the ratio check (tiny XML compresses very well). */
  ratioCheckMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  // Deflate cannot exceed ~1032:1, so a higher declared ratio is a lie; real documents stay far below.
  maxCompressionRatio: 1000,
  ratioCheckMinBytes: 1024 * 1024,
};

export type ZipErrorReason = "corrupt" | "too-large";

export class ZipError extends Error {
  constructor(
    readonly reason: ZipErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8_NAME = 0x800;

export class ZipArchive {
  private readonly entries: Map<string, ZipEntry>;

  constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntry[],
  ) {
    this.entries = new Map(entries.map((entry) => [entry.name, entry]));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The uncompressed size the directory declares for an entry (what `read` is bounded by), or null. */
  declaredSize(name: string): number | null {
    return this.entries.get(name)?.uncompressedSize ?? null;
  }

  /** Inflates one entry, verifying its size and CRC-32. */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new ZipError("corrupt", `zip has no entry ${name}`);
    const data = this.inflateEntry(entry);
    if (data.length !== entry.uncompressedSize) {
      throw new ZipError("corrupt", `zip entry ${name} has the wrong size`);
    }
    if (zlib().crc32(data) !== entry.crc) throw new ZipError("corrupt", `zip entry ${name} fails its CRC check`);
    return data;
  }

  private inflateEntry(entry: ZipEntry): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const offset = entry.localHeaderOffset;
    if (offset + 30 > this.bytes.length || view.getUint32(offset, true) !== LOCAL_HEADER_SIGNATURE) {
      throw new ZipError("corrupt", `zip entry ${entry.name} has no local header`);
    }
    const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.bytes.length) throw new ZipError("corrupt", `zip is truncated inside ${entry.name}`);
    const compressed = this.bytes.subarray(dataStart, dataEnd);
    if (entry.method === METHOD_STORED) return compressed;
    return inflateBounded(compressed, entry.uncompressedSize, entry.name);
  }
}

/** zlib's raw inflate, stopped as soon as the output would pass the declared size (a zip bomb cannot lie past it). */
function inflateBounded(compressed: Uint8Array, declaredSize: number, name: string): Uint8Array {
  try {
    return zlib().inflateRawSync(compressed, { maxOutputLength: Math.max(declaredSize, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ZipError("too-large", `zip entry ${name} inflates beyond its declared size (zip bomb?)`);
    }
    const truncated = (error as NodeJS.ErrnoException).code === "Z_BUF_ERROR";
    throw new ZipError("corrupt", `zip entry ${name} has ${truncated ? "truncated" : "invalid"} compressed data`);
  }
}

/** Reads the central directory of `bytes` and enforces `limits`; inflates nothing. */
export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readDirectoryLocation(bytes, view);
  if (directory.entryCount > limits.maxEntries) {
    throw new ZipError("too-large", `zip has ${directory.entryCount} entries (limit ${limits.maxEntries})`);
  }
  if (directory.offset + directory.size > bytes.length) {
    throw new ZipError("corrupt", "zip is truncated (central directory runs past the end)");
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let totalUncompressed = 0;
  let position = directory.offset;
  for (let index = 0; index < directory.entryCount; index++) {
    const entry = readCentralEntry(bytes, view, position);
    position = entry.next;
    if (seen.has(entry.name)) throw new ZipError("corrupt", `zip has two entries named ${entry.name}`);
    seen.add(entry.name);
    totalUncompressed += entry.uncompressedSize;
    if (totalUncompressed > limits.maxTotalUncompressedBytes) {
      throw new ZipError("too-large", `zip declares more than ${limits.maxTotalUncompressedBytes / 1024 / 1024} MB uncompressed`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      throw new ZipError("too-large", `zip entry ${entry.name} has an absurd compression ratio (${Math.round(ratio)}:1)`);
    }
    entries.push(entry);
  }
  return new ZipArchive(bytes, entries);
}

interface DirectoryLocation {
  entryCount: number;
  size: number;
  offset: number;
}

function readDirectoryLocation(bytes: Uint8Array, view: DataView): DirectoryLocation {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    const location = {
      entryCount: view.getUint16(at + 10, true),
      size: view.getUint32(at + 12, true),
      offset: view.getUint32(at + 16, true),
    };
    const saturated = location.entryCount === 0xffff || location.size === 0xffffffff || location.offset === 0xffffffff;
    return saturated ? readZip64DirectoryLocation(view, at) : location;
  }
  throw new ZipError("corrupt", "zip is truncated or damaged (no end-of-central-directory record)");
}

function readZip64DirectoryLocation(view: DataView, eocdAt: number): DirectoryLocation {
  const locatorAt = eocdAt - 20;
  if (locatorAt < 0 || view.getUint32(locatorAt, true) !== ZIP64_EOCD_LOCATOR_SIGNATURE) {
    throw new ZipError("corrupt", "zip64 end record is missing");
  }
  const recordAt = safeNumber(view.getBigUint64(locatorAt + 8, true));
  if (recordAt + 56 > view.byteLength || view.getUint32(recordAt, true) !== ZIP64_EOCD_SIGNATURE) {
    throw new ZipError("corrupt", "zip64 end record is damaged");
  }
  return {
    entryCount: safeNumber(view.getBigUint64(recordAt + 32, true)),
    size: safeNumber(view.getBigUint64(recordAt + 40, true)),
    offset: safeNumber(view.getBigUint64(recordAt + 48, true)),
  };
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError("too-large", "zip64 sizes are out of range");
  return Number(value);
}

function readCentralEntry(bytes: Uint8Array, view: DataView, at: number): ZipEntry & { next: number } {
  if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) {
    throw new ZipError("corrupt", "zip central directory is damaged");
  }
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  const next = at + 46 + nameLength + extraLength + commentLength;
  if (next > bytes.length) throw new ZipError("corrupt", "zip central directory is truncated");
  const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
  const name = new TextDecoder(flags & FLAG_UTF8_NAME ? "utf-8" : "latin1").decode(nameBytes);
  if (flags & FLAG_ENCRYPTED) throw new ZipError("corrupt", `zip entry ${name} is encrypted`);
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
    throw new ZipError("corrupt", `zip entry ${name} uses unsupported compression method ${method}`);
  }
  const sizes = {
    uncompressedSize: view.getUint32(at + 24, true),
    compressedSize: view.getUint32(at + 20, true),
    localHeaderOffset: view.getUint32(at + 42, true),
  };
  readZip64Sizes(view, at + 46 + nameLength, extraLength, sizes);
  if (method === METHOD_STORED && sizes.compressedSize !== sizes.uncompressedSize) {
    throw new ZipError("corrupt", `zip entry ${name} is stored with mismatched sizes`);
  }
  return { name, method, crc: view.getUint32(at + 16, true), ...sizes, next };
}

/** Replaces saturated 32-bit fields with the values of the zip64 extra field, in the order the format fixes. */
function readZip64Sizes(
  view: DataView,
  extraStart: number,
  extraLength: number,
  sizes: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number },
): void {
  const fields = ["uncompressedSize", "compressedSize", "localHeaderOffset"] as const;
  if (!fields.some((field) => sizes[field] === 0xffffffff)) return;
  for (let at = extraStart; at + 4 <= extraStart + extraLength; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let cursor = at + 4;
      for (const field of fields) {
        if (sizes[field] !== 0xffffffff) continue;
        if (cursor + 8 > at + 4 + length) throw new ZipError("corrupt", "zip64 extra field is too short");
        sizes[field] = safeNumber(view.getBigUint64(cursor, true));
        cursor += 8;
      }
      return;
    }
    at += 4 + length;
  }
  throw new ZipError("corrupt", "zip entry needs a zip64 extra field but has none");
}
