import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { importBytes, MAX_INPUT_BYTES } from "../../src/importers/index.js";
import { importText, importTxt } from "../../src/importers/txt.js";
import type { Paragraph, Table } from "../../src/model/blocks.js";
import { FIXTURES } from "../helpers/fixtures.js";

const texts = (doc: { blocks: Array<Paragraph | Table> }) =>
  doc.blocks.map((b) => (b.type === "paragraph" ? b.text : b.rows.map((r) => r.map((s) => (s.kind === "cell" ? s.text : "^")))));

async function refusal(bytes: Uint8Array, path: string): Promise<LedgerInputError> {
  try {
    await importBytes(bytes, path);
  } catch (err) {
    expect(err).toBeInstanceOf(LedgerInputError);
    expect((err as Error).message).not.toContain("\n");
    return err as LedgerInputError;
  }
  throw new Error(`${path} was accepted`);
}

describe("txt importer: decoding", () => {
  const utf8 = "一、加强政策解读\n（一）细化公文办理程序。\n";
  it.each([
    ["utf-8", Buffer.from(utf8)],
    ["utf-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)])],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, "utf16le")])],
    ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf8, "utf16le").swap16()])],
    ["gb18030", iconv.encode(utf8, "gb18030")],
    ["gb18030", iconv.encode(utf8, "gbk")],
  ])("%s", (encoding, bytes) => {
    const doc = importTxt(bytes);
    expect(doc.encoding).toBe(encoding);
    expect(texts(doc)).toEqual(["一、加强政策解读", "（一）细化公文办理程序。"]);
  });

  it("normalises line ends and keeps source line numbers", () => {
    const doc = importText("甲\r\n\r\n乙\r丙");
    expect(doc.blocks.map((b) => [b.source.line, b.type === "paragraph" && b.text])).toEqual([[1, "甲"], [3, "乙"], [4, "丙"]]);
  });

  it("drops extraction debris: bookmarks, form feeds, page-number lines", () => {
    const doc = importText("[bookmark: _GoBack]一、总体要求\f\n- 3 -\n— 12 —\n第 2 页 共 5 页\n（一）指导思想");
    expect(texts(doc)).toEqual(["一、总体要求", "（一）指导思想"]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["page-numbers-dropped"]);
  });
});

describe("txt importer: tables in text", () => {
  it("rebuilds the 朝阳区 台账 from Apache Tika's cell-per-line text", () => {
    const doc = importTxt(readFileSync(join(FIXTURES, "chaoyang-2021-ledger.txt")));
    const [title, table] = doc.blocks as [Paragraph, Table];
    expect(title.text).toBe("朝阳区2021年政务公开重点工作任务台账");
    expect(table.type).toBe("table");
    expect(table.rows.every((r) => r.length === 6)).toBe(true);
    const header = table.rows[0];
    expect(header.map((s) => (s.kind === "cell" ? [s.text, s.colSpan] : "^"))).toEqual([
      ["序号", 1], ["落实国家和省市2021年政务公开重点任务", 3], "^", "^", ["责任分工", 1], ["完成时限", 1],
    ]);
    // A cell continued on lines without the TAB keeps its paragraphs.
    const row = table.rows.find((r) => r[4].kind === "cell" && r[4].text.startsWith("涉及“六稳"))!;
    expect(row[4]).toMatchObject({ text: "涉及“六稳、六保”政策起草制定的各相关单位分别落实；\n区政府办、区政数局做好审核把关" });
    expect(row[4].kind === "cell" && row[4].source).toMatchObject({ line: 63, col: 5 });
  });

  it("reads TSV rows, one per line, empty fields kept as empty cells", () => {
    const doc = importText("台账\n序号\t重点任务\t责任单位\t完成时限\n1\t推进决策公开\t区政府办\t2021年12月底前\n\t推进执行公开\t\t长期\n完");
    expect(texts(doc)).toEqual([
      "台账",
      [["序号", "重点任务", "责任单位", "完成时限"], ["1", "推进决策公开", "区政府办", "2021年12月底前"], ["", "推进执行公开", "", "长期"]],
      "完",
    ]);
  });

  it("does not take tab-indented prose for a table", () => {
    expect(texts(importText("\t一、总体要求\n\n\t为做好工作，制定本方案。\n"))).toEqual(["一、总体要求", "为做好工作，制定本方案。"]);
  });
});

describe("bad inputs: one clear line, never a crash", () => {
  it.each([
    ["empty.txt", Buffer.alloc(0), "empty-input"],
    ["binary.txt", Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f, 0x00, 0x00]), "binary-input"],
    ["broken.pdf", Buffer.from("%PDF-1.7\n..."), "corrupt-pdf"],
    ["photo.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "unsupported-format"],
    ["notice.docx", Buffer.from("一、这其实是文本"), "not-a-docx"],
    ["notice.doc", Buffer.from("plain words"), "not-a-docx"],
    ["latin1.txt", Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 0x7f))), "undecodable-text"],
  ])("%s", async (path, bytes, code) => {
    expect((await refusal(bytes, path)).code).toBe(code);
  });

  it("refuses inputs over the size limit before decoding them", async () => {
    const huge = new Uint8Array(MAX_INPUT_BYTES + 1);
    expect((await refusal(huge, "huge.txt")).code).toBe("too-large");
  });

  it("whitespace only is empty, like no bytes at all", async () => {
    await expect(importBytes(Buffer.from(" \n\t\n\u3000\n"), "blank.txt")).rejects.toMatchObject({ code: "empty-input" });
  });
});
