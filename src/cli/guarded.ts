import { statSync } from "node:fs";
import { extname } from "node:path";
import type { Worker } from "node:worker_threads";
import { WORKER_HEAP_MB } from "../batch/heap.js";
import { LedgerInputError } from "../errors.js";
import type { ImportOptions } from "../importers/index.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { TEXT_EXTENSIONS } from "../model/formats.js";
import { ASYNC_RENDER_FORMATS, timeoutReply, type GuardedJob, type GuardedReply, type RenderFormat } from "./guarded-job.js";
import { IN_THREAD_MAX_BYTES, parseInThread } from "./in-thread.js";
import { UsageError, type CliContext } from "./context.js";
import { InputFileError } from "./input.js";

/** The per-file time limit of `ledger parse` and `ledger check`, as in `ledger batch`. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** `--timeout SECONDS` in milliseconds; anything but a positive number is a usage error. */
export function timeLimitMs(value: string | undefined, context: CliContext): number {
  const seconds = value === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(context.messages.errors.timeout(value ?? ""));
  return Math.max(1, Math.round(seconds * 1000));
}

/**
 * Runs each file's reading, parsing and rendering in a worker thread with a time limit and a heap
 * limit, so that no input can hang `ledger parse` or `ledger check` (a FIFO without a writer, an
 * XML parser gone quadratic) or take the process down (out of memory): past either limit the
 * worker is stopped and the file is reported in one line (`timeout`, `worker-crashed`). A small
 * plain-text notice is parsed on this thread instead, under the same time limit (in-thread.ts).
 */
export class GuardedParser {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private unitsText: string | null = null;

  constructor(
    private readonly timeoutMs: number,
    /** --from and --via. */
    private readonly reader: ImportOptions = {},
  ) {}

  /** `--units FILE`, read under the same limits; its text is kept for the workers that replace a stopped one. */
  async units(file: string): Promise<void> {
    const reply = await this.run(file, { kind: "units", file });
    this.unitsText = reply.data as string;
  }

  /** `file`'s diagnostics and rendered output (`format` null: diagnostics only); `bytes` when already read (standard input). */
  async parse(file: string, bytes: Uint8Array | null, path: string | null, format: RenderFormat | null): Promise<{ diagnostics: Diagnostic[]; tasks: number; data: string | Uint8Array | null }> {
    // A small plain-text notice is parsed on this thread, under the same time limit; a units file's aliases live in the worker.
    const inThread = this.unitsText === null ? await parseInThread(file, bytes, path, format, this.reader, this.timeoutMs) : null;
    const reply = inThread ? settled(file, inThread) : await this.run(file, { kind: "parse", file, bytes, path, format, reader: this.reader });
    return { diagnostics: reply.diagnostics, tasks: reply.tasks, data: reply.data };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async run(file: string, job: GuardedJob): Promise<Extract<GuardedReply, { ok: true }>> {
    const worker = this.start();
    await this.ready;
    const reply = await new Promise<GuardedReply>((resolve, reject) => {
      let lastError: Error | null = null;
      const done = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      };
      const onMessage = (message: GuardedReply): void => {
        done();
        resolve(message);
      };
      const onError = (error: Error): void => {
        lastError = error;
      };
      const onExit = (): void => {
        done();
        this.worker = null;
        const outOfMemory = (lastError as NodeJS.ErrnoException | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        if (outOfMemory) resolve({ ok: false, code: "worker-crashed", message: `needs more than ${WORKER_HEAP_MB} MB of memory; stopped` });
        else reject(new Error(`the parse worker stopped: ${lastError?.message.split("\n")[0] ?? "exited"}`));
      };
      const timer = setTimeout(() => {
        done();
        this.worker = null;
        void worker.terminate();
        resolve(timeoutReply(this.timeoutMs));
      }, this.timeoutMs);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(job);
    });
    return settled(file, reply);
  }

  private start(): Worker {
    if (this.worker !== null) return this.worker;
    // The worker started with the process (prestartWorker) serves the first file, unless a units file must be in it.
    const launched = this.unitsText === null && spare !== null ? spare : launch(this.unitsText);
    spare = null;
    this.worker = launched.worker;
    this.ready = launched.ready;
    return launched.worker;
  }
}

/** A reply's result, or the error it reports: an input error names the file. */
function settled(file: string, reply: GuardedReply): Extract<GuardedReply, { ok: true }> {
  if (reply.ok) return reply;
  if (reply.code === "internal") throw new Error(reply.message);
  throw new InputFileError(file, new LedgerInputError(reply.code, reply.message));
}

/** A worker started before the command line is read (main.ts), so that its start-up overlaps the CLI's. */
let spare: Launched | null = null;

interface Launched {
  worker: Worker;
  ready: Promise<void>;
}

/**
 * Starts the parse worker now, for `parse`, `check` and `tree`, when the command line names an input the worker
 * will read: its start-up is then most of their cold start. A small plain-text notice is parsed on this thread,
 * and a worker starting beside it would only slow it down (the command line's bundle loads the text parser with
 * this module). The decision is a guess from the arguments alone (before they are parsed): a wrong guess costs
 * time, never a result.
 */
export function prestartWorker(args: readonly string[]): void {
  if (args.some(needsWorker)) spare ??= launch(null);
}

/**
 * --units (its aliases live in the worker), an output format only the worker renders named anywhere (`-f xlsx`,
 * `-o 台账.docx`, an input of that format), a folder, or a file that is not small plain text.
 */
function needsWorker(arg: string): boolean {
  if (arg === "--units" || arg.startsWith("--units=")) return true;
  const lower = arg.toLowerCase();
  if ([...ASYNC_RENDER_FORMATS].some((format) => lower.endsWith(format))) return true;
  if (arg.startsWith("-")) return false;
  let info;
  try {
    info = statSync(arg, { throwIfNoEntry: false });
  } catch {
    // A name the file system refuses (too long, under a file): the command reports it in one line.
    return false;
  }
  if (info === undefined) return false;
  return !info.isFile() || info.size > IN_THREAD_MAX_BYTES || !TEXT_EXTENSIONS.has(extname(arg).toLowerCase());
}

/** Stops the prestarted worker if no command took it (a usage error, --help): it would keep the process alive. */
export async function discardSpareWorker(): Promise<void> {
  const unused = spare;
  spare = null;
  await unused?.worker.terminate();
}

function launch(unitsText: string | null): Launched {
  // Loaded here, not with the module: a plain-text notice parsed on this thread never needs it.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const worker = new Worker(new URL("./parse-worker.js", import.meta.url), {
    workerData: { unitsText },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // A library that prints would corrupt the ledger on standard output: worker output is dropped.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  // An idle worker does not keep the process alive; a job under way does, through its timer.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const onExit = () => reject(new Error("the parse worker failed to start"));
    worker.once("message", () => {
      worker.off("exit", onExit);
      resolve();
    });
    worker.once("exit", onExit);
  });
  // A prestarted worker that is never used must not turn its failure into an unhandled rejection.
  ready.catch(() => {});
  return { worker, ready };
}
