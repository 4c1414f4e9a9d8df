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
import { formatDiagnostics, formatGithubAnnotations, githubFileError, visibleDiagnostics } from "./report.js";
import { addVerbosityOptions } from "./verbosity.js";
import { assertNotFolder, writeError } from "./write-errors.js";
import { addReaderOptions, readerOptions, type ReaderFlags } from "./reader-options.js";

const REPORT_FORMATS = ["text", "github"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
const DEFAULT_TIMEOUT_SECONDS = 60;

interface BatchCliOptions extends ReaderFlags {
  outDir?: string;
  format?: string[];
  jobs?: string;
  timeout?: string;
  shard?: string;
  summary?: string;
  combine?: string;
  title?: string;
  splitByUnit?: boolean;
  units?: string;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function registerBatch(program: Command, context: CliContext): void {
  const m = BATCH_MESSAGES[detectLocale()];
  const command = program
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
    .option("--title <title>", "the title of the --combine workbook")
    .option("--split-by-unit", "also write one 台账 per unit of each notice: OUT-DIR/<notice>/<unit>.xlsx")
    .option("--units <file>", m.units);
  addReaderOptions(command, context.messages);
  // -q, --verbose and --strict as for parse and check: warnings are shown as check shows them.
  addVerbosityOptions(command, context.messages, m.strict)
    .addHelpText("after", m.footer)
    .action(async (inputs: string[], options: BatchCliOptions) => {
      process.exitCode = await runBatchCommand(inputs, options, context, m);
    });
}

async function runBatchCommand(inputs: string[], options: BatchCliOptions, context: CliContext, m: BatchMessages): Promise<number> {
  const { output, report } = formats(options.format ?? [], m);
  if (options.outDir === undefined && options.combine === undefined) throw new UsageError(m.errors.needsOutDir);
  if (options.combine !== undefined && !/\.xlsx$/i.test(options.combine)) throw new UsageError(m.errors.combine(options.combine));
  if (options.title !== undefined && options.combine === undefined) throw new UsageError("--title names the --combine workbook: give --combine FILE.xlsx");
  if (options.splitByUnit && options.outDir === undefined) throw new UsageError("--split-by-unit writes into the output folder: give -o DIR");
  const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(m.errors.jobs(options.jobs ?? ""));
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(m.errors.timeout(options.timeout ?? ""));
  // The batch engine (worker pool, file walk) loads only for this command.
  const { parseShard } = await import("../batch/shard.js");
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  if (options.shard !== undefined && shard === null) throw new UsageError(m.errors.shard(options.shard));
  const reader = readerOptions(options, context);
  const unitsText = options.units === undefined ? null : (await readUnitsFile(options.units)).text;

  const { Batch, BatchSetupError } = await import("../batch/run.js");
  const { OutputWriteError } = await import("../batch/outputs.js");
  const batch = await Batch.prepare({
    inputs,
    outDir: options.outDir ?? null,
    format: output,
    jobs,
    shard,
    timeoutMs: Math.max(1, Math.round(timeout * 1000)),
    combine: options.combine !== undefined || options.splitByUnit === true,
    // Every file's diagnostics are reported (errors even with -q), as text or as annotations.
    diagnostics: true,
    infos: options.verbose === true,
    unitsText,
    reader,
  }).catch((error: unknown) => {
    if (error instanceof BatchSetupError) throw new UsageError(error.message);
    // The output folder cannot be created (permission denied): an output failure, exit code 1.
    if (error instanceof OutputWriteError) throw new OutputError(error.message);
    throw error;
  });

  const { ProgressBar, ProgressLog } = await import("../batch/progress.js");
  const { SummaryWriter } = await import("../batch/summary.js");
  for (const path of [options.combine, options.summary]) if (path !== undefined && path !== "-") await assertNotFolder(path, context.messages);
  const total = await batch.count();
  // A bar on a terminal; in a pipe or a CI log, a line every 10 s so that a long batch shows it is alive.
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr, total) : new ProgressLog(process.stderr, total);
  const summaryPath = options.summary;
  const summary = summaryPath === undefined ? null : await SummaryWriter.open(summaryPath).catch((err: unknown) => cannotWrite(summaryPath, err, context));
  // Annotations go to standard output, as with `ledger check`, unless the summary has it.
  const annotations = options.summary === "-" ? process.stderr : process.stdout;
  const stdoutFailure = watchStdout();
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
      } else {
        const shown = visibleDiagnostics(result.diagnostics, options);
        if (shown.length > 0 && report === "github") annotations.write(formatGithubAnnotations(result.path, shown));
        else if (shown.length > 0) process.stderr.write(formatDiagnostics(printable(result.path, 1000), shown, context.messages, context.color));
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
  const failure = await stdoutFailure();
  if (failure !== null) throw writeError(context.messages.stdoutName, failure, context.messages);
  if (options.combine !== undefined) await writeCombined(options.combine, ledgers, options.title, context);
  if (options.splitByUnit) await writeUnitShares(options.outDir!, ledgers, context);
  process.stderr.write(`ledger: ${m.done(totals, (performance.now() - started) / 1000)}\n`);

  if (totals.failed > 0 || totals.timeout > 0) return EXIT.input;
  return options.strict && totals.warnings + totals.errors > 0 ? EXIT.strict : EXIT.ok;
}

/**
 * Standard output carries the summary (`--summary -`) or the annotations, written as the batch
 * goes: a write that fails (a full disk behind `>`) must fail the run, not vanish. Returns a check
 * that waits for standard output to take what was written and gives the first error, if any. A
 * closed pipe (`| head`) is no failure.
 */
function watchStdout(): () => Promise<NodeJS.ErrnoException | null> {
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (err: NodeJS.ErrnoException): void => {
    if (err.code !== "EPIPE") failure ??= err;
  };
  process.stdout.on("error", onError);
  return () =>
    new Promise((resolve) =>
      process.stdout.write("", (err) => {
        process.stdout.off("error", onError);
        if (err && (err as NodeJS.ErrnoException).code !== "EPIPE") failure ??= err as NodeJS.ErrnoException;
        resolve(failure);
      }),
    );
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

async function writeCombined(path: string, ledgers: readonly Ledger[], title: string | undefined, context: CliContext): Promise<void> {
  const { toXlsx } = await import("../exporters/xlsx.js");
  const workbook = await toXlsx(ledgers, title === undefined ? {} : { title });
  await writeFileAtomic(path, workbook).catch((err: unknown) => cannotWrite(path, err, context));
}

/** --split-by-unit: each notice's 台账 per unit, in a folder named after the notice. */
async function writeUnitShares(outDir: string, ledgers: readonly Ledger[], context: CliContext): Promise<void> {
  const [{ mkdir }, { basename, extname, join }, { toXlsx }, { shareFileNames, splitByUnit, unitFileName }] = await Promise.all([
    import("node:fs/promises"),
    import("node:path"),
    import("../exporters/xlsx.js"),
    import("../ops/split.js"),
  ]);
  const folders = new Set<string>();
  for (const ledger of ledgers) {
    const stem = unitFileName(basename(ledger.source.path ?? "notice", extname(ledger.source.path ?? "")));
    let folder = stem;
    for (let n = 2; folders.has(folder); n++) folder = `${stem}-${n}`;
    folders.add(folder);
    const dir = join(outDir, folder);
    await mkdir(dir, { recursive: true }).catch((err: unknown) => cannotWrite(dir, err, context));
    const title = ledger.document.title ?? ledger.document.noticeTitle ?? "任务台账";
    const shares = splitByUnit(ledger);
    const names = shareFileNames(shares);
    for (const [i, share] of shares.entries()) {
      const file = join(dir, `${names[i]}.xlsx`);
      const bytes = await toXlsx(share.ledger, { title: `${title}（${share.unit}）`, unit: share.unit });
      await writeFileAtomic(file, bytes).catch((err: unknown) => cannotWrite(file, err, context));
    }
  }
}

function cannotWrite(path: string, err: unknown, context: CliContext): never {
  throw writeError(path, err, context.messages);
}
