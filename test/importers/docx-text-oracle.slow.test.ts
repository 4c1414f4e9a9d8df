import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { readDocxParagraphs } from "../../src/importers/docx.js";
import { oracleFiles } from "../oracle/corpus.js";

/**
 * mammoth's extractRawText is the oracle for text: the paragraphs our reader gives (body, cells,
 * text boxes, in reading order) are mammoth's, compared without whitespace and without empty
 * paragraphs. Deliberate differences (hidden text, w:sym glyphs, page breaks) are tested on
 * their own in docx-reader.test.ts; none occurs in this corpus.
 */
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("paragraph text agrees with mammoth", () => {
  it.each(oracleFiles().map((file) => [file.golden.replace(/\.txt$/, ""), file.path] as const))("%s", async (_name, path) => {
    const bytes = readFileSync(path);
    const theirs = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.split("\n\n").map(squeeze).filter(Boolean);
    const ours = readDocxParagraphs(bytes).map((paragraph) => squeeze(paragraph.text)).filter(Boolean);
    expect(ours).toEqual(theirs);
  });
});
