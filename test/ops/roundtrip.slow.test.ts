import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toDocx } from "../../src/exporters/docx.js";
import { toXlsx } from "../../src/exporters/xlsx.js";
import { isLedgerOutput } from "../../src/importers/ledger-sheet.js";
import { parseBuffer } from "../../src/ledger.js";
import { Ledger } from "../../src/model/ledger.js";

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
