import { spawnSync } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressLog } from "../../src/batch/progress.js";
import { MESSAGES } from "../../src/cli/messages.js";
import { writeError } from "../../src/cli/write-errors.js";

/**
 * What a new user runs into on the command line (issue 15): one message style, a help footer per
 * command, the same -q/--verbose/--strict everywhere, check walking folders, the success line,
 * output formats and folders, binary data through a pipe, write failures as exit 1.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const CHAOYANG = join(ROOT, "fixtures", "chaoyang-2021-ledger.txt");
/** Has numbering warnings. */
const LIANHUASHAN = join(ROOT, "fixtures", "lianhuashan-2019-plan.txt");

let work: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

function ledger(args: string[], options: { env?: Record<string, string>; input?: string; stdout?: "pipe" | number } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
    input: options.input,
    stdio: ["pipe", options.stdout ?? "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const bytes = result.stdout ?? Buffer.alloc(0);
  return { status: result.status, stdout: bytes.toString("utf8"), stderr: result.stderr.toString("utf8"), bytes };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  work = mkdtempSync(join(tmpdir(), "ledger-usage-"));
  mkdirSync(join(work, "notices", "2021"), { recursive: true });
  cpSync(LIANHUASHAN, join(work, "notices", "lianhuashan.txt"));
  cpSync(CHAOYANG, join(work, "notices", "2021", "chaoyang.txt"));
  writeFileSync(join(work, "notices", ".hidden.txt"), "not a notice");
  writeFileSync(join(work, "notices", "broken.docx"), "not a zip");
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("one style for every message", () => {
  it("prefixes commander's own errors with ledger:, like every other message", () => {
    const run = ledger(["parse"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("ledger: missing required argument 'file'\n(run with --help for usage)\n");
    expect(ledger(["check", "--bogus"]).stderr).toMatch(/^ledger: unknown option '--bogus'\n/);
    expect(ledger(["parse"], { env: { LANG: "zh_CN.UTF-8" } }).stderr).toMatch(/^ledger: 缺少必需的参数“file”\n/);
  });

  it("hints at batch --combine when parse is given several notices", () => {
    const run = ledger(["parse", CHAOYANG, LIANHUASHAN, "-o", "all.xlsx"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ledger: parse reads one notice, not 2; .*ledger batch FILE… --combine all\.xlsx\n/);
    expect(existsSync(join(work, "all.xlsx"))).toBe(false);
  });
});

describe("help", () => {
  it("gives each command its own footer", () => {
    const parse = ledger(["parse", "--help"]).stdout;
    const check = ledger(["check", "--help"]).stdout;
    expect(parse).toMatch(/written atomically/);
    expect(parse).toMatch(/--combine/);
    expect(check).toMatch(/files checked, M unreadable, K warnings/);
    expect(check).not.toMatch(/written atomically/);
    expect(ledger(["--help"]).stdout).toMatch(/ledger help COMMAND/);
  });

  it.each(["parse", "check", "batch"])("%s takes -q, --verbose and --strict", (command) => {
    const help = ledger([command, "--help"]).stdout;
    for (const option of ["-q, --quiet", "--verbose", "--strict"]) expect(help).toContain(option);
  });
});

describe("-q and --verbose", () => {
  it.each([
    ["parse", CHAOYANG],
    ["check", CHAOYANG],
    ["batch", "notices", "-o", "out-qv"],
  ])("%s refuses both at once (exit 2, nothing done)", (...args) => {
    const run = ledger([...args, "-q", "--verbose"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ledger: option '-q, --quiet' cannot be used with option '--verbose'\n/);
    expect(existsSync(join(work, "out-qv"))).toBe(false);
  });
});

describe("ledger check", () => {
  it("walks folders as batch does and ends with files checked, unreadable, warnings", () => {
    const run = ledger(["check", "notices"]);
    expect(run.status).toBe(1);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("notices/lianhuashan.txt:")).length).toBeGreaterThan(0);
    expect(lines.filter((line) => /^ledger: notices\/broken\.docx: .+/.test(line))).toHaveLength(1);
    expect(run.stderr).not.toContain(".hidden.txt");
    const warnings = lines.filter((line) => /^notices\/\S+:\d+ {2}warning /.test(line)).length;
    expect(lines.at(-1)).toBe(`ledger: 3 files checked, 1 unreadable, ${warnings} warnings`);
  });

  it("with -q prints only what could not be read", () => {
    const run = ledger(["check", "notices", "-q"]);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^ledger: notices\/broken\.docx: /)]);
  });
});

describe("ledger batch", () => {
  it("shows each notice's warnings as check does; -q hides them", () => {
    const run = ledger(["batch", "notices/lianhuashan.txt", "-o", "out-warn"]);
    expect(run.status).toBe(0);
    const check = ledger(["check", "notices/lianhuashan.txt"]);
    const diagnostics = (text: string) => text.split("\n").filter((line) => line.startsWith("notices/"));
    expect(diagnostics(run.stderr).length).toBeGreaterThan(0);
    expect(diagnostics(run.stderr)).toEqual(diagnostics(check.stderr));
    expect(diagnostics(ledger(["batch", "notices/lianhuashan.txt", "-o", "out-warn", "-q"]).stderr)).toEqual([]);
  });

  it("refuses a folder for --combine before converting anything", () => {
    mkdirSync(join(work, "combined.xlsx"), { recursive: true });
    const run = ledger(["batch", "notices/2021", "--combine", "combined.xlsx"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ledger: cannot write combined.xlsx: is a folder; give a file name\n");
  });
});

describe("ledger parse -o", () => {
  it("says what it wrote on standard error, and nothing with -q", () => {
    const run = ledger(["parse", LIANHUASHAN, "-o", "台账.xlsx"]);
    expect(run.status).toBe(0);
    const warnings = run.stderr.split("\n").filter((line) => / {2}warning {2}/.test(line)).length;
    expect(warnings).toBeGreaterThan(0);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^ledger: wrote 台账\\.xlsx \\(\\d+ tasks, ${warnings} warnings\\)$`));
    expect(ledger(["parse", LIANHUASHAN, "-o", "台账.xlsx", "-q"]).stderr).toBe("");
    expect(ledger(["parse", CHAOYANG, "-o", "zh.json"], { env: { LANG: "zh_CN.UTF-8" } }).stderr).toMatch(/^ledger: 已写入 zh\.json（\d+ 项任务，0 个警告）\n$/);
  });

  it.each(["out", "out.txt", "ledger.data"])("writes JSON to %s, whose extension names no format", (name) => {
    const run = ledger(["parse", CHAOYANG, "-o", name, "-q"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(work, name), "utf8")).schemaVersion).toBe(1);
  });

  it("takes the format from an extension that names one", () => {
    expect(ledger(["parse", CHAOYANG, "-o", "out.yaml", "-q"]).status).toBe(0);
    expect(readFileSync(join(work, "out.yaml"), "utf8")).toMatch(/^schemaVersion: 1\n/);
    expect(ledger(["parse", CHAOYANG, "-o", "out.docx", "-q"]).status).toBe(0);
    expect(readFileSync(join(work, "out.docx")).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("says that an existing folder is a folder, before reading the input", () => {
    mkdirSync(join(work, "ledgers"), { recursive: true });
    const run = ledger(["parse", "absent.txt", "-o", "ledgers"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ledger: cannot write ledgers: is a folder; give a file name\n");
    expect(readdirSync(join(work, "ledgers"))).toEqual([]);
  });
});

describe("binary output", () => {
  it("goes to standard output when it is not a terminal (a pipe or a redirection)", () => {
    const piped = ledger(["parse", CHAOYANG, "-f", "xlsx"]);
    expect(piped.status).toBe(0);
    expect(piped.bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    const file = join(work, "redirected.docx");
    const fd = openSync(file, "w");
    const redirected = ledger(["parse", CHAOYANG, "-f", "docx"], { stdout: fd });
    closeSync(fd);
    expect(redirected.status).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe("write failures", () => {
  it.skipIf(!existsSync("/dev/full"))("a full disk on standard output is exit 1 with one line", () => {
    const fd = openSync("/dev/full", "w");
    const run = ledger(["parse", CHAOYANG], { stdout: fd });
    closeSync(fd);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("ledger: cannot write standard output: no space left on device\n");
  });

  it.each([
    ["ENOSPC", "cannot write out.xlsx: no space left on device"],
    ["EEXIST", "cannot write out.xlsx: already exists"],
    ["EDQUOT", "cannot write out.xlsx: disk quota exceeded"],
    ["EROFS", "cannot write out.xlsx: read-only file system"],
  ])("%s becomes “%s”", (code, message) => {
    const error = Object.assign(new Error(`${code}: something, write 'out.xlsx'`), { code });
    expect(writeError("out.xlsx", error, MESSAGES.en).message).toBe(message);
  });
});

describe("empty input", () => {
  it.each([
    ["an empty file", ""],
    ["spaces and line breaks", "  \n\t\r\n  "],
    ["ideographic spaces", "\u3000\u3000\n"],
    ["a BOM and a line break", "\ufeff\n"],
  ])("%s is exit 1, is empty", (_name, text) => {
    writeFileSync(join(work, "blank.txt"), text);
    const run = ledger(["parse", "blank.txt"]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^ledger: blank\.txt: is empty/);
    expect(ledger(["parse", "-"], { input: text }).stderr).toMatch(/^ledger: <stdin>: is empty/);
  });

  it("GB18030 and UTF-16 blanks too", () => {
    writeFileSync(join(work, "blank-gb.txt"), Buffer.from([0xa1, 0xa1, 0x0d, 0x0a]));
    writeFileSync(join(work, "blank-16.txt"), Buffer.from([0xff, 0xfe, 0x20, 0x00, 0x00, 0x30, 0x0a, 0x00]));
    expect(ledger(["parse", "blank-gb.txt"]).status).toBe(1);
    expect(ledger(["parse", "blank-16.txt"]).stderr).toMatch(/is empty/);
  });
});

describe("batch progress in a log", () => {
  class Sink {
    text = "";
    write(chunk: string): boolean {
      this.text += chunk;
      return true;
    }
  }

  it("prints a line every 10 s, with an ETA measured after the first files", () => {
    const sink = new Sink();
    const log = new ProgressLog(sink as unknown as NodeJS.WritableStream, 100, 10_000, 0);
    // The first file takes 8 s (worker start-up), then one file every 100 ms.
    log.tick(8_000);
    for (let t = 8_100; t <= 19_000; t += 100) log.tick(t);
    const lines = sink.text.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    // At 10 s: 21 files, 20 of them at 10 files/s after the first; 79 left → 7.9 s.
    expect(lines[0]).toBe("ledger: 21/100 files, 10 files/s, ETA 0:08");
  });

  it("shows no ETA while the first files warm up", () => {
    const sink = new Sink();
    const log = new ProgressLog(sink as unknown as NodeJS.WritableStream, 50, 0, 0);
    log.tick(5_000);
    log.tick(5_100);
    expect(sink.text).toBe("ledger: 1/50 files, … files/s, ETA -:--\nledger: 2/50 files, … files/s, ETA -:--\n");
  });
});
