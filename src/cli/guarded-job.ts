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

/** A format's exporter; `synchronous` when it renders without awaiting (xlsx and docx build their zips asynchronously). */
export interface Renderer {
  render: (ledger: Ledger, blocks: BlockDocument | null) => Rendered | Promise<Rendered>;
  synchronous: boolean;
}

/** Each format's exporter is imported only when asked for: exceljs and docx are slow to load. */
export async function rendererOf(format: RenderFormat): Promise<Renderer> {
  const now = (render: (ledger: Ledger, blocks: BlockDocument | null) => Rendered): Renderer => ({ render, synchronous: true });
  switch (format) {
    case "json": {
      const { toJson } = await import("../exporters/json.js");
      return now((ledger) => toJson(ledger));
    }
    case "yaml": {
      const { toYaml } = await import("../exporters/yaml.js");
      return now((ledger) => toYaml(ledger));
    }
    case "xlsx": {
      const { toXlsx } = await import("../exporters/xlsx.js");
      return { render: (ledger) => toXlsx(ledger), synchronous: false };
    }
    case "docx": {
      const { toDocx } = await import("../exporters/docx.js");
      return { render: (ledger) => toDocx(ledger), synchronous: false };
    }
    case "html": {
      // The review page shows the notice's text beside the ledger: the blocks it was read from.
      const { toReviewHtml } = await import("../exporters/review-html.js");
      return now((ledger, blocks) => toReviewHtml(ledger, blocks ? { blocks } : {}));
    }
    case "csv": {
      const { toCsv } = await import("../exporters/csv.js");
      return now((ledger) => toCsv(ledger));
    }
    case "ndjson": {
      const { toNdjson } = await import("../exporters/ndjson.js");
      return now((ledger) => toNdjson(ledger));
    }
    case "ics": {
      const { toIcs } = await import("../exporters/ics.js");
      return now((ledger) => toIcs(ledger));
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
