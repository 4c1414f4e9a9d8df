import { parentPort, workerData } from "node:worker_threads";
import { LedgerInputError } from "../errors.js";
import { walkTasks } from "../exporters/flatten.js";
import { importBytes } from "../importers/index.js";
import { parseBuffer } from "../ledger.js";
import type { BlockDocument } from "../model/blocks.js";
import type { Ledger } from "../model/ledger.js";
import type { UnitAliases } from "../parse/units.js";
import { readAnyFile, readUnitsFile } from "./input.js";
import type { GuardedJob, GuardedReply, RenderFormat } from "./guarded.js";

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
    // The review page shows the notice's text beside the ledger: the blocks parseBuffer read it from, read again.
    const blocks = job.format === "html" ? await importBytes(bytes, job.path, job.reader) : null;
    const tasks = [...walkTasks(ledger)].length;
    return { ok: true, diagnostics: ledger.diagnostics, tasks, data: job.format === null ? null : await render(ledger, job.format, blocks) };
  } catch (error) {
    // readUnitsFile names the file itself; the main thread names it for every other error.
    const inputError = error instanceof LedgerInputError ? error : (error as { inputError?: unknown }).inputError;
    if (inputError instanceof LedgerInputError) return { ok: false, code: inputError.code, message: inputError.message };
    return { ok: false, code: "internal", message: (error instanceof Error ? error.message : String(error)).split("\n")[0] };
  }
}

async function aliasesOf(text: string): Promise<UnitAliases> {
  return (await import("../parse/units.js")).loadUnitAliases(text);
}

/** Each format's exporter is imported only when asked for: exceljs and docx are slow to load. */
async function render(ledger: Ledger, format: RenderFormat, blocks: BlockDocument | null): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return (await import("../exporters/json.js")).toJson(ledger);
    case "yaml":
      return (await import("../exporters/yaml.js")).toYaml(ledger);
    case "xlsx":
      return (await import("../exporters/xlsx.js")).toXlsx(ledger);
    case "docx":
      return (await import("../exporters/docx.js")).toDocx(ledger);
    case "html":
      return (await import("../exporters/review-html.js")).toReviewHtml(ledger, blocks ? { blocks } : {});
    case "csv":
      return (await import("../exporters/csv.js")).toCsv(ledger);
    case "ndjson":
      return (await import("../exporters/ndjson.js")).toNdjson(ledger);
    case "ics":
      return (await import("../exporters/ics.js")).toIcs(ledger);
  }
}
