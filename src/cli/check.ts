import type { Command } from "commander";
import { parseBuffer } from "../ledger.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { UnitAliases } from "../parse/units.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { InputFileError, readSource, readUnits, withFile } from "./input.js";
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

const REPORT_FORMATS = ["text", "github"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface CheckOptions extends Verbosity {
  format?: string;
  strict?: boolean;
  units?: string;
}

export function registerCheck(program: Command, context: CliContext): void {
  const m = context.messages;
  program
    .command("check")
    .description(m.check.description)
    .argument("<files...>", m.check.files)
    .option("-f, --format <format>", m.check.format)
    .option("--units <file>", m.parse.units)
    .option("-q, --quiet", m.parse.quiet)
    .option("--strict", m.check.strict)
    .option("--verbose", m.parse.verbose)
    .addHelpText("after", context.messages.help.footer)
    .action(async (files: string[], options: CheckOptions) => {
      process.exitCode = await runCheck(files, options, context);
    });
}

/**
 * Lints every file, printing each one's diagnostics as it goes. An unreadable file is reported in
 * one line and skipped; the exit code then says 1 once every file has had its turn.
 */
async function runCheck(files: string[], options: CheckOptions, context: CliContext): Promise<number> {
  const format = reportFormat(options.format, context);
  const aliases: UnitAliases | null = options.units === undefined ? null : await readUnits(options.units);
  const all: Diagnostic[] = [];
  let unreadable = false;

  for (const file of files) {
    const name = file === "-" ? context.messages.stdinName : file;
    let diagnostics: Diagnostic[];
    try {
      const { bytes, path } = await readSource(file);
      diagnostics = (await withFile(file, () => parseBuffer(bytes, { path, aliases }))).diagnostics;
    } catch (err) {
      if (!(err instanceof InputFileError)) throw err;
      unreadable = true;
      const message = context.messages.errors.input(err.inputError.code, err.inputError.message);
      if (format === "github") await writeStdout(githubFileError(name, message));
      else process.stderr.write(`ledger: ${name}: ${message}\n`);
      continue;
    }
    all.push(...diagnostics);
    const shown = visibleDiagnostics(diagnostics, options);
    if (shown.length === 0) continue;
    if (format === "github") await writeStdout(formatGithubAnnotations(name, shown));
    else process.stderr.write(formatDiagnostics(name, shown, context.messages, context.color));
  }

  if (format === "text") printSummary(visibleDiagnostics(all, options), options, context);
  if (unreadable) return EXIT.input;
  return options.strict && hasProblems(all) ? EXIT.strict : EXIT.ok;
}

/** "2 warnings" under the report, or "no problems" (not with --quiet, where silence is the answer). */
function printSummary(shown: Diagnostic[], options: CheckOptions, context: CliContext): void {
  const { color, messages } = context;
  if (shown.length === 0) {
    if (!options.quiet) process.stderr.write(`${color.green("✓")} ${messages.noProblems}\n`);
    return;
  }
  const counts = countBySeverity(shown);
  const mark = counts.error > 0 ? color.red("✖") : counts.warning > 0 ? color.yellow("⚠") : color.blue("ℹ");
  process.stderr.write(`${mark} ${messages.summary(counts)}\n`);
}

function reportFormat(value: string | undefined, context: CliContext): ReportFormat {
  if (value === undefined) return "text";
  const format = REPORT_FORMATS.find((f) => f === value.toLowerCase());
  if (!format) throw new UsageError(context.messages.errors.unknownFormat(value, REPORT_FORMATS));
  return format;
}
