import { describe, expect, it } from "vitest";
import { isCollective } from "../../src/parse/collectives.js";
import { columnRole } from "../../src/parse/columns.js";
import { LEAD_WORDS, OFFICE_NOUNS, RESPONSIBLE_WORDS } from "../../src/parse/lexicon/roles.js";
import { TRADITIONAL_ONLY } from "../../src/parse/lexicon/script.js";
import { BARE_COLLECTIVES, COLLECTIVE_NOUNS, UNIT_SUFFIXES, UNIT_SUFFIX_RE } from "../../src/parse/lexicon/units.js";
import { parseOwnerLine } from "../../src/parse/owners/index.js";
import { loadSimplify } from "../../src/parse/script.js";

describe("the lexicon's lists agree with one another", () => {
  it("has each word once, and no word with two roles", () => {
    for (const list of [LEAD_WORDS, RESPONSIBLE_WORDS, OFFICE_NOUNS, UNIT_SUFFIXES, COLLECTIVE_NOUNS, BARE_COLLECTIVES]) {
      expect(new Set(list).size).toBe(list.length);
    }
    expect(LEAD_WORDS.filter((w) => (RESPONSIBLE_WORDS as readonly string[]).includes(w))).toEqual([]);
  });

  it("names offices and collectives with words that end unit names", () => {
    for (const noun of [...OFFICE_NOUNS.filter((n) => n !== "股室"), ...COLLECTIVE_NOUNS]) expect(UNIT_SUFFIX_RE.test(`区${noun}`), noun).toBe(true);
    for (const bare of BARE_COLLECTIVES) expect(isCollective(bare), bare).toBe(true);
  });

  it("gives a role word the same role in a column header and in an owner field", () => {
    for (const word of LEAD_WORDS) {
      expect(columnRole(`${word}单位`), word).toBe("lead");
      expect(parseOwnerLine(`${word}单位：区财政局`)?.lead, word).toEqual(["区财政局"]);
    }
    for (const word of RESPONSIBLE_WORDS.filter((w) => w !== "实施")) {
      expect(columnRole(`${word}单位`), word).toBe("responsible");
      expect(parseOwnerLine(`${word}单位：区财政局`)?.responsible, word).toEqual(["区财政局"]);
    }
  });

  it("lists only characters that exist in traditional script alone", async () => {
    const simplify = await loadSimplify();
    for (const ch of TRADITIONAL_ONLY) expect(simplify(ch), ch).not.toBe(ch);
    // script.ts looks them up in a table over the BMP.
    for (const ch of TRADITIONAL_ONLY) expect(ch.length, ch).toBe(1);
  });
});
