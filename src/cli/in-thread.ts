import { readFileSync, statSync } from "node:fs";
import { Script } from "node:vm";
import type { ImportOptions } from "../importers/index.js";
import { ASYNC_RENDER_FORMATS, failedReply, parsedReply, rendererOf, timeoutReply, type GuardedReply, type RenderFormat } from "./guarded-job.js";

/** The largest plain-text notice parsed on the CLI's own thread; notices are 2–30 KB. */
export const IN_THREAD_MAX_BYTES = 256 * 1024;

/**
 * `ledger parse` and `ledger check` on a small plain-text notice, on this thread: starting the parse worker
 * costs more than reading, parsing and rendering such a file. The guarantees stay those of the worker:
 * - the time limit is V8's own watchdog (vm's `timeout`), which stops synchronous code wherever it is, and
 *   reading, parsing and rendering plain text are synchronous from the bytes on;
 * - a regular file of this size is read at once (a FIFO or a device goes to the worker, which can be stopped
 *   while it waits), and standard input is already read;
 * - memory needs no limit of its own: every stage is linear in its input, and the input is small.
 * Null when the input is not such a notice (another format, 繁體 text, a larger or special file): the worker
 * then does the job.
 */
export async function parseInThread(file: string, bytes: Uint8Array | null, path: string | null, format: RenderFormat | null, reader: ImportOptions, timeoutMs: number): Promise<GuardedReply | null> {
  // An asynchronous exporter (exceljs, docx) would need the event loop under the time limit: the worker renders those.
  if (format !== null && ASYNC_RENDER_FORMATS.has(format)) return null;
  const input = bytes ?? smallRegularFile(file);
  if (input === null || input.length > IN_THREAD_MAX_BYTES) return null;
  // Module loading does not depend on the input: it happens before the time limit starts.
  const [{ parsePlainText }, render] = await Promise.all([import("../ledger.js"), format === null ? null : rendererOf(format)]);
  try {
    return withTimeLimit(timeoutMs, () => {
      const parsed = parsePlainText(input, { path, ...reader });
      if (parsed === null) return null;
      // Not an ASYNC_RENDER_FORMATS format: the exporter returns the text itself.
      return parsedReply(parsed.ledger, render === null ? null : (render(parsed.ledger, parsed.doc) as string | Uint8Array));
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return timeoutReply(timeoutMs);
    return failedReply(error);
  }
}

/** The file's bytes if it is a regular file of at most IN_THREAD_MAX_BYTES; null otherwise, or if it cannot be read (the worker reports why). */
function smallRegularFile(file: string): Uint8Array | null {
  try {
    const info = statSync(file);
    return info.isFile() && info.size <= IN_THREAD_MAX_BYTES ? readFileSync(file) : null;
  } catch {
    return null;
  }
}

/** vm's time limit holds for a script's run: the job is called from a one-line script, through a global slot. */
const SLOT = Symbol.for("zhengwu-ledger.in-thread-job");
const CALL_JOB = new Script(`globalThis[Symbol.for(${JSON.stringify(SLOT.description)})]()`);

function withTimeLimit<T>(timeoutMs: number, job: () => T): T {
  const global = globalThis as unknown as Record<symbol, () => T>;
  global[SLOT] = job;
  try {
    return CALL_JOB.runInThisContext({ timeout: timeoutMs }) as T;
  } finally {
    delete global[SLOT];
  }
}
