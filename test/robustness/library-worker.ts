import { isDeepStrictEqual } from "node:util";
import type { MessagePort } from "node:worker_threads";
import { LedgerInputError } from "../../src/errors.js";
import { parseBuffer, parseFile } from "../../src/ledger.js";
import { Ledger } from "../../src/model/ledger.js";

/**
 * The library side of the robustness suite, run in a worker thread (see harness.ts) so that an
 * input that hangs or exhausts memory costs only its worker: parse one input, validate the ledger
 * against the zod model, and answer with a plain outcome.
 */

export interface LibraryJob {
  id: number;
  /** The path recorded in the ledger (and used to pick the importer by extension). */
  name: string;
  /** The bytes, or a file on disk to read with parseFile (for inputs too large to pass around). */
  bytes?: Uint8Array;
  file?: string;
  /** Text the ledger must not contain (a leaked file, an expanded entity). */
  mustNotContain?: string;
}

export type LibraryOutcome =
  | { id: number; status: "ok"; tasks: number; diagnostics: number; ms: number; leaked: boolean }
  | { id: number; status: "refused"; code: string; message: string; ms: number }
  | { id: number; status: "invalid"; message: string; ms: number }
  | { id: number; status: "crash"; message: string; ms: number };

function countTasks(tasks: readonly { children: readonly unknown[] }[]): number {
  let count = 0;
  const stack = [...tasks];
  while (stack.length > 0) {
    const task = stack.pop()!;
    count++;
    for (const child of task.children) stack.push(child as { children: readonly unknown[] });
  }
  return count;
}

export async function handle(job: LibraryJob): Promise<LibraryOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let ledger: unknown;
  try {
    ledger = job.file !== undefined ? await parseFile(job.file) : await parseBuffer(job.bytes!, { path: job.name });
  } catch (error) {
    if (error instanceof LedgerInputError) return { id: job.id, status: "refused", code: error.code, message: error.message, ms: ms() };
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
    return { id: job.id, status: "crash", message: message.slice(0, 2000), ms: ms() };
  }
  const elapsed = ms();
  const checked = Ledger.safeParse(ledger);
  if (!checked.success) return { id: job.id, status: "invalid", message: checked.error.message.slice(0, 2000), ms: elapsed };
  // The JSON contract: what validates must also survive serialisation unchanged (key order aside).
  const json = JSON.stringify(ledger);
  const reread: unknown = JSON.parse(json);
  if (!isDeepStrictEqual(Ledger.parse(reread), reread)) return { id: job.id, status: "invalid", message: "JSON round trip changed the ledger", ms: elapsed };
  const valid = checked.data;
  const leaked = job.mustNotContain !== undefined && json.includes(job.mustNotContain);
  return { id: job.id, status: "ok", tasks: countTasks(valid.tasks), diagnostics: valid.diagnostics.length, ms: elapsed, leaked };
}

export function serve(port: MessagePort): void {
  port.on("message", (job: LibraryJob) => {
    void handle(job).then((outcome) => port.postMessage(outcome));
  });
  port.postMessage({ ready: true });
}
