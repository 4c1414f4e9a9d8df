import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLibraryResult } from "./checks.js";
import type { Case } from "./corpus.js";
import { LibraryPool, type LibraryResult } from "./harness.js";
import { Rng } from "./prng.js";

/**
 * Hostile .doc files (OLE compound files) through the library's built-in reader, in worker threads
 * with a heap cap and a time limit: FAT, DIFAT, mini FAT and directory cycles, chains out of range,
 * declared sizes past the file, a lying FIB (text length, piece table, property pages), truncations,
 * and seeded byte flips of the fixtures' .doc exports. Each ends in a ledger or one line.
 */

// No LibreOffice here: these are about the built-in reader (the workers inherit the environment).
process.env.LEDGER_SOFFICE = "/nonexistent/soffice";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "formats");
const SECTOR = 512;
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const refused = (code: string | RegExp) => ({ refused: code });

class Ole {
  readonly bytes: Uint8Array;
  readonly view: DataView;

  constructor(bytes: Uint8Array, extraSectors = 0) {
    this.bytes = new Uint8Array(bytes.length + extraSectors * SECTOR);
    this.bytes.set(bytes);
    this.view = new DataView(this.bytes.buffer);
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  set32(at: number, value: number): this {
    this.view.setUint32(at, value >>> 0, true);
    return this;
  }

  /** Byte offset of FAT entry `sector` (the first FAT sector holds entries 0..127). */
  fatEntry(sector: number): number {
    const fatSector = this.u32(0x4c + Math.floor(sector / 128) * 4);
    return (fatSector + 1) * SECTOR + (sector % 128) * 4;
  }

  /** Byte offset of the directory entry named `name`. */
  entry(name: string): number {
    const pattern = Buffer.from(`${name}\0`, "utf16le");
    for (let at = SECTOR; at + 128 <= this.bytes.length; at += 128) {
      if (Buffer.from(this.bytes.subarray(at, at + pattern.length)).equals(pattern)) return at;
    }
    throw new Error(`no directory entry ${name}`);
  }

  /** Byte offset of the FIB (the WordDocument stream starts with it, at a sector boundary). */
  fib(): number {
    return (this.u32(this.entry("WordDocument") + 0x74) + 1) * SECTOR;
  }
}

function cases(): Case[] {
  const base = fixture("lianhuashan-2019-plan.doc");
  const ole = (extra = 0) => new Ole(base, extra);
  const wordStart = () => ole().u32(ole().entry("WordDocument") + 0x74);
  const named: Array<[string, () => Uint8Array, Case["expect"]]> = [
    ["the fixture itself", () => base, "ok"],
    ["FAT cycle in the WordDocument chain", () => { const o = ole(); return o.set32(o.fatEntry(wordStart() + 2), wordStart()).bytes; }, refused("corrupt-doc")],
    ["FAT entry pointing at itself", () => { const o = ole(); return o.set32(o.fatEntry(wordStart()), wordStart()).bytes; }, refused("corrupt-doc")],
    ["FAT chain out of range", () => { const o = ole(); return o.set32(o.fatEntry(wordStart()), 0x7ffffff0).bytes; }, refused("corrupt-doc")],
    ["directory chain cycle", () => { const o = ole(); return o.set32(o.fatEntry(o.u32(0x30)), o.u32(0x30)).bytes; }, refused("corrupt-doc")],
    ["directory sector out of range", () => ole().set32(0x30, 0x00ffffff).bytes, refused("corrupt-doc")],
    ["WordDocument declared 4 GB", () => { const o = ole(); return o.set32(o.entry("WordDocument") + 0x78, 0xfffffff0).bytes; }, refused("corrupt-doc")],
    ["WordDocument declared larger than its chain", () => { const o = ole(); return o.set32(o.entry("WordDocument") + 0x78, base.length - 600).bytes; }, refused("corrupt-doc")],
    ["more FAT sectors declared than the file holds", () => ole().set32(0x2c, 0x7fffffff).bytes, refused("corrupt-doc")],
    ["FAT sector outside the file", () => ole().set32(0x4c, 0x00fffff0).bytes, refused("corrupt-doc")],
    [
      "DIFAT cycle",
      () => {
        // 400 spare sectors so that 109 + 2 × 127 + 1 FAT sectors fit; the DIFAT sector names itself as next.
        const o = ole(400);
        const difat = Math.floor(base.length / SECTOR) + 1;
        o.set32(0x2c, 109 + 2 * 127 + 1).set32(0x44, difat).set32(0x48, 1_000_000);
        for (let i = 0; i < 109; i++) if (o.u32(0x4c + i * 4) === 0xffffffff) o.set32(0x4c + i * 4, difat + 1);
        for (let i = 0; i < 127; i++) o.set32((difat + 1) * SECTOR + i * 4, difat + 1);
        return o.set32((difat + 1) * SECTOR + 127 * 4, difat).bytes;
      },
      refused("corrupt-doc"),
    ],
    ["directory: the root's child is the root", () => { const o = ole(); return o.set32(o.entry("Root Entry") + 0x4c, 0).bytes; }, "any"],
    [
      "directory: two entries naming each other",
      () => {
        const o = ole();
        const root = o.entry("Root Entry");
        return o.set32(root + 128 + 0x44, 2).set32(root + 128 + 0x48, 2).set32(root + 256 + 0x44, 1).set32(root + 256 + 0x48, 1).bytes;
      },
      "any",
    ],
    ["every mini FAT entry pointing at itself", () => { const o = ole(); const at = (o.u32(0x3c) + 1) * SECTOR; for (let i = 0; i < 128; i++) o.set32(at + i * 4, i); return o.bytes; }, "any"],
    ["unknown OLE version", () => { const o = ole(); o.view.setUint16(0x1a, 7, true); return o.bytes; }, refused("corrupt-doc")],
    ["sector size 2^30", () => { const o = ole(); o.view.setUint16(0x1e, 30, true); return o.bytes; }, refused("corrupt-doc")],
    ["signature and an empty header only", () => base.slice(0, 512), refused("corrupt-doc")],
    ["signature only", () => base.slice(0, 8), refused("corrupt-doc")],
    ["truncated after the header", () => base.slice(0, 1536), refused("corrupt-doc")],
    ["FIB: text of 2^31 characters", () => { const o = ole(); return o.set32(o.fib() + 0x4c, 0x7fffffff).bytes; }, refused(/too-large|corrupt-doc/)],
    ["FIB: negative text length", () => { const o = ole(); return o.set32(o.fib() + 0x4c, 0xffffff00).bytes; }, refused("corrupt-doc")],
    ["FIB: piece table outside the table stream", () => { const o = ole(); return o.set32(o.fib() + 0x1a2, 0xfffffff0).bytes; }, refused("corrupt-doc")],
    ["FIB: piece table of 1 byte", () => { const o = ole(); return o.set32(o.fib() + 0x1a6, 1).bytes; }, refused("corrupt-doc")],
    ["FIB: paragraph properties outside the table stream", () => { const o = ole(); return o.set32(o.fib() + 0x102, 0x7ffffff0).bytes; }, refused("corrupt-doc")],
    ["FIB: huge csw and cslw", () => { const o = ole(); o.view.setUint16(o.fib() + 32, 0xffff, true); return o.bytes; }, refused("corrupt-doc")],
    ["no table stream (wrong table bit)", () => { const o = ole(); o.bytes[o.fib() + 0x0b] ^= 0x02; return o.bytes; }, refused("corrupt-doc")],
    ["no WordDocument stream", () => { const o = ole(); const at = o.entry("WordDocument"); o.bytes.set(Buffer.from("WordDocumenX", "utf16le"), at); return o.bytes; }, refused(/corrupt-doc|unsupported-format/)],
  ];
  const list: Case[] = named.map(([id, bytes, expect]) => ({ id, file: "hostile.doc", bytes, expect }));

  // Seeded byte flips: anywhere, in the header and FAT, and in the FIB and piece table.
  const rng = new Rng(1717);
  for (const name of ["chaoyang-2021-ledger.doc", "lianhuashan-2019-plan.doc", "qianjin-2017-plan.doc", "shanxi-2019-plan.doc", "zhonglou-2018-plan.doc"]) {
    const valid = fixture(name);
    const fibAt = new Ole(valid).fib();
    for (let n = 0; n < 60; n++) {
      const region = n % 3;
      const flips = Array.from({ length: rng.range(1, 12) }, () => {
        const at = region === 0 ? rng.int(valid.length) : region === 1 ? rng.int(Math.min(valid.length, 4 * SECTOR)) : fibAt + rng.int(1024);
        return [at, rng.int(256)] as const;
      });
      list.push({
        id: `${name} #${n} (${flips.length} bytes ${["anywhere", "in the header and FAT", "in the FIB"][region]})`,
        file: name,
        bytes: () => {
          const bytes = valid.slice();
          for (const [at, value] of flips) bytes[at] = value;
          return bytes;
        },
        expect: "any",
      });
    }
  }
  return list;
}

const all = cases();
let results: LibraryResult[] = [];
const pool = new LibraryPool();

beforeAll(async () => {
  results = await pool.runAll(all.map((input, id) => ({ id, name: input.file, bytes: input.bytes() })));
});

afterAll(() => pool.close());

describe("hostile OLE files through the built-in .doc reader", () => {
  it("covers the named cases and 300 seeded byte flips", () => {
    expect(all.length).toBeGreaterThan(300);
  });

  it.each(all.map((input, index) => [input.id, index] as const))("%s", (_id, index) => {
    checkLibraryResult(all[index], results[index]);
  });
});
