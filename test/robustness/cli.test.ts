import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger } from "../../src/model/ledger.js";
import { mutatedCases, type Case } from "./corpus.js";
import { assertBuilt, BOUNDS, GNU_TIME, inParallel, MEASURE, runCli, type CliRun } from "./harness.js";
import { hostileCases } from "./hostile-cases.js";

/**
 * The built CLI on every named hostile input and a sample of the mutated corpus, as child
 * processes (`ledger parse FILE -o OUT.json`, and OUT.xlsx for some): the exit code is one of
 * the documented 0, 1, 3 (never 70, never a signal); a failure prints exactly one line and no
 * stack trace; the output is complete and valid or absent, an existing output is left untouched
 * on failure, and no temp file is left behind; each run stays under the time and memory bounds.
 */

interface Planned {
  input: Case;
  format: "json" | "xlsx";
  strict: boolean;
  /** An output file already there before the run, which a failure must leave as it was. */
  existing: boolean;
}

const SENTINEL = "previous output, must survive a failed run\n";

const hostile = hostileCases().filter((input) => input.cli);
const sample = mutatedCases().filter((input) => input.cli);
const planned: Planned[] = [...hostile, ...sample].flatMap((input, index): Planned[] => {
  const json: Planned = { input, format: "json", strict: index % 5 === 4, existing: index % 3 === 0 };
  return input.xlsx ? [json, { input, format: "xlsx", strict: false, existing: index % 2 === 0 }] : [json];
});

let work: string;
const runs: CliRun[] = [];
const leftovers: string[][] = [];
const outputs: Array<Buffer | null> = [];

function caseDir(index: number): string {
  return join(work, String(index));
}

/** The output name: quotes, spaces and Chinese, like the inputs. */
function outputName(plan: Planned): string {
  return `台账 "结果" 'x'.${plan.format}`;
}

beforeAll(async () => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-robust-cli-"));
  const runOne = (plan: Planned, index: number) => async () => {
    const dir = caseDir(index);
    mkdirSync(dir);
    writeFileSync(join(dir, plan.input.file), plan.input.bytes());
    const out = outputName(plan);
    if (plan.existing) writeFileSync(join(dir, out), SENTINEL);
    const args = ["parse", plan.input.file, "-o", out, ...(plan.strict ? ["--strict"] : [])];
    const run = await runCli(args, { cwd: dir, timeoutMs: BOUNDS.ms * 2 });
    // The input can be 100 MB: keep only what the checks need.
    rmSync(join(dir, plan.input.file), { force: true });
    leftovers[index] = readdirSync(dir).filter((name) => name !== out);
    outputs[index] = existsSync(join(dir, out)) ? readFileSync(join(dir, out)) : null;
    rmSync(dir, { recursive: true, force: true });
    runs[index] = run;
  };
  // Inputs at the size limits run alone afterwards: their bounds are about them, not their neighbours.
  await inParallel(planned.flatMap((plan, index) => (plan.input.heavy ? [] : [runOne(plan, index)])));
  await inParallel(planned.flatMap((plan, index) => (plan.input.heavy ? [runOne(plan, index)] : [])), 1);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function checkXlsx(bytes: Buffer): Promise<void> {
  const entries = unzipSync(new Uint8Array(bytes));
  expect(Object.keys(entries)).toContain("xl/workbook.xml");
  // No cell is a formula, whatever the notice's text.
  for (const [name, data] of Object.entries(entries)) if (name.startsWith("xl/worksheets/")) expect(strFromU8(data)).not.toMatch(/<f[ >]/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  // Excel refuses cells longer than 32,767 characters (it reports the file as damaged).
  let longest = 0;
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (longest = Math.max(longest, String(cell.value ?? "").length)))));
  expect(longest).toBeLessThanOrEqual(32_767);
}

describe("the built CLI reading standard input", () => {
  const bomb = hostileCases().find((input) => input.id.startsWith("zip bomb: 1 GB of deflate declared as"))!;
  it.each([
    ["80 MB of zeros", () => new Uint8Array(80 * 1024 * 1024), 1],
    ["a zip bomb", () => bomb.bytes(), 1],
    ["a notice", () => readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "chaoyang-2021-ledger.txt")), 0],
  ] as const)("%s: one line or a ledger, and standard input is never read past the size limit", async (_name, bytes, status) => {
    const run = await runCli(["parse", "-"], { cwd: work, stdin: bytes() });
    expect(run.status, run.stderr).toBe(status);
    if (MEASURE) expect(run.ms).toBeLessThan(BOUNDS.ms);
    if (status === 1) expect(run.stderr).toMatch(/^ledger: [^\n]+: [^\n]+\n$/);
    // 64 MB are buffered at most before the refusal.
    if (MEASURE && run.rssMB !== null) expect(run.rssMB).toBeLessThan(64 + 140);
  });
});

describe("the built CLI on hostile and mutated inputs", () => {
  it(`runs ${planned.length} inputs, every named hostile case among them`, () => {
    expect(planned.length).toBeGreaterThanOrEqual(100);
    expect(hostile.length).toBeGreaterThan(50);
    expect(runs.filter(Boolean).length).toBe(planned.length);
  });

  it(`measures every run's peak memory (${GNU_TIME ?? "a preload reporting process.resourceUsage().maxRSS"})`, () => {
    expect(runs.filter((run) => run.rssMB === null && run.signal === null)).toEqual([]);
  });

  it.each(planned.map((plan, index) => [`${plan.input.id} → ${plan.format}${plan.strict ? " --strict" : ""}${plan.existing ? " (over an existing file)" : ""}`, index] as const))(
    "%s",
    async (_name, index) => {
      const plan = planned[index];
      const run = runs[index];
      const context = `exit ${run.status} signal ${run.signal}\n${run.stderr.slice(0, 2000)}`;
      expect(run.timedOut, context).toBe(false);
      expect(run.signal, context).toBeNull();
      expect([0, 1, 3], context).toContain(run.status);
      if (MEASURE) expect(run.ms, "wall time").toBeLessThan(BOUNDS.ms);
      if (MEASURE && run.rssMB !== null) expect(run.rssMB, "peak RSS in MB").toBeLessThan(BOUNDS.rssMB);
      expect(run.stderr).not.toContain("    at ");
      expect(leftovers[index], "files left in the output folder").toEqual([]);
      if (run.status === 1) {
        expect(run.stderr, "one line").toMatch(/^ledger: [^\n]+: [^\n]+\n$/);
        if (plan.existing) expect(outputs[index]?.toString("utf8"), "existing output").toBe(SENTINEL);
        else expect(outputs[index], "no output on failure").toBeNull();
      } else {
        const out = outputs[index];
        expect(out, "output written").not.toBeNull();
        if (plan.format === "json") expect(() => Ledger.parse(JSON.parse(out!.toString("utf8")))).not.toThrow();
        else await checkXlsx(out!);
      }
      if (plan.input.expect === "ok") expect(run.status, context).not.toBe(1);
      if (typeof plan.input.expect === "object") expect(run.status, context).toBe(1);
      if (plan.input.mustNotContain && outputs[index]) expect(outputs[index]!.toString("utf8")).not.toContain(plan.input.mustNotContain);
      // A 100 MB input is refused from its size: the CLI never reads it into memory.
      if (MEASURE && plan.input.id === "a 100 MB text file" && run.rssMB !== null) expect(run.rssMB).toBeLessThan(100);
    },
  );
});
