import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocxParagraphs } from "../../src/importers/docx.js";
import { LABEL_GOLDENS, oracleFiles } from "./corpus.js";
import { compareLabels, type LabelComparison } from "./labels.js";

/**
 * LibreOffice is the oracle for numbering labels: for every .docx of the corpus, each numbered
 * paragraph's label equals the one in LibreOffice's text rendering (test/oracle/labels, made
 * by `npx tsx scripts/label-oracle.ts`).
 *
 * Deliberate differences, all in fixtures/word/number-formats.docx: LibreOffice's .docx import
 * reads four formats differently from Word, which writes 一〇 for ideographDigital 10, １０ for
 * decimalFullWidth, ⑽ for decimalEnclosedParen and ⒑ for decimalEnclosedFullstop (ECMA-376
 * 17.18.59); LibreOffice shows 十, 10, 10, 10. We follow Word.
 */
const WORD_NOT_LIBREOFFICE = ["ideographDigital", "decimalFullWidth", "decimalEnclosedParen", "decimalEnclosedFullstop"];

/**
 * Paragraphs whose line cannot be found in the rendering, by file: letter labels of 1,000 and
 * more (AAAA…, which we drop as too long to be labels and LibreOffice writes out), and the
 * paragraphs holding a note reference (LibreOffice writes the note's number into the text).
 */
const UNMATCHED: Record<string, number> = {
  "fixtures__word__number-formats.docx.txt": 8,
  "peer-docx__mammoth__endnotes.docx.txt": 1,
  "peer-docx__mammoth__footnotes.docx.txt": 1,
};

const files = oracleFiles();
const totals = new Map<string, { agreeing: number; numbered: number }>();

function deliberate(file: string, disagreement: LabelComparison["disagreements"][number]): boolean {
  return file.endsWith("number-formats.docx") && WORD_NOT_LIBREOFFICE.some((numFmt) => disagreement.text.startsWith(`${numFmt} `));
}

describe("numbering labels agree with LibreOffice", () => {
  it("has the corpus", () => {
    expect(files.filter((file) => file.corpus === "fixtures").length).toBeGreaterThanOrEqual(16);
  });

  it.each(files.map((file) => [file.golden, file] as const))("%s", (_name, file) => {
    const golden = join(LABEL_GOLDENS, file.golden);
    expect(existsSync(golden), `${golden} is missing: run npx tsx scripts/label-oracle.ts`).toBe(true);
    const comparison = compareLabels(readDocxParagraphs(readFileSync(file.path)), readFileSync(golden, "utf8"));
    const unexpected = comparison.disagreements.filter((disagreement) => !deliberate(file.path, disagreement));
    expect(unexpected).toEqual([]);
    expect(comparison.unmatched).toBe(UNMATCHED[file.golden] ?? 0);
    const total = totals.get(file.corpus) ?? { agreeing: 0, numbered: 0 };
    totals.set(file.corpus, { agreeing: total.agreeing + comparison.agreeing, numbered: total.numbered + comparison.numbered });
  });

  it("reports the agreement per corpus", () => {
    const lines = [...totals].map(([corpus, { agreeing, numbered }]) => `${corpus}: ${agreeing}/${numbered} numbered paragraphs agree`);
    process.stderr.write(`label oracle: ${lines.join("; ")}\n`);
    expect(totals.get("fixtures")?.numbered ?? 0).toBeGreaterThan(500);
  });
});
