import type { BlockDocument } from "../../src/model/blocks.js";
import type { Ledger, Owner, Task } from "../../src/model/ledger.js";

/**
 * A ledger made of given texts, for property tests of the views: one top-level task per title, each
 * read from its own paragraph, led by the given unit, due on the given date. No parser in between,
 * so any string (markup, quotes, control characters, lone surrogates) reaches the exporters as is.
 */
export function syntheticLedger(titles: readonly string[], unit: string, due: string | null): { ledger: Ledger; blocks: BlockDocument } {
  const owner: Owner = { name: unit, role: "lead", canonical: null, collective: false };
  const deadline = due === null ? null : { text: `${due}前`, due, kind: "date" as const };
  const tasks: Task[] = titles.map((title, i) => ({
    id: String(i + 1),
    level: 1,
    label: `${i + 1}.`,
    ordinal: i + 1,
    title,
    text: title,
    lead: [unit],
    responsible: [],
    owners: [owner],
    ownersText: unit,
    ownersInherited: false,
    deadline,
    effective: { owners: { owners: [owner], inherited: false, from: null }, deadline: { deadline, inherited: false, from: null } },
    source: { line: i + 2 },
    children: [],
  }));
  const ledger: Ledger = {
    schemaVersion: 1,
    source: { path: "synthetic.txt", format: "txt", sha256: "a".repeat(64) },
    document: { title: titles[0] ?? null, noticeTitle: null, docNumber: null, issuer: null, issuedDate: null, year: 2021, recipients: [], signer: null },
    tasks,
    diagnostics: titles.map((title, i) => ({ severity: "warning" as const, code: "numbering-gap", message: title, source: { line: i + 2 }, taskId: String(i + 1) })),
  };
  const blocks: BlockDocument = {
    format: "txt",
    encoding: "utf-8",
    blocks: titles.map((title, i) => ({ type: "paragraph" as const, text: title, label: null, style: null, headingLevel: null, source: { line: i + 2 } })),
    diagnostics: [],
  };
  return { ledger, blocks };
}
