import type { Ledger } from "../model/ledger.js";

/** The ledger contract as JSON: 2-space indent, characters as written (JSON.stringify never escapes CJK). */
export function toJson(ledger: Ledger): string {
  return JSON.stringify(ledger, null, 2) + "\n";
}
