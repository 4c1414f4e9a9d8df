import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import { inputItems, planInputs, type InputItem, type InputPlan } from "./discover.js";
import { GlobError } from "./glob.js";
import { isInside, OutputFolder, OutputFolderError, OutputWriteError } from "./outputs.js";
import { WORKER_HEAP_MB } from "./heap.js";
import { FILES_PER_WORKER, WorkerPool } from "./pool.js";
import type { OutputFormat } from "./protocol.js";
import type { Shard } from "./shard.js";
import type { ImportOptions } from "../importers/index.js";

export interface BatchOptions {
  inputs: readonly string[];
  /** Null when only the combined workbook is wanted. */
  outDir: string | null;
  format: OutputFormat;
  jobs: number;
  shard: Shard | null;
  timeoutMs: number;
  /** Keep every ledger, in input order, for one combined workbook. */
  combine: boolean;
  /** Report each file's warnings and errors (for annotations). */
  diagnostics: boolean;
  /** With the diagnostics, the infos too (--verbose). */
  infos: boolean;
  unitsText: string | null;
  /** --from and --via, for every file. */
  reader?: ImportOptions;
}

/** "skipped": a file of the inputs in a format ledger does not read, reported with its code. */
type FileStatus = "ok" | "failed" | "timeout" | "skipped";

/** One line of the `--summary` NDJSON. */
export interface SummaryRecord {
  path: string;
  status: FileStatus;
  tasks: number;
  warnings: number;
  errors: number;
  ms: number;
  output?: string;
  code?: string;
  error?: string;
}

/** A summary line plus what the reporters need. */
export interface FileResult extends SummaryRecord {
  diagnostics: Diagnostic[];
  ledger: Ledger | null;
}

/** A batch that cannot start (the output folder holds an input): a usage error. */
export class BatchSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchSetupError";
  }
}

/** How far results may run ahead of the oldest unfinished file, per job: bounds what waits to be reported. */
const WINDOW_PER_JOB = 8;

export class Batch {
  /** Temp files of the writes under way, removed when the batch is interrupted. */
  private readonly temps = new Map<number, string>();

  private constructor(
    private readonly options: BatchOptions,
    private readonly plan: InputPlan,
    private readonly out: OutputFolder | null,
  ) {}

  static async prepare(options: BatchOptions): Promise<Batch> {
    const setup = (error: unknown): never => {
      throw error instanceof OutputFolderError || error instanceof GlobError ? new BatchSetupError(error.message) : error;
    };
    const outReal = options.outDir === null ? null : await OutputFolder.create(options.outDir).catch(setup);
    const plan = await planInputs(options.inputs, outReal).catch(setup);
    const swallowed = outReal === null ? undefined : plan.allowed.find((input) => isInside(input, outReal));
    if (swallowed !== undefined) throw new BatchSetupError(`the output folder ${options.outDir} must not contain the inputs (${swallowed})`);
    return new Batch(options, plan, outReal === null ? null : new OutputFolder(outReal));
  }

  /** The number of files the run will report: a walk of the folders, no file is read. */
  async count(): Promise<number> {
    let count = 0;
    for await (const _ of inputItems(this.plan, this.options.shard)) count++;
    return count;
  }

  /**
   * Converts every input, `jobs` at a time, and hands the results to `report` in input order, so
   * that what is printed and written is the same whatever the number of jobs.
   */
  async run(report: (result: FileResult) => void): Promise<void> {
    const { jobs } = this.options;
    const pool = new WorkerPool(jobs, {
      format: this.out === null ? null : this.options.format,
      outReal: this.out?.real ?? null,
      withLedger: this.options.combine,
      withDiagnostics: this.options.diagnostics,
      withInfos: this.options.infos,
      unitsText: this.options.unitsText,
      reader: this.options.reader,
    }, { timeoutMs: this.options.timeoutMs, heapMb: WORKER_HEAP_MB });
    const finished = new Map<number, FileResult>();
    let nextToReport = 0;
    const settle = (id: number, result: FileResult): void => {
      finished.set(id, result);
      for (let ready = finished.get(nextToReport); ready !== undefined; ready = finished.get(nextToReport)) {
        finished.delete(nextToReport++);
        report(ready);
      }
    };

    const interrupted = (signal: NodeJS.Signals): void => {
      for (const temp of this.temps.values()) rmSync(temp, { force: true });
      void pool.close();
      process.kill(process.pid, signal);
    };
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
    for (const signal of signals) process.once(signal, interrupted);

    const inFlight = new Set<Promise<void>>();
    let fatal: unknown = null;
    let id = 0;
    try {
      for await (const item of inputItems(this.plan, this.options.shard)) {
        const itemId = id++;
        // What the workers can hold keeps them busy; the window keeps results in order without a backlog.
        while (inFlight.size > 0 && (inFlight.size >= FILES_PER_WORKER * jobs || itemId - nextToReport >= WINDOW_PER_JOB * jobs)) {
          await Promise.race(inFlight);
        }
        if (fatal !== null) break;
        if (item.kind === "rejected" || item.kind === "skipped") {
          settle(itemId, rejected(item));
          continue;
        }
        const task = this.convert(pool, itemId, item).then(
          (result) => settle(itemId, result),
          (error: unknown) => {
            fatal ??= error;
          },
        );
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
      }
      await Promise.all(inFlight);
    } finally {
      for (const signal of signals) process.off(signal, interrupted);
      await pool.close();
    }
    if (fatal !== null) throw fatal;
  }

  private async convert(pool: WorkerPool, id: number, item: Extract<InputItem, { kind: "file" }>): Promise<FileResult> {
    const output = this.out === null ? null : `${item.outputStem}.${this.options.format}`;
    // Short (see OutputFolder.tempFor) and unique among the batches that may share an output folder.
    const tag = `${process.pid.toString(36)}-${id.toString(36)}`;
    let temp: string | null = null;
    try {
      temp = output === null ? null : this.out!.tempFor(output, tag);
    } catch (error) {
      if (!(error instanceof OutputWriteError)) throw error;
      return { path: item.path, status: "failed", tasks: 0, warnings: 0, errors: 0, ms: 0, code: error.code, error: error.message, diagnostics: [], ledger: null };
    }
    if (temp !== null) this.temps.set(id, temp);
    const outcome = await pool.run({ id, real: item.real, path: item.path, output, tag, skipLedgerOutput: item.walked });
    this.temps.delete(id);
    const base = { path: item.path, ms: outcome.ms, diagnostics: [], ledger: null };
    if (!outcome.ok) {
      // A worker stopped midway may leave its temp file behind.
      if (temp !== null && (outcome.code === "timeout" || outcome.code === "worker-crashed")) await rm(temp, { force: true });
      const status = outcome.skipped ? "skipped" : outcome.code === "timeout" ? "timeout" : "failed";
      return { ...base, status, tasks: 0, warnings: 0, errors: 0, code: outcome.code, error: outcome.message };
    }
    return {
      ...base,
      status: "ok",
      tasks: outcome.tasks,
      warnings: outcome.warnings,
      errors: outcome.errors,
      ...(output === null ? {} : { output: path.join(this.options.outDir!, ...output.split("/")) }),
      diagnostics: outcome.diagnostics,
      ledger: outcome.ledger,
    };
  }
}

function rejected(item: Extract<InputItem, { kind: "rejected" | "skipped" }>): FileResult {
  return { path: item.path, status: item.kind === "skipped" ? "skipped" : "failed", tasks: 0, warnings: 0, errors: 0, ms: 0, code: item.code, error: item.message, diagnostics: [], ledger: null };
}
