import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import type { FileResult } from "./run.js";

/** The machine-readable record of one file: one JSON object per line (NDJSON), in input order. */
function summaryLine(result: FileResult): string {
  const { path: file, status, tasks, warnings, errors, ms, output, code, error } = result;
  return JSON.stringify({ path: file, status, tasks, warnings, errors, ms, output, code, error }) + "\n";
}

/**
 * `--summary FILE|-`. A file is written to a temp name beside it as the batch goes and renamed at
 * the end, so a reader never sees half a summary; "-" streams to standard output.
 */
export class SummaryWriter {
  private constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly temp: string | null,
    private readonly target: string | null,
  ) {}

  static async open(target: string): Promise<SummaryWriter> {
    if (target === "-") return new SummaryWriter(process.stdout, null, null);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    const stream = createWriteStream(temp, { flags: "wx" });
    await new Promise<void>((resolve, reject) => stream.once("open", () => resolve()).once("error", reject));
    return new SummaryWriter(stream, temp, target);
  }

  write(result: FileResult): void {
    this.stream.write(summaryLine(result));
  }

  /** Finishes the file and puts it in place; with `keep` false (the batch broke off) removes it. */
  async close(keep = true): Promise<void> {
    if (this.temp === null || this.target === null) return;
    const stream = this.stream as WriteStream;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (keep) await rename(this.temp, this.target);
    else await rm(this.temp, { force: true });
  }
}
