import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importBytes } from "../src/importers/index.js";
import { parseFile } from "../src/ledger.js";
import type { Block } from "../src/model/blocks.js";
import { FIXTURES, SEEDS, summarise } from "./helpers/fixtures.js";

const squash = (s: string) => s.replace(/[\s\u3000|]+/g, "");

/**
 * Paragraph texts with their labels, and tables as text grids (covered slots read as ""). Rows that
 * a web page rendered as "cell | cell |" lines compare as those lines.
 */
function shape(blocks: Block[]): unknown[] {
  return blocks.flatMap((b): unknown[] => {
    if (b.type === "paragraph") return [squash((b.label ?? "") + b.text)];
    if (b.cellsShifted) return b.rows.map((row) => squash(row.map((s) => (s.kind === "cell" ? s.text : "")).join("")));
    return [b.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? squash(slot.text) : "")))];
  });
}

describe(".txt and .docx of the same notice", () => {
  // The 钟楼区 .txt is a web page's flattened table; its .docx has the real table, so only the ledgers compare.
  it.each(["chaoyang-2021-ledger", "lianhuashan-2019-plan", "qianjin-2017-plan", "shanxi-2019-plan"])(
    "%s imports to the same paragraphs, labels and table grids",
    async (name) => {
      const txt = await importBytes(readFileSync(join(FIXTURES, `${name}.txt`)), `${name}.txt`);
      const docx = await importBytes(readFileSync(join(FIXTURES, `${name}.docx`)), `${name}.docx`);
      expect(shape(docx.blocks)).toEqual(shape(txt.blocks));
    },
  );

  it.each(Object.keys(SEEDS))("%s gives the same ledger", async (name) => {
    const txt = await parseFile(join(FIXTURES, `${name}.txt`));
    const docx = await parseFile(join(FIXTURES, `${name}.docx`));
    expect(summarise(docx)).toEqual(summarise(txt));
  });

  it("the GB18030 and UTF-16LE copies decode exactly and give the same ledger", async () => {
    const utf8 = readFileSync(join(FIXTURES, "lianhuashan-2019-plan.txt"), "utf8");
    const base = await parseFile(join(FIXTURES, "lianhuashan-2019-plan.txt"));
    for (const [file, encoding] of [
      ["encodings/lianhuashan-2019-plan.gb18030.txt", "gb18030"],
      ["encodings/lianhuashan-2019-plan.utf16le.txt", "utf-16le"],
    ]) {
      const doc = await importBytes(readFileSync(join(FIXTURES, file)), file);
      expect(doc.encoding).toBe(encoding);
      const ledger = await parseFile(join(FIXTURES, file));
      expect(summarise(ledger)).toEqual(summarise(base));
      expect(ledger.source.encoding).toBe(encoding);
    }
    const gb = await importBytes(readFileSync(join(FIXTURES, "encodings/lianhuashan-2019-plan.gb18030.txt")), "x.txt");
    const plain = await importBytes(Buffer.from(utf8), "x.txt");
    expect(gb.blocks).toEqual(plain.blocks);
  });

  it("the Markdown copy of the 前进区 plan gives the same tasks", async () => {
    const md = await parseFile(join(FIXTURES, "qianjin-2017-plan.md"));
    const txt = await parseFile(join(FIXTURES, "qianjin-2017-plan.txt"));
    expect(summarise(md).tasks).toEqual(summarise(txt).tasks);
  });
});
