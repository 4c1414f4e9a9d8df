import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger } from "../../src/model/ledger.js";
import { assertBuilt } from "../helpers/built.js";

/**
 * The built CLI (bin/ledger.js → dist/), run as a process: exit codes, what goes to stdout and
 * what to stderr, atomic output files, locale and colours. `npm test` builds first.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const CHAOYANG = "fixtures/chaoyang-2021-ledger.txt";
/** Has numbering warnings. */
const LIANHUASHAN = "fixtures/lianhuashan-2019-plan.txt";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

/** A clean environment: no locale, colour or CI variables from the test runner leak in. */
function ledger(args: string[], env: Record<string, string> = {}, input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8"), bytes: result.stdout };
}

let work: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-cli-"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function noStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe("ledger parse", () => {
  it("prints the JSON ledger on stdout and nothing else", () => {
    const run = ledger(["parse", CHAOYANG]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    const json: unknown = JSON.parse(run.stdout);
    expect(Ledger.parse(json)).toEqual(json);
  });

  it("prints YAML with -f yaml", () => {
    const run = ledger(["parse", CHAOYANG, "-f", "yaml"]);
    expect(run.status).toBe(0);
    expect(parseYaml(run.stdout)).toEqual(JSON.parse(ledger(["parse", CHAOYANG]).stdout));
  });

  it("reads standard input for -", () => {
    const run = ledger(["parse", "-"], {}, readFileSync(join(ROOT, CHAOYANG)));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).source.path).toBeNull();
  });

  it("prints diagnostics on stderr like a compiler: warnings always, infos with --verbose", () => {
    const run = ledger(["parse", LIANHUASHAN]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).document.title).toBeTruthy();
    expect(run.stderr).toMatch(/^fixtures\/lianhuashan-2019-plan\.txt:\d+ {2}warning {2}.+ {2}numbering-style-mixed$/m);
    expect(run.stderr).not.toMatch(/ info /);
    const verbose = ledger(["parse", CHAOYANG, "--verbose"]);
    expect(verbose.stderr).toMatch(/^fixtures\/chaoyang-2021-ledger\.txt:\d+ {2}info {2}.+ {2}no-deadline$/m);
    expect(() => JSON.parse(verbose.stdout)).not.toThrow();
  });

  it("--quiet hides warnings", () => {
    const run = ledger(["parse", LIANHUASHAN, "--quiet"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("--strict exits 3 when there are warnings, and still writes the ledger", () => {
    const run = ledger(["parse", LIANHUASHAN, "--strict"]);
    expect(run.status).toBe(3);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(ledger(["parse", CHAOYANG, "--strict"]).status).toBe(0);
  });

  it("writes xlsx and docx to -o, nothing to stdout", async () => {
    const xlsx = join(work, "chaoyang.xlsx");
    const run = ledger(["parse", CHAOYANG, "-o", xlsx]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name).slice(0, 3)).toEqual(["台账", "按单位", "诊断"]);

    const docx = join(work, "chaoyang.docx");
    expect(ledger(["parse", CHAOYANG, "-o", docx]).status).toBe(0);
    expect(strFromU8(unzipSync(readFileSync(docx))["word/document.xml"])).toContain("朝阳区2021年政务公开重点工作任务台账");
  });

  it("takes the format from -f over the default, and from -o's extension", () => {
    const yaml = join(work, "out.yml");
    expect(ledger(["parse", CHAOYANG, "-o", yaml]).status).toBe(0);
    expect(readFileSync(yaml, "utf8")).toMatch(/^schemaVersion: 1\n/);
    const json = join(work, "out.json");
    expect(ledger(["parse", CHAOYANG, "-f", "json", "-o", json]).status).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8")).schemaVersion).toBe(1);
  });

  it("writes binary formats to stdout with -o -", async () => {
    const run = ledger(["parse", CHAOYANG, "-f", "xlsx", "-o", "-"]);
    expect(run.status).toBe(0);
    expect(run.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(run.bytes as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet("台账")!.getCell("A1").text).toBe("朝阳区2021年政务公开重点工作任务台账");
  });

  it.each([
    [["-f", "pdf"], /unknown format 'pdf'/],
    [["-f", "json", "-o", "out.xlsx"], /-f json does not match the extension of 'out\.xlsx'/],
    [["--no-such-option"], /unknown option '--no-such-option'/],
  ])("exits 2 on the usage error %j, before reading the input", (args, message) => {
    // The input does not exist: a usage error must be reported first, and no file written.
    const run = ledger(["parse", "fixtures/absent.txt", ...args], {});
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(ROOT, "out.txt"))).toBe(false);
    expect(existsSync(join(ROOT, "out.xlsx"))).toBe(false);
  });

  it("exits 2 without a file argument", () => {
    const run = ledger(["parse"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ledger: missing required argument 'file'\n/);
  });

  it("exits 1 with one line, no stack trace, for an unreadable or unsupported input", () => {
    const missing = ledger(["parse", "fixtures/absent.txt"]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toBe("ledger: fixtures/absent.txt: no such file\n");

    const binary = join(work, "image.png");
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0xff]));
    const unsupported = ledger(["parse", binary]);
    expect(unsupported.status).toBe(1);
    expect(unsupported.stderr.trim().split("\n")).toHaveLength(1);
    noStackTrace(unsupported.stderr);
  });

  it("exits 1 for a missing --units file, and uses the units file's canonical names", () => {
    expect(ledger(["parse", CHAOYANG, "--units", "fixtures/absent.yaml"])).toMatchObject({
      status: 1,
      stderr: "ledger: fixtures/absent.yaml: no such file\n",
    });
    const run = ledger(["parse", CHAOYANG, "--units", "fixtures/units.example.yaml"]);
    expect(run.status).toBe(0);
    const owners = JSON.parse(run.stdout).tasks[0].children[0].children[1].owners;
    expect(owners).toContainEqual(expect.objectContaining({ name: "区政数局", role: "lead", canonical: "区政务服务数据管理局" }));
  });
});

describe("atomic output", () => {
  it("leaves no output file when the input fails", () => {
    const out = join(work, "never.json");
    expect(ledger(["parse", "fixtures/absent.txt", "-o", out]).status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it("leaves an existing output file untouched when the input fails", () => {
    const dir = mkdtempSync(join(work, "keep-"));
    const out = join(dir, "ledger.xlsx");
    writeFileSync(out, "the previous ledger");
    expect(ledger(["parse", "fixtures/absent.txt", "-o", out]).status).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("the previous ledger");
    expect(readdirSync(dir)).toEqual(["ledger.xlsx"]);
  });

  it("replaces the output whole and leaves no temp file behind", () => {
    const dir = mkdtempSync(join(work, "replace-"));
    const out = join(dir, "ledger.json");
    writeFileSync(out, "old");
    expect(ledger(["parse", CHAOYANG, "-o", out]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).schemaVersion).toBe(1);
    expect(readdirSync(dir)).toEqual(["ledger.json"]);
  });

  it("exits 1 and cleans up its temp file when the output cannot be written", () => {
    const dir = mkdtempSync(join(work, "unwritable-"));
    mkdirSync(join(dir, "ledger.json"));
    const run = ledger(["parse", CHAOYANG, "-o", join(dir, "ledger.json")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ledger: cannot write \S+ledger\.json: is a folder; give a file name\n$/);
    noStackTrace(run.stderr);
    expect(readdirSync(dir)).toEqual(["ledger.json"]);

    const missingDir = ledger(["parse", CHAOYANG, "-o", join(dir, "no", "such", "dir.json")]);
    expect(missingDir.status).toBe(1);
    expect(missingDir.stderr).toMatch(/^ledger: cannot write \S+dir\.json: no such file or directory\n$/);
  });
});

describe("locale", () => {
  it("prints --help in Chinese for a zh_* locale, with the exit codes", () => {
    const run = ledger(["--help"], { LANG: "zh_CN.UTF-8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("用法：");
    expect(run.stdout).toContain("退出码");
    expect(run.stdout).toContain("把通知");
    const parseHelp = ledger(["parse", "--help"], { LANG: "zh_CN.UTF-8" });
    expect(parseHelp.stdout).toContain("选项：");
    expect(parseHelp.stdout).toContain("输出格式");
  });

  it("prints --help in English otherwise, with the exit codes", () => {
    const run = ledger(["--help"], { LANG: "en_US.UTF-8" });
    expect(run.stdout).toContain("Usage: ledger");
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .*\n {2}2 {2}usage error.*\n {2}3 {2}--strict/);
  });

  it("lets LC_ALL win over LC_MESSAGES over LANG", () => {
    expect(ledger(["--help"], { LANG: "zh_CN.UTF-8", LC_ALL: "C" }).stdout).toContain("Usage:");
    expect(ledger(["--help"], { LANG: "en_US.UTF-8", LC_MESSAGES: "zh_TW.UTF-8" }).stdout).toContain("用法：");
    expect(ledger(["--help"], { LC_MESSAGES: "en_US.UTF-8", LC_ALL: "zh_CN.UTF-8" }).stdout).toContain("用法：");
  });

  it("reports errors in Chinese", () => {
    expect(ledger(["parse", "fixtures/absent.txt"], { LANG: "zh_CN.UTF-8" }).stderr).toBe("ledger: fixtures/absent.txt: 无法读取：文件不存在\n");
    const usage = ledger(["parse", CHAOYANG, "--bogus"], { LANG: "zh_CN.UTF-8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^ledger: 未知选项“--bogus”\n/);
    const check = ledger(["check", LIANHUASHAN], { LANG: "zh_CN.UTF-8" });
    expect(check.stderr).toMatch(/ {2}警告 {2}/);
    expect(check.stderr).toMatch(/\nledger: 共检查 1 个文件，0 个无法读取，\d+ 个警告\n$/);
  });
});

describe("colours", () => {
  const ESC = "\u001b[";

  it("uses none when stderr is not a terminal", () => {
    expect(ledger(["check", LIANHUASHAN]).stderr).not.toContain(ESC);
  });

  it("uses them with FORCE_COLOR, which wins over NO_COLOR", () => {
    expect(ledger(["check", LIANHUASHAN], { FORCE_COLOR: "1" }).stderr).toContain(ESC);
    expect(ledger(["check", LIANHUASHAN], { FORCE_COLOR: "1", NO_COLOR: "1" }).stderr).toContain(ESC);
    expect(ledger(["check", LIANHUASHAN], { FORCE_COLOR: "0" }).stderr).not.toContain(ESC);
  });

  it("never colours stdout data", () => {
    const run = ledger(["parse", LIANHUASHAN], { FORCE_COLOR: "1" });
    expect(run.stdout).not.toContain(ESC);
    expect(run.stderr).toContain(ESC);
  });
});

describe("ledger check", () => {
  it("prints every file's diagnostics and a summary, exit 0 without --strict", () => {
    const run = ledger(["check", CHAOYANG, LIANHUASHAN]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1).every((l) => /^fixtures\/lianhuashan-2019-plan\.txt:\d+ {2}warning {2}.+ {2}[a-z-]+$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(`ledger: 2 files checked, 0 unreadable, ${lines.length - 1} warnings`);
  });

  it("exits 3 with --strict when there are warnings, 0 when clean", () => {
    expect(ledger(["check", LIANHUASHAN, "--strict"]).status).toBe(3);
    const clean = ledger(["check", CHAOYANG, "--strict"]);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe("ledger: 1 file checked, 0 unreadable, 0 warnings\n");
  });

  it("reports an unreadable file in one line, checks the others, and exits 1", () => {
    const run = ledger(["check", "fixtures/absent.txt", LIANHUASHAN, "--strict"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ledger: fixtures\/absent\.txt: no such file or directory\n/);
    expect(run.stderr).toMatch(/\nledger: 2 files checked, 1 unreadable, \d+ warnings\n$/);
    expect(run.stderr).toContain("fixtures/lianhuashan-2019-plan.txt:");
    noStackTrace(run.stderr);
  });

  it("prints GitHub Actions annotations on stdout with --format github", () => {
    const run = ledger(["check", LIANHUASHAN, "fixtures/absent.txt", "--format", "github"]);
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^::warning file=fixtures\/lianhuashan-2019-plan\.txt,line=\d+,title=numbering-style-mixed::.+$/);
    expect(lines.at(-1)).toBe("::error file=fixtures/absent.txt::no such file or directory");
    expect(run.stderr).toMatch(/^ledger: 2 files checked, 1 unreadable, \d+ warnings\n$/);
  });

  it("rejects an unknown --format with exit 2", () => {
    expect(ledger(["check", CHAOYANG, "--format", "sarif"]).status).toBe(2);
  });
});

describe("process behaviour", () => {
  it("prints the JSON Schema with `ledger schema`", () => {
    const run = ledger(["schema"]);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, "schemas", "ledger.schema.json"), "utf8")));
  });

  it("ends quietly with exit 0 when stdout is closed early (| head)", async () => {
    const child = spawn(process.execPath, [BIN, "parse", CHAOYANG, "-f", "yaml"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(status).toBe(0);
    expect(stderr).toBe("");
  });

  it("parses a text notice from four bundle files, without zod, exceljs, docx, mammoth, worker_threads, zlib or the parse worker", () => {
    // A resolve hook, preloaded with --import (worker threads inherit it), logs every module loaded.
    const hooks = join(work, "trace-hooks.mjs");
    const trace = join(work, "trace.txt");
    writeFileSync(hooks, `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.LEDGER_TRACE, result.url + "\\n");
  return result;
}`);
    const register = `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
    const run = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, BIN, "parse", CHAOYANG, "-o", join(work, "lazy.json")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", LEDGER_TRACE: trace },
    });
    expect(run.status, run.stderr.toString()).toBe(0);
    const loaded = readFileSync(trace, "utf8");
    // A small plain-text notice is parsed on the main thread (src/cli/in-thread.ts).
    expect(loaded).toContain("/dist/cli-bundle/main.js");
    expect(loaded).not.toContain("/dist/cli-bundle/parse-worker.js");
    // Its two entries and the two chunks the bundler names for this path (scripts/bundle-cli.mjs), nothing else.
    const bundleFiles = [...new Set([...loaded.matchAll(/\/dist\/cli-bundle\/([^/\n]+)\.js/g)].map((m) => m[1].replace(/-[\w-]{8}$/, "-*")))].sort();
    expect(bundleFiles).toEqual(["cli-core-*", "guarded", "main", "parse-core-*"]);
    for (const unneeded of ["node:worker_threads", "node:zlib"]) expect(loaded).not.toContain(unneeded);
    const packages = [...new Set([...loaded.matchAll(/node_modules\/([^/]+)\//g)].map((m) => m[1]))].sort();
    for (const heavy of ["zod", "exceljs", "docx", "mammoth", "yaml", "fflate", "pdfjs-dist"]) expect(packages).not.toContain(heavy);
  });
});
