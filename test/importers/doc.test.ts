import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { importDoc } from "../../src/importers/doc.js";
import { importBytes } from "../../src/importers/index.js";
import { parseBuffer } from "../../src/ledger.js";
import type { Table } from "../../src/model/blocks.js";
import { Ledger, type Task } from "../../src/model/ledger.js";
import { FIXTURES } from "../helpers/fixtures.js";

/**
 * The built-in .doc/.wps reader (no LibreOffice) on the LibreOffice exports of the fixtures (checked
 * in, scripts/build-format-fixtures.ts) and on the real office files of ../shared/real-office.
 */

const REAL = join(FIXTURES, "..", "..", "shared", "real-office");
const read = (path: string) => new Uint8Array(readFileSync(path));

/** What the issue asks to survive the built-in path: the tasks, their owners and their deadlines. */
function outline(tasks: readonly Task[]): string[] {
  return tasks.flatMap((task) => [
    `${task.label ?? ""}|${task.title}|${task.owners.map((owner) => owner.name).join("、")}|${task.deadline?.text ?? ""}`,
    ...outline(task.children),
  ]);
}

describe("built-in .doc reader on the LibreOffice exports of the fixtures", () => {
  // Where the labels are typed (一、（一）1. written as text) the .doc gives the .docx's ledger.
  it.each(["chaoyang-2021-ledger", "lianhuashan-2019-plan", "zhonglou-2018-plan"])("%s: the same tasks, owners and deadlines as the .docx", async (name) => {
    const docx = await parseBuffer(read(join(FIXTURES, `${name}.docx`)), { path: `${name}.docx` });
    const doc = await parseBuffer(read(join(FIXTURES, "formats", `${name}.doc`)), { path: `${name}.doc`, via: "builtin" });
    expect(doc.source).toMatchObject({ format: "doc", via: "builtin" });
    expect(outline(doc.tasks)).toEqual(outline(docx.tasks));
    expect(doc.tasks.length).toBeGreaterThan(0);
  });

  it.each(["qianjin-2017-plan", "shanxi-2019-plan"])("%s: automatic numbering is said to be lost, not guessed", async (name) => {
    const doc = await importBytes(read(join(FIXTURES, "formats", `${name}.doc`)), `${name}.doc`, { via: "builtin" });
    const lost = doc.diagnostics.find((d) => d.code === "doc-auto-numbering-lost");
    expect(lost?.severity).toBe("warning");
    expect(lost?.message).toMatch(/^\d+ paragraph\(s\) carry automatic numbering/);
    expect(doc.blocks.every((block) => block.type !== "paragraph" || block.label === null)).toBe(true);
  });

  it("reads the 台账 table with its merged cells as the .docx has them", async () => {
    const docx = await importBytes(read(join(FIXTURES, "zhonglou-2018-plan.docx")), "zhonglou-2018-plan.docx");
    const doc = importDoc(read(join(FIXTURES, "formats", "zhonglou-2018-plan.doc")), "doc");
    const grid = (table: Table) => table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? `${slot.text}|${slot.rowSpan}x${slot.colSpan}` : `^${slot.row},${slot.col}`)));
    const tables = (blocks: typeof doc.blocks) => blocks.filter((block): block is Table => block.type === "table").map(grid);
    expect(tables(doc.blocks)).toEqual(tables(docx.blocks));
    expect(doc.diagnostics.map((d) => d.code)).not.toContain("doc-merged-cells-unknown");
  });

  it("gives paragraphs and table cells their positions", () => {
    const doc = importDoc(read(join(FIXTURES, "formats", "chaoyang-2021-ledger.doc")), "doc");
    const table = doc.blocks.find((block): block is Table => block.type === "table")!;
    expect(table.source).toMatchObject({ table: 1 });
    const cell = table.rows[1].find((slot) => slot.kind === "cell")!;
    expect(cell.kind === "cell" && cell.source).toMatchObject({ table: 1, row: 2, col: 1 });
    const lines = doc.blocks.map((block) => block.source.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it("records the format the office sent: .wps stays wps", async () => {
    const doc = await importBytes(read(join(FIXTURES, "formats", "zhonglou-2018-plan.doc")), "notice.wps", { via: "builtin" });
    expect(doc).toMatchObject({ format: "wps", via: "builtin" });
  });
});

describe.skipIf(!existsSync(REAL))("built-in reader on the real .doc and .wps files of ../shared/real-office", () => {
  const files = existsSync(REAL) ? readdirSync(REAL).filter((name) => /\.(doc|wps)$/.test(name)) : [];

  it("finds the twelve of them", () => {
    expect(files).toHaveLength(12);
  });

  // Several are templates or standards drafts, not plans: they must still be read cleanly.
  it.each(files)("%s is read into a valid ledger", async (name) => {
    const ledger = await parseBuffer(read(join(REAL, name)), { path: name, via: "builtin" });
    expect(Ledger.safeParse(ledger).success).toBe(true);
    expect(ledger.source.via).toBe("builtin");
    const doc = await importBytes(read(join(REAL, name)), name, { via: "builtin" });
    expect(doc.blocks.filter((block) => block.type === "paragraph").length).toBeGreaterThan(5);
  });

  const docx = existsSync(REAL) ? readdirSync(REAL).filter((name) => name.endsWith(".docx")) : [];
  it.each(docx)("%s (a .docx beside them) is read into a valid ledger", async (name) => {
    const ledger = await parseBuffer(read(join(REAL, name)), { path: name });
    expect(Ledger.safeParse(ledger).success).toBe(true);
    expect(ledger.source.format).toBe("docx");
  });

  it("reads the tables of the table notices, merges included", () => {
    const doc = importDoc(read(join(REAL, "zhejiang_2020_wuzhengminghua_gaige_tongzhi_wps_tables.doc")), "doc");
    const tables = doc.blocks.filter((block): block is Table => block.type === "table");
    expect(tables).toHaveLength(2);
    // The title row spans the six columns of the catalogue, as LibreOffice shows it.
    expect(tables[0].rows[0][0]).toMatchObject({ kind: "cell", colSpan: 6 });
    expect(tables[0].rows[1].map((slot) => (slot.kind === "cell" ? slot.text : "")).slice(0, 6)).toEqual(["序号", "证明材料", "开具单位", "证明用途", "设定依据", "取消后办理方式"]);
  });

  it("keeps the typed labels of a WPS notice", async () => {
    const ledger = await parseBuffer(read(join(REAL, "hainan_2024_nongji_butie_shishi_fangan_wps.doc")), { path: "hainan.doc", via: "builtin" });
    expect(ledger.tasks.map((task) => task.label).slice(0, 3)).toEqual(["一、", "二、", "三、"]);
  });
});

describe("damaged Word files: one line", () => {
  const valid = () => read(join(FIXTURES, "formats", "lianhuashan-2019-plan.doc"));

  function refusal(bytes: Uint8Array): LedgerInputError {
    try {
      importDoc(bytes, "doc");
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerInputError);
      expect((error as Error).message).not.toMatch(/[\r\n]/);
      return error as LedgerInputError;
    }
    throw new Error("accepted");
  }

  it("refuses a truncated file", () => {
    for (const length of [100, 600, valid().length >> 1]) expect(refusal(valid().slice(0, length)).code).toBe("corrupt-doc");
  });

  it("refuses a password-protected document and a Word 6/95 one, saying what to do", () => {
    const bytes = valid();
    const fib = wordDocumentOffset(bytes);
    const encrypted = bytes.slice();
    encrypted[fib + 0x0b] |= 0x01;
    expect(refusal(encrypted)).toMatchObject({ code: "encrypted-doc", message: expect.stringMatching(/password/) });
    const word95 = bytes.slice();
    word95[fib + 2] = 0x65;
    word95[fib + 3] = 0x00;
    expect(refusal(word95)).toMatchObject({ code: "legacy-doc", message: expect.stringMatching(/Word 6\/95/) });
  });
});

/** Where the WordDocument stream starts: the sector opening with the FIB's magic number (0xA5EC). */
function wordDocumentOffset(bytes: Uint8Array): number {
  for (let at = 512; at + 4 <= bytes.length; at += 512) {
    if (bytes[at] === 0xec && bytes[at + 1] === 0xa5) return at;
  }
  throw new Error("no WordDocument stream");
}
