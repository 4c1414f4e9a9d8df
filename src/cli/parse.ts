import type { Command } from "commander";
import { parseBuffer } from "../ledger.js";
import type { Ledger } from "../model/ledger.js";
import { writeFileAtomic } from "./atomic-write.js";
import { OutputError, UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { readSource, readUnits, withFile } from "./input.js";
import { writeStdout } from "./output.js";
import { formatDiagnostics, hasProblems, visibleDiagnostics } from "./report.js";

const FORMATS = ["json", "yaml", "xlsx", "docx"] as const;
type OutputFormat = (typeof FORMATS)[number];
const BINARY: ReadonlySet<OutputFormat> = new Set(["xlsx", "docx"]);
const EXTENSIONS: Record<string, OutputFormat> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".docx": "docx" };

interface ParseOptions {
  format?: string;
  output?: string;
  units?: string;
  quiet?: boolean;
  strict?: boolean;
  verbose?: boolean;
}

export function registerParse(program: Command, context: CliContext): void {
  const m = context.messages.parse;
  program
    .command("parse")
    .description(m.description)
    .argument("<file>", m.file)
    .option("-f, --format <format>", m.format)
    .option("-o, --output <file>", m.output)
    .option("--units <file>", m.units)
    .option("-q, --quiet", m.quiet)
    .option("--strict", m.strict)
    .option("--verbose", m.verbose)
    .addHelpText("after", context.messages.help.footer)
    .action(async (file: string, options: ParseOptions) => {
      process.exitCode = await runParse(file, options, context);
    });
}

async function runParse(file: string, options: ParseOptions, context: CliContext): Promise<number> {
  // The command line is checked before any input is read: a usage error never costs a parse.
  const format = outputFormat(options, context);
  const toStdout = options.output === undefined || options.output === "-";
  if (BINARY.has(format) && options.output === undefined) throw new UsageError(context.messages.errors.binaryNeedsOutput(format));

  const aliases = options.units === undefined ? null : await readUnits(options.units);
  const { bytes, path } = await readSource(file);
  const ledger = await withFile(file, () => parseBuffer(bytes, { path, aliases }));

  const shown = visibleDiagnostics(ledger.diagnostics, options);
  const name = path ?? context.messages.stdinName;
  if (shown.length > 0) process.stderr.write(formatDiagnostics(name, shown, context.messages, context.color));

  const data = await render(ledger, format);
  if (toStdout) await writeStdout(data);
  else await writeOutput(options.output!, data, context);
  return options.strict && hasProblems(ledger.diagnostics) ? EXIT.strict : EXIT.ok;
}

/** -f, else -o's extension, else JSON. */
function outputFormat(options: ParseOptions, context: CliContext): OutputFormat {
  const errors = context.messages.errors;
  const byExtension = options.output && options.output !== "-" ? extensionFormat(options.output) : undefined;
  if (options.format !== undefined) {
    const format = FORMATS.find((f) => f === options.format?.toLowerCase());
    if (!format) throw new UsageError(errors.unknownFormat(options.format, FORMATS));
    if (byExtension && byExtension !== format) throw new UsageError(errors.conflictingFormat(format, options.output!));
    return format;
  }
  if (options.output && options.output !== "-") {
    if (!byExtension) throw new UsageError(errors.unknownExtension(options.output));
    return byExtension;
  }
  return "json";
}

function extensionFormat(path: string): OutputFormat | undefined {
  const match = /\.[^./\\]+$/.exec(path);
  return match ? EXTENSIONS[match[0].toLowerCase()] : undefined;
}

/** Each format's exporter is imported only when asked for: exceljs and docx are slow to load. */
async function render(ledger: Ledger, format: OutputFormat): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return (await import("../exporters/json.js")).toJson(ledger);
    case "yaml":
      return (await import("../exporters/yaml.js")).toYaml(ledger);
    case "xlsx":
      return (await import("../exporters/xlsx.js")).toXlsx(ledger);
    case "docx":
      return (await import("../exporters/docx.js")).toDocx(ledger);
  }
}

async function writeOutput(path: string, data: string | Uint8Array, context: CliContext): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    throw new OutputError(context.messages.errors.cannotWrite(path, context.messages.fsReason(code, message.split("\n")[0])));
  }
}
