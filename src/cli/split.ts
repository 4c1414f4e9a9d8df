import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { shareFileNames, splitByUnit } from "../ops/split.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { chooseFormat, loadInput, writeOutput } from "./ops-io.js";

interface SplitOptions {
  by: string;
  output?: string;
  format?: string;
  quiet?: boolean;
}

const FORMATS = ["xlsx", "docx"] as const;

export function registerSplit(program: Command, context: CliContext): void {
  program
    .command("split")
    .description("one 台账 per unit: the tasks it leads or shares, and those addressed to all units")
    .argument("<file>", "a notice, its ledger's JSON, or a 台账 written by ledger")
    .option("--by <what>", "what to split by (only: unit)", "unit")
    .option("-o, --output <dir>", "the folder to write the 台账 into (created if missing)")
    .option("-f, --format <format>", "xlsx (default) or docx")
    .option("-q, --quiet", "say nothing on success")
    .addHelpText("after", "\nExample:\n  ledger split 工作要点.docx --by unit -o 分发/\n")
    .action(async (file: string, options: SplitOptions) => {
      process.exitCode = await runSplit(file, options, context);
    });
}

async function runSplit(file: string, options: SplitOptions, context: CliContext): Promise<number> {
  if (options.by !== "unit") throw new UsageError(`--by ${options.by}: only "unit" is supported`);
  if (options.output === undefined || options.output === "-") throw new UsageError("split writes one file per unit: give the folder with -o DIR");
  const format = chooseFormat(options.format, undefined, FORMATS, "xlsx");
  if (format === null) throw new UsageError(`-f ${options.format}: choose xlsx or docx`);
  const { ledger } = await loadInput(file);
  const shares = splitByUnit(ledger);
  await mkdir(options.output, { recursive: true }).catch(() => undefined);
  const title = ledger.document.title ?? ledger.document.noticeTitle ?? "任务台账";
  const exporter = format === "xlsx" ? (await import("../exporters/xlsx.js")).toXlsx : (await import("../exporters/docx.js")).toDocx;
  const names = shareFileNames(shares);
  for (const [i, share] of shares.entries()) {
    const name = names[i];
    const data = await exporter(share.ledger, { title: `${title}（${share.unit}）`, unit: share.unit });
    await writeOutput(join(options.output, `${name}.${format}`), data, context);
  }
  if (!options.quiet) process.stderr.write(`ledger: wrote ${shares.length} 台账 to ${options.output}\n`);
  return EXIT.ok;
}
