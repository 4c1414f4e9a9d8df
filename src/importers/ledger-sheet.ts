import { hash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { LedgerInputError } from "../errors.js";
import type { Table } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Ledger, Task } from "../model/ledger.js";
import { EmbeddedLedger, LEDGER_DATA, LEDGER_OUTPUT_TAG } from "../model/ops.js";
import { loadWorkbook, sheetBlocks } from "./xlsx.js";

/**
 * The 台账 ledger wrote (Excel or Word), recognised by its marker: the schema tag in the core
 * "description" property and the ledger embedded beside the table (a very hidden sheet in Excel, a custom
 * XML part in Word). Reading it back gives that ledger exactly, with what the units wrote in 进展情况 and
 * 备注; the visible rows are read too, for `ledger merge`.
 */


/** A 台账 row as a unit returns it: by header, whatever the column order. */
export interface LedgerRow {
  /** 任务编号; "" when the unit cleared it or added the row. */
  id: string;
  /** The level columns (重点任务, 具体任务…) top down, and 工作内容. */
  headings: string[];
  content: string;
  lead: string;
  responsible: string;
  deadline: string;
  progress: string;
  remarks: string;
  /** 1-based row in the sheet or table, for messages. */
  line: number;
}

export interface LedgerOutput {
  format: "xlsx" | "docx";
  /** Null when the marker is there but the embedded ledger is missing or damaged. */
  embedded: EmbeddedLedger | null;
  /** The unit a split 台账 was written for (core "subject"). */
  unit: string | null;
  title: string | null;
  rows: LedgerRow[];
}

/** True for a .xlsx or .docx that ledger wrote (batch skips them: they are outputs, not notices). */
export function isLedgerOutput(bytes: Uint8Array): boolean {
  const core = zipEntry(bytes, "docProps/core.xml");
  return core !== null && core.includes(LEDGER_OUTPUT_TAG);
}

function zipEntry(bytes: Uint8Array, name: string): string | null {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  try {
    const files = unzipSync(bytes, { filter: (file) => file.name === name && file.originalSize < 64 * 1024 * 1024 });
    return files[name] ? strFromU8(files[name]) : null;
  } catch {
    return null;
  }
}

/** The 台账 ledger wrote, read back; null for any other file. */
export async function readLedgerOutput(bytes: Uint8Array): Promise<LedgerOutput | null> {
  if (!isLedgerOutput(bytes)) return null;
  if (zipEntry(bytes, "xl/workbook.xml") !== null) return readXlsxOutput(bytes);
  if (zipEntry(bytes, "word/document.xml") !== null) return readDocxOutput(bytes);
  return null;
}

async function readXlsxOutput(bytes: Uint8Array): Promise<LedgerOutput> {
  const workbook = await loadWorkbook(bytes);
  const data = workbook.getWorksheet(LEDGER_DATA.xlsxSheet);
  let json = "";
  data?.getColumn(1).eachCell({ includeEmpty: false }, (cell) => {
    json += typeof cell.value === "string" ? cell.value : "";
  });
  const sheet = workbook.getWorksheet("台账") ?? workbook.worksheets.find((s) => s.state === "visible");
  const table = sheet ? sheetBlocks(sheet).find((b): b is Table => b.type === "table") : undefined;
  return {
    format: "xlsx",
    embedded: parseEmbedded(json),
    unit: workbook.subject || null,
    title: workbook.title || null,
    rows: table ? ledgerRows(table) : [],
  };
}

async function readDocxOutput(bytes: Uint8Array): Promise<LedgerOutput> {
  const { importDocx } = await import("./docx.js");
  const doc = await importDocx(bytes);
  const table = doc.blocks.find((b): b is Table => b.type === "table");
  const part = zipEntry(bytes, LEDGER_DATA.docxPart);
  const json = part === null ? "" : unescapeXml(ledgerElementText(part));
  const core = zipEntry(bytes, "docProps/core.xml") ?? "";
  const property = (name: string) => {
    const value = new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(core)?.[1];
    return value ? unescapeXml(value) : null;
  };
  return { format: "docx", embedded: parseEmbedded(json), unit: property("dc:subject"), title: property("dc:title"), rows: table ? ledgerRows(table) : [] };
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (entity in named) return named[entity];
    const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

function parseEmbedded(json: string): EmbeddedLedger | null {
  if (json === "") return null;
  try {
    const result = EmbeddedLedger.safeParse(JSON.parse(json));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

const HEADERS = {
  id: ["任务编号"],
  content: ["工作内容", "具体任务内容", "任务内容"],
  lead: ["牵头单位"],
  responsible: ["责任单位", "配合单位"],
  deadline: ["完成时限", "完成时间"],
  progress: ["进展情况", "完成情况", "进展"],
  remarks: ["备注"],
} as const;
const LEVELS = /^(?:重点任务|具体任务|子任务|细项|第\d+级任务)$/;

/** The rows of a 台账 table, found by its header row (the first row naming 工作内容 and 任务编号). */
export function ledgerRows(table: Table): LedgerRow[] {
  const text = (r: number, c: number): string => {
    const slot = table.rows[r]?.[c];
    if (!slot) return "";
    if (slot.kind === "cell") return slot.text.trim();
    const origin = table.rows[slot.row]?.[slot.col];
    return origin?.kind === "cell" ? origin.text.trim() : "";
  };
  const headerRow = table.rows.findIndex((row, r) => {
    const names = row.map((_, c) => text(r, c));
    return names.some((n) => (HEADERS.id as readonly string[]).includes(n)) && names.some((n) => (HEADERS.content as readonly string[]).includes(n));
  });
  if (headerRow < 0) return [];
  const names = table.rows[headerRow].map((_, c) => text(headerRow, c));
  const column = (key: keyof typeof HEADERS) => names.findIndex((n) => (HEADERS[key] as readonly string[]).includes(n));
  const columns = Object.fromEntries(Object.keys(HEADERS).map((key) => [key, column(key as keyof typeof HEADERS)])) as Record<keyof typeof HEADERS, number>;
  const levels = names.flatMap((n, c) => (LEVELS.test(n) ? [c] : []));
  const rows: LedgerRow[] = [];
  for (let r = headerRow + 1; r < table.rows.length; r++) {
    const get = (c: number) => (c < 0 ? "" : text(r, c));
    const row: LedgerRow = {
      id: get(columns.id),
      headings: levels.map(get),
      content: get(columns.content),
      lead: get(columns.lead),
      responsible: get(columns.responsible),
      deadline: get(columns.deadline),
      progress: get(columns.progress),
      remarks: get(columns.remarks),
      line: table.rows[r][0]?.kind === "cell" ? (table.rows[r][0] as { source: { line: number } }).source.line : r + 1,
    };
    if (row.id || row.content || row.progress) rows.push(row);
  }
  return rows;
}

/**
 * The ledger a 台账 was written from, its source now the 台账 itself, with the units' 进展情况 and 备注 on
 * their tasks (matched by 任务编号).
 */
export function ledgerFromOutput(output: LedgerOutput, bytes: Uint8Array, path: string | null): Ledger {
  if (output.embedded === null) {
    throw new LedgerInputError("damaged-ledger-output", "is a 台账 written by ledger whose embedded ledger is missing or damaged; parse the notice it came from");
  }
  const { ledgers } = output.embedded;
  if (ledgers.length > 1) {
    throw new LedgerInputError("combined-ledger-output", `is a combined 台账 of ${ledgers.length} notices; parse the notices themselves, or use ledger merge or diff on it`);
  }
  const original = ledgers[0];
  const byId = new Map(output.rows.filter((row) => row.id !== "").map((row) => [row.id, row]));
  const diagnostics: Diagnostic[] = [...original.diagnostics];
  const known = new Set<string>();
  const fill = (task: Task): Task => {
    known.add(task.id);
    const row = byId.get(task.id);
    return {
      ...task,
      ...(row?.progress ? { progress: row.progress } : {}),
      ...(row?.remarks ? { remarks: row.remarks } : {}),
      children: task.children.map(fill),
    };
  };
  const tasks = original.tasks.map(fill);
  const strays = output.rows.filter((row) => row.id === "" || !known.has(row.id));
  if (strays.length > 0) {
    diagnostics.push(diagnostic("ledger-rows-unmatched", { count: strays.length }, { line: strays[0].line }));
  }
  return {
    ...original,
    source: { path, format: output.format, sha256: hash("sha256", bytes, "hex") },
    tasks,
    diagnostics,
  };
}

/** The text of the part's <ledger> element, found by index: a regex would rescan the part from every "<ledger". */
function ledgerElementText(part: string): string {
  const open = part.indexOf("<ledger");
  const start = open < 0 ? -1 : part.indexOf(">", open);
  const end = part.lastIndexOf("</ledger>");
  return start < 0 || end <= start ? "" : part.slice(start + 1, end);
}
