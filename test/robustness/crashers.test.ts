import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractProblems, PLAIN_INPUT_NAME, placeInput, type InputName, type OutputFormat } from "./contract.js";
import { assertBuilt, runCli } from "./harness.js";

/**
 * Every input `npm run fuzz` kept in crashers/ (minimised, with what it broke): replayed through
 * the built CLI, each must now keep the contract (contract.ts). Time and memory bounds belong to
 * the fuzz target, not to this replay.
 */

const CRASHERS = join(import.meta.dirname, "crashers");
interface Kept {
  input: string;
  /** How the case named its input (kept since the fuzz target varies names); the plain name before. */
  name?: InputName;
  format: OutputFormat;
  found: string[];
}
const kept: Kept[] = existsSync(CRASHERS)
  ? readdirSync(CRASHERS)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(CRASHERS, name), "utf8")) as Kept)
  : [];
let work: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-crashers-"));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("inputs the fuzz target kept", () => {
  it("are each described, with their input beside them", () => {
    for (const crasher of kept) expect(existsSync(join(CRASHERS, crasher.input)), crasher.input).toBe(true);
  });

  it.each(kept.map((crasher) => [crasher.input, crasher] as const))("%s keeps the contract now", async (_name, crasher) => {
    const dir = mkdtempSync(join(work, "case-"));
    const input = placeInput(dir, crasher.name ?? PLAIN_INPUT_NAME, extname(crasher.input), readFileSync(join(CRASHERS, crasher.input)));
    const output = join(dir, `out.${crasher.format}`);
    const before = readdirSync(dir);
    const run = await runCli(["parse", input, "-o", output], { cwd: dir, timeoutMs: 120_000 });
    expect(contractProblems({ run, dir, before, output, format: crasher.format, previous: null }), `found before: ${crasher.found.join("; ")}`).toEqual([]);
  });
});
