/**
 * A bounded reader of OLE compound files ([MS-CFB]), the container of .doc, .wps, .xls and .et.
 * We read our own rather than use `cfb` because cfb follows sector chains and directory links
 * without a visited set: a FAT cycle in a stream that starts mid-chain, or a cycle of parent
 * links in the directory, makes it loop forever growing memory. Here every chain walk is
 * bounded by the number of sectors, a sector is visited once, and a stream's declared size must
 * fit in the chain that holds it. Any inconsistency ends in one CompoundFileError.
 */

export class CompoundFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CompoundFileError";
  }
}

export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export class CompoundFile {
  private readonly view: DataView;
  private readonly sectorSize: number;
  private readonly sectorCount: number;
  private readonly fat: Uint32Array;
  private readonly miniFat: Uint32Array;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly entries: DirectoryEntry[];
  private miniStream: Uint8Array | null = null;

  constructor(private readonly bytes: Uint8Array) {
    if (!OLE_SIGNATURE.every((b, i) => bytes[i] === b)) throw new CompoundFileError("is not an OLE compound file");
    if (bytes.length < 512) throw new CompoundFileError("is shorter than its 512-byte header");
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const major = this.u16(0x1a);
    const sectorShift = this.u16(0x1e);
    if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) {
      throw new CompoundFileError(`has an unknown OLE version (${major}, sector shift ${sectorShift})`);
    }
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << Math.min(this.u16(0x20), 12);
    this.miniCutoff = this.u32(0x38);
    this.sectorCount = Math.ceil((bytes.length - this.sectorSize) / this.sectorSize);
    this.fat = this.readFat();
    this.entries = this.readDirectory();
    const root = this.entries[0];
    if (root === undefined || root.type !== TYPE_ROOT) throw new CompoundFileError("has no root directory entry");
    this.miniFat = toUint32(this.readChain(this.u32(0x3c), this.u32(0x40) * this.sectorSize));
  }

  /** Names of the streams directly under the root storage (not those of embedded objects). */
  topLevelStreams(): string[] {
    return this.topLevel()
      .filter((entry) => entry.type === TYPE_STREAM)
      .map((entry) => entry.name);
  }

  /** A top-level stream's bytes, or null when there is none by that name. */
  stream(name: string): Uint8Array | null {
    const entry = this.topLevel().find((candidate) => candidate.type === TYPE_STREAM && candidate.name === name);
    if (entry === undefined) return null;
    if (entry.size < this.miniCutoff) {
      this.miniStream ??= this.readChain(this.entries[0].start, this.entries[0].size);
      return readChainFrom(this.miniStream, this.miniFat, this.miniSectorSize, entry.start, entry.size, name);
    }
    return this.readChain(entry.start, entry.size, name);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  /** The FAT sectors named by the header and the DIFAT chain, read into one table. */
  private readFat(): Uint32Array {
    const fatSectorCount = this.u32(0x2c);
    if (fatSectorCount > this.sectorCount) throw new CompoundFileError("declares more FAT sectors than the file holds");
    const fatSectors: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i++) fatSectors.push(this.u32(0x4c + i * 4));
    const perDifat = this.sectorSize / 4 - 1;
    const seen = new Set<number>();
    for (let sector = this.u32(0x44); fatSectors.length < fatSectorCount; ) {
      if (sector === ENDOFCHAIN || sector === FREESECT) throw new CompoundFileError("has a DIFAT chain shorter than its FAT");
      if (sector >= this.sectorCount || seen.has(sector)) throw new CompoundFileError("has a broken DIFAT chain");
      seen.add(sector);
      const at = this.sectorOffset(sector);
      for (let i = 0; i < perDifat && fatSectors.length < fatSectorCount; i++) fatSectors.push(this.u32(at + i * 4));
      sector = this.u32(at + perDifat * 4);
    }
    const fat = new Uint32Array(fatSectors.length * (this.sectorSize / 4));
    fatSectors.forEach((sector, index) => {
      if (sector >= this.sectorCount) throw new CompoundFileError("names a FAT sector outside the file");
      fat.set(toUint32(this.sectorBytes(sector)), index * (this.sectorSize / 4));
    });
    return fat;
  }

  private readDirectory(): DirectoryEntry[] {
    const bytes = this.readChain(this.u32(0x30), this.sectorCount * this.sectorSize, "directory", false);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries: DirectoryEntry[] = [];
    for (let at = 0; at + DIRECTORY_ENTRY_BYTES <= bytes.length; at += DIRECTORY_ENTRY_BYTES) {
      const nameBytes = Math.min(view.getUint16(at + 0x40, true), 64);
      const name = new TextDecoder("utf-16le").decode(bytes.subarray(at, at + Math.max(0, nameBytes - 2)));
      entries.push({
        name,
        type: bytes[at + 0x42],
        left: view.getUint32(at + 0x44, true),
        right: view.getUint32(at + 0x48, true),
        child: view.getUint32(at + 0x4c, true),
        start: view.getUint32(at + 0x74, true),
        size: view.getUint32(at + 0x78, true),
      });
    }
    return entries;
  }

  /** The root's children: the red-black tree under it, walked with each entry visited once. */
  private topLevel(): DirectoryEntry[] {
    const found: DirectoryEntry[] = [];
    const seen = new Set<number>();
    const stack = [this.entries[0].child];
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (index === NOSTREAM || index >= this.entries.length || seen.has(index)) continue;
      seen.add(index);
      const entry = this.entries[index];
      found.push(entry);
      stack.push(entry.left, entry.right);
    }
    return found;
  }

  private sectorOffset(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private sectorBytes(sector: number): Uint8Array {
    const start = this.sectorOffset(sector);
    return this.bytes.subarray(start, Math.min(start + this.sectorSize, this.bytes.length));
  }

  /** `size` bytes from the FAT chain starting at `start`; with `exact` false, the whole chain up to `size`. */
  private readChain(start: number, size: number, what = "stream", exact = true): Uint8Array {
    // A declared size is checked against the file before anything is allocated for it.
    if (exact && size > this.bytes.length) throw new CompoundFileError(`declares ${quoted(what)} larger than the file holds`);
    const out = new Uint8Array(exact ? size : Math.min(size, this.sectorCount * this.sectorSize));
    let written = 0;
    const seen = new Uint8Array(this.sectorCount);
    for (let sector = start; written < out.length && sector !== ENDOFCHAIN; sector = this.fat[sector]) {
      if (sector >= this.sectorCount || sector >= this.fat.length || seen[sector]) {
        throw new CompoundFileError(`has a broken sector chain in ${quoted(what)}`);
      }
      seen[sector] = 1;
      const chunk = this.sectorBytes(sector).subarray(0, out.length - written);
      out.set(chunk, written);
      written += chunk.length;
    }
    if (exact && written < size) throw new CompoundFileError(`declares ${quoted(what)} larger than the file holds`);
    return out.subarray(0, written);
  }
}

/** A stream of the mini stream: the same chain walk over mini sectors. */
function readChainFrom(data: Uint8Array, table: Uint32Array, sectorSize: number, start: number, size: number, what: string): Uint8Array {
  const out = new Uint8Array(size);
  const sectors = Math.ceil(data.length / sectorSize);
  const seen = new Uint8Array(sectors);
  let written = 0;
  for (let sector = start; written < size; sector = table[sector]) {
    if (sector >= sectors || sector >= table.length || seen[sector]) throw new CompoundFileError(`has a broken sector chain in ${quoted(what)}`);
    seen[sector] = 1;
    const chunk = data.subarray(sector * sectorSize, Math.min((sector + 1) * sectorSize, data.length)).subarray(0, size - written);
    out.set(chunk, written);
    written += chunk.length;
  }
  return out;
}

function toUint32(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(Math.floor(bytes.length / 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}

function quoted(name: string): string {
  return name === "stream" || name === "directory" ? `the ${name}` : `the ${name} stream`;
}
