import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { importDocx, readDocxParagraphs } from "../../src/importers/docx.js";
import type { BlockDocument, GridSlot, Paragraph, Table } from "../../src/model/blocks.js";
import { abstractNum, docxPackage, num, paragraph, STRICT_WORD_NAMESPACE, WORD_NAMESPACE, wordXml, zipOf } from "../helpers/docx-package.js";

/** WordprocessingML as every producer writes it, read the way Word shows it with changes accepted. */

const texts = (doc: BlockDocument) => doc.blocks.filter((block): block is Paragraph => block.type === "paragraph").map((block) => block.text);
const grid = (table: Table) => table.rows.map((row) => row.map((slot: GridSlot) => (slot.kind === "cell" ? `${slot.text}${slot.rowSpan > 1 || slot.colSpan > 1 ? `[${slot.rowSpan}x${slot.colSpan}]` : ""}` : `^${slot.row},${slot.col}`)));
const run = (text: string, properties = "") => `<w:r>${properties === "" ? "" : `<w:rPr>${properties}</w:rPr>`}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (content: string, properties = "") => `<w:p>${properties === "" ? "" : `<w:pPr>${properties}</w:pPr>`}${content}</w:p>`;
const read = (body: string, parts: Partial<Parameters<typeof docxPackage>[0]> = {}) => importDocx(docxPackage({ body, ...parts }));

/** mammoth's paragraphs, as the text oracle sees them. */
async function mammothParagraphs(bytes: Uint8Array): Promise<string[]> {
  const raw = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return raw.value.split("\n\n").filter((text) => text.trim() !== "");
}

describe("what the reader reads", () => {
  it("keeps insertions, drops deletions and moved-from text, as mammoth does", async () => {
    const body =
      p(`${run("保留")}<w:ins w:id="1" w:author="a">${run("插入")}</w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>`) +
      p(`<w:moveFrom w:id="3" w:author="a">${run("移走")}</w:moveFrom><w:moveTo w:id="4" w:author="a">${run("移来")}</w:moveTo>`);
    const bytes = docxPackage({ body });
    expect(texts(await importDocx(bytes))).toEqual(["保留插入", "移来"]);
    expect(await mammothParagraphs(bytes)).toEqual(["保留插入", "移来"]);
  });

  it("joins a paragraph whose mark is deleted to the next one, and drops a deleted table row", async () => {
    const deletedMark = `<w:rPr><w:del w:id="5" w:author="a"/></w:rPr>`;
    const row = (text: string, properties = "") => `<w:tr>${properties}<w:tc>${p(run(text))}</w:tc></w:tr>`;
    const doc = await read(p(run("前半"), deletedMark) + p(run("后半")) + `<w:tbl>${row("甲")}${row("乙", `<w:trPr><w:del w:id="6" w:author="a"/></w:trPr>`)}${row("丙")}</w:tbl>`);
    expect(texts(doc)).toEqual(["前半后半"]);
    expect(grid(doc.blocks[1] as Table)).toEqual([["甲"], ["丙"]]);
  });

  it("reads through content controls, smart tags, custom XML, hyperlinks and fields (their result)", async () => {
    const field = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run("3")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const body =
      `<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>${p(run("控件内"))}</w:sdtContent></w:sdt>` +
      p(`<w:smartTag w:uri="u" w:element="e">${run("智能")}</w:smartTag><w:customXml w:element="x">${run("自定义")}</w:customXml><w:hyperlink w:anchor="a">${run("链接")}</w:hyperlink>`) +
      p(`${run("第")}${field}${run("页")}<w:fldSimple w:instr=" NUMPAGES ">${run("9")}</w:fldSimple>`);
    const bytes = docxPackage({ body });
    expect(texts(await importDocx(bytes))).toEqual(["控件内", "智能自定义链接", "第3页9"]);
    // mammoth drops a simple field's result (w:fldSimple), which Word shows: a deliberate difference.
    expect(await mammothParagraphs(bytes)).toEqual(["控件内", "智能自定义链接", "第3页"]);
  });

  it("takes one branch of mc:AlternateContent and reads text boxes as paragraphs of their own", async () => {
    const mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    const box = (text: string) => `<w:txbxContent>${p(run(text))}</w:txbxContent>`;
    const body = p(
      `${run("锚点")}<w:r><mc:AlternateContent xmlns:mc="${mc}"><mc:Choice Requires="wps"><w:drawing>${box("文本框")}</w:drawing></mc:Choice>` +
        `<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>${box("文本框")}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
    );
    const bytes = docxPackage({ body });
    expect(texts(await importDocx(bytes))).toEqual(["文本框", "锚点"]);
    expect((await mammothParagraphs(bytes)).join("|")).toContain("文本框");
    expect(readDocxParagraphs(bytes).filter((paragraph) => paragraph.text === "文本框")).toHaveLength(1);
  });

  it("writes tabs, line breaks and symbols; page breaks and symbol-font glyphs add nothing", async () => {
    const body = p(`${run("甲")}<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/><w:t>丁</w:t><w:sym w:font="Wingdings" w:char="F06C"/><w:sym w:font="Arial" w:char="2605"/></w:r>`);
    expect(texts(await read(body))).toEqual(["甲\t乙\n丙丁★"]);
  });

  it("skips hidden text (w:vanish), a deliberate difference from mammoth, which keeps it", async () => {
    const body = p(run("看得见") + run("看不见", "<w:vanish/>") + run("也看得见", `<w:vanish w:val="0"/>`));
    const bytes = docxPackage({ body });
    expect(texts(await importDocx(bytes))).toEqual(["看得见也看得见"]);
    expect(await mammothParagraphs(bytes)).toEqual(["看得见看不见也看得见"]);
  });

  it("reads Strict OOXML, its relationship types included", async () => {
    expect(texts(await read(paragraph("严格"), { namespace: STRICT_WORD_NAMESPACE }))).toEqual(["严格"]);
    const strictRels = (type: string, target: string) =>
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/${type}" Target="${target}"/></Relationships>`;
    const numbering = abstractNum(0, [{ numFmt: "chineseCounting", lvlText: "%1、" }]) + num(1, 0);
    const doc = await importDocx(
      zipOf({
        "_rels/.rels": strictRels("officeDocument", "doc/main.xml"),
        "doc/main.xml": wordXml("document", `<w:body>${paragraph("严格", { numId: 1 })}</w:body>`, STRICT_WORD_NAMESPACE),
        "doc/_rels/main.xml.rels": strictRels("numbering", "lists.xml"),
        "doc/lists.xml": wordXml("numbering", numbering, STRICT_WORD_NAMESPACE),
      }),
    );
    expect(doc.blocks).toMatchObject([{ label: "一、", text: "严格" }]);
  });

  it("keeps headers, footers and footnotes out of the text, and says that notes were left out", async () => {
    const relationships = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`;
    const body = p(`${run("正文")}<w:r><w:footnoteReference w:id="1"/></w:r>`) + `<w:sectPr><w:headerReference w:type="default" r:id="r1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>`;
    const doc = await importDocx(
      zipOf({
        "word/document.xml": wordXml("document", `<w:body>${body}</w:body>`),
        "word/_rels/document.xml.rels": relationships,
        "word/header1.xml": wordXml("hdr", p(run("页眉"))),
        "word/footnotes.xml": wordXml("footnotes", `<w:footnote w:id="1">${p(run("脚注"))}</w:footnote>`),
      }),
    );
    expect(texts(doc)).toEqual(["正文"]);
    expect(doc.diagnostics.map((item) => item.code)).toEqual(["docx-notes-ignored"]);
  });
});

describe("tables", () => {
  const cell = (text: string, properties = "") => `<w:tc>${properties === "" ? "" : `<w:tcPr>${properties}</w:tcPr>`}${p(run(text))}</w:tc>`;
  const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;

  it("lays out w:gridSpan, w:vMerge and w:hMerge as covered slots", async () => {
    const table =
      `<w:tbl>${row(cell("甲", `<w:gridSpan w:val="2"/>`), cell("乙", `<w:vMerge w:val="restart"/>`))}` +
      `${row(cell("丙", `<w:hMerge w:val="restart"/>`), cell("隐", `<w:hMerge/>`), cell("", "<w:vMerge/>"))}` +
      `${row(cell("丁"), cell("戊"), cell("己"))}</w:tbl>`;
    const doc = await read(table);
    expect(grid(doc.blocks[0] as Table)).toEqual([
      ["甲[1x2]", "^0,0", "乙[2x1]"],
      ["丙[1x2]", "^1,0", "^0,2"],
      ["丁", "戊", "己"],
    ]);
    expect(doc.blocks[0].source).toEqual({ line: 1, endLine: 3, table: 1 });
  });

  it("reads a nested table as more lines of its cell, and starts a row after w:gridBefore", async () => {
    const nested = `<w:tbl>${row(cell("内一"), cell("内二"))}</w:tbl>`;
    const table = `<w:tbl>${row(`<w:tc>${p(run("外"))}${nested}</w:tc>`, cell("右"))}<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${cell("后")}</w:tr></w:tbl>`;
    expect(grid((await read(table)).blocks[0] as Table)).toEqual([
      ["外\n内一\n内二", "右"],
      ["", "后"],
    ]);
  });

  it("continues a list through a table", async () => {
    const numbering = abstractNum(0, [{ numFmt: "chineseCounting", lvlText: "%1、" }]) + num(1, 0);
    const body = paragraph("前", { numId: 1 }) + `<w:tbl>${row(`<w:tc>${paragraph("格", { numId: 1 })}</w:tc>`)}</w:tbl>` + paragraph("后", { numId: 1 });
    const doc = await read(body, { numbering });
    expect((doc.blocks[0] as Paragraph).label).toBe("一、");
    expect(grid(doc.blocks[1] as Table)).toEqual([["二、格"]]);
    expect((doc.blocks[2] as Paragraph).label).toBe("三、");
  });

  it("counts a level as used when a deeper level is numbered first (LibreOffice's .doc → .docx lists)", async () => {
    // As LibreOffice writes a converted .doc: the first 一、 in a list of its own, the （一） under it and the
    // next 一、 in another; Word and LibreOffice show that next one as 二、.
    const levels = [
      { numFmt: "chineseCounting", lvlText: "%1、" },
      { numFmt: "chineseCounting", lvlText: "（%2）" },
    ];
    const numbering = abstractNum(0, levels) + abstractNum(1, levels) + num(1, 0) + num(2, 1);
    const body = paragraph("甲", { numId: 1 }) + paragraph("子", { numId: 2, ilvl: 1 }) + paragraph("乙", { numId: 2 }) + paragraph("丑", { numId: 2, ilvl: 1 });
    const doc = await read(body, { numbering });
    expect(doc.blocks.map((block) => (block as Paragraph).label)).toEqual(["一、", "（一）", "二、", "（一）"]);
  });
});

describe("reader problems are diagnostics with positions", () => {
  it("a missing paragraph style and a dangling numbering reference", async () => {
    const numbering = abstractNum(0, [{ numFmt: "decimal", lvlText: "%1." }]) + num(1, 0);
    const body = paragraph("正文") + paragraph("样式缺失", { style: "Missing" }) + paragraph("编号缺失", { numId: 7 }) + paragraph("又缺失", { numId: 7 });
    const doc = await read(body, { numbering, styles: "" });
    expect(doc.diagnostics).toEqual([
      {
        severity: "info",
        code: "docx-style-missing",
        message: "paragraph style Missing is not defined in the document's styles",
        source: { line: 2, paragraph: 2, excerpt: "样式缺失" },
        params: { style: "Missing" },
      },
      {
        severity: "info",
        code: "docx-numbering-missing",
        message: "numbering 7 is not defined in the document's numbering; the paragraph has no label",
        source: { line: 3, paragraph: 3, excerpt: "编号缺失" },
        params: { numId: "7" },
      },
    ]);
    expect(doc.blocks.map((block) => (block as Paragraph).label)).toEqual([null, null, null, null]);
  });
});

/** Issue 16: hostile numbering values and malformed document.xml, each kept as a minimal reproducer. */
describe("hostile numbering and malformed XML", () => {
  const letters = (start: string) => abstractNum(0, [{ numFmt: "upperLetter", lvlText: "%1." }]).replace('w:val="1"', `w:val="${start}"`) + num(1, 0);
  const hundred = Array.from({ length: 100 }, (_unused, index) => paragraph(`项${index}`, { numId: 1 })).join("");

  it("a letter list starting at 2,000,000,000 gets bounded labels and a diagnostic", async () => {
    const doc = await read(hundred, { numbering: letters("2000000000") });
    const labels = doc.blocks.map((block) => (block as Paragraph).label);
    expect(labels.every((label) => label === null || label.length <= 64)).toBe(true);
    expect(doc.diagnostics.some((item) => item.code === "docx-numbering-start-clamped" && item.message.includes("2000000000"))).toBe(true);
  });

  it("start values of 9007199254740991 and beyond, or negative, do not crash", async () => {
    for (const start of ["9007199254740991", "99999999999999999999", "-5"]) {
      const doc = await read(hundred, { numbering: letters(start) });
      expect(doc.blocks).toHaveLength(100);
      expect(doc.blocks.every((block) => ((block as Paragraph).label ?? "").length <= 64)).toBe(true);
    }
    const overridden = abstractNum(0, [{ numFmt: "lowerRoman", lvlText: "%1" }]) + `<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9007199254740991"/></w:lvlOverride></w:num>`;
    expect((await read(hundred, { numbering: overridden })).diagnostics.map((item) => item.code)).toContain("docx-numbering-start-clamped");
  });

  it("a level text that would render a huge label gives no label and a diagnostic", async () => {
    const numbering = abstractNum(0, [{ numFmt: "decimal", lvlText: "%1".repeat(500) }]) + num(1, 0);
    const doc = await read(hundred, { numbering });
    expect(doc.blocks.every((block) => (block as Paragraph).label === null)).toBe(true);
    expect(doc.diagnostics.filter((item) => item.code === "docx-numbering-value")).toHaveLength(1);
  });

  async function refusal(bytes: Uint8Array): Promise<LedgerInputError> {
    const error = await importDocx(bytes).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LedgerInputError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as LedgerInputError;
  }

  it("140,000 elements after the root element: one corrupt-docx line, read no further", async () => {
    const xml = `<w:document xmlns:w="${WORD_NAMESPACE}"><w:body/></w:document>${"<w:p/>".repeat(140_000)}`;
    const error = await refusal(zipOf({ "word/document.xml": xml }));
    expect(error.code).toBe("corrupt-docx");
    expect(error.message).toMatch(/^word\/document\.xml is not well-formed XML/);
  });

  it("an unclosed root with 19,000 paragraphs: one corrupt-docx line", async () => {
    const xml = `<w:document xmlns:w="${WORD_NAMESPACE}"><w:body>${paragraph("任务").repeat(19_000)}`;
    expect((await refusal(zipOf({ "word/document.xml": xml }))).code).toBe("corrupt-docx");
  });
});

describe("positions a person can find in Word", () => {
  it("a .docx diagnostic says ¶N and the paragraph's first characters; JSON keeps the index", async () => {
    const { Chalk } = await import("chalk");
    const { MESSAGES } = await import("../../src/cli/messages.js");
    const { formatDiagnostics, formatGithubAnnotations } = await import("../../src/cli/report.js");
    const doc = await read(paragraph("正文") + paragraph("（2）建立协同联动机制，明确牵头单位", { style: "Missing" }), { styles: "" });
    expect(doc.diagnostics[0].source).toEqual({ line: 2, paragraph: 2, excerpt: "（2）建立协同联动机制…" });
    expect(formatDiagnostics("plan.docx", doc.diagnostics, MESSAGES.en, new Chalk({ level: 0 }))).toBe(
      "plan.docx:2  info  ¶2 “（2）建立协同联动机制…” paragraph style Missing is not defined in the document's styles  docx-style-missing\n",
    );
    expect(formatGithubAnnotations("plan.docx", doc.diagnostics)).toContain("::¶2 “（2）建立协同联动机制…” paragraph style");
  });
});
