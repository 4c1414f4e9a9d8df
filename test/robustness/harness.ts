import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { LibraryJob, LibraryOutcome } from "./library-worker.js";

/**
 * Runners for the robustness suite: the library in worker threads (a hung or runaway input is
 * stopped by terminating its worker, and a worker's heap is capped), and the built CLI as child
 * processes, each measured for wall time and peak RSS.
 */

export const ROOT = join(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "ledger.js");

/** Bounds every input must stay under (the suite's contract; see docs/README-safety.md). */
export const BOUNDS = {
  /** Wall time of one input through the library, or one CLI run (process start included). */
  ms: 10_000,
  /** Peak resident memory of one CLI run. */
  rssMB: 512,
  /** Heap of a library worker: past it the worker dies and the input fails. */
  heapMB: 512,
};

/**
 * Time and memory are asserted only under `npm run test:robustness` (LEDGER_BOUNDS=1): a loaded
 * machine must never fail the default suite, which checks outcomes only (a ledger or one line,
 * no stack trace, no partial file). Without it a run is stopped only when it is plainly hung.
 */
export const MEASURE = process.env.LEDGER_BOUNDS === "1";
const HANG_MS = 120_000;

/** How long a run may take before it is stopped: the bound when measuring, else the hang guard. */
export function killAfter(boundMs: number = BOUNDS.ms): number {
  return MEASURE ? boundMs : Math.max(boundMs, HANG_MS);
}

/** How many inputs run at once: the CI machine has 2 cores. */
export const CONCURRENCY = Math.max(2, Math.min(4, availableParallelism()));

const require = createRequire(import.meta.url);
/** tsx's ESM API (tsImport), found through its package.json exports. */
const TSX_API = (() => {
  const manifest = require.resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"].import.default)).href;
})();
const WORKER_ENTRY = pathToFileURL(join(import.meta.dirname, "library-worker.ts")).href;

/** The worker is started from source: tsx compiles library-worker.ts and the src/ modules it imports. */
const BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.tsx)
  .then(({ tsImport }) => tsImport(workerData.entry, workerData.parent))
  .then((module) => module.serve(parentPort))
  .catch((error) => { parentPort.postMessage({ bootError: String(error && error.stack || error) }); });
`;

export type LibraryResult = LibraryOutcome | { id: number; status: "timeout" | "died"; message: string; ms: number };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

/** A few worker threads that run library jobs one at a time each, with a time limit per job. */
export class LibraryPool {
  private readonly slots: Slot[] = [];

  constructor(
    private readonly size = CONCURRENCY,
    private readonly timeoutMs = killAfter(),
  ) {}

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { tsx: TSX_API, entry: WORKER_ENTRY, parent: import.meta.url },
      resourceLimits: { maxOldGenerationSizeMb: BOUNDS.heapMB },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean; bootError?: string }) => {
        if (message.bootError) reject(new Error(`library worker failed to start: ${message.bootError}`));
        else if (message.ready) resolve();
        worker.off("message", onMessage);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    return { worker, ready, busy: false };
  }

  /** Runs every job, `size` at a time, and returns the results in job order. */
  async runAll(jobs: readonly LibraryJob[], onResult?: (result: LibraryResult) => void): Promise<LibraryResult[]> {
    const results: LibraryResult[] = new Array(jobs.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      let slot = this.spawn();
      this.slots.push(slot);
      while (next < jobs.length) {
        const index = next++;
        await slot.ready;
        const result = await this.runOne(slot, jobs[index]);
        results[index] = result;
        onResult?.(result);
        if (result.status === "timeout" || result.status === "died") {
          await slot.worker.terminate();
          slot = this.spawn();
          this.slots.push(slot);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.size, jobs.length) }, lane));
    return results;
  }

  private runOne(slot: Slot, job: LibraryJob): Promise<LibraryResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      const finish = (result: LibraryResult) => {
        clearTimeout(timer);
        slot.worker.off("message", onMessage);
        slot.worker.off("error", onError);
        slot.worker.off("exit", onExit);
        resolve(result);
      };
      const onMessage = (outcome: LibraryOutcome) => {
        if (outcome.id === job.id) finish(outcome);
      };
      const onError = (error: Error) => finish({ id: job.id, status: "died", message: `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`, ms: elapsed() });
      const onExit = (code: number) => finish({ id: job.id, status: "died", message: `worker exited with ${code}`, ms: elapsed() });
      const timer = setTimeout(() => finish({ id: job.id, status: "timeout", message: `no answer within ${this.timeoutMs} ms`, ms: elapsed() }), this.timeoutMs);
      slot.worker.on("message", onMessage);
      slot.worker.once("error", onError);
      slot.worker.once("exit", onExit);
      slot.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }
}

/** Runs `tasks` with at most `limit` at a time; results in task order. */
export async function inParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, limit = CONCURRENCY): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set size of the process in MB, or null when it could not be measured. */
  rssMB: number | null;
  timedOut: boolean;
}

/** GNU time, when the machine has it: it measures the child's peak RSS, threads and native memory included. */
export const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((path) => existsSync(path)) ?? null;

/**
 * Without GNU time, a preload that writes the process's own peak RSS when it exits
 * (process.resourceUsage().maxRSS, in KB). Either way the CLI itself runs unchanged.
 */
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import { writeSync, openSync } from "node:fs"; const f = process.env.LEDGER_RSS_FILE; if (f) process.on("exit", () => { const fd = openSync(f, "w"); writeSync(fd, String(process.resourceUsage().maxRSS)); });`,
)}`;

let runCounter = 0;
/** Where the RSS reports go: never the run's own folder, whose contents the tests check. */
const RSS_DIR = mkdtempSync(join(tmpdir(), "ledger-rss-"));
process.on("exit", () => rmSync(RSS_DIR, { recursive: true, force: true }));

/** Runs the built CLI with `args` in `cwd`, killed past `timeoutMs`. */
export function runCli(args: readonly string[], options: { cwd: string; timeoutMs?: number; env?: Record<string, string>; stdin?: Uint8Array; bin?: string }): Promise<CliRun> {
  const bin = options.bin ?? BIN;
  const timeoutMs = killAfter(options.timeoutMs);
  const rssFile = join(RSS_DIR, `${runCounter++}`);
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LEDGER_RSS_FILE: rssFile, ...options.env };
  const [command, commandArgs] =
    GNU_TIME !== null
      ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, bin, ...args]]
      : [process.execPath, ["--import", RSS_PRELOAD, bin, ...args]];
  return new Promise((resolve) => {
    const started = performance.now();
    // Its own process group, so that a time limit ends GNU time and the CLI under it together.
    const child = spawn(command, commandArgs, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on("error", () => {});
    child.stdin.end(options.stdin ?? undefined);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let status = code;
      let exitSignal = signal;
      let rssMB: number | null = null;
      const report = existsSync(rssFile) ? readFileSync(rssFile, "utf8") : "";
      rmSync(rssFile, { force: true });
      // GNU time writes "Command terminated by signal N" (and exits 128+N) when the CLI died of a signal.
      const killed = /Command terminated by signal (\d+)/.exec(report);
      if (killed) {
        status = null;
        exitSignal = (SIGNALS[Number(killed[1])] ?? `SIG${killed[1]}`) as NodeJS.Signals;
      }
      const kb = Number(report.trim().split("\n").at(-1));
      if (report !== "" && Number.isFinite(kb) && kb > 0) rssMB = Math.round(kb / 1024);
      resolve({
        status,
        signal: exitSignal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        ms: Math.round(performance.now() - started),
        rssMB,
        timedOut,
      });
    });
  });
}

const SIGNALS: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM" };

export { assertBuilt } from "../helpers/built.js";
