import type { Ledger } from "../model/ledger.js";
import { flatRecords } from "./flat-record.js";

/** One leaf task per line (see FlatRecord): for jq, DuckDB, pandas, without recursing into children. */
export function toNdjson(ledger: Ledger): string {
  return flatRecords(ledger)
    .map((record) => JSON.stringify(record) + "\n")
    .join("");
}
