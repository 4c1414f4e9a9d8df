import { Document, Scalar, visit } from "yaml";
import type { Ledger } from "../model/ledger.js";
import type { MergeResult } from "../model/ops.js";

/**
 * Characters that YAML 1.1 readers (PyYAML and others) refuse in a stream, or read back as
 * something else, when written as they are: DEL and the C1 controls, NEL and the line and
 * paragraph separators (line breaks in YAML 1.1), the byte order mark, the noncharacters U+FFFE
 * and U+FFFF, and the tab (not allowed in a plain scalar). The yaml package writes them raw.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/**
 * The ledger contract as YAML: the JSON structure, Chinese as written. Quoting follows YAML 1.1
 * so that 1.1 readers (PyYAML, many CI tools) don't turn "2021-12-31" into a date or "on" into
 * a boolean; the result still reads back identically under YAML 1.2. No line folding: a long
 * Chinese sentence stays on one line. No anchors and aliases (&a1 / *a1) where the parser shares
 * one object between a task and a diagnostic: every value is written out where it belongs.
 * A string holding an UNSAFE character is double-quoted with that character as a \uXXXX escape,
 * which every YAML reader, 1.1 or 1.2, reads back as the same character.
 */
export function toYaml(ledger: Ledger | MergeResult): string {
  const doc = new Document(ledger, { version: "1.1", aliasDuplicateObjects: false });
  let unsafe = false;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || !UNSAFE.test(node.value)) return;
      node.type = Scalar.QUOTE_DOUBLE;
      unsafe = true;
    },
  });
  const text = doc.toString({ lineWidth: 0 });
  // Every UNSAFE character left in the text is inside one of the double-quoted scalars above.
  return unsafe ? text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}
