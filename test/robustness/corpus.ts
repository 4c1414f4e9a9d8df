import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { deflateSync, strFromU8, strToU8 } from "fflate";
import iconv from "iconv-lite";
import { entriesOf, rawZip, type RawEntry, type RawZipOptions } from "../helpers/hostile.js";
import { Rng } from "./prng.js";

/**
 * The mutated corpus: seeded, reproducible mutations of the fixtures (every .txt, .md and .docx).
 * Byte flips, truncations and insertions for every format; line, label, bracket and encoding
 * mutations for text; entry, header and compressed-data mutations of the zip and element
 * mutations of the XML for .docx. The same seed gives the same bytes on every machine.
 */

export type Expectation = "any" | "ok" | { refused: string | RegExp };

export interface Case {
  /** Stable name: the base fixture, the case number and the mutations applied. */
  id: string;
  /** The file name it is run under (its extension picks the importer for text). */
  file: string;
  bytes: () => Uint8Array;
  expect: Expectation;
  /** Part of the CLI subset. */
  cli?: boolean;
  /** Through the CLI also with -o OUT.xlsx. */
  xlsx?: boolean;
  /** A ledger, if any, must not contain this text (a leaked file, an expanded entity). */
  mustNotContain?: string;
  /** A tighter time bound than BOUNDS.ms, for inputs whose cost must stay linear. */
  maxMs?: number;
  /** At the size limits: the CLI runs it alone, so that its time and memory are its own. */
  heavy?: boolean;
}

export const SEED = 0x7ed6e7;
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

interface Base {
  name: string;
  kind: "txt" | "md" | "docx";
  bytes: Uint8Array;
}

function fixtures(): Base[] {
  const list = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "src" ? [] : list(path);
      return /\.(txt|md|docx)$/.test(entry.name) ? [path] : [];
    });
  return list(FIXTURES)
    .sort()
    .map((path) => ({ name: basename(path), kind: extname(path).slice(1) as Base["kind"], bytes: new Uint8Array(readFileSync(path)) }));
}

// ---------------------------------------------------------------------------------------------
// Byte mutations (every format)

type ByteMutation = (rng: Rng, bytes: Uint8Array) => Uint8Array;

const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  flip(rng, bytes) {
    const out = bytes.slice();
    const flips = rng.pick([1, 2, 4, 16, 64]);
    for (let i = 0; i < flips && out.length > 0; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  truncate(rng, bytes) {
    return bytes.slice(0, rng.int(bytes.length));
  },
  insert(rng, bytes) {
    let out = bytes;
    for (let k = rng.range(1, 4); k > 0; k--) {
      const at = rng.int(out.length + 1);
      out = join3(out.subarray(0, at), rng.bytes(rng.range(1, 64)), out.subarray(at));
    }
    return out;
  },
  delete(rng, bytes) {
    const at = rng.int(bytes.length);
    return join3(bytes.subarray(0, at), new Uint8Array(0), bytes.subarray(Math.min(bytes.length, at + rng.range(1, 512))));
  },
  duplicate(rng, bytes) {
    const from = rng.int(bytes.length);
    const piece = bytes.subarray(from, from + rng.range(1, 2048));
    const at = rng.int(bytes.length + 1);
    return join3(bytes.subarray(0, at), piece, bytes.subarray(at));
  },
  overwrite(rng, bytes) {
    const out = bytes.slice();
    const at = rng.int(out.length);
    out.fill(rng.pick([0x00, 0xff, 0x0a, 0x80]), at, at + rng.range(1, 256));
    return out;
  },
};

function join3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text mutations (.txt, .md, and the text inside document.xml)

/** Pieces of notices: labels, owner and deadline phrases, metadata lines, table syntax, brackets. */
const LABELS = ["一、", "二、", "十一、", "二十一、", "（一）", "(二)", "（十）", "1.", "2、", "3．", "4 ", "（1）", "(12)", "①", "⑳", "第一条", "第二章", "第三节", "第一部分", "1.1", "1.2.1", "2.3.4.5", "A.", "b)", "一", "〇、", "九十九、", "一百、", "（一百零一）", "999.", "1.5万元", "2019年", "一是"];
const OWNERS = ["（区政府办牵头，各街道落实）", "（牵头单位：区发改委；责任单位：各乡镇）", "牵头单位：", "责任单位：区财政局、区审计局", "（区委宣传部负责）", "（各有关部门按照职责分别落实）", "（X牵头，Y配合）", "列第一位者为牵头单位", "下同", "（以下简称“区政务中心”）", "会同", "区政府办和区大数据局", "各市、县人民政府", "【区政务公开办】"];
const DEADLINES = ["2021年12月底前", "年底前", "上半年", "三季度末", "10月中旬", "长期", "常态化", "持续推进", "每季度", "每月25日前", "文件公布后3个工作日内", "24小时内", "3年内", "到2020年", "2021-12-31", "2021.6", "完成时限：2022年6月底", "即时", "2021年3月-6月"];
const META = ["关于印发某区2021年政务公开工作要点的通知", "某政办发〔2021〕3号", "某区人民政府办公室", "2021年7月8日", "二〇二一年七月八日", "各乡镇，各有关部门：", "发布机构： | 某区人民政府 | 成文日期： | 2021年03月01日 |", "索引号：000014349/2021-00001", "目录", "附件：1.任务分工", "抄送：区委办", "签发人：张三", "【重点工作】", "[bookmark: _GoBack]", "- 3 -", "第 2 页 共 9 页"];
const TABLE = ["序号", "重点任务", "主要内容", "牵头单位", "责任单位", "完成时限", "责任分工", "备注", "\t序号", "\t重点任务", "\t", "序号\t重点任务\t牵头单位", "1\t推进政务公开\t区政府办", "序号 | 重点任务 | 牵头单位 |", "| 1 | 推进 | 区政府办 |", "|---|---|"];
const PUNCT = ["。", "；", "，", "、", "：", ":", "…", "——", "“", "”", "《", "》", "（", "）", "(", ")", "【", "】", "〔", "〕", "[", "]", "{", "}", "|", "\t", "\u3000", " "];
const ODD = ["\u0000", "\u001b", "\f", "\v", "\u2028", "\u2029", "\u200b", "\ufeff", "\ud800", "\udfff", "\uFFF9", "\uFFFB", "\u202e", "́", "😀", "\uE000", "𠀀", "\r", "\u0085"];
const MARKDOWN = ["# ", "## ", "> ", "- ", "* ", "1. ", "   ", "```", "---", "| a | b |", "|---|---|", "**", "_", "[", "](", "<div>", "&amp;", "\\", "`"];

function cjk(rng: Rng, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String.fromCharCode(0x4e00 + rng.int(0x9fa5 - 0x4e00));
  return out;
}

/** A line of "label soup": notice pieces in random order. */
function soupLine(rng: Rng, markdown: boolean): string {
  const pools = [LABELS, OWNERS, DEADLINES, META, TABLE, PUNCT, ODD, ...(markdown ? [MARKDOWN] : [])];
  let line = rng.chance(0.6) ? rng.pick(LABELS) : "";
  for (let k = rng.range(1, 8); k > 0; k--) line += rng.chance(0.3) ? cjk(rng, rng.range(1, 12)) : rng.pick(rng.pick(pools));
  return line;
}

type TextMutation = (rng: Rng, text: string, kind: Base["kind"]) => string;

const lines = (text: string) => text.split("\n");

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  soup(rng, text, kind) {
    const out = lines(text);
    for (let k = rng.range(1, 40); k > 0; k--) out.splice(rng.int(out.length + 1), 0, soupLine(rng, kind === "md"));
    return out.join("\n");
  },
  deleteLines(rng, text) {
    const out = lines(text);
    for (let k = rng.range(1, Math.max(1, out.length >> 1)); k > 0 && out.length > 0; k--) out.splice(rng.int(out.length), 1);
    return out.join("\n");
  },
  shuffleLines(rng, text) {
    const out = lines(text);
    if (rng.chance(0.5)) return rng.shuffle(out).join("\n");
    const from = rng.int(out.length);
    const window = rng.shuffle(out.slice(from, from + rng.range(2, 30)));
    out.splice(from, window.length, ...window);
    return out.join("\n");
  },
  duplicateLines(rng, text) {
    const out = lines(text);
    const from = rng.int(out.length);
    const block = out.slice(from, from + rng.range(1, 20));
    for (let k = rng.range(1, 20); k > 0; k--) out.splice(rng.int(out.length + 1), 0, ...block);
    return out.join("\n");
  },
  brackets(rng, text) {
    let out = text;
    for (let k = rng.range(1, 30); k > 0; k--) {
      const at = rng.int(out.length + 1);
      const piece = rng.chance(0.2) ? rng.pick(["（", "(", "【", "“", "《"]).repeat(rng.range(2, 200)) : rng.pick(PUNCT);
      out = out.slice(0, at) + piece + out.slice(at);
    }
    return out;
  },
  odd(rng, text) {
    let out = text;
    for (let k = rng.range(1, 20); k > 0; k--) {
      const at = rng.int(out.length + 1);
      out = out.slice(0, at) + rng.pick(ODD) + out.slice(at);
    }
    return out;
  },
  lineEnds(rng, text) {
    return text.replace(/\n/g, rng.pick(["\r\n", "\r", "\u2028", "\n\n", "\n\t", " \n", "\f\n"]));
  },
  longLine(rng, text) {
    const out = lines(text);
    const at = rng.int(out.length);
    if (rng.chance(0.5)) {
      // Join a run of lines into one.
      const run = out.splice(at, rng.range(2, 200));
      out.splice(at, 0, run.join(rng.pick(["", " ", "；", "\t"])));
    } else {
      out.splice(at, 0, rng.pick(LABELS) + rng.pick([...PUNCT, ...DEADLINES, ...OWNERS, "区政府办"]).repeat(rng.range(100, 5000)));
    }
    return out.join("\n");
  },
  tabs(rng, text) {
    return lines(text)
      .map((line) => (rng.chance(0.3) ? "\t" + line : rng.chance(0.2) ? line.replace(/[、，]/g, "\t") : line))
      .join("\n");
  },
  pipes(rng, text) {
    const out = lines(text);
    for (let i = 0; i + 1 < out.length; i++) if (rng.chance(0.2)) out.splice(i, 2, `${out[i]} | ${out[i + 1]} |`);
    return out.join("\n");
  },
  nesting(rng, text) {
    // Labels of every style, in an order that keeps opening deeper levels.
    const styles = ["一、", "（一）", "1.", "（1）", "①", "1.1", "1.2.1", "A.", "第一条", "第一部分"];
    const out = lines(text);
    const at = rng.int(out.length + 1);
    const added: string[] = [];
    for (let k = rng.range(10, 400); k > 0; k--) added.push(`${" ".repeat(rng.int(4))}${rng.pick(styles)}${cjk(rng, rng.range(0, 10))}`);
    out.splice(at, 0, ...added);
    return out.join("\n");
  },
  markdown(rng, text) {
    return lines(text)
      .map((line) => (rng.chance(0.3) ? rng.pick(MARKDOWN) + line : rng.chance(0.1) ? "  ".repeat(rng.int(12)) + "- " + line : line))
      .join("\n");
  },
};

/** Encodings a text mutation may end in: the text as other tools write it, and as they mangle it. */
const ENCODINGS: Record<string, (rng: Rng, text: string) => Uint8Array> = {
  utf8: (_rng, text) => strToU8(text),
  utf8bom: (_rng, text) => join3(Uint8Array.from([0xef, 0xbb, 0xbf]), strToU8(text), new Uint8Array(0)),
  gb18030: (_rng, text) => new Uint8Array(iconv.encode(text, "gb18030")),
  gbk: (_rng, text) => new Uint8Array(iconv.encode(text, "gbk")),
  utf16le: (rng, text) => new Uint8Array(iconv.encode(text, "utf-16le", { addBOM: rng.chance(0.5) })),
  utf16be: (rng, text) => new Uint8Array(iconv.encode(text, "utf-16be", { addBOM: rng.chance(0.5) })),
  big5: (_rng, text) => new Uint8Array(iconv.encode(text, "big5")),
  shiftjis: (_rng, text) => new Uint8Array(iconv.encode(text, "shift_jis")),
  latin1Mojibake: (_rng, text) => strToU8(Buffer.from(strToU8(text)).toString("latin1")),
  mixed: (rng, text) => {
    const at = rng.int(text.length + 1);
    return join3(strToU8(text.slice(0, at)), new Uint8Array(iconv.encode(text.slice(at), "gb18030")), new Uint8Array(0));
  },
  wrongBom: (rng, text) => join3(Uint8Array.from(rng.pick([[0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]])), new Uint8Array(iconv.encode(text, "gb18030")), new Uint8Array(0)),
};

function decodeFixture(base: Base): string {
  // The encodings/ fixtures are GB18030 and UTF-16LE; the others UTF-8.
  if (base.name.includes("gb18030")) return iconv.decode(Buffer.from(base.bytes), "gb18030");
  if (base.name.includes("utf16le")) return iconv.decode(Buffer.from(base.bytes), "utf-16le");
  return strFromU8(base.bytes);
}

// ---------------------------------------------------------------------------------------------
// Zip and XML mutations (.docx)

type ZipMutation = (rng: Rng, entries: RawEntry[], options: RawZipOptions) => void;

const IMPORTANT = ["word/document.xml", "_rels/.rels", "[Content_Types].xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml"];

function someEntry(rng: Rng, entries: RawEntry[]): RawEntry {
  const important = entries.filter((entry) => IMPORTANT.includes(entry.name));
  return rng.chance(0.6) && important.length > 0 ? rng.pick(important) : rng.pick(entries);
}

const ZIP_MUTATIONS: Record<string, ZipMutation> = {
  deleteEntry(rng, entries) {
    entries.splice(entries.indexOf(someEntry(rng, entries)), 1);
  },
  renameEntry(rng, entries) {
    const entry = someEntry(rng, entries);
    entry.name = rng.pick([
      entry.name.toUpperCase(),
      `./${entry.name}`,
      `/${entry.name}`,
      entry.name.replace(/\//g, "\\"),
      `${entry.name} `,
      entry.name.slice(0, -1),
      `../${entry.name}`,
      rng.pick(entries).name,
      "",
      "word/文档.xml",
    ]);
  },
  duplicateEntry(rng, entries) {
    const entry = someEntry(rng, entries);
    entries.splice(rng.int(entries.length + 1), 0, { ...entry, data: rng.chance(0.5) ? entry.data : strToU8("<x/>") });
  },
  corruptData(rng, entries) {
    const entry = someEntry(rng, entries);
    const compressed = deflateSync(entry.data).slice();
    for (let k = rng.range(1, 8); k > 0 && compressed.length > 0; k--) compressed[rng.int(compressed.length)] ^= 1 << rng.int(8);
    entry.compressed = compressed;
  },
  truncateData(rng, entries) {
    const entry = someEntry(rng, entries);
    const compressed = deflateSync(entry.data);
    entry.compressed = compressed.slice(0, rng.int(compressed.length));
  },
  wrongSize(rng, entries) {
    const entry = someEntry(rng, entries);
    entry.uncompressedSize = rng.pick([0, 1, entry.data.length - 1, entry.data.length + 1, entry.data.length * 2, 0x7fffffff, 0xffffffff, rng.int(1 << 20)]);
  },
  wrongCompressedSize(rng, entries) {
    someEntry(rng, entries).compressedSize = rng.pick([0, 1, 0xffffffff, rng.int(1 << 16)]);
  },
  wrongCrc(rng, entries) {
    someEntry(rng, entries).crc = rng.int(0xffffffff);
  },
  method(rng, entries) {
    const entry = someEntry(rng, entries);
    entry.method = rng.pick([0, 1, 12, 14, 93, 99]);
    if (entry.method === 0 && rng.chance(0.5)) entry.compressed = entry.data;
  },
  flags(rng, entries) {
    someEntry(rng, entries).flags = rng.pick([0x1, 0x8, 0x41, 0x2001, 0]);
  },
  localOffset(rng, entries) {
    someEntry(rng, entries).localHeaderOffset = rng.pick([0, 1, 0xffffffff, rng.int(1 << 16)]);
  },
  count(rng, entries, options) {
    options.declaredCount = rng.pick([0, 1, entries.length - 1, entries.length + 1, 0xffff, 20000]);
  },
  directoryOffset(rng, _entries, options) {
    options.directoryOffset = rng.pick([0, 1, 0xffffffff, rng.int(1 << 16)]);
  },
  prefix(rng, _entries, options) {
    options.prefix = rng.chance(0.5) ? rng.bytes(rng.range(1, 4096)) : strToU8("MZ" + "\u0000".repeat(100));
  },
  comment(rng, _entries, options) {
    // A comment holding a second end record: the reader must not trust the first signature it sees.
    const fake = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...rng.bytes(18)]);
    options.comment = rng.chance(0.5) ? join3(rng.bytes(rng.int(1000)), fake, rng.bytes(rng.int(1000))) : rng.bytes(rng.range(1, 65535));
  },
  storedHuge(rng, entries) {
    // A stored (uncompressed) document.xml padded with junk after its end.
    const entry = entries.find((e) => e.name === "word/document.xml") ?? someEntry(rng, entries);
    entry.method = 0;
    entry.data = join3(entry.data, rng.bytes(rng.range(1, 1000)), new Uint8Array(0));
  },
};

type XmlMutation = (rng: Rng, xml: string) => string;

/** WordprocessingML fragments with hostile values: numbering, spans, merges, nesting, runs. */
function hostileElement(rng: Rng): string {
  const big = () => rng.pick(["0", "-1", "1", "8", "9", "63", "64", "1000", "99999", "2147483648", "1e9", "NaN", "", "x"]);
  return rng.pick([
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${big()}"/><w:numId w:val="${big()}"/></w:numPr></w:pPr><w:r><w:t>${cjk(rng, 5)}</w:t></w:r></w:p>`,
    `<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="${big()}"/><w:vMerge w:val="${rng.pick(["restart", "continue", ""])}"/></w:tcPr><w:p><w:r><w:t>${rng.pick(TABLE)}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
    `<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
    `<w:p><w:pPr><w:pStyle w:val="${rng.pick(["Heading1", "", "x", "ListParagraph"])}"/></w:pPr></w:p>`,
    `<w:p><w:r><w:t xml:space="preserve">${soupLine(rng, false).replace(/[<&]/g, "")}</w:t></w:r></w:p>`,
    `<w:p><w:r><w:tab/><w:br/><w:noBreakHyphen/><w:softHyphen/><w:sym w:char="F0B7"/></w:r></w:p>`,
    `<w:p><w:ins><w:r><w:t>${cjk(rng, 4)}</w:t></w:r></w:ins><w:del><w:r><w:delText>x</w:delText></w:r></w:del></w:p>`,
    `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="w14"><w:p/></mc:Choice><mc:Fallback><w:p><w:r><w:t>x</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>`,
    `<w:sdt><w:sdtContent><w:p><w:r><w:t>${cjk(rng, 3)}</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
    `<w:p><w:r><w:footnoteReference w:id="${big()}"/><w:commentReference w:id="1"/></w:r></w:p>`,
    `<w:p><w:hyperlink r:id="rId999" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>`,
    `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rId404" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></wp:inline></w:drawing></w:r></w:p>`,
    `<w:p><w:r><w:t>\uFFF9${rng.int(1000)}\uFFFB</w:t></w:r></w:p>`,
  ]);
}

const XML_MUTATIONS: Record<string, XmlMutation> = {
  dropTag(rng, xml) {
    let out = xml;
    for (let k = rng.range(1, 10); k > 0; k--) {
      const at = out.indexOf("<", rng.int(out.length));
      if (at < 0) break;
      const end = out.indexOf(">", at);
      out = out.slice(0, at) + out.slice(end < 0 ? out.length : end + 1);
    }
    return out;
  },
  duplicateElement(rng, xml) {
    const at = xml.indexOf("<w:p", rng.int(xml.length));
    if (at < 0) return xml;
    const end = xml.indexOf("</w:p>", at);
    if (end < 0) return xml;
    const element = xml.slice(at, end + 6);
    return xml.slice(0, at) + element.repeat(rng.range(2, 50)) + xml.slice(at);
  },
  insertHostile(rng, xml) {
    let out = xml;
    for (let k = rng.range(1, 12); k > 0; k--) {
      const at = out.indexOf("<w:p", rng.int(out.length));
      if (at < 0) break;
      out = out.slice(0, at) + hostileElement(rng) + out.slice(at);
    }
    return out;
  },
  values(rng, xml) {
    return xml.replace(/w:val="[^"]*"/g, (match) => (rng.chance(0.2) ? `w:val="${rng.pick(["-1", "0", "4294967296", "99999", "", "&amp;", "%1%2%3%4%5%6%7%8%9"])}"` : match));
  },
  breakSyntax(rng, xml) {
    const at = rng.int(xml.length);
    return xml.slice(0, at) + rng.pick(["<", "&", "&lol;", "]]>", "<!--", "<![CDATA[", '"', "</w:body>", "<w:p>", "\u0000", "&#0;", "&#xFFFF;"]) + xml.slice(at);
  },
  truncate(rng, xml) {
    return xml.slice(0, rng.int(xml.length));
  },
  prolog(rng, xml) {
    return xml.replace(/^<\?xml[^>]*\?>/, rng.pick(['<?xml version="1.1" encoding="UTF-16"?>', '<?xml version="1.0" encoding="GB18030"?>', "", "\ufeff", " \n<?xml version='1.0'?>"]));
  },
  namespace(rng, xml) {
    return xml.replace(/http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main/, rng.pick(["http://purl.oclc.org/ooxml/wordprocessingml/main", "urn:x", ""]));
  },
  text(rng, xml) {
    // Notice-level mutations of the text inside the runs.
    return xml.replace(/<w:t( [^>]*)?>([^<]*)<\/w:t>/g, (match, attributes: string | undefined, text: string) =>
      rng.chance(0.1) ? `<w:t${attributes ?? ""}>${soupLine(rng, false).replace(/[<&]/g, "") || text}</w:t>` : match,
    );
  },
};

// ---------------------------------------------------------------------------------------------

function mutateText(rng: Rng, base: Base, names: string[]): Uint8Array {
  let text = decodeFixture(base);
  for (let k = rng.weighted([[5, 1], [3, 2], [1, 3]] as const); k > 0; k--) {
    const name = rng.pick(Object.keys(TEXT_MUTATIONS));
    names.push(name);
    text = TEXT_MUTATIONS[name](rng, text, base.kind);
  }
  const encoding = rng.chance(0.7) ? "utf8" : rng.pick(Object.keys(ENCODINGS));
  if (encoding !== "utf8") names.push(encoding);
  let bytes = ENCODINGS[encoding](rng, text);
  if (rng.chance(0.2)) {
    const name = rng.pick(Object.keys(BYTE_MUTATIONS));
    names.push(name);
    bytes = BYTE_MUTATIONS[name](rng, bytes);
  }
  return bytes;
}

function mutateDocx(rng: Rng, base: Base, names: string[]): Uint8Array {
  const kind = rng.weighted([[5, "zip"], [4, "xml"], [2, "bytes"]] as const);
  if (kind === "bytes") {
    let bytes = base.bytes;
    for (let k = rng.range(1, 2); k > 0; k--) {
      const name = rng.pick(Object.keys(BYTE_MUTATIONS));
      names.push(name);
      bytes = BYTE_MUTATIONS[name](rng, bytes);
    }
    return bytes;
  }
  const entries = entriesOf(base.bytes);
  const options: RawZipOptions = {};
  if (kind === "xml") {
    const xmlEntries = entries.filter((entry) => entry.name.endsWith(".xml") || entry.name.endsWith(".rels"));
    for (let k = rng.range(1, 3); k > 0; k--) {
      const entry = rng.chance(0.7) ? (xmlEntries.find((e) => e.name === "word/document.xml") ?? rng.pick(xmlEntries)) : rng.pick(xmlEntries);
      const name = rng.pick(Object.keys(XML_MUTATIONS));
      names.push(`${name}@${entry.name}`);
      entry.data = strToU8(XML_MUTATIONS[name](rng, strFromU8(entry.data)));
    }
  }
  const zipMutations = kind === "zip" ? rng.range(1, 3) : rng.chance(0.2) ? 1 : 0;
  for (let k = zipMutations; k > 0 && entries.length > 0; k--) {
    const name = rng.pick(Object.keys(ZIP_MUTATIONS));
    names.push(name);
    ZIP_MUTATIONS[name](rng, entries, options);
  }
  return rawZip(entries, options);
}

/** File names as they arrive: spaces, Chinese, quotes, and now and then the wrong extension. */
function fileName(rng: Rng, base: Base, index: number, ext: string): string {
  const stem = base.name.replace(/\.[^.]+$/, "");
  const decorated = rng.pick([stem, `${stem} 副本 (${index})`, `“通知” ${stem}`, `${stem} 'q' "dq"`, `通知${index}`, stem]);
  const extension = rng.chance(0.06) ? rng.pick([".txt", ".docx", ".md", ".doc", "", ".TXT", ".DocX"]) : ext;
  return `${String(index).padStart(4, "0")}-${decorated}${extension}`;
}

/**
 * `count` mutated inputs, the same for a given seed: text fixtures get ~45 %, Markdown ~12 %,
 * .docx ~43 %. Every `cliEvery`th case also goes through the CLI (and every third of those to .xlsx).
 */
export function mutatedCases(count = 1200, seed = SEED, cliEvery = 40): Case[] {
  const bases = fixtures();
  const byKind = (kind: Base["kind"]) => bases.filter((base) => base.kind === kind);
  const groups: Array<readonly [number, Base[]]> = [
    [45, byKind("txt")],
    [12, byKind("md")],
    [43, byKind("docx")],
  ];
  const cases: Case[] = [];
  for (let index = 0; index < count; index++) {
    // Each case has its own generator: changing one case's mutations never shifts the others.
    const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    const base = rng.pick(rng.weighted(groups));
    const names: string[] = [];
    const file = fileName(rng, base, index, extname(base.name));
    let bytes: Uint8Array | null = null;
    const build = () => (bytes ??= base.kind === "docx" ? mutateDocx(rng, base, names) : mutateText(rng, base, names));
    build();
    const id = `${String(index).padStart(4, "0")} ${base.name} ${names.join("+")}`;
    cases.push({
      id,
      file,
      bytes: () => build(),
      expect: "any",
      cli: index % cliEvery === 0,
      xlsx: index % (cliEvery * 3) === 0,
    });
  }
  return cases;
}
