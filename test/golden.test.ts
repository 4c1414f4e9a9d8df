import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "../src/ledger.js";
import { Ledger } from "../src/model/ledger.js";
import { noticeFixtures } from "./helpers/fixtures.js";

const GOLDEN = join(import.meta.dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";

/** Every fixture's whole ledger is pinned; `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` rewrites them after a reviewed change. */
describe("golden ledgers of every fixture", () => {
  it.each(noticeFixtures())("%s", async (fixture) => {
    const ledger = await parseFile(fixture);
    expect(() => Ledger.parse(ledger)).not.toThrow();
    const file = join(GOLDEN, `${fixture.replace(/^fixtures\//, "").replace(/\//g, "__")}.json`);
    const json = JSON.stringify(ledger, null, 2) + "\n";
    if (update) writeFileSync(file, json);
    // A fixture without its golden fails: writing it here would pin whatever the parser gives today.
    expect(existsSync(file), `${file} is missing: review the ledger, then UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(true);
    expect(json).toBe(readFileSync(file, "utf8"));
    expect(basename(file)).toContain(basename(fixture));
  });
});
