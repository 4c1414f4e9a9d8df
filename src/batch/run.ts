import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import { inputItems, isInside, planInputs, type InputItem, type InputPlan } from "./discover.js";
import { OutputFolder, OutputWriteError } from "./outputs.js";
import { WorkerPool } from "./pool.js";
import type { OutputFormat } from "./protocol.js";
import type { Shard } from "./shard.js";

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
  unitsText: string | null;
}

export type FileStatus = "ok" | "failed" | "timeout";

/** One line of the summary, plus what the reporters need. */
export interface FileResult {
  path: string;
  status: FileStatus;
  tasks: number;
  warnings: number;
  errors: number;
  ms: number;
  output?: string;
  code?: string;
  error?: string;
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
  private constructor(
    private readonly options: BatchOptions,
    private readonly plan: InputPlan,
    private readonly out: OutputFolder | null,
  ) {}

  static async prepare(options: BatchOptions): Promise<Batch> {
    const out = options.outDir === null ? null : await OutputFolder.open(options.outDir);
    const plan = await planInputs(options.inputs, out?.real ?? null);
    const swallowed = out === null ? undefined : plan.allowed.find((input) => isInside(input, out.real));
    if (swallowed !== undefined) throw new BatchSetupError(`the output folder ${options.outDir} must not contain the inputs (${swallowed})`);
    return new Batch(options, plan, out);
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
      withLedger: this.options.combine,
      withDiagnostics: this.options.diagnostics,
      unitsText: this.options.unitsText,
    }, this.options.timeoutMs);
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
      this.out?.removePending();
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
        if (item.kind === "rejected") {
          settle(itemId, rejected(item));
          continue;
        }
        while (inFlight.size > 0 && (inFlight.size >= 2 * jobs || itemId - nextToReport >= WINDOW_PER_JOB * jobs)) {
          await Promise.race(inFlight);
        }
        if (fatal !== null) break;
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
    const outcome = await pool.run({ id, real: item.real, path: item.path });
    const base = { path: item.path, ms: outcome.ms, diagnostics: [], ledger: null };
    if (!outcome.ok) {
      const status = outcome.code === "timeout" ? "timeout" : "failed";
      return { ...base, status, tasks: 0, warnings: 0, errors: 0, code: outcome.code, error: outcome.message };
    }
    const counts = { tasks: outcome.tasks, warnings: outcome.warnings, errors: outcome.errors };
    let output: string | undefined;
    if (this.out !== null && outcome.data !== null) {
      try {
        output = await this.out.write(`${item.outputStem}.${this.options.format}`, outcome.data);
      } catch (error) {
        if (!(error instanceof OutputWriteError)) throw error;
        return { ...base, status: "failed", ...counts, code: "cannot-write", error: `cannot write its output: ${error.message}` };
      }
    }
    return { ...base, status: "ok", ...counts, ...(output ? { output } : {}), diagnostics: outcome.diagnostics, ledger: outcome.ledger };
  }
}

function rejected(item: Extract<InputItem, { kind: "rejected" }>): FileResult {
  return { path: item.path, status: "failed", tasks: 0, warnings: 0, errors: 0, ms: 0, code: item.code, error: item.message, diagnostics: [], ledger: null };
}
