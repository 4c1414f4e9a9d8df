import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/exporters/json.js";
import { parseFile } from "../../src/ledger.js";
import { Ledger } from "../../src/model/ledger.js";
import { ledgerJsonSchema } from "../../src/model/schema.js";
import { noticeFixtures } from "../helpers/fixtures.js";

describe("JSON output", () => {
  it.each(noticeFixtures())("%s: is the ledger contract exactly", async (file) => {
    const ledger = await parseFile(file);
    const json = toJson(ledger);
    expect(json.endsWith("}\n")).toBe(true);
    expect(json).toMatch(/^\{\n  "schemaVersion": 1,\n/);
    // zod's strict schemas are the single source of truth: no missing or extra field anywhere.
    const parsed: unknown = JSON.parse(json);
    expect(Ledger.parse(parsed)).toEqual(parsed);
    expect(parsed).toEqual(ledger);
    expect(json).not.toMatch(/\\u[0-9a-f]{4}/i);
  });

  it("validates against the checked-in schemas/ledger.schema.json, which is the schema of the contract", () => {
    const checkedIn: unknown = JSON.parse(readFileSync("schemas/ledger.schema.json", "utf8"));
    // JSON round trip: the file holds no undefined-valued keys.
    expect(checkedIn).toEqual(JSON.parse(JSON.stringify(ledgerJsonSchema())));
  });
});
