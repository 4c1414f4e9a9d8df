import { parentPort, workerData } from "node:worker_threads";
import { importBytes } from "../importers/index.js";
import { parseBuffer } from "../ledger.js";
import type { UnitAliases } from "../parse/units.js";
import { readAnyFile, readUnitsFile } from "./input.js";
import { failedReply, parsedReply, rendererOf, type GuardedJob, type GuardedReply } from "./guarded-job.js";

/**
 * The thread `ledger parse` and `ledger check` do their work in: it reads the file (a FIFO may
 * block its open forever), parses it and renders the output, so that the main thread stays free
 * to stop it at the time limit, and V8 ends it, not the process, when it passes its heap limit.
 */

const port = parentPort!;
let aliases: UnitAliases | null = (workerData as { unitsText: string | null }).unitsText === null ? null : await aliasesOf((workerData as { unitsText: string }).unitsText);

port.on("message", (job: GuardedJob) => {
  void answer(job).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true });

async function answer(job: GuardedJob): Promise<GuardedReply> {
  try {
    if (job.kind === "units") {
      const units = await readUnitsFile(job.file);
      aliases = units.aliases;
      return { ok: true, diagnostics: [], tasks: 0, data: units.text };
    }
    const bytes = job.bytes ?? (await readAnyFile(job.file));
    const ledger = await parseBuffer(bytes, { path: job.path, aliases, ...job.reader });
    if (job.format === null) return parsedReply(ledger, null);
    // The review page shows the notice's text beside the ledger: the blocks parseBuffer read it from, read again.
    const blocks = job.format === "html" ? await importBytes(bytes, job.path, job.reader) : null;
    return parsedReply(ledger, await (await rendererOf(job.format))(ledger, blocks));
  } catch (error) {
    return failedReply(error);
  }
}

async function aliasesOf(text: string): Promise<UnitAliases> {
  return (await import("../parse/units.js")).loadUnitAliases(text);
}
