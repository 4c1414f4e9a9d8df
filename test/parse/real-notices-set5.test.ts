import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFile } from "../../src/ledger.js";

/** Set 5 of the real notices (fixtures/real/set5/SOURCES.md): ten notices the rules were not tuned on, gold by hand. */
const SET = join(import.meta.dirname, "..", "..", "fixtures", "real", "set5");
const EVAL = join(import.meta.dirname, "..", "..", "..", "shared", "eval");
const notices = readdirSync(SET).filter((f) => f.endsWith(".txt")).sort();

describe.skipIf(!existsSync(join(EVAL, "score.py")))("real notices, set 5, against their gold", () => {
  const out = mkdtempSync(join(tmpdir(), "ledger-set5-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("score at least as well as at the first look", async () => {
    for (const name of notices) writeFileSync(join(out, name.replace(/\.txt$/, ".json")), JSON.stringify(await parseFile(join(SET, name))));
    const report = JSON.parse(execFileSync("python3", [join(EVAL, "score.py"), "--dir", join(SET, "gold"), out, "--json"], { encoding: "utf8" })) as {
      scores: Record<string, Record<string, number>>;
    };
    expect(notices).toHaveLength(10);
    // First look (gold written before the parser ran; one gold fix, 按月公开 → recurring, per the seed convention):
    // task 1.0, unit 0.9483, role 0.9483, deadline 0.8571, metadata 0.9333 (51 tasks).
    const total = report.scores.ALL;
    expect(total.task_f1).toBeGreaterThanOrEqual(1);
    expect(total.unit_f1).toBeGreaterThanOrEqual(0.94);
    expect(total.role_f1).toBeGreaterThanOrEqual(0.94);
    expect(total.deadline_f1).toBeGreaterThanOrEqual(0.85);
    expect(total.meta_acc).toBeGreaterThanOrEqual(0.93);
  });
});
