import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLibraryResult } from "./checks.js";
import { hostileCases } from "./hostile-cases.js";
import { LibraryPool, type LibraryResult } from "./harness.js";

/**
 * The named hostile inputs of issue 7 (and the pathological strings of every regex, in the
 * contexts the parser reads them in) through the library: each gets what hostile-cases.ts says,
 * within the time bound and the heap cap, and never leaks what an entity or include points to.
 */

const cases = hostileCases();
let results: LibraryResult[] = [];
const pool = new LibraryPool();

beforeAll(async () => {
  results = await pool.runAll(cases.map((input, id) => ({ id, name: input.file, bytes: input.bytes(), mustNotContain: input.mustNotContain })));
});

afterAll(() => pool.close());

describe("hostile inputs through the library", () => {
  it("covers the named cases", () => {
    for (const name of ["truncated zip", "bit-flipped docx", "no word/document.xml", "zip bomb", "DOCTYPE", "external entity", "billion laughs", "nested tables", "document.xml of 50 MB", "empty file", "whitespace only", "binary data named .txt", "invalid UTF-8", "100 MB", "1 MB line", "10,000 nesting levels", "pathological"]) {
      expect(cases.some((input) => input.id.includes(name)), name).toBe(true);
    }
  });

  it.each(cases.map((input, index) => [input.id, index] as const))("%s", (_id, index) => {
    checkLibraryResult(cases[index], results[index]);
  });
});
