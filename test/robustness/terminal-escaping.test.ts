import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/cli/messages.js";
import { formatDiagnostics, formatGithubAnnotations } from "../../src/cli/report.js";
import { parseText } from "../../src/ledger.js";

/**
 * A notice cannot drive the user's terminal: the labels and titles that diagnostics quote reach
 * standard error (and annotations standard output) with C0/C1 controls, DEL and bidi overrides
 * escaped, as one-line errors already were. Issue 16.
 */

const plain = new Chalk({ level: 0 });
// ESC [ 2 J (clear screen), CSI as one C1 byte, BEL, DEL, a bidi override, an OSC title sequence.
const HOSTILE = ["\u001b[2J", "\u009b31m", "\u0007", "\u007f", "\u202e", "\u001b]0;owned\u0007"];
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("diagnostics on a terminal", () => {
  it("escape every control character a notice puts in a quoted label or title", async () => {
    // Gaps and duplicates make the parser quote each label in a warning.
    const text = ["关于印发工作要点的通知", "一、总体要求", ...HOSTILE.map((h, i) => `${i * 2 + 1}.推进${h}工作${h}（区政府办${h}牵头）`), `一、重复${HOSTILE[0]}`].join("\n");
    const ledger = await parseText(text, { path: `plan${HOSTILE[0]}.txt` });
    expect(ledger.diagnostics.some((d) => RAW.test(d.message))).toBe(true);
    const report = formatDiagnostics(`plan${HOSTILE[0]}.txt`, ledger.diagnostics, MESSAGES.en, plain);
    const annotations = formatGithubAnnotations("plan.txt", ledger.diagnostics);
    for (const line of [...report.split("\n"), ...annotations.split("\n")]) expect(line).not.toMatch(RAW);
    expect(report.split("\n").filter(Boolean)).toHaveLength(ledger.diagnostics.length);
  });

  it("keep messages as they are when there is nothing to escape", () => {
    const d = [{ severity: "warning" as const, code: "numbering-gap", message: "“5.” follows number 2; expected 3", source: { line: 52 }, taskId: "2.5" }];
    expect(formatDiagnostics("plan.txt", d, MESSAGES.en, plain)).toContain("“5.” follows number 2; expected 3");
  });
});
