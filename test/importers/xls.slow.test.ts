import { describe, expect, it } from "vitest";
import { findSoffice } from "../../src/importers/libreoffice.js";
import { parseFile } from "../../src/ledger.js";
import { summarise } from "../helpers/fixtures.js";

/** fixtures/xlsx/*.xls: LibreOffice's .xls of the Excel fixture (see fixtures/xlsx/build.ts). */
describe.runIf(findSoffice() !== null)(".xls input", () => {
  it("is read through LibreOffice and gives the same ledger as the .xlsx", async () => {
    const fromXls = await parseFile("fixtures/xlsx/chaoyang-2021-ledger.xls");
    expect(fromXls.source).toMatchObject({ format: "xls", via: "libreoffice" });
    expect(summarise(fromXls).tasks).toEqual(summarise(await parseFile("fixtures/xlsx/chaoyang-2021-ledger.xlsx")).tasks);
  });
});
