import { Worker } from "node:worker_threads";
import type { Job, JobResult, WorkerConfig, WorkerMessage } from "./protocol.js";

interface Waiting {
  job: Job;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Set once we end the worker ourselves, so its exit is not taken for a crash. */
  retired: boolean;
  /** Jobs posted to the worker, which runs them in order: the first is the one running. */
  posted: Waiting[];
  /** The running job's time limit, and when it started. */
  timer: NodeJS.Timeout | null;
  started: number;
  lastError: string | null;
}

/**
 * Each worker holds the files after the one it runs, so that it never waits for a round trip to
 * the main thread between files, even when the main thread is slow to be scheduled (a loaded
 * machine, a burst of results to print).
 */
export const FILES_PER_WORKER = 4;

/** What one file may cost its worker. */
export interface WorkerLimits {
  timeoutMs: number;
  /**
   * The worker's V8 heap: past it V8 ends the worker (not the process), and the file it was on is
   * reported as `worker-crashed`. Without a cap a runaway input takes the whole batch down with it.
   */
  heapMb: number;
}

/**
 * The worker's young generation. V8 sizes it from the heap cap, to 48 MB, which a worker fills with
 * short-lived garbage and keeps committed: at 12 MB a 10,000-file batch with 2 workers peaks
 * below 200 MB instead of 245 MB (`npm run bench`); the extra scavenges cost about 4 % more time per .txt
 * and up to 12 % per .docx.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * A fixed number of worker threads converting files. A file that runs past the time limit has its
 * worker terminated (V8 stops even a tight loop) and replaced; a worker that dies (out of memory)
 * costs only the file it was on. Files held behind the stopped one go back to the queue.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Waiting[] = [];
  private fatal: Error | null = null;
  private closed = false;

  constructor(
    size: number,
    private readonly config: WorkerConfig,
    private readonly limits: WorkerLimits,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  run(job: Job): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      if (this.fatal) return reject(this.fatal);
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots];
    for (const slot of slots) this.retire(slot);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(new URL("./worker.js", import.meta.url), {
      workerData: this.config,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      // A library that prints would corrupt a summary on stdout: worker output is read and dropped.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, retired: false, posted: [], timer: null, started: 0, lastError: null };
    this.slots.add(slot);
    worker.on("message", (message: WorkerMessage) => {
      // A result that crossed a time-out on its way in: the file is already reported.
      if (slot.retired) return;
      if (message.type === "result") this.finish(slot, message.result);
      else slot.ready = true;
      this.dispatch();
    });
    worker.on("error", (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      slot.lastError = outOfMemory ? `out of memory: more than ${this.limits.heapMb} MB` : error.message.split("\n")[0];
    });
    worker.on("exit", () => this.exited(slot));
  }

  /** Tops up the workers with the fewest files first, so that work spreads evenly. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let target: Slot | null = null;
      for (const slot of this.slots) {
        if (slot.ready && slot.posted.length < FILES_PER_WORKER && (target === null || slot.posted.length < target.posted.length)) target = slot;
      }
      if (target === null) return;
      const waiting = this.queue.shift()!;
      target.posted.push(waiting);
      target.worker.postMessage(waiting.job);
      if (target.posted.length === 1) this.startClock(target);
    }
  }

  private startClock(slot: Slot): void {
    slot.started = performance.now();
    slot.timer = setTimeout(() => this.timedOut(slot), this.limits.timeoutMs);
  }

  private finish(slot: Slot, result: JobResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.posted.shift()?.resolve(result);
    if (slot.posted.length > 0) this.startClock(slot);
  }

  private timedOut(slot: Slot): void {
    const running = slot.posted[0];
    this.retire(slot);
    void slot.worker.terminate();
    running.resolve({ id: running.job.id, ok: false, code: "timeout", message: `took longer than ${this.limits.timeoutMs / 1000} s; stopped`, ms: this.limits.timeoutMs });
    this.requeue(slot);
    this.spawn();
    this.dispatch();
  }

  /** Files posted to a worker that is gone, behind the one it was on, are given to the others. */
  private requeue(slot: Slot): void {
    this.queue.unshift(...slot.posted.slice(1));
    slot.posted = [];
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    if (slot.timer) clearTimeout(slot.timer);
    this.slots.delete(slot);
  }

  private exited(slot: Slot): void {
    if (slot.retired) return;
    this.retire(slot);
    if (!slot.ready) {
      // A worker that cannot even start (a broken install) would fail every file: stop the batch.
      this.fatal = new Error(`batch worker failed to start: ${slot.lastError ?? "exited"}`);
      for (const waiting of this.queue.splice(0)) waiting.reject(this.fatal);
      return;
    }
    const running = slot.posted[0];
    if (running) {
      const ms = Math.round(performance.now() - slot.started);
      running.resolve({ id: running.job.id, ok: false, code: "worker-crashed", message: `the worker stopped (${slot.lastError ?? "exited"})`, ms });
    }
    this.requeue(slot);
    if (!this.closed) this.spawn();
    this.dispatch();
  }
}
