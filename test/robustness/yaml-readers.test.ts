import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { toYaml } from "../../src/exporters/yaml.js";
import { parseText } from "../../src/ledger.js";

/**
 * YAML that every reader takes: DEL, C1 controls, NEL, U+2028/2029, the BOM, U+FFFE/FFFF and tabs
 * from a notice are written as escapes, checked with an independent YAML 1.1 reader (PyYAML) and
 * read back identically by the yaml package (1.2). Issue 16.
 */

const ODD = ["\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\t", "\u001b", "\u202e"];

const pyyaml = spawnSync("python3", ["-c", "import yaml"]).status === 0;

async function hostileLedger() {
  const lines = ["关于印发2021年政务公开工作要点的通知", ...ODD.map((c, i) => `${i + 1}. 推进${c}政务公开${c}工作（区政府办${c}牵头）`)];
  return parseText(lines.join("\n"), { path: "odd\u007f.txt" });
}

describe("YAML with characters YAML 1.1 readers refuse", () => {
  it("escapes them, so the yaml package reads back the same ledger", async () => {
    const ledger = await hostileLedger();
    const text = toYaml(ledger);
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
    expect(parseYaml(text, { version: "1.1" })).toEqual(JSON.parse(JSON.stringify(ledger)));
    expect(parseYaml(text)).toEqual(JSON.parse(JSON.stringify(ledger)));
  });

  it.skipIf(!pyyaml)("is read by PyYAML (YAML 1.1) as the same ledger", async () => {
    const ledger = await hostileLedger();
    const run = spawnSync("python3", ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.buffer.read().decode('utf-8')), ensure_ascii=True))"], { input: toYaml(ledger) });
    expect(run.stderr.toString()).toBe("");
    expect(JSON.parse(run.stdout.toString())).toEqual(JSON.parse(JSON.stringify(ledger)));
  });
});
