import { stringify } from "yaml";
import type { Ledger } from "../model/ledger.js";

/**
 * The ledger contract as YAML: the JSON structure, Chinese as written. Quoting follows YAML 1.1
 * so that 1.1 readers (PyYAML, many CI tools) don't turn "2021-12-31" into a date or "on" into
 * a boolean; the result still reads back identically under YAML 1.2. No line folding: a long
 * Chinese sentence stays on one line. No anchors and aliases (&a1 / *a1) where the parser shares
 * one object between a task and a diagnostic: every value is written out where it belongs.
 */
export function toYaml(ledger: Ledger): string {
  return stringify(ledger, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}
