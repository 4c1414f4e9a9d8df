import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLedgerOutput } from "../../src/importers/ledger-sheet.js";
import { DiffResult, MergeResult } from "../../src/model/ops.js";

/** ledger split, merge and diff (and batch --split-by-unit) through the built CLI, as a user runs them. */
const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");

function ledger(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "ledger-ops-cli-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("ledger split", () => {
  it("writes one 台账 per unit into the folder, says so on stderr, prints nothing on stdout", () => {
    const out = join(work, "split");
    const run = ledger(["split", "fixtures/returns/base.json", "--by", "unit", "-o", out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    const files = readdirSync(out);
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain("区政数局.xlsx");
    expect(run.stderr).toBe(`ledger: wrote ${files.length} 台账 to ${out}\n`);
    for (const file of files) expect(isLedgerOutput(readFileSync(join(out, file)))).toBe(true);
  });

  it("needs -o DIR and knows only --by unit (usage errors, exit 2)", () => {
    expect(ledger(["split", "fixtures/returns/base.json"]).status).toBe(2);
    expect(ledger(["split", "fixtures/returns/base.json", "--by", "year", "-o", join(work, "x")]).status).toBe(2);
  });
});

describe("ledger merge", () => {
  it("prints the merge as JSON, or writes the merged 台账", () => {
    const run = ledger(["merge", "fixtures/returns/base.json", "fixtures/returns/区政数局.xlsx", "--as-of", "2022-01-15"]);
    expect(run.status).toBe(0);
    const result = MergeResult.parse(JSON.parse(run.stdout));
    expect(result.conflicts.map((c) => c.kind)).toEqual(["wording", "id-cleared", "added"]);
    expect(run.stderr).toMatch(/^ledger: merged 1 return\(s\): 3 progress entries, 3 conflict\(s\), \d+ overdue\n$/);
    const out = join(work, "merged.xlsx");
    expect(ledger(["merge", "fixtures/returns/base.json", "fixtures/returns/区政数局.xlsx", "-o", out, "-q"])).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(isLedgerOutput(readFileSync(out))).toBe(true);
  });

  it("refuses a return that is not a 台账 ledger wrote: one line, exit 1, no output", () => {
    const out = join(work, "never.json");
    const run = ledger(["merge", "fixtures/returns/base.json", "fixtures/diff/2018-plan.txt", "-o", out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^ledger: fixtures\/diff\/2018-plan\.txt: is not a 台账 written by ledger/);
    expect(existsSync(out)).toBe(false);
  });

  it("checks --as-of", () => {
    expect(ledger(["merge", "fixtures/returns/base.json", "fixtures/returns/区政数局.xlsx", "--as-of", "July"]).status).toBe(2);
  });
});

describe("ledger diff", () => {
  it("prints text without colours in a pipe, JSON for tools, and writes the .xlsx", () => {
    const text = ledger(["diff", "fixtures/diff/2017-plan.txt", "fixtures/diff/2018-plan.txt"]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("1 added, 1 removed, 1 reworded, 1 moved, 1 owner changes, 1 deadlines moved");
    expect(text.stdout).not.toMatch(/\u001b\[/);
    const json = ledger(["diff", "fixtures/diff/2017-plan.txt", "fixtures/diff/2018-plan.txt", "-f", "json"]);
    expect(DiffResult.parse(JSON.parse(json.stdout)).summary.added).toBe(1);
    const out = join(work, "changes.xlsx");
    expect(ledger(["diff", "fixtures/diff/2017-plan.txt", "fixtures/diff/2018-plan.txt", "-o", out]).status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("a missing input is one line and exit 1", () => {
    const run = ledger(["diff", "fixtures/diff/nothing.txt", "fixtures/diff/2018-plan.txt"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ledger: fixtures/diff/nothing.txt: no such file\n");
  });
});

describe("ledger batch and 台账", () => {
  it("--split-by-unit writes each notice's 台账 per unit; a later batch skips them as earlier outputs", () => {
    const inputs = join(work, "notices");
    mkdirSync(inputs);
    copyFileSync("fixtures/diff/2017-plan.txt", join(inputs, "2017-plan.txt"));
    const out = join(inputs, "out");
    const run = ledger(["batch", inputs, "-o", out, "--split-by-unit", "-q"]);
    expect(run.status).toBe(0);
    const shares = readdirSync(join(out, "2017-plan"));
    expect(shares.length).toBeGreaterThan(3);
    // The 台账 moved next to the notices are reported as skipped, not parsed as notices.
    copyFileSync(join(out, "2017-plan", shares[0]), join(inputs, shares[0]));
    const again = ledger(["batch", inputs, "-o", join(work, "out2"), "--summary", join(work, "summary.jsonl"), "-q"]);
    expect(again.status).toBe(0);
    const summary = readFileSync(join(work, "summary.jsonl"), "utf8");
    expect(summary).toContain('"ledger-output"');
  });

  it("--combine takes --title, and names each notice by its title in 来源文件", async () => {
    const out = join(work, "all.xlsx");
    const run = ledger(["batch", "fixtures/diff", "--combine", out, "--title", "2017—2018年台账汇总", "-q"]);
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("台账")!;
    expect(sheet.getCell("A1").text).toBe("2017—2018年台账汇总");
    expect(sheet.getCell("A2").text).toBe("来源文件");
    expect(sheet.getCell("A3").text).toMatch(/^关于全面推进政务公开工作的实施方案/);
    expect(ledger(["batch", "fixtures/diff", "-o", join(work, "t"), "--title", "x"]).status).toBe(2);
  });
});
