import type { Command } from "commander";
import { sameFile, writeFileAtomic } from "./atomic-write.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { GuardedParser, timeLimitMs } from "./guarded.js";
import { readStdin } from "./input.js";
import { addReaderOptions, readerOptions, type ReaderFlags } from "./reader-options.js";
import { writeStdout } from "./output.js";
import { countBySeverity, formatDiagnostics, hasProblems, visibleDiagnostics } from "./report.js";
import { addVerbosityOptions } from "./verbosity.js";
import { assertNotFolder, writeError } from "./write-errors.js";

const FORMATS = ["json", "yaml", "xlsx", "docx", "tree", "html", "csv", "ndjson", "ics"] as const;
type OutputFormat = (typeof FORMATS)[number];
const BINARY: ReadonlySet<OutputFormat> = new Set(["xlsx", "docx"]);
const EXTENSIONS: Record<string, OutputFormat> = {
  ".json": "json",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".xlsx": "xlsx",
  ".docx": "docx",
  ".html": "html",
  ".htm": "html",
  ".csv": "csv",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".ics": "ics",
};

interface ParseOptions extends ReaderFlags {
  format?: string;
  output?: string;
  units?: string;
  quiet?: boolean;
  strict?: boolean;
  verbose?: boolean;
  timeout?: string;
}

export function registerParse(program: Command, context: CliContext): void {
  const m = context.messages.parse;
  const command = program
    .command("parse")
    .description(m.description)
    .argument("<file>", m.file)
    // Several files are a usage error of our own, which points at `batch --combine`.
    .allowExcessArguments()
    .option("-f, --format <format>", m.format)
    .option("-o, --output <file>", m.output)
    .option("--units <file>", m.units);
  addReaderOptions(command, context.messages);
  addVerbosityOptions(command, context.messages)
    .option("--timeout <seconds>", m.timeout)
    .addHelpText("after", context.messages.help.footers.parse)
    .action(async (file: string, options: ParseOptions, self: Command) => {
      if (self.args.length > 1) throw new UsageError(context.messages.errors.oneNotice(self.args.length));
      process.exitCode = await runParse(file, options, context);
    });
}

async function runParse(file: string, options: ParseOptions, context: CliContext): Promise<number> {
  // The command line is checked before any input is read: a usage error never costs a parse.
  const format = outputFormat(options, context);
  const toStdout = options.output === undefined || options.output === "-";
  // Binary data on a terminal is garbage; through a pipe or a redirection it is what was asked for.
  if (BINARY.has(format) && options.output === undefined && process.stdout.isTTY) throw new UsageError(context.messages.errors.binaryNeedsOutput(format));
  if (!toStdout) await assertNotFolder(options.output!, context.messages);
  if (!toStdout && file !== "-" && (await sameFile(options.output!, file))) throw new UsageError(context.messages.errors.outputIsInput(options.output!));

  const guard = new GuardedParser(timeLimitMs(options.timeout, context), readerOptions(options, context));
  try {
    if (options.units !== undefined) await guard.units(options.units);
    const path = file === "-" ? null : file;
    // The tree is drawn here, for this process's terminal (its width and colours), from the JSON ledger.
    const { diagnostics, tasks, data: rendered } = await guard.parse(file, path === null ? await readStdin() : null, path, format === "tree" ? "json" : format);
    // The tree module (string-width) loads only for the tree format.
    const data = format === "tree" ? (await import("./tree.js")).treeText(rendered as string, { toTerminal: toStdout, verbose: options.verbose }) : rendered;

    const shown = visibleDiagnostics(diagnostics, options);
    const name = path ?? context.messages.stdinName;
    if (shown.length > 0) process.stderr.write(formatDiagnostics(name, shown, context.messages, context.color));

    if (toStdout) {
      await writeStdout(data!).catch((err: unknown) => {
        throw writeError(context.messages.stdoutName, err, context.messages);
      });
    } else {
      await writeFileAtomic(options.output!, data!).catch((err: unknown) => {
        throw writeError(options.output!, err, context.messages);
      });
      if (!options.quiet) process.stderr.write(`ledger: ${context.messages.wrote(options.output!, tasks, countBySeverity(visibleDiagnostics(diagnostics, { verbose: options.verbose })))}\n`);
    }
    return options.strict && hasProblems(diagnostics) ? EXIT.strict : EXIT.ok;
  } finally {
    await guard.close();
  }
}

/** -f, else -o's extension (JSON for an extension that names no format), else JSON. */
function outputFormat(options: ParseOptions, context: CliContext): OutputFormat {
  const errors = context.messages.errors;
  const byExtension = options.output && options.output !== "-" ? extensionFormat(options.output) : undefined;
  if (options.format !== undefined) {
    const format = FORMATS.find((f) => f === options.format?.toLowerCase());
    if (!format) throw new UsageError(errors.unknownFormat(options.format, FORMATS));
    if (byExtension && byExtension !== format) throw new UsageError(errors.conflictingFormat(format, options.output!));
    return format;
  }
  return byExtension ?? "json";
}

function extensionFormat(path: string): OutputFormat | undefined {
  const match = /\.[^./\\]+$/.exec(path);
  return match ? EXTENSIONS[match[0].toLowerCase()] : undefined;
}
