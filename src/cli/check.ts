import type { Command } from "commander";
import { printable } from "../errors.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { GuardedParser, timeLimitMs } from "./guarded.js";
import { InputFileError, readStdin } from "./input.js";
import { addReaderOptions, readerOptions, type ReaderFlags } from "./reader-options.js";
import { writeStdout } from "./output.js";
import {
  countBySeverity,
  formatDiagnostics,
  formatGithubAnnotations,
  githubFileError,
  hasProblems,
  visibleDiagnostics,
  type Verbosity,
} from "./report.js";
import { addVerbosityOptions } from "./verbosity.js";

const REPORT_FORMATS = ["text", "github"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface CheckOptions extends Verbosity, ReaderFlags {
  format?: string;
  strict?: boolean;
  units?: string;
  timeout?: string;
}

export function registerCheck(program: Command, context: CliContext): void {
  const m = context.messages;
  const command = program
    .command("check")
    .description(m.check.description)
    .argument("<inputs...>", m.check.files)
    .option("-f, --format <format>", m.check.format)
    .option("--units <file>", m.parse.units);
  addReaderOptions(command, m);
  addVerbosityOptions(command, m, m.check.strict)
    .option("--timeout <seconds>", m.parse.timeout)
    .addHelpText("after", m.help.footers.check)
    .action(async (inputs: string[], options: CheckOptions) => {
      process.exitCode = await runCheck(inputs, options, context);
    });
}

/**
 * Lints every notice (folders walked as `ledger batch` walks them), printing each one's diagnostics
 * as it goes. An unreadable file is reported in one line and skipped; the exit code then says 1
 * once every file has had its turn. The last line counts files, unreadable ones and warnings.
 */
async function runCheck(inputs: string[], options: CheckOptions, context: CliContext): Promise<number> {
  const format = reportFormat(options.format, context);
  const guard = new GuardedParser(timeLimitMs(options.timeout, context), readerOptions(options, context));
  try {
    if (options.units !== undefined) await guard.units(options.units);
    return await checkInputs(inputs, guard, format, options, context);
  } finally {
    await guard.close();
  }
}

async function checkInputs(inputs: string[], guard: GuardedParser, format: ReportFormat, options: CheckOptions, context: CliContext): Promise<number> {
  const all: Diagnostic[] = [];
  let files = 0;
  let unreadable = 0;
  const unreadableFile = async (name: string, message: string): Promise<void> => {
    unreadable++;
    if (format === "github") await writeStdout(githubFileError(name, message));
    else process.stderr.write(`ledger: ${name}: ${message}\n`);
  };

  for await (const item of noticesOf(inputs)) {
    files++;
    // A name with a line break or an escape sequence is shown escaped, on one line.
    const name = item.path === "-" ? context.messages.stdinName : printable(item.path, 1000);
    if (item.kind === "rejected") {
      await unreadableFile(name, context.messages.errors.input(item.code, item.message));
      continue;
    }
    let diagnostics: Diagnostic[];
    try {
      const path = item.path === "-" ? null : item.path;
      diagnostics = (await guard.parse(item.path, path === null ? await readStdin() : null, path, null)).diagnostics;
    } catch (err) {
      if (!(err instanceof InputFileError)) throw err;
      await unreadableFile(name, context.messages.errors.input(err.inputError.code, err.inputError.message));
      continue;
    }
    all.push(...diagnostics);
    const shown = visibleDiagnostics(diagnostics, options);
    if (shown.length === 0) continue;
    if (format === "github") await writeStdout(formatGithubAnnotations(name, shown));
    else process.stderr.write(formatDiagnostics(name, shown, context.messages, context.color));
  }

  if (!options.quiet) {
    const counts = countBySeverity(visibleDiagnostics(all, { verbose: options.verbose }));
    process.stderr.write(`ledger: ${context.messages.checked(files, unreadable, counts)}\n`);
  }
  if (unreadable > 0) return EXIT.input;
  return options.strict && hasProblems(all) ? EXIT.strict : EXIT.ok;
}

type Notice = { kind: "file"; path: string } | { kind: "rejected"; path: string; code: string; message: string };

/**
 * The notices the arguments name, in order: "-" is standard input; files, folders and quoted
 * patterns are resolved and walked by the batch's discovery (same extensions, hidden files and
 * symbolic links leading outside the inputs skipped).
 */
async function* noticesOf(inputs: readonly string[]): AsyncGenerator<Notice> {
  for (let i = 0; i < inputs.length; ) {
    if (inputs[i] === "-") {
      yield { kind: "file", path: "-" };
      i++;
      continue;
    }
    // A run of paths between "-" arguments is one plan, so that links between its folders are allowed.
    let end = i;
    while (end < inputs.length && inputs[end] !== "-") end++;
    const { inputItems, planInputs } = await import("../batch/discover.js");
    for await (const item of inputItems(await planInputs(inputs.slice(i, end), null), null)) {
      if (item.kind === "file") yield { kind: "file", path: item.path };
      else if (item.kind === "rejected") yield { kind: "rejected", path: item.path, code: item.code, message: item.message };
      // Anything else batch skips too (a 台账 ledger wrote): no notice to check.
    }
    i = end;
  }
}

function reportFormat(value: string | undefined, context: CliContext): ReportFormat {
  if (value === undefined) return "text";
  const format = REPORT_FORMATS.find((f) => f === value.toLowerCase());
  if (!format) throw new UsageError(context.messages.errors.unknownFormat(value, REPORT_FORMATS));
  return format;
}
