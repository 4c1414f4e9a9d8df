import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { formatNumber } from "../../src/importers/docx-number-format.js";
import { importDocx } from "../../src/importers/docx.js";
import { parseFile } from "../../src/ledger.js";
import type { BlockDocument, Cell, GridSlot, Paragraph, Table } from "../../src/model/blocks.js";
import {
  abstractNum,
  docxPackage,
  num,
  paragraph,
  STRICT_WORD_NAMESPACE,
  wordXml,
  zipOf,
} from "../helpers/docx-package.js";
import { FIXTURES } from "../helpers/fixtures.js";

const fixture = (name: string) => importDocx(readFileSync(join(FIXTURES, `${name}.docx`)));
const paragraphs = (doc: BlockDocument) => doc.blocks.filter((block): block is Paragraph => block.type === "paragraph");
const tables = (doc: BlockDocument) => doc.blocks.filter((block): block is Table => block.type === "table");
const labelled = (doc: BlockDocument) => paragraphs(doc).map((block) => (block.label ?? "") + block.text);
const squeeze = (text: string) => text.replace(/\s+/g, "");
const cell = (slot: GridSlot): Cell => {
  if (slot.kind !== "cell") throw new Error(`expected a cell, got a slot covered by ${slot.row},${slot.col}`);
  return slot;
};

/** The seed's lines as the .txt importer reads a list-shaped notice: debris and blank lines dropped. */
function seedLines(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.txt`), "utf8")
    .split(/\r?\n/)
    .map((line) => squeeze(line.replace("[bookmark: _GoBack]", "")))
    .filter((line) => line !== "");
}

describe("docx fixtures", () => {
  it("前进区: Word automatic numbering renders the labels the text types, mistakes included", async () => {
    const doc = await fixture("qianjin-2017-plan");
    expect(labelled(doc).map(squeeze)).toEqual(seedLines("qianjin-2017-plan"));
    const labels = paragraphs(doc).flatMap((block) => (block.label === null ? [] : [block.label]));
    expect(labels.slice(0, 7)).toEqual(["一、", "（一）", "1.", "2.", "3.", "4.", "（二）"]);
    // The source skips 3. and 4. and repeats 三、; the labels do too, and stay out of the text.
    expect(labels.filter((label) => label.endsWith("、"))).toEqual(["一、", "二、", "三、", "三、"]);
    const skipped = paragraphs(doc).find((block) => block.text.startsWith("更好发挥新闻媒体作用"));
    expect(skipped?.label).toBe("5.");
    expect(paragraphs(doc).every((block) => block.label === null || !/^[一二三四五（\d]/.test(block.text))).toBe(true);
    expect(doc.diagnostics).toEqual([]);
  });

  it("山西省: half-width (一) labels from automatic numbering", async () => {
    const doc = await fixture("shanxi-2019-plan");
    expect(labelled(doc).map(squeeze)).toEqual(seedLines("shanxi-2019-plan"));
    expect(paragraphs(doc).filter((block) => block.label !== null).map((block) => block.label).slice(0, 5)).toEqual([
      "一、",
      "(一)",
      "(二)",
      "(三)",
      "二、",
    ]);
  });

  it("莲花山: typed labels stay in the text and no paragraph has a Word label", async () => {
    const doc = await fixture("lianhuashan-2019-plan");
    expect(labelled(doc).map(squeeze)).toEqual(seedLines("lianhuashan-2019-plan"));
    expect(paragraphs(doc).every((block) => block.label === null)).toBe(true);
    const title = paragraphs(doc).findIndex((block) => block.text === "关于印发莲花山度假区2019年政务公开工作");
    expect(paragraphs(doc)[title + 1].text).toBe("要点及分工方案的通知");
  });

  it("朝阳区 台账: vertically merged 序号 / category / sub-task cells are covered slots", async () => {
    const doc = await fixture("chaoyang-2021-ledger");
    expect(doc.blocks[0]).toMatchObject({ type: "paragraph", text: "朝阳区2021年政务公开重点工作任务台账", source: { line: 1, paragraph: 1 } });
    const [table] = tables(doc);
    expect(table.rows.every((row) => row.length === 6)).toBe(true);
    const [header, first, second] = table.rows;
    expect(header.map((slot) => (slot.kind === "cell" ? slot.text : "^"))).toEqual(["序号", "落实国家和省市2021年政务公开重点任务", "^", "^", "责任分工", "完成时限"]);
    expect(cell(header[1]).colSpan).toBe(3);
    expect(header[2]).toEqual({ kind: "covered", row: 0, col: 1 });

    // The first row keeps its own empty 序号 cell; "一" on the next row is the merge origin.
    expect(cell(first[0])).toMatchObject({ text: "", rowSpan: 1 });
    expect(cell(first[1])).toMatchObject({ text: "进一步做好政府信息公开条例的实施", rowSpan: 7 });
    expect(cell(first[2])).toMatchObject({ text: "1、做好法定公开内容的日常维护", rowSpan: 2 });
    expect(cell(second[0])).toMatchObject({ text: "一", rowSpan: 6 });
    expect(second[1]).toEqual({ kind: "covered", row: 1, col: 1 });
    expect(second[2]).toEqual({ kind: "covered", row: 1, col: 2 });
    expect(table.rows[7][0]).toEqual({ kind: "covered", row: 2, col: 0 });
    expect(cell(table.rows[8][0])).toMatchObject({ text: "二", rowSpan: 6 });

    // A multi-paragraph cell is its paragraphs joined with "\n".
    const content = cell(table.rows[3][3]).text.split("\n");
    expect(content).toHaveLength(2);
    expect(content[1]).toMatch(/^ {4}严格依照《政府信息公开信息处理费管理办法》/);

    // Positions: the title is line 1, the header row line 2, each row one more.
    expect(table.source).toMatchObject({ line: 2, table: 1, endLine: 1 + table.rows.length });
    expect(cell(header[0]).source).toMatchObject({ line: 2, table: 1, row: 1, col: 1, paragraph: 2 });
    expect(cell(second[3]).source).toMatchObject({ line: 4, table: 1, row: 3, col: 4 });
  });

  it("钟楼区: merged 目标 and 任务 cells", async () => {
    const doc = await fixture("zhonglou-2018-plan");
    expect(paragraphs(doc).map((block) => block.text)[3]).toBe("钟楼区2018年政务公开工作要点实施方案");
    const [table] = tables(doc);
    expect(table.rows[0].map((slot) => cell(slot).text)).toEqual(["目标", "任务", "主要内容", "牵头单位", "责任单位"]);
    expect(cell(table.rows[1][0])).toMatchObject({ text: "一、\n高质量推进政务发布解读回应工作", rowSpan: 16 });
    expect(cell(table.rows[1][1])).toMatchObject({ text: "(一)及时发布各项重大政策", rowSpan: 5 });
    expect(table.rows[1].slice(3).map((slot) => cell(slot).text)).toEqual(["区政府办", "区各有关部门"]);
    expect(table.rows[6][0]).toEqual({ kind: "covered", row: 1, col: 0 });
    expect(cell(table.rows[6][1]).text).toBe("(二)贯彻落实重点领域公开任务");
    expect(cell(table.rows[17][0]).text).toBe("二、\n着力提升政务服务公开质量和实效");
  });
});

describe("Word numbering", () => {
  const chinese = abstractNum(0, [
    { numFmt: "chineseCounting", lvlText: "%1、" },
    { numFmt: "chineseCounting", lvlText: "（%2）" },
    { numFmt: "decimal", lvlText: "%3." },
  ]);
  const labelsOf = async (parts: Parameters<typeof docxPackage>[0]) =>
    paragraphs(await importDocx(docxPackage(parts))).map((block) => block.label);

  it("nests levels and restarts deeper levels after a shallower one", async () => {
    const body = [0, 1, 2, 2, 1, 2, 0, 1].map((ilvl, index) => paragraph(`item ${index}`, { numId: 1, ilvl })).join("");
    expect(await labelsOf({ body, numbering: chinese + num(1, 0) })).toEqual(["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）"]);
  });

  it("shares counters across the w:num instances of one list; a startOverride restarts it where first used", async () => {
    // As LibreOffice renders it (fixtures/word/shared-counters.docx is the oracle's copy).
    const body = [1, 1, 2, 3, 3, 1].map((numId, index) => paragraph(`item ${index}`, { numId })).join("");
    const numbering = chinese + num(1, 0) + num(2, 0) + num(3, 0, { 0: 7 });
    expect(await labelsOf({ body, numbering })).toEqual(["一、", "二、", "三、", "七、", "八、", "九、"]);
  });

  it("counts LibreOffice's re-save as one list: the first paragraph has its own w:num with a startOverride", async () => {
    const body = [2, 1, 1, 1].map((numId, index) => paragraph(`item ${index}`, { numId })).join("");
    const numbering = chinese + num(1, 0) + num(2, 0, { 0: 1 });
    expect(await labelsOf({ body, numbering })).toEqual(["一、", "二、", "三、", "四、"]);
  });

  it("keeps counting past ten the Chinese way", async () => {
    const body = Array.from({ length: 22 }, (_unused, index) => paragraph(`item ${index}`, { numId: 1 })).join("");
    const labels = await labelsOf({ body, numbering: chinese + num(1, 0) });
    expect([labels[9], labels[10], labels[19], labels[20], labels[21]]).toEqual(["十、", "十一、", "二十、", "二十一、", "二十二、"]);
  });

  it("honours w:lvlRestart, w:isLgl and multi-level templates", async () => {
    const numbering =
      abstractNum(0, [
        { numFmt: "chineseCounting", lvlText: "%1、" },
        { numFmt: "decimal", lvlText: "%1.%2", isLgl: true, lvlRestart: 0 },
      ]) + num(1, 0);
    const body = [0, 1, 1, 0, 1].map((ilvl, index) => paragraph(`item ${index}`, { numId: 1, ilvl })).join("");
    expect(await labelsOf({ body, numbering })).toEqual(["一、", "1.1", "1.2", "二、", "2.3"]);
  });

  it("finds numbering through the paragraph style chain and through a level's w:pStyle", async () => {
    const styles =
      `<w:style w:type="paragraph" w:styleId="ListBase"><w:name w:val="List Base"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Item"/><w:basedOn w:val="ListBase"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="Point"><w:name w:val="Point"/></w:style>`;
    const numbering =
      chinese +
      abstractNum(5, [{ numFmt: "decimalEnclosedCircle", lvlText: "%1", pStyle: "Point" }]) +
      num(1, 0) +
      num(2, 5);
    const body = paragraph("heading", { style: "ListBase" }) + paragraph("item", { style: "Item" }) + paragraph("point", { style: "Point" }) + paragraph("point", { style: "Point" });
    const doc = await importDocx(docxPackage({ body, numbering, styles }));
    expect(paragraphs(doc).map((block) => [block.label, block.style])).toEqual([
      ["一、", "List Base"],
      ["（一）", "Item"],
      ["①", "Point"],
      ["②", "Point"],
    ]);
  });

  it("gives bullets no label and w:numId 0 no numbering", async () => {
    const numbering = abstractNum(0, [{ numFmt: "bullet", lvlText: "•" }]) + num(1, 0);
    expect(await labelsOf({ body: paragraph("a", { numId: 1 }) + paragraph("b", { numId: 0 }), numbering })).toEqual([null, null]);
  });

  it("w:numId 0 on a paragraph turns off the numbering its style gives; a list continues through a section break", async () => {
    const styles = `<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Item"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`;
    const sectionBreak = `<w:p><w:pPr><w:pStyle w:val="Item"/><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr><w:r><w:t>b</w:t></w:r></w:p>`;
    const body = paragraph("a", { style: "Item" }) + sectionBreak + paragraph("off", { style: "Item", numId: 0 }) + paragraph("c", { style: "Item" });
    expect(await labelsOf({ body, numbering: chinese + num(1, 0), styles })).toEqual(["一、", "二、", null, "三、"]);
  });

  it("prefixes labels to their line in a table cell", async () => {
    const cellXml = (content: string) => `<w:tc>${content}</w:tc>`;
    const body = `<w:tbl><w:tr>${cellXml(paragraph("first", { numId: 1 }) + paragraph("second", { numId: 1 }))}${cellXml(paragraph("plain"))}</w:tr></w:tbl>`;
    const doc = await importDocx(docxPackage({ body, numbering: chinese + num(1, 0) }));
    expect(tables(doc)[0].rows[0].map((slot) => cell(slot).text)).toEqual(["一、first\n二、second", "plain"]);
  });

  it("reads Strict OOXML numbering", async () => {
    const body = paragraph("strict", { numId: 1 }) + paragraph("again", { numId: 1 });
    expect(await labelsOf({ body, numbering: chinese + num(1, 0), namespace: STRICT_WORD_NAMESPACE })).toEqual(["一、", "二、"]);
  });

  it("writes each number format", () => {
    const cases: [string, number, string][] = [
      ["chineseCounting", 1, "一"],
      ["chineseCounting", 10, "十"],
      ["chineseCounting", 21, "二十一"],
      ["chineseCountingThousand", 101, "一百零一"],
      ["taiwaneseCounting", 12, "十二"],
      ["taiwaneseCountingThousand", 1010, "一千零一十"],
      ["ideographDigital", 10, "一〇"],
      ["decimal", 7, "7"],
      ["decimalZero", 7, "07"],
      ["decimalEnclosedCircle", 3, "③"],
      ["decimalEnclosedCircle", 21, "㉑"],
      ["decimalFullWidth", 12, "１２"],
      ["upperLetter", 28, "BB"],
      ["lowerLetter", 3, "c"],
      ["upperRoman", 14, "XIV"],
      ["lowerRoman", 9, "ix"],
      ["japaneseLegal", 4, "4"],
      ["japaneseCounting", 21, "二十一"],
      ["chineseLegalSimplified", 12, "壹拾贰"],
      ["ideographTraditional", 3, "丙"],
      ["decimalEnclosedParen", 2, "⑵"],
      ["upperRoman", 4001, "MMMMI"],
    ];
    for (const [numFmt, value, text] of cases) expect(formatNumber(value, numFmt), `${numFmt} ${value}`).toBe(text);
  });
});

async function refusal(bytes: Uint8Array): Promise<LedgerInputError> {
  try {
    await importDocx(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInputError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as LedgerInputError;
  }
  throw new Error("the input was accepted");
}

/** Offset of the compressed data of `name` in a zip written by fflate (no data descriptors). */
function dataOffset(zip: Uint8Array, name: string): number {
  const header = Buffer.from(zip).indexOf(Buffer.from(name, "latin1")) - 30;
  const view = new DataView(zip.buffer, zip.byteOffset);
  return header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
}

/** Rewrites the declared uncompressed size of every entry (local and central headers). */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const patched = zip.slice();
  const view = new DataView(patched.buffer);
  for (let at = 0; at + 4 <= patched.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return patched;
}

describe("hostile and broken .docx", () => {
  const valid = docxPackage({ body: paragraph("hello") });

  it("accepts the untouched package", async () => {
    expect(paragraphs(await importDocx(valid)).map((block) => block.text)).toEqual(["hello"]);
  });

  it("refuses bytes that are not a zip", async () => {
    expect((await refusal(strToU8("just some text"))).code).toBe("not-a-docx");
    expect((await refusal(new Uint8Array())).code).toBe("not-a-docx");
  });

  it("refuses a legacy .doc and an encrypted document, both OLE containers", async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const legacy = await refusal(ole);
    expect(legacy.code).toBe("legacy-doc");
    expect(legacy.message).toBe("legacy Word 97-2003 .doc is not supported; save it as .docx");
    const encrypted = ole.slice();
    encrypted.set(Buffer.from("EncryptedPackage", "utf16le"), 1024);
    expect((await refusal(encrypted)).code).toBe("encrypted-docx");
  });

  it("refuses a truncated zip", async () => {
    for (const length of [10, valid.length >> 1, valid.length - 5]) {
      expect((await refusal(valid.slice(0, length))).code).toBe("corrupt-docx");
    }
  });

  it("refuses bit-flipped document.xml data", async () => {
    const start = dataOffset(valid, "word/document.xml");
    for (const offset of [0, 5, 20]) {
      const flipped = valid.slice();
      flipped[start + offset] ^= 0x10;
      expect((await refusal(flipped)).code).toBe("corrupt-docx");
    }
  });

  it("refuses a zip without word/document.xml", async () => {
    const error = await refusal(zipOf({ "[Content_Types].xml": "<Types/>", "word/other.xml": "<x/>" }));
    expect(error).toMatchObject({ code: "corrupt-docx", message: "no word/document.xml in the package" });
  });

  it("never expands entities: a DOCTYPE in any XML part is refused", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`;
    const document = `${laughs}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
    const error = await refusal(zipOf({ "word/document.xml": document }));
    expect(error.code).toBe("corrupt-docx");
    expect(error.message).toContain("XML with a DOCTYPE is not accepted");
    const external = `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd">${wordXml("styles", "")}`;
    const styles = await refusal(zipOf({ "word/document.xml": wordXml("document", "<w:body/>"), "word/styles.xml": external }));
    expect(styles.message).toContain("DOCTYPE");
  });

  it("refuses a zip bomb by its declared size before inflating", async () => {
    const error = await refusal(declareSize(valid, 0xfffffff0));
    expect(error.code).toBe("too-large");
  });

  it("refuses an entry with an absurd compression ratio", async () => {
    const error = await refusal(declareSize(zipOf({ "word/document.xml": "<x/>" }), 150 * 1024 * 1024));
    expect(error.code).toBe("too-large");
  });

  it("stops inflating an entry that outgrows its declared size", async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    // Declared small, so neither the size nor the ratio check stops it before inflating.
    const bomb = declareSize(zipOf({ "word/document.xml": zeros }), 4096);
    const error = await refusal(bomb);
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("declared size");
  });

  it("refuses more than 10,000 entries", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index <= 10_000; index++) files[`f${index}`] = "";
    expect((await refusal(zipOf(files))).code).toBe("too-large");
  });

  it("turns malformed XML into a one-line corrupt-docx", async () => {
    const error = await refusal(zipOf({ "word/document.xml": "<w:document><w:body><w:p>" }));
    expect(error.code).toBe("corrupt-docx");
  });

  it("reads deeply nested tables, or refuses them in one line when nesting is absurd", async () => {
    const nested = (depth: number) =>
      docxPackage({ body: "<w:tbl><w:tr><w:tc>".repeat(depth) + paragraph("deep") + "</w:tc></w:tr></w:tbl>".repeat(depth) });
    const doc = await importDocx(nested(50));
    expect(cell(tables(doc)[0].rows[0][0]).text).toBe("deep");
    expect(await refusal(nested(5000))).toMatchObject({ code: "corrupt-docx", message: "the document is nested too deeply to read" });
  });
});

describe("fixtures/word: lists as producers write them", () => {
  const word = (name: string) => importDocx(readFileSync(join(FIXTURES, "word", `${name}.docx`)));
  const labelsAndTexts = (doc: BlockDocument) => paragraphs(doc).filter((block) => block.label !== null).map((block) => `${block.label} ${block.text}`);

  it("one multi-level Word list numbers 1. / 1.1 / 1.1.1", async () => {
    expect(labelsAndTexts(await word("multilevel-decimal")).slice(0, 6)).toEqual([
      "1. 持续深化重点领域信息公开",
      "1.1 做好财政信息公开",
      "1.1.1 区财政局于2024年6月底前公开区级部门预决算。",
      "1.1.2 各镇街于2024年9月底前公开本级预决算。",
      "1.2 做好重大建设项目信息公开",
      "1.2.1 区发展改革委牵头，按季度公开重大建设项目批准和实施信息。",
    ]);
  });

  it("headings numbered through their styles alone", async () => {
    const doc = await word("heading-styles");
    expect(labelsAndTexts(doc).slice(0, 4)).toEqual(["一、 加强政策发布解读", "（一） 规范政策文件发布", "1. 市政府办公室牵头，2024年底前完成规范性文件集中公开。", "2. 市司法局负责规章的统一公开，长期坚持。"]);
    expect(paragraphs(doc).find((block) => block.text === "深化重点领域公开")).toMatchObject({ label: "二、", style: "heading 1", headingLevel: 1 });
  });

  it("WPS japaneseCounting 一、 beside typed labels", async () => {
    const doc = await word("wps-japanese-counting");
    expect(paragraphs(doc).map((block) => (block.label ?? "") + block.text).filter((text) => /^[一二三]、/.test(text))).toEqual([
      "一、推进政务公开标准化规范化",
      "二、加强政府信息管理",
      "三、强化监督保障",
    ]);
  });

  it("a list continues after a table", async () => {
    const doc = await word("list-after-table");
    const afterTable = doc.blocks.slice(doc.blocks.findIndex((block) => block.type === "table") + 1) as Paragraph[];
    expect(afterTable.filter((block) => block.label !== null).map((block) => block.label)).toEqual(["（一）", "三、", "（一）"]);
  });
});

describe("LibreOffice re-saves (docx → odt → docx) give the ledgers of their originals", () => {
  /** A ledger without where things came from: positions and the source file differ by construction. */
  const withoutSources = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(withoutSources)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== "source").map(([key, inner]) => [key, withoutSources(inner)]))
        : value;

  it.each(["chaoyang-2021-ledger", "lianhuashan-2019-plan", "qianjin-2017-plan", "shanxi-2019-plan", "zhonglou-2018-plan"])("%s", async (name) => {
    const original = await parseFile(join(FIXTURES, `${name}.docx`));
    const resaved = await parseFile(join(FIXTURES, "word", "libreoffice", `${name}.docx`));
    expect(original.tasks.length).toBeGreaterThan(0);
    expect(withoutSources(resaved)).toEqual(withoutSources(original));
  });
});
