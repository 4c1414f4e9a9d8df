import { expect } from "vitest";
import type { Case } from "./corpus.js";
import { BOUNDS, MEASURE, type LibraryResult } from "./harness.js";

/** What every input must get from the library: a valid ledger or a one-line refusal, in time. */
export function checkLibraryResult(input: Case, result: LibraryResult): void {
  const detail = "message" in result ? result.message : "";
  expect(["ok", "refused"], `${result.status}: ${detail}`).toContain(result.status);
  if (MEASURE) expect(result.ms, "time").toBeLessThan(input.maxMs ?? BOUNDS.ms);
  if (result.status === "refused") {
    expect(result.message).not.toBe("");
    expect(result.message).not.toMatch(/[\r\n]/);
    expect(result.message).not.toContain("    at ");
  }
  if (result.status === "ok") expect(result.leaked, `the ledger contains ${JSON.stringify(input.mustNotContain)}`).toBe(false);
  if (input.expect === "ok") expect(result.status, detail).toBe("ok");
  if (typeof input.expect === "object") {
    expect(result.status, "refused").toBe("refused");
    if (result.status === "refused") expect(result.code).toMatch(input.expect.refused instanceof RegExp ? input.expect.refused : new RegExp(`^${input.expect.refused}$`));
  }
}
