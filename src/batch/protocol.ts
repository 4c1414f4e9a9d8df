import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger } from "../model/ledger.js";
import type { ImportOptions } from "../importers/index.js";

/** Messages between the batch and its worker threads. */

export const OUTPUT_FORMATS = ["json", "yaml", "xlsx", "docx", "csv", "ndjson"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface WorkerConfig {
  /** The per-file output, or null when only the combined workbook is wanted. */
  format: OutputFormat | null;
  /** The output folder's real path (null with `format` null): the workers write the files themselves. */
  outReal: string | null;
  /** Send the ledger back (for --combine): costs a structured clone per file. */
  withLedger: boolean;
  /** Send the warnings and errors back (for annotations). */
  withDiagnostics: boolean;
  /** With them, the infos too (--verbose). */
  withInfos: boolean;
  /** The --units file's text, parsed once per worker. */
  unitsText: string | null;
  /** --from and --via. */
  reader?: ImportOptions;
}

export interface Job {
  id: number;
  /** Where to read the file. */
  real: string;
  /** The path recorded in the ledger. */
  path: string;
  /** Where to write the output, "/"-separated, relative to the output folder. */
  output: string | null;
  /** Names the temp file of the write (OutputFolder.tempFor). */
  tag: string;
  /** Skip the file if it is a 台账 ledger wrote (found by walking a folder, not named by the user). */
  skipLedgerOutput: boolean;
}

interface Counts {
  tasks: number;
  warnings: number;
  errors: number;
}

export type JobResult =
  | ({ id: number; ok: true; diagnostics: Diagnostic[]; ledger: Ledger | null; ms: number } & Counts)
  | { id: number; ok: false; code: string; message: string; ms: number; /** Not converted on purpose (a 台账 ledger wrote). */ skipped?: true };

export type WorkerMessage = { type: "ready" } | { type: "result"; result: JobResult };
