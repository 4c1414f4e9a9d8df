import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocx } from "../../src/importers/docx.js";
import { BlockDocument, type Paragraph, type Table } from "../../src/model/blocks.js";

/**
 * Word files from the test suites of mammoth.js and python-docx (../shared/peer-docx, or
 * $LEDGER_SHARED/peer-docx): every one is a valid document and must import.
 */
const PEER_DOCX = join(process.env.LEDGER_SHARED ?? join(import.meta.dirname, "..", "..", "..", "shared"), "peer-docx");
const available = existsSync(PEER_DOCX);

const peerFiles = available
  ? ["mammoth", "python-docx"].flatMap((dir) =>
      readdirSync(join(PEER_DOCX, dir))
        .filter((name) => name.endsWith(".docx"))
        .sort()
        .map((name) => `${dir}/${name}`),
    )
  : [];

const load = (file: string) => importDocx(readFileSync(join(PEER_DOCX, file)));
const paragraphs = (doc: BlockDocument) => doc.blocks.filter((block): block is Paragraph => block.type === "paragraph");
const grid = (table: Table) => table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? slot.text : `^${slot.row},${slot.col}`)));

describe.runIf(available)("peer .docx files", () => {
  it("has the files", () => {
    expect(peerFiles.length).toBeGreaterThan(50);
  });

  it.each(peerFiles)("%s imports into a valid document", async (file) => {
    const doc = await load(file);
    expect(BlockDocument.parse(doc)).toEqual(doc);
    expect(doc.diagnostics.filter((item) => item.severity !== "info")).toEqual([]);
  });

  it("tables.docx: paragraphs around a 2×2 table", async () => {
    const doc = await load("mammoth/tables.docx");
    expect(doc.blocks.map((block) => block.type)).toEqual(["paragraph", "table", "paragraph"]);
    expect(grid(doc.blocks[1] as Table)).toEqual([
      ["Top left", "Top right"],
      ["Bottom left", "Bottom right"],
    ]);
    expect(doc.blocks[2].source).toMatchObject({ line: 4, paragraph: 6 });
  });

  it("tbl-cell-access.docx: horizontal and vertical merges", async () => {
    const tables = (await load("python-docx/tbl-cell-access.docx")).blocks.filter((block): block is Table => block.type === "table");
    expect(grid(tables[0])[1]).toEqual(["4", "5", "6"]);
    expect(grid(tables[1])[1]).toEqual(["4", "^1,0", "6"]);
    expect(grid(tables[2]).map((row) => row[1])).toEqual(["2", "5", "^1,1"]);
    expect(grid(tables[3]).slice(1)).toEqual([
      ["4", "^1,0", "6"],
      ["^1,0", "^1,0", "9"],
    ]);
  });

  it("simple-list.docx: bullets carry no label", async () => {
    expect(paragraphs(await load("mammoth/simple-list.docx")).map((block) => [block.label, block.text])).toEqual([
      [null, "Apple"],
      [null, "Banana"],
    ]);
  });

  it("num-having-numbering-part.docx: numbering through the List Number style", async () => {
    expect(paragraphs(await load("python-docx/num-having-numbering-part.docx"))).toMatchObject([
      { label: "1.", text: "Paragraph having List Number style.", style: "List Number" },
    ]);
  });

  it("reads Strict OOXML, text boxes, headings and footnote references", async () => {
    expect(paragraphs(await load("mammoth/strict-format.docx")).map((block) => block.text)).toEqual(["Test"]);
    expect(paragraphs(await load("mammoth/text-box.docx")).map((block) => block.text)).toContain("Datum plane");
    expect(paragraphs(await load("python-docx/par-known-styles.docx"))[2]).toMatchObject({ text: "Heading 1", headingLevel: 1 });
    const footnotes = await load("mammoth/footnotes.docx");
    expect(footnotes.diagnostics.map((item) => item.code)).toContain("docx-notes-ignored");
    expect(paragraphs(footnotes).every((block) => !block.text.includes("[1]"))).toBe(true);
  });
});
