import { stringify } from "csv-stringify/sync";
import type { Ledger } from "../model/ledger.js";
import type { SourcePosition } from "../model/position.js";
import { flatRecords, type FlatRecord } from "./flat-record.js";

/**
 * One leaf task per row (the NDJSON fields, flattened): the ancestors' titles one column per level,
 * lists joined with "、", the source position one column per coordinate. UTF-8 with a byte order
 * mark, CRLF line ends: what Excel needs to open Chinese text by double-click.
 */

const SOURCE_FIELDS = ["line", "page", "sheet", "table", "row", "col"] as const satisfies readonly (keyof SourcePosition)[];

export function toCsv(ledger: Ledger): string {
  const records = flatRecords(ledger);
  const depth = Math.max(0, ...records.map((r) => r.ancestors.length));
  const ancestorColumns = Array.from({ length: depth }, (_, i) => `ancestor${i + 1}`);
  const header = [
    "file",
    "id",
    "label",
    ...ancestorColumns,
    "title",
    "text",
    "lead",
    "responsible",
    "collective",
    "ownersInherited",
    "ownersFrom",
    "deadline",
    "due",
    "kind",
    "deadlineInherited",
    "deadlineFrom",
    ...SOURCE_FIELDS,
    "diagnostics",
  ];
  const rows = records.map((r) => [
    r.file ?? "",
    r.id,
    r.label ?? "",
    ...Array.from({ length: depth }, (_, i) => r.ancestors[i]?.title ?? ""),
    r.title,
    r.text,
    r.lead.join("、"),
    r.responsible.join("、"),
    r.collective.join("、"),
    String(r.ownersInherited),
    r.ownersFrom ?? "",
    r.deadline ?? "",
    r.due ?? "",
    r.kind ?? "",
    String(r.deadlineInherited),
    r.deadlineFrom ?? "",
    ...SOURCE_FIELDS.map((field) => sourceField(r, field)),
    r.diagnostics.join(" "),
  ]);
  return (
    "\uFEFF" +
    stringify([header, ...rows.map((row) => row.map(inert))], {
      record_delimiter: "\r\n",
      // csv-stringify quotes a field holding the record delimiter, not one holding a bare line break,
      // which Excel and LibreOffice would take for the end of the row.
      quoted_match: /[\r\n]/,
    })
  );
}

function sourceField(record: FlatRecord, field: (typeof SOURCE_FIELDS)[number]): string {
  const value = record.source[field];
  return value === undefined ? "" : String(value);
}

/**
 * Excel runs a cell starting with = + - @ (or a tab or CR before one) as a formula: a hostile notice
 * could make the sheet fetch a URL. Such cells get a leading apostrophe, as OWASP recommends.
 */
export function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
