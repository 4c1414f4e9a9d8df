import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toDocx } from "../../src/exporters/docx.js";
import { toXlsx } from "../../src/exporters/xlsx.js";
import { isLedgerOutput } from "../../src/importers/ledger-sheet.js";
import { parseBuffer } from "../../src/ledger.js";
import { Ledger } from "../../src/model/ledger.js";
import { LEDGER_OUTPUT_TAG } from "../../src/model/ops.js";

/** Every fixture's ledger (the goldens) written as 台账 and parsed back: the same ledger, to the last field. */
const GOLDEN = join(import.meta.dirname, "..", "golden");
const goldens = readdirSync(GOLDEN).filter((name) => name.endsWith(".json")).sort();

describe.each(goldens)("%s", (name) => {
  const ledger = Ledger.parse(JSON.parse(readFileSync(join(GOLDEN, name), "utf8")));

  it.each([
    ["xlsx", toXlsx],
    ["docx", toDocx],
  ] as const)("JSON → .%s → parse gives the same tasks, ids, owners, deadlines and metadata", async (format, write) => {
    const bytes = await write(ledger);
    expect(isLedgerOutput(bytes)).toBe(true);
    const back = await parseBuffer(bytes, { path: `台账.${format}` });
    expect(back.tasks).toEqual(ledger.tasks);
    expect(back.document).toEqual(ledger.document);
    expect(back.diagnostics).toEqual(ledger.diagnostics);
    expect(back.source.format).toBe(format);
  });
});

/** The 台账 without ledger's marker (as if a program had dropped it): read through the table parser. */
function withoutMarker(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  delete files["customXml/ledger.xml"];
  files["docProps/core.xml"] = strToU8(strFromU8(files["docProps/core.xml"]).replace(LEDGER_OUTPUT_TAG, ""));
  return zipSync(files);
}

/** What the table shows of each task: id, title, owners and deadline in effect. */
function shown(ledger: Ledger): string[] {
  const out: string[] = [];
  const walk = (tasks: Ledger["tasks"]) =>
    tasks.forEach((t) => {
      const owners = t.effective.owners.owners.map((o) => `${o.role}:${o.name}`).join(",");
      out.push(`${t.id} ${t.title.replace(/\s+/g, "")} [${owners}] ${t.effective.deadline.deadline?.text ?? ""}`);
      walk(t.children);
    });
  walk(ledger.tasks);
  return out;
}

describe("a 台账 without its marker reads back through the table parser", () => {
  it.each(["chaoyang-2021-ledger.txt.json", "lianhuashan-2019-plan.txt.json", "shanxi-2019-plan.txt.json"])("%s", async (name) => {
    const ledger = Ledger.parse(JSON.parse(readFileSync(join(GOLDEN, name), "utf8")));
    for (const [format, write] of [["xlsx", toXlsx], ["docx", toDocx]] as const) {
      const bytes = withoutMarker(await write(ledger));
      expect(isLedgerOutput(bytes)).toBe(false);
      expect(shown(await parseBuffer(bytes, { path: `台账.${format}` }))).toEqual(shown(ledger));
    }
  });
});
