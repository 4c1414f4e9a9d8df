import { LedgerInputError } from "../errors.js";
import { walkTasks } from "../exporters/flatten.js";
import type { ImportOptions } from "../importers/index.js";
import type { BlockDocument } from "../model/blocks.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";

/**
 * The job of `ledger parse` and `ledger check` for one file, wherever it runs: in the parse worker, or for a
 * small plain-text notice on the CLI's own thread (in-thread.ts). Both answer with the same reply.
 */

export type RenderFormat = "json" | "yaml" | "xlsx" | "docx" | "html" | "csv" | "ndjson" | "ics";

/** What the worker is asked: read and check the units file, or read (unless given the bytes), parse and render. */
export type GuardedJob =
  | { kind: "units"; file: string }
  | { kind: "parse"; file: string; bytes: Uint8Array | null; path: string | null; format: RenderFormat | null; reader: ImportOptions };

export type GuardedReply = { ok: true; diagnostics: Diagnostic[]; tasks: number; data: string | Uint8Array | null } | { ok: false; code: string; message: string };

type Rendered = string | Uint8Array;

/** The formats whose exporters render asynchronously: xlsx and docx build their zips with libraries that await. */
export const ASYNC_RENDER_FORMATS: ReadonlySet<RenderFormat> = new Set(["xlsx", "docx"]);

/** A format's exporter: a string or bytes, or a promise of them for the formats in ASYNC_RENDER_FORMATS. */
export type Render = (ledger: Ledger, blocks: BlockDocument | null) => Rendered | Promise<Rendered>;

/** Each format's exporter is imported only when asked for: exceljs and docx are slow to load. */
export async function rendererOf(format: RenderFormat): Promise<Render> {
  switch (format) {
    case "json": {
      const { toJson } = await import("../exporters/json.js");
      return (ledger) => toJson(ledger);
    }
    case "yaml": {
      const { toYaml } = await import("../exporters/yaml.js");
      return (ledger) => toYaml(ledger);
    }
    case "xlsx": {
      const { toXlsx } = await import("../exporters/xlsx.js");
      return (ledger) => toXlsx(ledger);
    }
    case "docx": {
      const { toDocx } = await import("../exporters/docx.js");
      return (ledger) => toDocx(ledger);
    }
    case "html": {
      // The review page shows the notice's text beside the ledger: the blocks it was read from.
      const { toReviewHtml } = await import("../exporters/review-html.js");
      return (ledger, blocks) => toReviewHtml(ledger, blocks ? { blocks } : {});
    }
    case "csv": {
      const { toCsv } = await import("../exporters/csv.js");
      return (ledger) => toCsv(ledger);
    }
    case "ndjson": {
      const { toNdjson } = await import("../exporters/ndjson.js");
      return (ledger) => toNdjson(ledger);
    }
    case "ics": {
      const { toIcs } = await import("../exporters/ics.js");
      return (ledger) => toIcs(ledger);
    }
  }
}

/** The reply for a parsed ledger. */
export function parsedReply(ledger: Ledger, data: Rendered | null): GuardedReply {
  return { ok: true, diagnostics: ledger.diagnostics, tasks: [...walkTasks(ledger)].length, data };
}

/** The reply for a job that threw: an input error's code and line, else `internal` with the first line. */
export function failedReply(error: unknown): GuardedReply {
  // readUnitsFile names the file itself; the main thread names it for every other error.
  const inputError = error instanceof LedgerInputError ? error : (error as { inputError?: unknown }).inputError;
  if (inputError instanceof LedgerInputError) return { ok: false, code: inputError.code, message: inputError.message };
  return { ok: false, code: "internal", message: (error instanceof Error ? error.message : String(error)).split("\n")[0] };
}

/** The reply for a job stopped at the time limit. */
export function timeoutReply(timeoutMs: number): GuardedReply {
  return { ok: false, code: "timeout", message: `took longer than ${timeoutMs / 1000} s; stopped` };
}
