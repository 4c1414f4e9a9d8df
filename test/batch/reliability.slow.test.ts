import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummaryRecord } from "../../src/batch/run.js";

/**
 * Issue 16, batch: usage errors for an --out-dir that is a file and a malformed pattern, output
 * names unique within a folder, over-long names reported with a code, a failing standard output
 * failing the run, and a worker that runs out of memory costing only its file. Built CLI.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const NOTICE = join(ROOT, "fixtures", "zhonglou-2018-plan.txt");
let work: string;

function ledger(args: string[], stdout: "pipe" | number = "pipe") {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: ["ignore", stdout, "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout?.toString("utf8") ?? "", stderr: run.stderr.toString("utf8") };
}

function summaryOf(stdout: string): SummaryRecord[] {
  return stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as SummaryRecord);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "ledger-batch-reliability-"));
});

// rm, not rmSync: the tree deeper than PATH_MAX cannot be removed by absolute paths.
afterAll(() => {
  if (work) spawnSync("rm", ["-rf", work]);
});

describe("ledger batch usage errors", () => {
  it("refuses an --out-dir that is a file, or has a file on its path, in one line (exit 2)", () => {
    mkdirSync(join(work, "in1"));
    copyFileSync(NOTICE, join(work, "in1", "a.txt"));
    writeFileSync(join(work, "a-file"), "");
    for (const outDir of ["a-file", "a-file/below"]) {
      const run = ledger(["batch", "in1", "--out-dir", outDir]);
      expect(run.status).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(/^ledger: --out-dir a-file.*(is a file, not a folder|a part of the path is a file)/);
      expect(run.stderr).not.toMatch(/internal error/);
    }
  });

  it("refuses a malformed pattern ('[', '{a', a reversed range) in one line (exit 2)", () => {
    for (const pattern of ["[", "in1/{a", "in1/[z-a].txt"]) {
      const run = ledger(["batch", pattern, "--out-dir", "out-pattern"]);
      expect(run.status, pattern).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(/^ledger: malformed pattern '/);
    }
  });
});

describe("ledger batch output names", () => {
  it("gives every input of a folder its own output (a.docx / a.docx.txt, a.txt / a.md / a.txt.md)", () => {
    const dir = join(work, "same-names");
    mkdirSync(dir);
    copyFileSync(join(ROOT, "fixtures", "zhonglou-2018-plan.docx"), join(dir, "a.docx"));
    for (const name of ["a.docx.txt", "a.txt", "a.md", "a.txt.md", "b.txt", "b.txt.md"]) copyFileSync(NOTICE, join(dir, name));
    const run = ledger(["batch", "same-names", "--out-dir", "out-names", "--summary", "-"]);
    expect(run.status, run.stderr).toBe(0);
    const outputs = summaryOf(run.stdout).map((line) => line.output);
    expect(new Set(outputs).size).toBe(7);
    expect(readdirSync(join(work, "out-names")).sort()).toHaveLength(7);
    // The plain case is unchanged: a stem alone in its folder keeps the short name.
    expect(outputs).toContain(join("out-names", "b.json"));
  });

  it("reports an output name past 255 bytes and a path past 4,096 bytes with name-too-long, and goes on", () => {
    const dir = join(work, "long");
    mkdirSync(dir);
    const longName = `${"长".repeat(83)}ab.txt`;
    expect(Buffer.byteLength(longName)).toBe(255);
    copyFileSync(NOTICE, join(dir, longName));
    copyFileSync(NOTICE, join(dir, "ok.txt"));
    // A tree deeper than PATH_MAX, made by a shell going down one relative step at a time.
    const step = "d".repeat(250);
    spawnSync("sh", ["-c", `for i in $(seq 17); do mkdir ${step} && cd ${step}; done; cp "$1" deep.txt`, "sh", NOTICE], { cwd: dir });
    const run = ledger(["batch", "long", "--out-dir", "out-long", "--summary", "-"]);
    const records = summaryOf(run.stdout);
    expect(run.status).toBe(1);
    expect(records.find((line) => line.path.endsWith("ok.txt"))?.status).toBe("ok");
    expect(records.find((line) => line.path.endsWith(longName))?.code).toBe("name-too-long");
    expect(records.filter((line) => line.code === "name-too-long")).toHaveLength(2);
    expect(records.filter((line) => line.code === "internal")).toEqual([]);
  });
});

describe("ledger batch and a failing standard output", () => {
  it("exits 1 when the summary (--summary -) or the annotations (-f github) cannot be written", () => {
    mkdirSync(join(work, "in-full"));
    copyFileSync(NOTICE, join(work, "in-full", "a.txt"));
    // A warning, so that -f github has an annotation to write.
    writeFileSync(join(work, "in-full", "gap.txt"), "关于印发工作要点的通知\n一、总体要求\n1.推进公开（区政府办牵头，2021年底前）\n3.推进（区政府办牵头，2021年底前）\n");
    const full = openSync("/dev/full", "w");
    try {
      for (const args of [["--summary", "-"], ["-f", "github"]]) {
        const run = ledger(["batch", "in-full", "--out-dir", "out-full", ...args], full);
        expect(run.status, args.join(" ")).toBe(1);
        expect(run.stderr).toMatch(/^ledger: cannot write standard output: no space left on device$/m);
      }
    } finally {
      closeSync(full);
    }
  });
});

describe("a batch worker that runs out of memory", () => {
  it("costs only its file (worker-crashed); the file behind it is converted by a new worker", async () => {
    // The pool as the batch builds it, from dist/, with a heap limit small enough for a large notice to pass.
    const { WorkerPool } = (await import(pathToFileURL(join(ROOT, "dist", "batch", "pool.js")).href)) as typeof import("../../src/batch/pool.js");
    const big = join(work, "big.txt");
    writeFileSync(big, Array.from({ length: 19_000 }, (_, i) => `${i + 1}. ${"推进政务公开工作，区政府办牵头，各街道落实，2021年12月底前完成。".repeat(4)}`).join("\n"));
    const pool = new WorkerPool(1, { format: null, outReal: null, withLedger: false, withDiagnostics: false, withInfos: false, unitsText: null }, { timeoutMs: 120_000, heapMb: 32 });
    try {
      const [crashed, next] = await Promise.all([
        pool.run({ id: 0, real: big, path: "big.txt", output: null, tag: "a", skipLedgerOutput: false }),
        pool.run({ id: 1, real: NOTICE, path: "small.txt", output: null, tag: "b", skipLedgerOutput: false }),
      ]);
      expect(crashed).toMatchObject({ ok: false, code: "worker-crashed" });
      expect(crashed.ok === false && crashed.message).toMatch(/out of memory: more than 32 MB/);
      expect(next).toMatchObject({ ok: true });
    } finally {
      await pool.close();
    }
  });
});
