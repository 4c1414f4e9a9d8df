import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { LedgerInputError } from "../errors.js";
import { toJson } from "../exporters/json.js";
import { MAX_INPUT_BYTES } from "../importers/index.js";
import { LIMIT_MESSAGES } from "../importers/limits.js";
import { describeFsError, parseBuffer } from "../ledger.js";
import type { Ledger, Task } from "../model/ledger.js";
import { OutputFolder, OutputWriteError } from "./outputs.js";
import type { Job, JobResult, OutputFormat, WorkerConfig, WorkerMessage } from "./protocol.js";

/**
 * A batch worker: reads, parses, renders and writes one file per message, and answers with a few
 * numbers (the output never crosses threads). It imports only the text path up front; mammoth,
 * exceljs and docx load on the first file that needs them.
 */

const config = workerData as WorkerConfig;
const port = parentPort!;
const aliases = config.unitsText === null ? null : (await import("../parse/units.js")).loadUnitAliases(config.unitsText);
const out = config.outReal === null ? null : new OutputFolder(config.outReal);

// One file at a time, in the order posted: the pool times the first of them.
let previous: Promise<void> = Promise.resolve();
port.on("message", (job: Job) => {
  previous = previous.then(async () => port.postMessage({ type: "result", result: await convert(job) } satisfies WorkerMessage));
});
port.postMessage({ type: "ready" } satisfies WorkerMessage);

async function convert(job: Job): Promise<JobResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const bytes = readFileInWorker(job.real);
    if (job.skipLedgerOutput && (await isLedgerOutputBytes(bytes))) {
      return { id: job.id, ok: false, skipped: true, code: "ledger-output", message: "is a 台账 written by ledger (an earlier output), not a notice; skipped", ms: ms() };
    }
    const ledger = await parseBuffer(bytes, { path: job.path, aliases, ...config.reader });
    if (out !== null && config.format !== null && job.output !== null) {
      out.write(job.output, await render(ledger, config.format), job.tag);
    }
    let warnings = 0;
    let errors = 0;
    for (const d of ledger.diagnostics) {
      if (d.severity === "warning") warnings++;
      else if (d.severity === "error") errors++;
    }
    return {
      id: job.id,
      ok: true,
      tasks: countTasks(ledger.tasks),
      warnings,
      errors,
      diagnostics: config.withDiagnostics ? ledger.diagnostics.filter((d) => config.withInfos || d.severity !== "info") : [],
      ledger: config.withLedger ? ledger : null,
      ms: ms(),
    };
  } catch (error) {
    if (error instanceof LedgerInputError) return { id: job.id, ok: false, code: error.code, message: error.message, ms: ms() };
    if (error instanceof OutputWriteError) return { id: job.id, ok: false, code: error.code, message: `cannot write its output: ${error.message}`, ms: ms() };
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    return { id: job.id, ok: false, code: "internal", message: `internal error: ${reason}`, ms: ms() };
  }
}

/**
 * The input, read synchronously: blocking costs nothing in a worker, and the async path would
 * take four round trips through libuv's thread pool (open, stat, read, close), which every worker
 * and the main thread share, per file. Same size limit and messages as readInput.
 */
function readFileInWorker(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new LedgerInputError("unreadable", describeFsError(error));
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) throw new LedgerInputError("too-large", LIMIT_MESSAGES.inputBytes());
    const bytes = Buffer.allocUnsafeSlow(size);
    let read = 0;
    for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, bytes, read, size - read, read);
    return bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof LedgerInputError) throw error;
    throw new LedgerInputError("unreadable", describeFsError(error));
  } finally {
    closeSync(fd);
  }
}

/** A 台账 ledger wrote (its marker in a zip package); the reader (fflate) loads only for zips. */
async function isLedgerOutputBytes(bytes: Uint8Array): Promise<boolean> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  return (await import("../importers/ledger-sheet.js")).isLedgerOutput(bytes);
}

async function render(ledger: Ledger, format: OutputFormat): Promise<Uint8Array> {
  switch (format) {
    case "json":
      return utf8(toJson(ledger));
    case "yaml":
      return utf8((await import("../exporters/yaml.js")).toYaml(ledger));
    case "xlsx":
      return (await import("../exporters/xlsx.js")).toXlsx(ledger);
    case "docx":
      return (await import("../exporters/docx.js")).toDocx(ledger);
    case "csv":
      return utf8((await import("../exporters/csv.js")).toCsv(ledger));
    case "ndjson":
      return utf8((await import("../exporters/ndjson.js")).toNdjson(ledger));
  }
}

/** The largest text output whose UTF-8 the worker keeps a buffer for; a larger one gets a buffer of its own. */
const SCRATCH_MAX_BYTES = 4 << 20;
let scratch = new Uint8Array(1 << 20);
const encoder = new TextEncoder();

/**
 * A text output's UTF-8 bytes, encoded into a buffer the worker keeps: valid until the next call (the output is
 * written at once). A batch's ledgers are about 130 KB of JSON each, and a fresh UTF-16 copy and UTF-8 buffer per
 * file cost twice the time in a worker's small young generation. A lone surrogate (JSON never holds one) is
 * written as U+FFFD, as Buffer.from writes it.
 */
function utf8(text: string): Uint8Array {
  const worst = text.length * 3;
  if (worst > scratch.length && worst <= SCRATCH_MAX_BYTES) scratch = new Uint8Array(worst);
  const target = worst <= scratch.length ? scratch : new Uint8Array(worst);
  return target.subarray(0, encoder.encodeInto(text, target).written);
}

function countTasks(tasks: readonly Task[]): number {
  return tasks.reduce((sum, task) => sum + 1 + countTasks(task.children), 0);
}
