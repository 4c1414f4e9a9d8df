import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Ledger, Task } from "../../src/model/ledger.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
/** Fixture name → the seed it was copied from (the gold ledgers in ../shared/eval are named by seed). */
export const SEEDS: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, "seeds.json"), "utf8"));

/** Every notice fixture (not the builder's data files), as paths relative to the repository. */
export function noticeFixtures(): string[] {
  const list = (dir: string): string[] =>
    readdirSync(join(FIXTURES, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) return rel === "src" ? [] : list(rel);
      // SOURCES.md beside collected notices says where they come from; it is no notice.
      return /\.(txt|docx|md)$/.test(e.name) && e.name !== "SOURCES.md" ? [`fixtures/${rel}`] : [];
    });
  return list("").sort();
}

export interface TaskSummary {
  id: string;
  level: number;
  label: string | null;
  title: string;
  lead: string[];
  responsible: string[];
  deadline: Task["deadline"];
}

/** The fields two imports of the same notice must agree on (positions and whitespace aside). */
export function summarise(ledger: Ledger): { document: Ledger["document"]; tasks: TaskSummary[] } {
  const out: TaskSummary[] = [];
  const walk = (tasks: Task[]) =>
    tasks.forEach((t) => {
      out.push({ id: t.id, level: t.level, label: t.label, title: t.title.replace(/\s+/g, ""), lead: t.lead, responsible: t.responsible, deadline: t.deadline });
      walk(t.children);
    });
  walk(ledger.tasks);
  return { document: ledger.document, tasks: out };
}
