import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";

/** Messages between the batch and its worker threads. */

export const OUTPUT_FORMATS = ["json", "yaml", "xlsx", "docx"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface WorkerConfig {
  /** The per-file output, or null when only the combined workbook is wanted. */
  format: OutputFormat | null;
  /** Send the ledger back (for --combine): costs a structured clone per file. */
  withLedger: boolean;
  /** Send the warnings and errors back (for annotations). */
  withDiagnostics: boolean;
  /** The --units file's text, parsed once per worker. */
  unitsText: string | null;
}

export interface Job {
  id: number;
  /** Where to read the file. */
  real: string;
  /** The path recorded in the ledger. */
  path: string;
}

export interface Counts {
  tasks: number;
  warnings: number;
  errors: number;
}

export type JobResult =
  | ({ id: number; ok: true; data: Uint8Array | null; diagnostics: Diagnostic[]; ledger: Ledger | null; ms: number } & Counts)
  | { id: number; ok: false; code: string; message: string; ms: number };

export type WorkerMessage = { type: "ready" } | { type: "result"; result: JobResult };
