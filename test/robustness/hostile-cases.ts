import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8 } from "fflate";
import iconv from "iconv-lite";
import { concat, deflateBomb, docxOf, documentXml, entriesOf, para, rawZip, W } from "../helpers/hostile.js";
import type { Case } from "./corpus.js";
import { Rng } from "./prng.js";
import { pathologicalStrings } from "./regexes.js";

/**
 * The named hostile inputs of issue 7: broken and malicious .docx packages (truncated, bit-flipped,
 * without document.xml, zip bombs of every kind, DOCTYPE / external entities / billion laughs,
 * absurd nesting, a 50 MB document.xml), hostile text (empty, whitespace, binary, undecodable,
 * 100 MB, one 1 MB line, 10,000 nesting levels), inputs at the size limits, and the pathological
 * strings of regexes.ts in the contexts where the parser meets them. Each says what must happen.
 */

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string) => strToU8(text);

const refused = (code: string | RegExp) => ({ refused: code });
const MB = 1024 * 1024;

/** A body paragraph with a typed label, an owner clause and a deadline: what the parser works hardest on. */
const TASK_LINE = "一、推进政务公开标准化规范化建设。（区政府办牵头，各街道落实；2021年12月底前完成）";

function docxCases(): Case[] {
  const valid = fixture("chaoyang-2021-ledger.docx");
  const entries = () => entriesOf(valid);
  const withDocument = (xml: string) => docxOf({ "word/document.xml": xml });
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
    `]>`;
  const passwd = "root:x:0:0";
  const nestedTables = (depth: number) => withDocument(documentXml("<w:tbl><w:tr><w:tc>".repeat(depth) + para("深") + "</w:tc></w:tr></w:tbl>".repeat(depth)));
  const cell = (text: string, properties = "") => `<w:tc><w:tcPr>${properties}</w:tcPr>${para(text)}</w:tc>`;
  const header = `<w:tr>${cell("序号")}${cell("重点任务")}${cell("牵头单位")}${cell("完成时限")}</w:tr>`;

  const doctypeIn = (part: string, prolog: string) => {
    const list = entries();
    const entry = list.find((e) => e.name === part)!;
    entry.data = utf8(prolog + new TextDecoder().decode(entry.data).replace(/^<\?xml[^>]*\?>/, ""));
    return rawZip(list);
  };

  return [
    // Truncated and damaged zips.
    { id: "truncated zip: first 10 bytes", file: "truncated-10.docx", bytes: () => valid.slice(0, 10), expect: refused("corrupt-docx") },
    { id: "truncated zip: half", file: "truncated-half.docx", bytes: () => valid.slice(0, valid.length >> 1), expect: refused("corrupt-docx") },
    { id: "truncated zip: end record cut", file: "truncated-tail.docx", bytes: () => valid.slice(0, valid.length - 10), expect: refused("corrupt-docx") },
    { id: "truncated zip: central directory only", file: "directory-only.docx", bytes: () => valid.slice(valid.length - 2000), expect: refused(/corrupt-docx|not-a-docx/) },
    ...[1, 8, 64, 512].map((flips): Case => ({
      id: `bit-flipped docx: ${flips} flips`,
      file: `flipped-${flips}.docx`,
      bytes: () => {
        const rng = new Rng(flips);
        const out = valid.slice();
        for (let k = 0; k < flips; k++) out[rng.int(out.length)] ^= 1 << rng.int(8);
        return out;
      },
      expect: "any",
    })),
    { id: "zip with no word/document.xml", file: "no-document.docx", bytes: () => rawZip(entries().filter((e) => e.name !== "word/document.xml")), expect: refused("corrupt-docx") },
    { id: "zip whose relationship points to a missing main part", file: "dangling-rel.docx", bytes: () => rawZip(entries().map((e) => (e.name === "word/document.xml" ? { ...e, name: "word/gone.xml" } : e))), expect: refused("corrupt-docx") },
    { id: "empty zip (end record only)", file: "empty-zip.docx", bytes: () => rawZip([]), expect: refused("corrupt-docx") },
    { id: "nested zip: a .docx as document.xml", file: "zip-in-zip.docx", bytes: () => docxOf({ "word/document.xml": valid }), expect: refused("corrupt-docx") },

    // Zip bombs: declared, actual, overlapping, many entries.
    {
      id: "zip bomb: document.xml declares 4 GB",
      file: "bomb-declared.docx",
      bytes: () => rawZip(entries().map((e) => (e.name === "word/document.xml" ? { ...e, uncompressedSize: 0xfffffff0 } : e))),
      expect: refused("too-large"),
    },
    {
      id: "zip bomb: 1 GB of deflate declared honestly",
      file: "bomb-honest.docx",
      bytes: () => rawZip([...entries().filter((e) => e.name !== "word/document.xml"), { name: "word/document.xml", data: new Uint8Array(0), compressed: deflateBomb(1 << 30), uncompressedSize: 1 << 30, crc: 0 }]),
      expect: refused("too-large"),
    },
    {
      id: "zip bomb: 1 GB of deflate declared as 100 KB",
      file: "bomb-lying.docx",
      bytes: () => rawZip([...entries().filter((e) => e.name !== "word/document.xml"), { name: "word/document.xml", data: new Uint8Array(0), compressed: deflateBomb(1 << 30), uncompressedSize: 100_000, crc: 0 }]),
      expect: refused("too-large"),
    },
    {
      id: "zip bomb: 15 MB declared, 1 GB inside (under every declared cap)",
      file: "bomb-lying-15mb.docx",
      bytes: () => rawZip([...entries().filter((e) => e.name !== "word/document.xml"), { name: "word/document.xml", data: new Uint8Array(0), compressed: deflateBomb(1 << 30), uncompressedSize: 15 * MB, crc: 0 }]),
      expect: refused("too-large"),
    },
    {
      id: "zip bomb: 2,000 directory entries sharing one 10 MB bomb (overlapping files)",
      file: "bomb-overlap.docx",
      bytes: () => {
        const bomb = deflateBomb(10 * MB);
        // The first entry holds the bomb; every other central entry points at its local header (offset 0).
        return rawZip([
          { name: "word/document.xml", data: new Uint8Array(0), compressed: bomb, uncompressedSize: 10 * MB, crc: 0 },
          ...Array.from({ length: 2000 }, (_, i) => ({ name: `word/x${i}.xml`, data: new Uint8Array(0), compressed: new Uint8Array(0), uncompressedSize: 10 * MB, compressedSize: bomb.length, crc: 0, localHeaderOffset: 0 })),
        ]);
      },
      expect: refused("too-large"),
    },
    {
      id: "zip entry name with a line break and terminal escapes, quoted in the message",
      file: "entry-name.docx",
      bytes: () => rawZip([...entries(), { name: "word/evil\nledger: other.docx: looks fine\u001b[2J\u202e.xml", data: utf8("x"), flags: 0x801 }]),
      expect: refused("corrupt-docx"),
    },
    {
      id: "zip with two entries named with a carriage return",
      file: "entry-cr.docx",
      bytes: () => rawZip([...entries(), { name: "a\rb", data: utf8("x") }, { name: "a\rb", data: utf8("y") }]),
      expect: refused("corrupt-docx"),
    },
    { id: "zip with 20,000 entries", file: "many-entries.docx", bytes: () => rawZip(Array.from({ length: 20_000 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(0), method: 0 }))), expect: refused("too-large") },
    { id: "zip whose end record declares 65,535 entries", file: "count-lie.docx", bytes: () => rawZip(entries(), { declaredCount: 0xffff }), expect: refused(/too-large|corrupt-docx/) },
    { id: "zip64 end record declaring 2^40 entries", file: "zip64-count.docx", bytes: () => zip64Lie(valid), expect: refused(/too-large|corrupt-docx/) },

    // XML that asks for entities: never resolved, never expanded.
    { id: "XML with a DOCTYPE", file: "doctype.docx", bytes: () => withDocument(documentXml(para("x"), `<?xml version="1.0"?><!DOCTYPE w:document>`)), expect: refused("corrupt-docx") },
    {
      id: "XML with an external entity (XXE)",
      file: "xxe.docx",
      bytes: () => withDocument(documentXml(para("&xxe;"), `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`)),
      expect: refused("corrupt-docx"),
      mustNotContain: passwd,
    },
    { id: "XML billion laughs", file: "laughs.docx", bytes: () => withDocument(documentXml(para("&lol9;"), laughs)), expect: refused("corrupt-docx") },
    { id: "XML parameter entity to a remote DTD", file: "xxe-param.docx", bytes: () => withDocument(documentXml(para("x"), `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]>`)), expect: refused("corrupt-docx") },
    { id: "XML entity reference without a DOCTYPE", file: "undeclared-entity.docx", bytes: () => withDocument(documentXml(para("&xxe; &lol9;"))), expect: "any", mustNotContain: passwd },
    { id: "XInclude of /etc/passwd", file: "xinclude.docx", bytes: () => withDocument(documentXml(`<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>${para("x")}`)), expect: "any", mustNotContain: passwd },
    { id: "lowercase doctype in styles.xml", file: "doctype-styles.docx", bytes: () => doctypeIn("word/styles.xml", `<?xml version="1.0"?><!doctype x [<!ENTITY a "b">]>`), expect: refused("corrupt-docx") },
    { id: "DOCTYPE in numbering.xml", file: "doctype-numbering.docx", bytes: () => doctypeIn("word/numbering.xml", `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd">`), expect: refused("corrupt-docx") },
    { id: "DOCTYPE in _rels/.rels", file: "doctype-rels.docx", bytes: () => doctypeIn("_rels/.rels", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]>`), expect: refused("corrupt-docx") },
    { id: "DOCTYPE in the document relationships", file: "doctype-docrels.docx", bytes: () => doctypeIn("word/_rels/document.xml.rels", `<!DOCTYPE r>`), expect: refused("corrupt-docx") },
    { id: "DOCTYPE in [Content_Types].xml", file: "doctype-types.docx", bytes: () => doctypeIn("[Content_Types].xml", `<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "b">]>`), expect: "any" },
    {
      id: "DOCTYPE in UTF-16 document.xml",
      file: "doctype-utf16.docx",
      bytes: () => withDocument16(documentXml(para("&lol9;"), `<?xml version="1.0" encoding="UTF-16"?>${laughs.replace(/^<\?xml[^>]*\?>/, "")}`)),
      expect: refused("corrupt-docx"),
    },

    // Nesting and structure.
    { id: "nested tables: 50 deep", file: "nested-50.docx", bytes: () => nestedTables(50), expect: "any" },
    { id: "nested tables: 1,000 deep", file: "nested-1000.docx", bytes: () => nestedTables(1000), expect: "any" },
    { id: "nested tables: 10,000 deep", file: "nested-10000.docx", bytes: () => nestedTables(10_000), expect: refused(/corrupt-docx|too-large/) },
    { id: "nested content controls: 20,000 deep", file: "nested-sdt.docx", bytes: () => withDocument(documentXml("<w:p>" + "<w:sdt><w:sdtContent>".repeat(20_000) + "<w:r><w:t>x</w:t></w:r>" + "</w:sdtContent></w:sdt>".repeat(20_000) + "</w:p>")), expect: refused(/corrupt-docx|too-large/) },
    { id: "nested unknown elements: 100,000 deep", file: "nested-unknown.docx", bytes: () => withDocument(documentXml("<w:p>" + "<x>".repeat(100_000) + "</x>".repeat(100_000) + "</w:p>")), expect: refused(/corrupt-docx|too-large/) },
    { id: "table cell spanning 100,000,000 columns", file: "gridspan.docx", bytes: () => withDocument(documentXml(`<w:tbl>${header}<w:tr>${cell("1")}${cell("任务", `<w:gridSpan w:val="100000000"/>`)}${cell("区政府办")}</w:tr></w:tbl>`)), expect: refused("too-large") },
    { id: "table with 300 cells in a row", file: "wide-table.docx", bytes: () => withDocument(documentXml(`<w:tbl>${header}<w:tr>${cell("x").repeat(300)}</w:tr></w:tbl>`)), expect: refused("too-large") },
    { id: "vertical merge running 4,000 rows", file: "vmerge.docx", bytes: () => withDocument(documentXml(`<w:tbl>${header}${`<w:tr>${cell("1")}${cell("任务", "<w:vMerge/>")}${cell("区政府办")}${cell("年底前")}</w:tr>`.repeat(4000)}</w:tbl>`)), expect: "any" },
    {
      id: "numbering with absurd levels and ids",
      file: "numbering.docx",
      bytes: () =>
        docxOf({
          "word/document.xml": documentXml(Array.from({ length: 200 }, (_, i) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${[0, 8, 9, 100000, -1][i % 5]}"/><w:numId w:val="${[1, 2, 99999][i % 3]}"/></w:numPr></w:pPr><w:r><w:t>项${i}</w:t></w:r></w:p>`).join("")),
          "word/_rels/document.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
          "word/numbering.xml": `<?xml version="1.0"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${Array.from({ length: 2000 }, (_, i) => `<w:lvl w:ilvl="${i}"><w:start w:val="${i * 1000}"/><w:numFmt w:val="${["decimal", "chineseCounting", "upperRoman", "bogus"][i % 4]}"/><w:lvlText w:val="${"%1%2%3%4%5%6%7%8%9".repeat(50)}"/></w:lvl>`).join("")}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
        }),
      expect: "any",
    },

    // Size: 50 MB document.xml, and inputs just under the element caps.
    {
      id: "document.xml of 50 MB",
      file: "document-50mb.docx",
      bytes: () => withDocument(documentXml(para(TASK_LINE).repeat(Math.ceil((50 * MB) / Buffer.byteLength(para(TASK_LINE)))))),
      expect: refused("too-large"),
    },
    { id: "document.xml of 19,000 empty paragraphs and 130,000 empty runs (under the caps)", file: "at-cap-empty.docx", heavy: true, bytes: () => withDocument(documentXml("<w:p/>".repeat(19_000) + `<w:p>${"<w:r/>".repeat(130_000)}</w:p>`)), expect: "ok" },
    { id: "document.xml of 9,000 task paragraphs (under the caps)", file: "at-cap-tasks.docx", heavy: true, bytes: () => withDocument(documentXml(para(TASK_LINE).repeat(9_000))), expect: "ok", xlsx: true },
    { id: "document.xml of 200,000 elements", file: "elements.docx", bytes: () => withDocument(documentXml(`<w:p>${"<w:r/>".repeat(200_000)}</w:p>`)), expect: refused("too-large") },
    { id: "document.xml of 30,000 empty paragraphs", file: "paragraphs.docx", bytes: () => withDocument(documentXml("<w:p/>".repeat(30_000))), expect: refused("too-large") },
  ];
}

function withDocument16(xml: string): Uint8Array {
  return docxOf({ "word/document.xml": concat([Uint8Array.from([0xff, 0xfe]), new Uint8Array(iconv.encode(xml, "utf-16le"))]) });
}

/** A zip whose zip64 end record claims 2^40 entries. */
function zip64Lie(valid: Uint8Array): Uint8Array {
  const zip = rawZip(entriesOf(valid), { declaredCount: 0xffff });
  const eocdAt = zip.length - 22;
  const record = new Uint8Array(56);
  const view = new DataView(record.buffer);
  view.setUint32(0, 0x06064b50, true);
  view.setBigUint64(4, 44n, true);
  view.setBigUint64(24, 1n << 40n, true);
  view.setBigUint64(32, 1n << 40n, true);
  view.setBigUint64(40, 1000n, true);
  view.setBigUint64(48, 0n, true);
  const locator = new Uint8Array(20);
  const locatorView = new DataView(locator.buffer);
  locatorView.setUint32(0, 0x07064b50, true);
  locatorView.setBigUint64(8, BigInt(eocdAt), true);
  locatorView.setUint32(16, 1, true);
  return concat([zip.subarray(0, eocdAt), record, locator, zip.subarray(eocdAt)]);
}

function textCases(): Case[] {
  const rng = new Rng(7);
  const nestingStyles = ["一、", "（一）", "1.", "（1）", "①", "1.1", "1.2.1", "1.2.1.1", "A.", "第一条", "第一章", "第一节", "第一部分"];
  return [
    { id: "empty file", file: "empty.txt", bytes: () => new Uint8Array(0), expect: refused("empty-input") },
    { id: "empty file named .docx", file: "empty.docx", bytes: () => new Uint8Array(0), expect: refused("empty-input") },
    { id: "whitespace only", file: "blank.txt", bytes: () => utf8(" \t\n\r\n\u3000\u3000\n\f\n".repeat(1000)), expect: "any" },
    { id: "whitespace only, Markdown", file: "blank.md", bytes: () => utf8("   \n\n\t\n"), expect: "any" },
    { id: "binary data named .txt", file: "binary.txt", bytes: () => rng.bytes(64 * 1024), expect: refused(/binary-input|undecodable-text|unsupported-format|corrupt-docx|not-a-docx/) },
    { id: "binary data without NULs named .txt", file: "binary-nonul.txt", bytes: () => rng.bytes(64 * 1024).map((b) => b || 1), expect: refused(/undecodable-text|unsupported-format|corrupt-docx/) },
    { id: "an ELF executable named .md", file: "program.md", bytes: () => concat([Uint8Array.from([0x7f, 0x45, 0x4c, 0x46]), rng.bytes(4096)]), expect: refused("unsupported-format") },
    { id: "a PNG named .txt", file: "image.txt", bytes: () => concat([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), rng.bytes(4096)]), expect: refused("unsupported-format") },
    { id: "a legacy .doc (OLE) named .docx", file: "legacy.docx", bytes: () => concat([Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), rng.bytes(4096)]), expect: refused(/legacy-doc|encrypted-docx|corrupt-doc/) },
    { id: "text named .docx", file: "text.docx", bytes: () => utf8(TASK_LINE), expect: refused("not-a-docx") },
    {
      id: "invalid UTF-8 that is not GB18030 either",
      file: "undecodable.txt",
      // Lone continuation bytes and 0xFF: no UTF-8, and GB18030 maps them to nothing sensible.
      bytes: () => utf8Mix(),
      expect: refused("undecodable-text"),
    },
    { id: "UTF-8 BOM then invalid UTF-8", file: "bom-invalid.txt", bytes: () => concat([Uint8Array.from([0xef, 0xbb, 0xbf]), Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x80])]), expect: refused("undecodable-text") },
    { id: "UTF-16 BOM then an odd byte count", file: "utf16-odd.txt", bytes: () => concat([Uint8Array.from([0xff, 0xfe]), new Uint8Array(iconv.encode(TASK_LINE, "utf-16le")), Uint8Array.from([0x41])]), expect: "any" },
    { id: "UTF-16 with unpaired surrogates", file: "surrogates.txt", bytes: () => concat([Uint8Array.from([0xff, 0xfe]), Uint8Array.from([0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc, 0x00, 0xd8])]), expect: "any" },
    { id: "a 100 MB text file", file: "huge.txt", bytes: () => hugeText(100 * MB), expect: refused("too-large") },
    { id: "a single 1 MB line", file: "long-line.txt", bytes: () => utf8(TASK_LINE.repeat(Math.ceil(MB / Buffer.byteLength(TASK_LINE)))), expect: "ok", xlsx: true },
    { id: "a single 1 MB line of one repeated character", file: "long-run.txt", bytes: () => utf8("一、" + "任".repeat(350_000)), expect: "ok", xlsx: true },
    { id: "a single 1 MB line of brackets", file: "long-brackets.txt", bytes: () => utf8("一、" + "（".repeat(175_000) + "）".repeat(175_000)), expect: "ok" },
    { id: "a single 1 MB line of 〔2020〕", file: "long-years.txt", bytes: () => utf8("〔2020〕".repeat(60_000) + "\n一、任务"), expect: "ok" },
    {
      id: "10,000 nesting levels of numbering labels (every style, deeper each line)",
      file: "nesting.txt",
      bytes: () => utf8(Array.from({ length: 10_000 }, (_, i) => `${"\u3000".repeat(i % 40)}${nestingStyles[i % nestingStyles.length]}第${i}层任务（区政府办牵头）`).join("\n")),
      expect: "ok",
    },
    { id: "10,000 nesting levels: one label of 10,000 decimal parts", file: "decimal.txt", bytes: () => utf8(Array.from({ length: 10_000 }, () => "1").join(".") + " 任务\n1.1 任务"), expect: "ok" },
    { id: "10,000 nesting levels: nested brackets around an owner clause", file: "brackets.txt", bytes: () => utf8("一、任务" + "（".repeat(10_000) + "牵头单位：区政府办" + "）".repeat(10_000)), expect: "ok" },
    { id: "10,000 nesting levels of Markdown lists (indented 0-200 columns)", file: "nesting.md", bytes: () => utf8(Array.from({ length: 10_000 }, (_, i) => `${"  ".repeat(i % 100)}${i + 1}. 任务${i}`).join("\n")), expect: "any" },
    { id: "10,000 nesting levels of Markdown quotes", file: "quotes.md", bytes: () => utf8(">".repeat(10_000) + " 一、任务\n"), expect: "any" },
    { id: "10,000 nested list markers on one Markdown line", file: "markers.md", bytes: () => utf8("- ".repeat(10_000) + "一、任务\n"), expect: "any" },
    { id: "10,000 nested Markdown emphasis", file: "emphasis.md", bytes: () => utf8("*".repeat(10_000) + "任务" + "*".repeat(10_000)), expect: "any" },
    { id: "Markdown of 40,000 emphasis delimiters", file: "delimiters.md", bytes: () => utf8("*_".repeat(20_000) + "a"), expect: "any" },
    { id: "Markdown of 40,000 link brackets", file: "links.md", bytes: () => utf8("[a](".repeat(40_000)), expect: "any" },
    { id: "Markdown table of 300 columns", file: "wide.md", bytes: () => utf8("|" + "序号|".repeat(300) + "\n|" + "-|".repeat(300) + "\n|" + "1|".repeat(300) + "\n"), expect: "any" },
    { id: "TSV of 10,000 columns", file: "wide.tsv.txt", bytes: () => utf8(("a\t".repeat(10_000) + "b\n").repeat(3)), expect: "any" },
    { id: "20,000 lines of one header word", file: "headers.txt", bytes: () => utf8("序号\n".repeat(20_000)), expect: "any" },
    ...LINE_RUNS.map(([name, line], index): Case => ({
      id: `19,000 lines of ${name}`,
      file: `lines-${index}.txt`,
      bytes: () => utf8(Array.from({ length: 19_000 }, (_, i) => line(i)).join("\n")),
      expect: "any",
      // Linear: well under a second. A loop over the lines inside a loop over the lines takes minutes.
      maxMs: 5_000,
    })),
    { id: "20,000 one-cell Tika rows", file: "tika.txt", bytes: () => utf8("\t一\n\n".repeat(20_000)), expect: "any" },
    { id: "9,000 task lines (under the caps)", file: "at-cap-tasks.txt", heavy: true, bytes: () => utf8(`${TASK_LINE}\n`.repeat(9_000)), expect: "ok", xlsx: true },
    { id: "19,000 short lines (under the caps)", file: "at-cap-lines.txt", heavy: true, bytes: () => utf8("1.任\n".repeat(9_000) + "正文\n".repeat(10_000)), expect: "ok" },
    { id: "170,000 short task lines (1 MB)", file: "many-tasks.txt", bytes: () => utf8("1.任\n".repeat(170_000)), expect: refused("too-large") },
    { id: "11,000 tasks (past the task cap)", file: "tasks-cap.txt", bytes: () => utf8("1.任\n".repeat(11_000)), expect: refused("too-large") },
    { id: "300,000 one-character lines", file: "lines.txt", bytes: () => utf8("。\n".repeat(300_000)), expect: refused("too-large") },
    { id: "300,000 empty lines", file: "empty-lines.txt", bytes: () => utf8("\n".repeat(300_000)), expect: refused("empty-input") },
    { id: "300,000 CR-only lines", file: "cr.txt", bytes: () => utf8("一、任务\r".repeat(300_000)), expect: refused("too-large") },
    { id: "a 60 MB line without a newline", file: "line-60mb.txt", bytes: () => utf8("一、" + "任务".repeat(10 * MB)), expect: "any" },
  ];
}

/** Line shapes each reader and parser pass looks at, to run 19,000 times: a per-line quadratic shows. */
const LINE_RUNS: Array<[string, (i: number) => string]> = [
  ["cycling header words", (i) => ["序号", "重点任务", "主要内容", "牵头单位", "责任单位", "完成时限"][i % 6]],
  ["typed labels, same style", () => "一、任务"],
  ["typed labels, counting", (i) => `${i + 1}. 任务`],
  ["owner lines", () => "牵头单位：区政府办；责任单位：各街道"],
  ["table-of-contents entries", (i) => (i === 0 ? "目录" : `一、推进…………${i}`)],
  ["attachment lines", (i) => (i === 0 ? "附件：" : `${i}.任务分工表`)],
  ["salutations", () => "各乡镇，各有关部门："],
  ["signature dates", () => "某区人民政府办公室 2021年7月8日"],
  ["pipe rows", (i) => `| ${i} | 任务 | 区政府办 |`],
  ["TSV rows", (i) => `${i}\t任务\t区政府办\t年底前`],
  ["Tika cells", (i) => (i % 3 === 2 ? "" : `\t单元格${i}`)],
  ["page numbers", (i) => `- ${i % 999} -`],
  ["deadline fields", () => "完成时限：2021年12月底前"],
  ["header fields", () => "发布机构：某区人民政府 成文日期：2021年03月01日"],
];

function utf8Mix(): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < 4096; i++) out.push(...[[0x80], [0xff], [0xc0, 0x41], [0xfe], [0x81, 0x20]][i % 5]);
  return Uint8Array.from(out);
}

function hugeText(size: number): Uint8Array {
  const line = utf8(`${TASK_LINE}\n`);
  const out = new Uint8Array(size);
  for (let at = 0; at < size; at += line.length) out.set(line.subarray(0, Math.min(line.length, size - at)), at);
  return out;
}

/**
 * Each pathological string of regexes.ts where the parser meets it, all in one notice: a header
 * field and a table of contents entry in the front matter, a label's rest, a body line, an owner
 * clause, and the cells of a task table.
 */
function pathologicalCases(): Case[] {
  return pathologicalStrings(10_000).map(({ name, text }, index): Case => ({
    id: `pathological ${name}`,
    file: `pathological-${index}.txt`,
    bytes: () =>
      utf8(
        [`发布机构：${text}`, "目录", text, "一、任务", `二、${text}`, text, `三、任务（${text}）`, "", "序号\t重点任务\t牵头单位\t完成时限", `1\t${text}\t${text}\t${text}`, `2\t任务\t区政府办\t年底前`].join("\n"),
      ),
    expect: "any",
    // ~70,000 characters: tens of milliseconds when linear, seconds when anything is quadratic in them.
    maxMs: 3_000,
  }));
}

export function hostileCases(): Case[] {
  const named = [...docxCases(), ...textCases()].map((c) => ({ ...c, cli: true }));
  return [...named, ...pathologicalCases()];
}
