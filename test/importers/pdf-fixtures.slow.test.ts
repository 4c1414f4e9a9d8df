import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/index.js";
import type { Ledger, Task } from "../../src/model/ledger.js";

/**
 * The PDF fixtures are LibreOffice exports of the .docx fixtures (scripts/build-pdf-fixtures.ts):
 * read from the PDF, each notice gives the ledger its Word file gives, task for task (labels,
 * levels, titles, owners, deadlines, effective owners and deadlines) and in its metadata. Source
 * positions differ by nature (page and line against paragraph ordinals) and are not compared.
 */

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const PDFS = readdirSync(join(FIXTURES, "pdf"))
  .filter((name) => name.endsWith(".pdf") && !name.startsWith("encrypted-"))
  .sort();

function flatten(tasks: readonly Task[], out: Task[] = []): Task[] {
  for (const task of tasks) {
    out.push(task);
    flatten(task.children, out);
  }
  return out;
}

const comparable = (ledger: Ledger) =>
  flatten(ledger.tasks).map((task) => ({
    id: task.id,
    level: task.level,
    label: task.label,
    ordinal: task.ordinal,
    title: task.title,
    lead: task.lead,
    responsible: task.responsible,
    // A Word cell may open with an empty paragraph; the PDF shows no such thing.
    ownersText: task.ownersText?.trim() ?? null,
    deadline: task.deadline,
    effectiveOwners: task.effective.owners.owners.map((owner) => owner.name),
    effectiveDeadline: task.effective.deadline.deadline?.text ?? null,
  }));

describe("PDF exports of the Word fixtures", () => {
  it("covers every .docx fixture", () => {
    const docx = readdirSync(FIXTURES).filter((name) => name.endsWith(".docx"));
    expect(PDFS.map((name) => name.replace(/\.pdf$/, ""))).toEqual(docx.map((name) => name.replace(/\.docx$/, "")).sort());
  });

  for (const name of PDFS) {
    it(`${name} gives the same ledger as its .docx`, async () => {
      const fromWord = await parseFile(join(FIXTURES, name.replace(/\.pdf$/, ".docx")));
      const fromPdf = await parseFile(join(FIXTURES, "pdf", name));
      expect(fromPdf.source.format).toBe("pdf");
      expect(flatten(fromPdf.tasks).length).toBeGreaterThan(10);
      expect(comparable(fromPdf)).toEqual(comparable(fromWord));
      expect(fromPdf.document).toEqual(fromWord.document);
      // Every task points at its page and line.
      for (const task of flatten(fromPdf.tasks)) expect(task.source.page).toBeGreaterThanOrEqual(1);
    });
  }
});
