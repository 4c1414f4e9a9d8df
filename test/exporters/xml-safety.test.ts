import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { toDocx } from "../../src/exporters/docx.js";
import { toXlsx } from "../../src/exporters/xlsx.js";
import { parseBuffer, parseText } from "../../src/ledger.js";

/** Every XML part of a package parsed by a strict, independent XML parser (saxes): throws on the first error. */
function assertWellFormed(bytes: Uint8Array): number {
  const files = unzipSync(bytes);
  let parts = 0;
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const parser = new SaxesParser({ xmlns: true });
    parser.on("error", (err) => {
      throw new Error(`${name}: ${err.message}`);
    });
    parser.write(strFromU8(data)).close();
    parts++;
  }
  return parts;
}

/** Characters XML 1.0 cannot hold, as a notice may carry them (from .txt or a broken .docx). */
const HOSTILE = "\uFFFE\uFFFF\u0001\u000B\uD800";

describe("台账 files are well-formed XML whatever the notice holds", async () => {
  const text = `关于推进政务公开${HOSTILE}的通知\n一、推进决策${HOSTILE}公开（区政府办牵头，2021年12月底前）\n二、做好\uFFFE政策解读（各单位）\n`;
  const ledger = await parseText(text, { path: `notice${HOSTILE}.txt` });

  it.each([
    ["xlsx", toXlsx],
    ["docx", toDocx],
  ] as const)(".%s: every part parses, and the file reads back to the same ledger", async (format, write) => {
    expect(JSON.stringify(ledger)).toContain("\uFFFE");
    const bytes = await write(ledger);
    expect(assertWellFormed(bytes)).toBeGreaterThan(3);
    const back = await parseBuffer(bytes, { path: `台账.${format}` });
    expect(back.tasks).toEqual(ledger.tasks);
  });

  it("several notices in one workbook too", async () => {
    expect(assertWellFormed(await toXlsx([ledger, ledger], { title: `汇总${HOSTILE}` }))).toBeGreaterThan(3);
  });
});
