import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { sniffFormat } from "../../src/importers/sniff.js";
import { FIXTURES } from "../helpers/fixtures.js";

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const zip = (entries: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));

function refusal(bytes: Uint8Array, path: string | null): LedgerInputError {
  try {
    sniffFormat(bytes, path);
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInputError);
    expect((error as Error).message).not.toContain("\n");
    return error as LedgerInputError;
  }
  throw new Error(`${path} was accepted`);
}

describe("sniffing by content", () => {
  it("tells Word, Excel and OpenDocument packages apart by their entries, whatever the name says", () => {
    expect(sniffFormat(fixture("qianjin-2017-plan.docx"), "notice.bin")).toBe("docx");
    expect(sniffFormat(fixture("qianjin-2017-plan.docx"), null)).toBe("docx");
    expect(sniffFormat(zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }), "ledger.docx")).toBe("xlsx");
    expect(sniffFormat(fixture("formats/qianjin-2017-plan.odt"), "x.zip")).toBe("odt");
  });

  it("refuses presentations, other OpenDocument kinds and plain archives naming the real format", () => {
    expect(refusal(zip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" }), "slides.docx").message).toMatch(/PowerPoint presentation \(\.pptx\)/);
    expect(refusal(zip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet" }), "a.odt").message).toMatch(/OpenDocument spreadsheet/);
    expect(refusal(zip({ "a.txt": "x" }), "notices.zip").message).toMatch(/zip archive/);
    expect(refusal(zip({ "a.txt": "x" }), null).message).toMatch(/zip archive/);
  });

  it("tells .doc from .wps by the OLE streams and the name", () => {
    const doc = fixture("formats/zhonglou-2018-plan.doc");
    expect(sniffFormat(doc, "a.doc")).toBe("doc");
    expect(sniffFormat(doc, "a.wps")).toBe("wps");
    // Standard input, or a .doc saved under another name: the WordDocument stream says what it is.
    expect(sniffFormat(doc, null)).toBe("doc");
    expect(sniffFormat(doc, "notice.docx")).toBe("doc");
  });

  it("recognises PDF, RTF, web pages and Markdown by their text, on standard input too", () => {
    expect(sniffFormat(strToU8("%PDF-1.7\n"), null)).toBe("pdf");
    expect(sniffFormat(fixture("formats/shanxi-2019-plan.rtf"), null)).toBe("rtf");
    expect(sniffFormat(fixture("formats/shanxi-2019-plan.rtf"), "saved-by-word.doc")).toBe("rtf");
    expect(sniffFormat(fixture("formats/shanxi-2019-plan.html"), null)).toBe("html");
    expect(sniffFormat(strToU8("\ufeff<!-- saved -->\n<!DOCTYPE html><html>"), null)).toBe("html");
    expect(sniffFormat(strToU8("<html><body>通知</body></html>"), "notice.doc")).toBe("html");
    expect(sniffFormat(strToU8("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n"), null)).toBe("html");
    expect(sniffFormat(fixture("qianjin-2017-plan.md"), null)).toBe("md");
    expect(sniffFormat(strToU8("| 序号 | 任务 |\n| --- | --- |\n| 1 | 公开 |\n"), null)).toBe("md");
    expect(sniffFormat(fixture("qianjin-2017-plan.txt"), null)).toBe("txt");
    // A .txt file says it is text: a "# " line in it does not make it Markdown.
    expect(sniffFormat(strToU8("# 一、总体要求\n"), "a.txt")).toBe("txt");
  });

  it("names the real format of images, archives and executables", () => {
    expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "scan.docx").message).toMatch(/PNG image/);
    expect(refusal(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), null).message).toMatch(/JPEG image/);
    expect(refusal(strToU8("II*\0xxxx"), "a.txt").message).toMatch(/TIFF image/);
    expect(refusal(new Uint8Array([0x1f, 0x8b, 8, 0]), "a.md").message).toMatch(/gzip archive/);
    expect(refusal(strToU8("Rar!\x1a\x07"), null).message).toMatch(/RAR archive/);
    expect(refusal(strToU8("MZ\x90\0"), null).message).toMatch(/executable/);
  });

  it("refuses an Office extension on a file that is neither zip nor OLE", () => {
    expect(refusal(strToU8("一、总体要求"), "a.docx").code).toBe("not-a-docx");
    expect(refusal(strToU8("一、总体要求"), "a.xls").code).toBe("not-a-docx");
  });

  it("lets --from force the format", () => {
    expect(sniffFormat(strToU8("# 一、总体要求"), "a.txt", "md")).toBe("md");
    expect(sniffFormat(fixture("formats/shanxi-2019-plan.html"), null, "txt")).toBe("txt");
    expect(() => sniffFormat(new Uint8Array(), null, "md")).toThrow(/is empty/);
  });
});

describe.skipIf(!existsSync(join(FIXTURES, "..", "dist", "cli", "main.js")))("the CLI on standard input, --from and --via", () => {
  const BIN = join(FIXTURES, "..", "bin", "ledger.js");
  const run = (args: string[], input?: Uint8Array) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", timeout: 120_000, env: { ...process.env, LEDGER_SOFFICE: "/nonexistent/soffice" } });
  const source = (stdout: string) => (JSON.parse(stdout) as { source: { format: string; via?: string } }).source;

  it("reads Markdown, web pages and .doc piped in by their content", () => {
    expect(source(run(["parse", "-"], fixture("qianjin-2017-plan.md")).stdout).format).toBe("md");
    expect(source(run(["parse", "-"], fixture("formats/shanxi-2019-plan.html")).stdout).format).toBe("html");
    expect(source(run(["parse", "-"], fixture("formats/zhonglou-2018-plan.doc")).stdout)).toMatchObject({ format: "doc", via: "builtin" });
  });

  it("--from forces the format, --via the reader; unknown values are usage errors", () => {
    expect(source(run(["parse", "-", "--from", "txt"], fixture("qianjin-2017-plan.md")).stdout).format).toBe("txt");
    expect(source(run(["parse", "fixtures/formats/zhonglou-2018-plan.doc", "--via", "builtin"]).stdout).via).toBe("builtin");
    const badFrom = run(["parse", "-", "--from", "pptx"], fixture("qianjin-2017-plan.md"));
    expect(badFrom.status).toBe(2);
    expect(badFrom.stderr).toMatch(/^ledger: --from takes one of txt, md, html/m);
    const badVia = run(["check", "fixtures/qianjin-2017-plan.md", "--via", "word"]);
    expect(badVia.status).toBe(2);
    expect(badVia.stderr).toMatch(/^ledger: --via takes libreoffice or builtin, not 'word'/m);
  });

  it("refuses what it cannot read in one line naming the format, exit 1", () => {
    const pptx = run(["parse", "-"], zip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" }));
    expect(pptx.status).toBe(1);
    expect(pptx.stderr.trim()).toBe("ledger: <stdin>: is a PowerPoint presentation (.pptx), not a notice; save the notice as .docx");
    const rtf = run(["parse", "fixtures/formats/shanxi-2019-plan.rtf"]);
    expect(rtf.status).toBe(1);
    expect(rtf.stderr.trim()).toBe("ledger: fixtures/formats/shanxi-2019-plan.rtf: is an RTF file: reading it needs LibreOffice, which is not installed (soffice on PATH or LEDGER_SOFFICE); or save it as .docx");
  });
});
