import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { parse as parseYaml } from "yaml";
import { Ledger } from "../../src/model/ledger.js";
import type { CliRun } from "./harness.js";

/**
 * The CLI's contract for any input, as the fuzz target (`npm run fuzz`) and the kept crashers
 * (crashers.test.ts) check it on `ledger parse INPUT -o OUT`: a documented exit code (0, 1, 3;
 * never 70, never a signal), one line on standard error for a failure, no control character on
 * standard error, a complete and valid output or none (an output that was there stays as it
 * was), no temp file left behind. Returns the problems found, empty when the run kept it.
 */

export type OutputFormat = "json" | "yaml" | "xlsx" | "docx";

/**
 * How a case names its input: the file's name without its extension, and how the command line names it —
 * the file itself, a path under it (not a folder: ENOTDIR), or a name longer than a file system allows
 * (ENAMETOOLONG; no file behind it). Both must still give a documented exit and one line.
 */
export interface InputName {
  stem: string;
  arg: "file" | "under-file" | "too-long";
}

export const PLAIN_INPUT_NAME: InputName = { stem: "input", arg: "file" };

/** Writes the input into `dir` under its name; returns the path the command line gets. */
export function placeInput(dir: string, name: InputName, ext: string, bytes: Uint8Array): string {
  const file = join(dir, `${name.stem}${ext}`);
  writeFileSync(file, bytes);
  if (name.arg === "under-file") return join(file, `notice${ext}`);
  if (name.arg === "too-long") return join(dir, `${"长".repeat(100)}${ext}`);
  return file;
}

export interface ContractRun {
  run: CliRun;
  /** The folder the run wrote in: the output and nothing else (no temp file) may be there. */
  dir: string;
  /** Names in `dir` before the run (the input, an older output). */
  before: readonly string[];
  output: string;
  format: OutputFormat;
  /** The older output's bytes, when there was one: a failed run must leave it as it was. */
  previous: Buffer | null;
}

// Line feeds separate lines; anything else below U+0020, DEL, C1 and bidi overrides must be escaped.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** What PyYAML and other YAML 1.1 readers refuse unescaped. */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
/** Characters XML 1.0 does not allow (Excel and Word refuse the file). Lone surrogates are checked by decoding. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function contractProblems({ run, dir, before, output, format, previous }: ContractRun): string[] {
  const problems: string[] = [];
  if (run.timedOut) return [`hang: no exit within ${run.ms} ms`];
  if (run.signal !== null) problems.push(`signal ${run.signal}`);
  else if (![0, 1, 3].includes(run.status ?? -1)) problems.push(`exit ${run.status}`);
  if (RAW_CONTROL.test(run.stderr)) problems.push("a raw control character on stderr");
  if (/\n\s+at |internal error|内部错误/.test(run.stderr)) problems.push(`internal error or stack trace: ${firstLine(run.stderr)}`);
  const lines = run.stderr.split("\n").filter(Boolean);
  if (run.status === 1 && lines.length !== 1) problems.push(`exit 1 with ${lines.length} lines on stderr`);
  if (run.status === 1 && lines.length > 0 && !lines[0].startsWith("ledger: ")) problems.push(`not a ledger: line: ${firstLine(lines[0])}`);

  const written = existsSync(output) ? readFileSync(output) : null;
  if (run.status === 0 || run.status === 3) {
    if (written === null) problems.push("exit 0 without an output");
    else problems.push(...outputProblems(written, format));
  } else if (previous !== null ? written === null || !written.equals(previous) : written !== null) {
    problems.push(previous !== null ? "a failed run changed the existing output" : "a failed run left an output");
  }
  const left = readdirSync(dir).filter((name) => !before.includes(name) && join(dir, name) !== output);
  if (left.length > 0) problems.push(`left behind: ${left.join(", ")}`);
  return problems;
}

/** Why an output is not a valid file of its format, checked with a reader other than the writer. */
export function outputProblems(bytes: Buffer, format: OutputFormat): string[] {
  try {
    if (format === "json") {
      const parsed = Ledger.safeParse(JSON.parse(bytes.toString("utf8")));
      return parsed.success ? [] : [`JSON not a valid ledger: ${firstLine(parsed.error.message)}`];
    }
    if (format === "yaml") {
      const text = bytes.toString("utf8");
      if (YAML_UNSAFE.test(text)) return ["YAML with a character YAML 1.1 readers refuse"];
      parseYaml(text, { version: "1.1" });
      return [];
    }
    const parts = unzipSync(bytes);
    const problems: string[] = [];
    for (const [name, data] of Object.entries(parts)) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const problem = xmlProblem(data);
      if (problem) problems.push(`${format} part ${name}: ${problem}`);
    }
    return problems;
  } catch (error) {
    return [`${format} output unreadable: ${firstLine(String((error as Error).message ?? error))}`];
  }
}

function xmlProblem(data: Uint8Array): string | null {
  const text = strFromU8(data);
  if (XML_INVALID.test(text)) return "a character XML does not allow";
  // Throws on bytes that are not UTF-8 (reported as unreadable by the caller).
  new TextDecoder("utf-8", { fatal: true }).decode(data);
  let problem: string | null = null;
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    problem ??= `not well-formed: ${firstLine(error.message)}`;
  });
  parser.write(text).close();
  return problem;
}

function firstLine(text: string): string {
  return text.split("\n")[0].slice(0, 200);
}
