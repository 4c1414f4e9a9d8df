import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SummaryRecord } from "../../src/batch/run.js";
import { sourceName } from "../../src/exporters/table.js";
import { parseFile } from "../../src/ledger.js";

/**
 * `ledger batch`, run as a process (the built CLI) on a temp tree of good and bad notices:
 * mirroring, failures, the summary, shards, determinism across --jobs, --combine, the output
 * folder as a boundary, and the per-file time limit. `npm test` builds first.
 */

// Each run starts worker threads that load the importers: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const FIXTURES = join(ROOT, "fixtures");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

type SummaryLine = SummaryRecord;

let work: string;

function ledger(args: string[], cwd = work, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

function readSummary(path: string): SummaryLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SummaryLine);
}

/** Every file under `dir`, "/"-separated and sorted, hidden ones included (a leftover temp file would show). */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

const QUOTED_NAME = `通知 "引号" 'x' 2019.txt`;

/** The tree every test reads: `in/` with good, bad and hostile entries, and `outside/`, which links point to. */
function buildTree(root: string): void {
  const input = join(root, "in");
  mkdirSync(join(input, "nested", "deeper"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside", "secret.txt"), readFileSync(join(FIXTURES, "shanxi-2019-plan.txt")));
  // Same stem in one folder: the outputs must keep the extension so that neither overwrites the other.
  copyFileSync(join(FIXTURES, "chaoyang-2021-ledger.docx"), join(input, "chaoyang-2021-ledger.docx"));
  copyFileSync(join(FIXTURES, "chaoyang-2021-ledger.txt"), join(input, "chaoyang-2021-ledger.txt"));
  copyFileSync(join(FIXTURES, "lianhuashan-2019-plan.txt"), join(input, "lianhuashan-2019-plan.txt"));
  copyFileSync(join(FIXTURES, "qianjin-2017-plan.docx"), join(input, "qianjin-2017-plan.docx"));
  copyFileSync(join(FIXTURES, "shanxi-2019-plan.docx"), join(input, "nested", "deeper", "shanxi-2019-plan.docx"));
  copyFileSync(join(FIXTURES, "zhonglou-2018-plan.txt"), join(input, "nested", QUOTED_NAME));
  writeFileSync(join(input, "empty.txt"), "");
  writeFileSync(join(input, "binary.txt"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(input, "corrupt.docx"), readFileSync(join(FIXTURES, "qianjin-2017-plan.docx")).subarray(0, 4000));
  writeFileSync(join(input, "notes.json"), "{}");
  writeFileSync(join(input, ".hidden.txt"), "一、隐藏文件\n");
  symlinkSync(join(root, "outside", "secret.txt"), join(input, "leak.txt"));
  symlinkSync(join(root, "outside"), join(input, "linkdir"));
}

const EXPECTED_PATHS = [
  "in/binary.txt",
  "in/chaoyang-2021-ledger.docx",
  "in/chaoyang-2021-ledger.txt",
  "in/corrupt.docx",
  "in/empty.txt",
  "in/leak.txt",
  "in/lianhuashan-2019-plan.txt",
  "in/linkdir",
  "in/nested/deeper/shanxi-2019-plan.docx",
  `in/nested/${QUOTED_NAME}`,
  "in/notes.json",
  "in/qianjin-2017-plan.docx",
];
const FAILING = ["in/binary.txt", "in/corrupt.docx", "in/empty.txt", "in/leak.txt", "in/linkdir"];
/** Files of the walk in formats ledger does not read: reported as skipped, never passed over. */
const SKIPPED = ["in/notes.json"];

beforeAll(() => {
  const built = join(ROOT, "dist", "batch", "worker.js");
  const newestSource = Math.max(...readdirSync(join(ROOT, "src", "batch")).map((f) => statSync(join(ROOT, "src", "batch", f)).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource) throw new Error("dist/ is missing or older than src/: run `npm run build` first");
  work = mkdtempSync(join(tmpdir(), "ledger-batch-"));
  buildTree(work);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("ledger batch: a tree of good and bad notices", () => {
  let run: Run;
  let summary: SummaryLine[];

  beforeAll(() => {
    run = ledger(["batch", "in", "--out-dir", "out", "--summary", "summary.ndjson", "--jobs", "2"]);
    summary = readSummary(join(work, "summary.ndjson"));
  });

  it("mirrors the input tree under the output folder, one JSON ledger per notice", () => {
    expect(filesUnder(join(work, "out"))).toEqual([
      "chaoyang-2021-ledger.docx.json",
      "chaoyang-2021-ledger.txt.json",
      "lianhuashan-2019-plan.json",
      "nested/deeper/shanxi-2019-plan.json",
      `nested/${QUOTED_NAME.replace(/\.txt$/, ".json")}`,
      "qianjin-2017-plan.json",
    ]);
    const ledgerJson = JSON.parse(readFileSync(join(work, "out", "nested", "deeper", "shanxi-2019-plan.json"), "utf8"));
    expect(ledgerJson.source.path).toBe("in/nested/deeper/shanxi-2019-plan.docx");
    expect(ledgerJson.tasks.length).toBeGreaterThan(0);
  });

  it("keeps going past bad files, reports each in one line, and exits 1 at the end", () => {
    expect(run.status).toBe(1);
    for (const path of [...FAILING, ...SKIPPED]) expect(run.stderr).toMatch(new RegExp(`^ledger: ${path.replace(/[.*]/g, "\\$&")}: \\S.*$`, "m"));
    expect(run.stderr).toMatch(/^ledger: 12 files: 6 ok, 5 failed, 1 skipped \(not a notice format\);/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // No terminal, no progress bar.
    expect(run.stderr).not.toContain("\r");
    expect(run.stdout).toBe("");
  });

  it("writes one summary line per file, in input order", () => {
    expect(summary.map((line) => line.path)).toEqual(EXPECTED_PATHS);
    for (const line of summary) {
      expect(Object.keys(line).sort()).toEqual(
        line.status === "ok"
          ? ["errors", "ms", "output", "path", "status", "tasks", "warnings"]
          : ["code", "error", "errors", "ms", "path", "status", "tasks", "warnings"],
      );
      expect(line.status).toBe(FAILING.includes(line.path) ? "failed" : SKIPPED.includes(line.path) ? "skipped" : "ok");
    }
    const lianhuashan = summary.find((line) => line.path === "in/lianhuashan-2019-plan.txt")!;
    expect(lianhuashan).toMatchObject({ output: "out/lianhuashan-2019-plan.json", tasks: 23 });
    expect(lianhuashan.warnings).toBeGreaterThan(0);
    expect(summary.find((line) => line.path === "in/empty.txt")).toMatchObject({ code: "empty-input" });
    expect(summary.find((line) => line.path === "in/corrupt.docx")).toMatchObject({ code: "corrupt-docx" });
    expect(summary.find((line) => line.path === "in/binary.txt")).toMatchObject({ code: "binary-input" });
    expect(summary.find((line) => line.path === "in/leak.txt")).toMatchObject({ code: "outside-input" });
    expect(summary.find((line) => line.path === "in/linkdir")).toMatchObject({ code: "outside-input" });
    expect(summary.find((line) => line.path === "in/notes.json")).toMatchObject({ status: "skipped", code: "not-a-notice-format", error: "is a .json file, not a format ledger reads; skipped" });
  });

  it("prints the summary on stdout with --summary -", () => {
    const stdout = ledger(["batch", "in", "-o", "out-stdout", "--summary", "-"]).stdout;
    expect(stdout.trim().split("\n").map((line) => (JSON.parse(line) as SummaryLine).path)).toEqual(EXPECTED_PATHS);
  });
});

describe("ledger batch: determinism", () => {
  it("writes the same bytes, and the same summary, whatever --jobs is", () => {
    for (const jobs of ["1", "2"]) ledger(["batch", "in", "-o", `jobs${jobs}`, "-j", jobs, "--summary", `jobs${jobs}.ndjson`]);
    const files = filesUnder(join(work, "jobs1"));
    expect(filesUnder(join(work, "jobs2"))).toEqual(files);
    for (const file of files) expect(readFileSync(join(work, "jobs2", file)).equals(readFileSync(join(work, "jobs1", file)))).toBe(true);
    const comparable = (jobs: string) => readSummary(join(work, `jobs${jobs}.ndjson`)).map(({ ms, output, ...rest }) => ({ ...rest, output: output?.replace(/^jobs\d/, "") }));
    expect(comparable("2")).toEqual(comparable("1"));
  });

  it("writes the same workbook contents whatever --jobs is", () => {
    for (const jobs of ["1", "2"]) ledger(["batch", "in", "-o", `xlsx${jobs}`, "-f", "xlsx", "-j", jobs]);
    const sheets = (jobs: string) => {
      const parts = unzipSync(readFileSync(join(work, `xlsx${jobs}`, "qianjin-2017-plan.xlsx")));
      return Object.keys(parts)
        .filter((name) => name.startsWith("xl/worksheets/") || name === "xl/sharedStrings.xml")
        .sort()
        .map((name) => [name, strFromU8(parts[name])]);
    };
    expect(sheets("2")).toEqual(sheets("1"));
  });
});

describe("ledger batch: text outputs are UTF-8", () => {
  it("writes each format as the parse command writes it, a lone surrogate of a UTF-16 notice as U+FFFD", () => {
    const dir = join(work, "surrogate");
    mkdirSync(dir, { recursive: true });
    const text = "一、做好政务公开\n（一）公开\uD800目录（区政务服务局负责）\n";
    writeFileSync(join(dir, "notice.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    for (const format of ["json", "yaml", "csv", "ndjson"]) {
      expect(ledger(["batch", dir, "-o", join(work, `surrogate-${format}`), "-f", format, "-q"]).status).toBe(0);
      const written = readFileSync(join(work, `surrogate-${format}`, `notice.${format}`));
      const parsed = ledger(["parse", join(dir, "notice.txt"), "-f", format]);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(written), format).toContain("区政务服务局");
      expect(written.toString("utf8").replace(/"path": ?"[^"]*"|path: \S+|,[^,\n]*notice\.txt/g, ""), format).toBe(parsed.stdout.replace(/"path": ?"[^"]*"|path: \S+|,[^,\n]*notice\.txt/g, ""));
    }
  });

  it("writes outputs of every size in full, one too large for the buffer a worker keeps (4 MB, 3 bytes a character) between two small ones", () => {
    const dir = join(work, "sizes");
    mkdirSync(dir, { recursive: true });
    const item = (i: number) => `${i}.加强第${i}项工作的组织领导，确保各项任务落实到位（责任单位：市财政局、市发展改革委；完成时限：2024年12月底前）`;
    writeFileSync(join(dir, "a-small.txt"), ["关于印发测试方案的通知", item(1), item(2)].join("\n"));
    writeFileSync(join(dir, "b-large.txt"), ["关于印发测试方案的通知", ...Array.from({ length: 3000 }, (_, i) => item(i + 1))].join("\n"));
    writeFileSync(join(dir, "c-small.txt"), ["关于印发测试方案的通知", item(7)].join("\n"));
    expect(ledger(["batch", dir, "-o", join(work, "sizes-out"), "-j", "1", "-q"]).status).toBe(0);
    for (const name of ["a-small", "b-large", "c-small"]) {
      const written = readFileSync(join(work, "sizes-out", `${name}.json`), "utf8");
      const parsed = ledger(["parse", join(dir, `${name}.txt`)]).stdout;
      expect(written.replace(/"path": "[^"]*"/, ""), name).toBe(parsed.replace(/"path": "[^"]*"/, ""));
    }
    expect(readFileSync(join(work, "sizes-out", "b-large.json"), "utf8").length * 3).toBeGreaterThan(4 << 20);
  });
});

describe("ledger batch --shard", () => {
  const shardPaths = (dir: string, shard: string): string[] => {
    ledger(["batch", dir, "-o", `shard-out-${shard.replace("/", "-")}`, "--shard", shard, "--summary", "shard.ndjson"]);
    return readSummary(join(work, "shard.ndjson")).map((line) => line.path);
  };

  it("covers every file exactly once over the n shards", () => {
    const shards = ["1/3", "2/3", "3/3"].map((shard) => shardPaths("in", shard));
    expect(shards.flat().sort()).toEqual([...EXPECTED_PATHS].sort());
  });

  it("keeps a file in its shard when files are added", () => {
    const grown = join(work, "grown");
    mkdirSync(grown);
    for (const name of ["lianhuashan-2019-plan.txt", "qianjin-2017-plan.txt", "shanxi-2019-plan.txt"]) copyFileSync(join(FIXTURES, name), join(grown, name));
    const before = ["1/2", "2/2"].map((shard) => shardPaths("grown", shard));
    for (const name of ["zhonglou-2018-plan.txt", "chaoyang-2021-ledger.txt"]) copyFileSync(join(FIXTURES, name), join(grown, name));
    const after = ["1/2", "2/2"].map((shard) => shardPaths("grown", shard));
    before.forEach((paths, i) => expect(after[i]).toEqual(expect.arrayContaining(paths)));
    expect(after.flat().sort()).toHaveLength(5);
  });

  it("refuses a malformed shard", () => {
    expect(ledger(["batch", "in", "-o", "x", "--shard", "4/3"]).status).toBe(2);
  });
});

describe("ledger batch --combine", () => {
  it("writes one workbook with a 来源文件 for every converted notice", async () => {
    const run = ledger(["batch", "in", "-o", "combined-out", "--combine", "all.xlsx"]);
    expect(run.status).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(work, "all.xlsx"));
    const sheet = workbook.getWorksheet("台账")!;
    let headerRow = 0;
    let sourceColumn = 0;
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell, col) => {
        if (cell.value === "来源文件" && headerRow === 0) [headerRow, sourceColumn] = [rowNumber, col];
      });
    });
    expect(sourceColumn).toBeGreaterThan(0);
    const sources = new Set<string>();
    sheet.eachRow((row, rowNumber) => {
      const value = row.getCell(sourceColumn).value;
      if (rowNumber > headerRow && typeof value === "string") sources.add(value);
    });
    // 来源文件 names each notice by its title and 文号, as the ledger reads them, not by its path.
    const converted = EXPECTED_PATHS.filter((path) => !FAILING.includes(path) && !SKIPPED.includes(path));
    const ledgers = await Promise.all(converted.map((path) => parseFile(join(work, path))));
    expect([...sources].sort()).toEqual([...new Set(ledgers.map(sourceName))].sort());
  });
});

describe("ledger batch: the output folder is a boundary", () => {
  it("never writes through a link planted in the output folder", () => {
    const out = join(work, "trap");
    const target = join(work, "outside", "target.json");
    writeFileSync(target, "untouched");
    mkdirSync(out);
    symlinkSync(join(work, "outside"), join(out, "nested"));
    symlinkSync(target, join(out, "lianhuashan-2019-plan.json"));
    const outsideBefore = filesUnder(join(work, "outside"));

    const run = ledger(["batch", "in", "-o", "trap", "--summary", "trap.ndjson"]);
    expect(run.status).toBe(1);
    expect(filesUnder(join(work, "outside"))).toEqual(outsideBefore);
    expect(readFileSync(target, "utf8")).toBe("untouched");
    // The link at the output's name is replaced by the file, not followed.
    expect(lstatSync(join(out, "lianhuashan-2019-plan.json")).isFile()).toBe(true);
    const nested = readSummary(join(work, "trap.ndjson")).filter((line) => line.path.startsWith("in/nested/"));
    expect(nested.map((line) => [line.status, line.code])).toEqual([
      ["failed", "cannot-write"],
      ["failed", "cannot-write"],
    ]);
    expect(run.stderr).toMatch(/^ledger: in\/nested\/deeper\/shanxi-2019-plan\.docx: cannot write its output: nested in the output folder is a symbolic link$/m);
  });

  it("reports a FIFO named like a notice, and a link to one, instead of blocking on them", () => {
    const pipes = join(work, "pipes");
    mkdirSync(pipes);
    if (spawnSync("mkfifo", [join(pipes, "stuck.txt")]).status !== 0) return;
    symlinkSync(join(pipes, "stuck.txt"), join(pipes, "link.txt"));
    copyFileSync(join(FIXTURES, "shanxi-2019-plan.txt"), join(pipes, "shanxi-2019-plan.txt"));
    const run = ledger(["batch", "pipes", "-o", "pipes-out", "--summary", "-", "--timeout", "20"]);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split("\n").map((line) => JSON.parse(line) as SummaryLine).map((line) => [line.path, line.code ?? line.status])).toEqual([
      ["pipes/link.txt", "not-a-file"],
      ["pipes/shanxi-2019-plan.txt", "ok"],
      ["pipes/stuck.txt", "not-a-file"],
    ]);
  });

  it("refuses an output folder that holds the inputs", () => {
    const run = ledger(["batch", "in/nested", "-o", "in"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("must not contain the inputs");
  });

  it("does not read its own outputs back when the output folder is inside the input folder", () => {
    const run = ledger(["batch", "in", "-o", "in/ledgers", "-f", "docx", "--summary", "inside.ndjson"]);
    expect(run.status).toBe(1);
    expect(readSummary(join(work, "inside.ndjson")).map((line) => line.path)).toEqual(EXPECTED_PATHS);
    rmSync(join(work, "in", "ledgers"), { recursive: true });
  });
});

describe("ledger batch: options", () => {
  it("takes quoted patterns and mirrors below their literal folder", () => {
    const run = ledger(["batch", "in/**/*.docx", "-o", "glob-out", "--summary", "-"]);
    expect(run.stdout.trim().split("\n").map((line) => (JSON.parse(line) as SummaryLine).path)).toEqual([
      "in/chaoyang-2021-ledger.docx",
      "in/corrupt.docx",
      // "**" would walk into the linked folder: it is reported, not followed.
      "in/linkdir",
      "in/nested/deeper/shanxi-2019-plan.docx",
      "in/qianjin-2017-plan.docx",
    ]);
    expect(filesUnder(join(work, "glob-out"))).toContain("nested/deeper/shanxi-2019-plan.json");
  });

  it("exits 3 with --strict when a notice has warnings and none failed, 0 without", () => {
    expect(ledger(["batch", "in/lianhuashan-2019-plan.txt", "-o", "strict-out", "--strict"]).status).toBe(3);
    expect(ledger(["batch", "in/lianhuashan-2019-plan.txt", "-o", "strict-out"]).status).toBe(0);
  });

  it("writes GitHub annotations with -f github", () => {
    const run = ledger(["batch", "in", "-o", "gh-out", "-f", "github"]);
    expect(run.stdout).toMatch(/^::error file=in\/empty\.txt::\S/m);
    expect(run.stdout).toMatch(/^::warning file=in\/lianhuashan-2019-plan\.txt,line=\d+,title=[a-z-]+::\S/m);
  });

  it("reports a usage error (exit 2) without an output folder or with two output formats", () => {
    expect(ledger(["batch", "in"]).status).toBe(2);
    expect(ledger(["batch", "in", "-o", "x", "-f", "json,yaml"]).status).toBe(2);
    expect(existsSync(join(work, "x"))).toBe(false);
  });
});

describe("ledger batch --timeout", () => {
  it("stops a file that runs past the limit, reports it, and converts the rest", () => {
    // A stand-in LibreOffice that never finishes: the .rtf waits on it whatever the machine's speed.
    const slow = join(work, "slow");
    mkdirSync(slow);
    const soffice = join(work, "soffice-that-hangs");
    writeFileSync(soffice, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
    writeFileSync(join(slow, "aaa-hangs.rtf"), "{\\rtf1\\ansi 一、总体要求\\par}");
    for (const name of ["qianjin-2017-plan.txt", "shanxi-2019-plan.txt"]) copyFileSync(join(FIXTURES, name), join(slow, name));

    // One worker: the file queued behind the stopped one must go to its replacement.
    const run = ledger(["batch", "slow", "-o", "slow-out", "-j", "1", "--timeout", "1", "--summary", "slow.ndjson"], work, { LEDGER_SOFFICE: soffice });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ledger: slow\/aaa-hangs\.rtf: took longer than 1 s; stopped$/m);
    expect(readSummary(join(work, "slow.ndjson")).map((line) => [line.path, line.status])).toEqual([
      ["slow/aaa-hangs.rtf", "timeout"],
      ["slow/qianjin-2017-plan.txt", "ok"],
      ["slow/shanxi-2019-plan.txt", "ok"],
    ]);
    expect(filesUnder(join(work, "slow-out"))).toEqual(["qianjin-2017-plan.json", "shanxi-2019-plan.json"]);
  });
});

describe("ledger batch on a notice of white space only", () => {
  it("reports it as empty, as parse does", () => {
    const blank = join(work, "blank-in");
    mkdirSync(blank);
    writeFileSync(join(blank, "blank.txt"), " \n\t\u3000\n");
    const run = ledger(["batch", "blank-in", "-o", "blank-out", "--summary", "blank.ndjson"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ledger: blank-in\/blank\.txt: is empty \(only white space\)$/m);
    expect(readSummary(join(work, "blank.ndjson"))).toMatchObject([{ path: "blank-in/blank.txt", status: "failed", code: "empty-input" }]);
  });
});
