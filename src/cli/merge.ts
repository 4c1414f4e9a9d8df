import type { Command } from "commander";
import { unitFromPath } from "../ops/load.js";
import { mergeReturns, type ReturnedLedger } from "../ops/merge.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { InputFileError } from "./input.js";
import { LedgerInputError } from "../errors.js";
import { chooseFormat, loadInput, writeOutput } from "./ops-io.js";
import { writeStdout } from "./output.js";

interface MergeOptions {
  asOf?: string;
  output?: string;
  format?: string;
  quiet?: boolean;
}

const FORMATS = ["json", "yaml", "xlsx"] as const;

export function registerMerge(program: Command, context: CliContext): void {
  program
    .command("merge")
    .description("merge the 台账 the units returned into the base ledger: progress per task, conflicts, overdue tasks")
    .argument("<base>", "the base: a notice, its ledger's JSON, or the 台账 sent out")
    .argument("<returns...>", "the returned 台账 (.xlsx or .docx)")
    .option("--as-of <date>", "overdue means due before this date (YYYY-MM-DD; default today)")
    .option("-o, --output <file>", "write to FILE (.xlsx, .json, .yaml) instead of standard output")
    .option("-f, --format <format>", "json (default), yaml or xlsx")
    .option("-q, --quiet", "say nothing on success")
    .addHelpText("after", "\nExample:\n  ledger merge 台账.xlsx 回收/*.xlsx --as-of 2021-07-01 -o 汇总.xlsx\n")
    .action(async (base: string, returns: string[], options: MergeOptions) => {
      process.exitCode = await runMerge(base, returns, options, context);
    });
}

async function runMerge(baseFile: string, files: string[], options: MergeOptions, context: CliContext): Promise<number> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new UsageError(`--as-of ${options.asOf}: give a date as YYYY-MM-DD`);
  const format = chooseFormat(options.format, options.output, FORMATS, "json");
  if (format === null) throw new UsageError(`choose the output format: json, yaml or xlsx (-f or the -o extension)`);
  if (format === "xlsx" && (options.output === undefined || options.output === "-")) throw new UsageError("xlsx output needs -o FILE");

  const base = await loadInput(baseFile);
  const returns: ReturnedLedger[] = [];
  for (const file of files) {
    const loaded = await loadInput(file);
    if (loaded.output === null) {
      throw new InputFileError(file, new LedgerInputError("not-a-ledger-output", "is not a 台账 written by ledger (split or parse -o …xlsx); a return must be one"));
    }
    returns.push({ file, unit: loaded.output.unit ?? unitFromPath(file), output: loaded.output });
  }
  const result = mergeReturns(base.ledger, returns, asOf);

  let data: string | Uint8Array;
  if (format === "xlsx") data = await (await import("../ops/render.js")).mergeToXlsx(base.ledger, result);
  // The ledger's YAML writer: YAML 1.1 quoting, and escapes for what 1.1 readers refuse.
  else if (format === "yaml") data = (await import("../exporters/yaml.js")).toYaml(result);
  else data = `${JSON.stringify(result, null, 2)}\n`;
  if (options.output === undefined || options.output === "-") await writeStdout(data);
  else await writeOutput(options.output, data, context);
  if (!options.quiet) {
    const entries = result.tasks.reduce((n, t) => n + t.entries.length, 0);
    process.stderr.write(`ledger: merged ${returns.length} return(s): ${entries} progress entries, ${result.conflicts.length} conflict(s), ${result.overdue.length} overdue\n`);
  }
  return EXIT.ok;
}
