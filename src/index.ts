/**
 * The library API: read a notice into a ledger, and write a ledger out. Importing it loads almost
 * nothing (no zod, mammoth, exceljs or docx): each function loads the part of the pipeline it needs
 * on its first call. The stages themselves (importers, parser, zod models, the 台账 table) are in the
 * subpaths `zhengwu-ledger/importers`, `/parse`, `/model`, `/schema`, `/exporters` and `/ops`.
 */
import type { DocxOptions } from "./exporters/docx.js";
import type { ReviewOptions } from "./exporters/review-html.js";
import type { XlsxOptions } from "./exporters/xlsx.js";
import type { LedgerOptions } from "./ledger.js";
import type { Ledger } from "./model/ledger.js";

export { LedgerInputError } from "./errors.js";
export { toJson } from "./exporters/json.js";
export { flattenTasks, walkTasks, type TaskVisit } from "./exporters/flatten.js";
export type { LedgerOptions } from "./ledger.js";
export type { XlsxOptions } from "./exporters/xlsx.js";
export type { DocxOptions } from "./exporters/docx.js";
export type { ReviewOptions } from "./exporters/review-html.js";
export type { UnitAliases } from "./parse/units.js";
export type { InputFormat } from "./model/blocks.js";
export type { Diagnostic, Severity } from "./model/diagnostics.js";
export type { SourcePosition } from "./model/position.js";
export type {
  Deadline,
  DeadlineKind,
  DocumentMeta,
  Effective,
  EffectiveDeadline,
  EffectiveOwners,
  Ledger,
  LedgerSource,
  Milestone,
  Owner,
  OwnerRole,
  Task,
} from "./model/ledger.js";

/** Reads a notice file (.docx, .txt in UTF-8/UTF-16/GB18030, .md) into a ledger. Rejects with a LedgerInputError when it cannot. */
export async function parseFile(path: string, options: Omit<LedgerOptions, "path"> = {}): Promise<Ledger> {
  return (await import("./ledger.js")).parseFile(path, options);
}

/** A notice's bytes, whatever the format (sniffed from the content; `options.path` is recorded and helps the sniffing). */
export async function parseBuffer(bytes: Uint8Array, options: LedgerOptions = {}): Promise<Ledger> {
  return (await import("./ledger.js")).parseBuffer(bytes, options);
}

/** A notice's text, already decoded. */
export async function parseText(text: string, options: LedgerOptions = {}): Promise<Ledger> {
  return (await import("./ledger.js")).parseText(text, options);
}

/** The ledger as YAML (YAML 1.1 quoting, Chinese as written). */
export async function toYaml(ledger: Ledger): Promise<string> {
  return (await import("./exporters/yaml.js")).toYaml(ledger);
}

/** The Excel 台账 (sheets 台账, 按单位, 诊断); several ledgers make one workbook with a 来源文件 column. */
export async function toXlsx(input: Ledger | readonly Ledger[], options: XlsxOptions = {}): Promise<Uint8Array> {
  return (await import("./exporters/xlsx.js")).toXlsx(input, options);
}

/** The Word 台账: the same table on landscape A4. */
export async function toDocx(ledger: Ledger, options: DocxOptions = {}): Promise<Uint8Array> {
  return (await import("./exporters/docx.js")).toDocx(ledger, options);
}

/** One CSV row per leaf task (UTF-8 with a byte order mark and CRLF, so that Excel opens the Chinese by double-click). */
export async function toCsv(ledger: Ledger): Promise<string> {
  return (await import("./exporters/csv.js")).toCsv(ledger);
}

/** One JSON object per leaf task per line, with its ancestors' titles: for jq, DuckDB, pandas. */
export async function toNdjson(ledger: Ledger): Promise<string> {
  return (await import("./exporters/ndjson.js")).toNdjson(ledger);
}

/** An iCalendar file of the tasks' deadlines (recurring ones as repeating events), for a calendar application. */
export async function toIcs(ledger: Ledger): Promise<string> {
  return (await import("./exporters/ics.js")).toIcs(ledger);
}

/** A self-contained HTML page to review a parse: each task beside the text it was read from. */
export async function toReviewHtml(ledger: Ledger, options: ReviewOptions = {}): Promise<string> {
  return (await import("./exporters/review-html.js")).toReviewHtml(ledger, options);
}
