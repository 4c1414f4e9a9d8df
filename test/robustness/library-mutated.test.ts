import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLibraryResult } from "./checks.js";
import { mutatedCases } from "./corpus.js";
import { LibraryPool, type LibraryResult } from "./harness.js";

/**
 * 1,200 seeded mutations of the fixtures through the library (parseBuffer), in worker threads:
 * each ends in a ledger that validates against the Ledger model, or in a LedgerInputError with a
 * one-line message, within the time bound and the worker's heap cap.
 */

const cases = mutatedCases();
let results: LibraryResult[] = [];
const pool = new LibraryPool();

beforeAll(async () => {
  results = await pool.runAll(cases.map((input, id) => ({ id, name: input.file, bytes: input.bytes() })));
});

afterAll(() => pool.close());

describe("mutated fixtures through the library", () => {
  it("is at least 1,000 inputs, from every fixture format, reproducibly", () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    for (const ext of [".txt", ".md", ".docx"]) expect(cases.some((input) => input.id.includes(ext))).toBe(true);
    // The same seed gives the same bytes.
    const again = mutatedCases(5);
    expect(again.map((input) => Buffer.from(input.bytes()).toString("base64"))).toEqual(cases.slice(0, 5).map((input) => Buffer.from(input.bytes()).toString("base64")));
  });

  it("ends in a ledger or a refusal, not always the same one", () => {
    const statuses = new Set(results.map((result) => result.status));
    expect(statuses).toContain("ok");
    expect(statuses).toContain("refused");
  });

  it.each(cases.map((input, index) => [input.id, index] as const))("%s", (_id, index) => {
    checkLibraryResult(cases[index], results[index]);
  });
});
