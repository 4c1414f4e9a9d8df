import { Worker } from "node:worker_threads";
import type { Job, JobResult, WorkerConfig, WorkerMessage } from "./protocol.js";

export type Outcome = JobResult;

interface Waiting {
  job: Job;
  resolve: (outcome: Outcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Set once we end the worker ourselves, so its exit is not taken for a crash. */
  retired: boolean;
  current: Waiting | null;
  timer: NodeJS.Timeout | null;
  started: number;
  lastError: string | null;
}

/**
 * A fixed number of worker threads, each converting one file at a time. A file that runs past the
 * time limit has its worker terminated (V8 stops even a tight loop) and replaced; a worker that dies
 * (out of memory, say) costs only the file it was on.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private fatal: Error | null = null;
  private closed = false;

  constructor(
    size: number,
    private readonly config: WorkerConfig,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  run(job: Job): Promise<Outcome> {
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
      // A library that prints would corrupt a summary on stdout: worker output is read and dropped.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, retired: false, current: null, timer: null, started: 0, lastError: null };
    this.slots.add(slot);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "result") this.settle(slot, message.result);
      else slot.ready = true;
      this.idle.push(slot);
      this.dispatch();
    });
    worker.on("error", (error) => {
      slot.lastError = error.message.split("\n")[0];
    });
    worker.on("exit", () => this.exited(slot));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const slot = this.idle.shift()!;
      const waiting = this.queue.shift()!;
      slot.current = waiting;
      slot.started = performance.now();
      slot.timer = setTimeout(() => this.timedOut(slot), this.timeoutMs);
      slot.worker.postMessage(waiting.job);
    }
  }

  private settle(slot: Slot, outcome: Outcome): void {
    const waiting = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.current = null;
    slot.timer = null;
    waiting?.resolve(outcome);
  }

  private timedOut(slot: Slot): void {
    const id = slot.current!.job.id;
    this.retire(slot);
    void slot.worker.terminate();
    this.settle(slot, { id, ok: false, code: "timeout", message: `took longer than ${this.timeoutMs / 1000} s; stopped`, ms: this.timeoutMs });
    this.spawn();
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    this.slots.delete(slot);
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
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
    if (slot.current) {
      const id = slot.current.job.id;
      this.settle(slot, { id, ok: false, code: "worker-crashed", message: `the worker stopped (${slot.lastError ?? "exited"})`, ms: Math.round(performance.now() - slot.started) });
    }
    if (!this.closed) this.spawn();
  }
}
