import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { OUTPUT_FORMATS, type OutputFormat } from "../batch/protocol.js";
import { printable } from "../errors.js";
import type { Ledger } from "../model/ledger.js";
import { writeFileAtomic } from "./atomic-write.js";
import { BATCH_MESSAGES, type BatchMessages, type BatchTotals } from "./batch-messages.js";
import { OutputError, UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { readUnitsFile } from "./input.js";
import { detectLocale } from "./messages.js";
import { formatGithubAnnotations, githubFileError } from "./report.js";

const REPORT_FORMATS = ["text", "github"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
const DEFAULT_TIMEOUT_SECONDS = 60;

interface BatchCliOptions {
  outDir?: string;
  format?: string[];
  jobs?: string;
  timeout?: string;
  shard?: string;
  summary?: string;
  combine?: string;
  units?: string;
  strict?: boolean;
}

export function registerBatch(program: Command, context: CliContext): void {
  const m = BATCH_MESSAGES[detectLocale()];
  program
    .command("batch")
    .description(m.description)
    .argument("<inputs...>", m.inputs)
    .option("-o, --out-dir <dir>", m.outDir)
    .option("-f, --format <format>", m.format, (value: string, previous: string[] = []) => [...previous, ...value.split(",")])
    .option("-j, --jobs <n>", m.jobs)
    .option("--timeout <seconds>", m.timeout)
    .option("--shard <i/n>", m.shard)
    .option("--summary <file>", m.summary)
    .option("--combine <file.xlsx>", m.combine)
    .option("--units <file>", m.units)
    .option("--strict", m.strict)
    .addHelpText("after", m.footer)
    .action(async (inputs: string[], options: BatchCliOptions) => {
      process.exitCode = await runBatchCommand(inputs, options, context, m);
    });
}

async function runBatchCommand(inputs: string[], options: BatchCliOptions, context: CliContext, m: BatchMessages): Promise<number> {
  const { output, report } = formats(options.format ?? [], m);
  if (options.outDir === undefined && options.combine === undefined) throw new UsageError(m.errors.needsOutDir);
  if (options.combine !== undefined && !/\.xlsx$/i.test(options.combine)) throw new UsageError(m.errors.combine(options.combine));
  const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(m.errors.jobs(options.jobs ?? ""));
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(m.errors.timeout(options.timeout ?? ""));
  // The batch engine (worker pool, file walk) loads only for this command.
  const { parseShard } = await import("../batch/shard.js");
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  if (options.shard !== undefined && shard === null) throw new UsageError(m.errors.shard(options.shard));
  const unitsText = options.units === undefined ? null : (await readUnitsFile(options.units)).text;

  const { Batch, BatchSetupError } = await import("../batch/run.js");
  const batch = await Batch.prepare({
    inputs,
    outDir: options.outDir ?? null,
    format: output,
    jobs,
    shard,
    timeoutMs: Math.max(1, Math.round(timeout * 1000)),
    combine: options.combine !== undefined,
    diagnostics: report === "github",
    unitsText,
  }).catch((error: unknown) => {
    throw error instanceof BatchSetupError ? new UsageError(error.message) : error;
  });

  const { ProgressBar } = await import("../batch/progress.js");
  const { SummaryWriter } = await import("../batch/summary.js");
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr, await batch.count()) : null;
  const summaryPath = options.summary;
  const summary = summaryPath === undefined ? null : await SummaryWriter.open(summaryPath).catch((err: unknown) => cannotWrite(summaryPath, err, context));
  // Annotations go to standard output, as with `ledger check`, unless the summary has it.
  const annotations = options.summary === "-" ? process.stderr : process.stdout;
  const totals: BatchTotals = { files: 0, ok: 0, failed: 0, timeout: 0, skipped: 0, warnings: 0, errors: 0 };
  const ledgers: Ledger[] = [];
  const started = performance.now();

  try {
    await batch.run((result) => {
      summary?.write(result);
      totals.files++;
      totals[result.status]++;
      totals.warnings += result.warnings;
      totals.errors += result.errors;
      if (result.ledger) ledgers.push(result.ledger);
      bar?.clear();
      if (result.status !== "ok") {
        const reason = m.reason(result.code!, result.error!) ?? context.messages.errors.input(result.code!, result.error!);
        if (report === "github") annotations.write(githubFileError(result.path, reason, result.status === "skipped" ? "warning" : "error"));
        // A file name may hold a line break or an escape sequence: printed escaped, on one line.
        else process.stderr.write(`ledger: ${printable(result.path, 1000)}: ${reason}\n`);
      } else if (result.diagnostics.length > 0) {
        annotations.write(formatGithubAnnotations(result.path, result.diagnostics));
      }
      bar?.tick();
    });
  } catch (error) {
    bar?.clear();
    await summary?.close(false);
    throw error;
  }
  bar?.clear();
  await summary?.close().catch((err: unknown) => cannotWrite(summaryPath!, err, context));
  if (options.combine !== undefined) await writeCombined(options.combine, ledgers, context);
  process.stderr.write(`ledger: ${m.done(totals, (performance.now() - started) / 1000)}\n`);

  if (totals.failed > 0 || totals.timeout > 0) return EXIT.input;
  return options.strict && totals.warnings + totals.errors > 0 ? EXIT.strict : EXIT.ok;
}

/** -f takes an output format and a report format, in any order, repeated or comma-separated. */
function formats(values: readonly string[], m: BatchMessages): { output: OutputFormat; report: ReportFormat } {
  let output: OutputFormat | null = null;
  let report: ReportFormat | null = null;
  for (const raw of values) {
    const value = raw.trim().toLowerCase();
    const asOutput = OUTPUT_FORMATS.find((f) => f === value);
    const asReport = REPORT_FORMATS.find((f) => f === value);
    if (asOutput) {
      if (output !== null && output !== asOutput) throw new UsageError(m.errors.twoFormats(output, asOutput));
      output = asOutput;
    } else if (asReport) {
      if (report !== null && report !== asReport) throw new UsageError(m.errors.twoFormats(report, asReport));
      report = asReport;
    } else {
      throw new UsageError(m.errors.unknownFormat(raw));
    }
  }
  return { output: output ?? "json", report: report ?? "text" };
}

async function writeCombined(path: string, ledgers: readonly Ledger[], context: CliContext): Promise<void> {
  const { toXlsx } = await import("../exporters/xlsx.js");
  const workbook = await toXlsx(ledgers);
  await writeFileAtomic(path, workbook).catch((err: unknown) => cannotWrite(path, err, context));
}

function cannotWrite(path: string, err: unknown, context: CliContext): never {
  const { code, message } = err as NodeJS.ErrnoException;
  throw new OutputError(context.messages.errors.cannotWrite(path, context.messages.fsReason(code, message.split("\n")[0])));
}
