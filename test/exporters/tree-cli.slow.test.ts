import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/built.js";

/**
 * The views through the built CLI: `ledger tree` under a real pseudo-terminal (script(1)) and piped,
 * `ledger parse` to each view by -f and by -o's extension, `ledger batch -f csv|ndjson`.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ledger.js");
const QIANJIN = "fixtures/qianjin-2017-plan.txt";
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;]*m/g;
const hasScript = spawnSync("script", ["--version"]).status === 0;

function ledger(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, maxBuffer: 64 << 20 });
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

/** The command in a pseudo-terminal of the given width, as someone typing it would run it. */
function inTerminal(args: string[], columns: number, env: Record<string, string> = {}): string {
  const command = `stty cols ${columns} rows 50; exec ${[process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ")}`;
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "xterm-256color", ...env } });
  expect(result.status).toBe(0);
  return result.stdout.toString("utf8").replace(/\r\n/g, "\n");
}

let work: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-views-"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("ledger tree", () => {
  it.skipIf(!hasScript)("on a terminal: coloured, every line cut to the terminal's width", () => {
    const out = inTerminal(["tree", QIANJIN], 70);
    expect(out).toMatch(ESCAPES);
    const lines = out.replace(ESCAPES, "").trimEnd().split("\n");
    expect(lines[0]).toBe("关于全面推进政务公开工作的实施方案");
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(70);
    expect(lines.some((line) => line.endsWith("…"))).toBe(true);
    expect(inTerminal(["tree", QIANJIN], 70, { NO_COLOR: "1" })).not.toMatch(ESCAPES);
  });

  it("through a pipe: plain and whole, the same as parse -f tree", () => {
    const run = ledger(["tree", QIANJIN]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(ESCAPES);
    expect(run.stdout).not.toContain("…");
    expect(run.stdout).toContain("├─ 1.实行重大决策预公开制度\n");
    expect(ledger(["parse", QIANJIN, "-f", "tree", "-q"]).stdout).toBe(run.stdout);
    expect(ledger(["tree", QIANJIN, "--width", "50"]).stdout.trimEnd().split("\n").every((l) => stringWidth(l) <= 50)).toBe(true);
    expect(ledger(["tree", QIANJIN, "--width", "50"], { FORCE_COLOR: "1" }).stdout).toMatch(ESCAPES);
  });

  it("--strict, bad --width, a missing file: exit codes and one line on stderr", () => {
    expect(ledger(["tree", "fixtures/lianhuashan-2019-plan.txt", "--strict"]).status).toBe(3);
    const bad = ledger(["tree", QIANJIN, "--width", "abc"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    const missing = ledger(["tree", "no-such.txt"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("ledger parse to the views", () => {
  it("takes the format from -o's extension: .html .htm .csv .ndjson .jsonl .ics", () => {
    for (const [name, check] of [
      ["review.html", (t: string) => expect(t).toMatch(/^<!doctype html><html lang="zh-CN">/)],
      ["review.htm", (t: string) => expect(t).toContain('class="pane source"')],
      ["rows.csv", (t: string) => expect(parseCsv(t, { bom: true, columns: true })).toHaveLength(41)],
      ["rows.ndjson", (t: string) => expect(t.trimEnd().split("\n").map((l) => JSON.parse(l).id)).toHaveLength(41)],
      ["rows.jsonl", (t: string) => expect(JSON.parse(t.split("\n")[0]).ancestors[0].title).toBe("推进政务运行全过程公开")],
      ["deadlines.ics", (t: string) => expect(new ICAL.Component(ICAL.parse(t)).name).toBe("vcalendar")],
    ] as const) {
      const out = join(work, name);
      const run = ledger(["parse", QIANJIN, "-o", out, "-q"]);
      expect(run.status, run.stderr).toBe(0);
      check(readFileSync(out, "utf8"));
    }
  });

  it("writes the text views to stdout with -f", () => {
    expect(ledger(["parse", QIANJIN, "-f", "csv", "-q"]).stdout.startsWith("\uFEFFfile,id,label,")).toBe(true);
    expect(ledger(["parse", QIANJIN, "-f", "ics", "-q"]).stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ledger(["parse", QIANJIN, "-f", "html", "-q"]).stdout).toContain("<script>");
    expect(ledger(["parse", QIANJIN, "-f", "csv", "-o", join(work, "x.ics")]).status).toBe(2);
  });
});

describe("ledger batch to flat rows", () => {
  it.each(["csv", "ndjson"])("-f %s: one file per notice", (format) => {
    const out = join(work, `batch-${format}`);
    const run = ledger(["batch", "fixtures/encodings", "-o", out, "-f", format]);
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual([`lianhuashan-2019-plan.gb18030.${format}`, `lianhuashan-2019-plan.utf16le.${format}`]);
    const text = readFileSync(join(out, files[0]), "utf8");
    const rows: { id: string }[] = format === "csv" ? parseCsv(text, { bom: true, columns: true }) : text.trimEnd().split("\n").map((l) => JSON.parse(l));
    const ids = rows.map((r) => r.id);
    expect(ids.length).toBe(18);
    expect(text).toContain("政务公开办");
  });
});
