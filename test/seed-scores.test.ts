import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFile } from "../src/ledger.js";
import { FIXTURES, SEEDS } from "./helpers/fixtures.js";

/** The hand-made gold ledgers live beside the checkout (../shared/eval), in CI too; elsewhere this is skipped. */
const EVAL = join(import.meta.dirname, "..", "..", "shared", "eval");
const available = existsSync(join(EVAL, "score.py"));

/** Thresholds of the parser and owners/deadlines issues, for every seed. */
const THRESHOLDS = {
  task_f1: 0.98,
  level_acc: 0.98,
  label_acc: 0.98,
  title_exact: 0.9,
  meta_acc: 0.9,
  unit_f1: 0.95,
  role_f1: 0.9,
  deadline_f1: 0.9,
};

describe.skipIf(!available)("seed scoreboard against the gold ledgers", () => {
  const out = mkdtempSync(join(tmpdir(), "ledger-score-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(["txt", "docx"])("every seed as .%s meets the thresholds", async (ext) => {
    const dir = join(out, ext);
    execFileSync("mkdir", ["-p", dir]);
    for (const [name, stem] of Object.entries(SEEDS)) {
      writeFileSync(join(dir, `${stem}.json`), JSON.stringify(await parseFile(join(FIXTURES, `${name}.${ext}`))));
    }
    const report = JSON.parse(
      execFileSync("python3", [join(EVAL, "score.py"), "--dir", join(EVAL, "gold"), dir, "--json"], { encoding: "utf8" }),
    ) as { scores: Record<string, Record<string, number>> };
    for (const [doc, scores] of Object.entries(report.scores)) {
      for (const [metric, min] of Object.entries(THRESHOLDS)) {
        expect(scores[metric], `${doc} ${metric}`).toBeGreaterThanOrEqual(min);
      }
    }
  });
});
