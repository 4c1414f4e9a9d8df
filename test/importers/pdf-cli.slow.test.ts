import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bodyPage, buildPdf } from "../robustness/pdf-build.js";

/** `ledger parse` on PDFs, as a process (the built CLI; `npm test` builds first). */

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const work = mkdtempSync(join(tmpdir(), "ledger-pdf-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function ledger(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("ledger parse notice.pdf", () => {
  it("prints the ledger on stdout and nothing from pdf.js", () => {
    const run = ledger(["parse", "fixtures/pdf/qianjin-2017-plan.pdf", "-q"]);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.source.format).toBe("pdf");
    expect(parsed.tasks.length).toBeGreaterThan(0);
    expect(run.stderr).toBe("");
  });

  it("warnings name page and line", () => {
    const path = join(work, "gap.pdf");
    writeFileSync(path, buildPdf({ pages: [{ texts: bodyPage(["一、总体要求"]) }, { texts: bodyPage(["二、主要目标", "加强组织领导。", "四、保障措施"]) }] }));
    const run = ledger(["check", path]);
    expect(run.stderr).toMatch(/gap\.pdf:p2:3\s+warning\s.*numbering-gap/);
  });

  it("a scan fails in one line with exit code 1 and no output", () => {
    const path = join(work, "scan.pdf");
    writeFileSync(path, buildPdf({ pages: [{}] }));
    const out = join(work, "scan.json");
    const run = ledger(["parse", path, "-o", out]);
    expect(run.stderr).toBe(`ledger: ${path}: has no text layer (scanned; run OCR first)\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
