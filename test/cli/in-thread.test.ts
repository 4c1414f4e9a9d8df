import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toJson } from "../../src/exporters/json.js";
import { toYaml } from "../../src/exporters/yaml.js";
import { parseFile } from "../../src/ledger.js";
import { IN_THREAD_MAX_BYTES, parseInThread } from "../../src/cli/in-thread.js";
import { assertBuilt } from "../helpers/built.js";

/**
 * `ledger parse` and `check` parse a small plain-text notice on their own thread instead of the parse worker.
 * The answer must be the worker's answer (the library's ledger), under the same time limit; anything else
 * goes to the worker.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "fixtures");
const REAL = join(FIXTURES, "real");
const NOTICE = join(FIXTURES, "zhonglou-2018-plan.txt");
const MINUTE = 60_000;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "ledger-in-thread-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A plain-text notice of about `bytes` bytes: the fixture's items repeated. */
function noticeOf(bytes: number): string {
  const text = readFileSync(NOTICE, "utf8");
  return text.repeat(Math.ceil(bytes / Buffer.byteLength(text)));
}

describe("parseInThread", () => {
  const texts = [
    ...readdirSync(FIXTURES).filter((name) => name.endsWith(".txt")).map((name) => join(FIXTURES, name)),
    ...readdirSync(REAL).filter((name) => name.endsWith(".txt") && !name.includes(".trad.")).map((name) => join(REAL, name)),
  ];

  it.each(texts)("gives the library's ledger and diagnostics for %s", async (file) => {
    const reply = await parseInThread(file, null, file, "json", {}, MINUTE);
    const ledger = await parseFile(file);
    expect(reply).toEqual({ ok: true, diagnostics: ledger.diagnostics, tasks: expect.any(Number), data: toJson(ledger) });
  });

  it("renders the other synchronous formats and reads given bytes (standard input)", async () => {
    const bytes = readFileSync(NOTICE);
    const reply = await parseInThread("-", bytes, null, "yaml", {}, MINUTE);
    expect(reply?.ok && reply.data).toBe(toYaml(await parseFile(NOTICE).then((l) => ({ ...l, source: { ...l.source, path: null } }))));
    const check = await parseInThread(NOTICE, null, NOTICE, null, {}, MINUTE);
    expect(check?.ok && check.data).toBeNull();
  });

  it("stops at the time limit", async () => {
    const file = join(work, "long.txt");
    writeFileSync(file, noticeOf(IN_THREAD_MAX_BYTES - 10_000));
    expect(await parseInThread(file, null, file, "json", {}, 1)).toEqual({ ok: false, code: "timeout", message: "took longer than 0.001 s; stopped" });
  });

  it("reports an input error as the worker does", async () => {
    const file = join(work, "blank.txt");
    writeFileSync(file, " \n\u3000\n");
    expect(await parseInThread(file, null, file, "json", {}, MINUTE)).toEqual({ ok: false, code: "empty-input", message: "is empty (only white space)" });
  });

  it("leaves every other input to the worker", async () => {
    const large = join(work, "large.txt");
    writeFileSync(large, noticeOf(IN_THREAD_MAX_BYTES + 1));
    const fifo = join(work, "in.fifo");
    execFileSync("mkfifo", [fifo]);
    const docx = join(FIXTURES, "zhonglou-2018-plan.docx");
    const traditional = join(REAL, readdirSync(REAL).find((name) => name.includes(".trad."))!);
    for (const [file, format] of [[large, "json"], [fifo, "json"], [docx, "json"], [traditional, "json"], [NOTICE, "xlsx"], [join(work, "missing.txt"), "json"]] as const) {
      expect(await parseInThread(file, null, file, format, {}, MINUTE), file).toBeNull();
    }
  });
});

describe("ledger parse on a small plain-text notice", () => {
  beforeAll(assertBuilt);

  it("answers as the worker does, and stops at --timeout", () => {
    const ledger = (args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "ledger.js"), ...args], { cwd: work, encoding: "utf8", timeout: MINUTE });
    const inThread = ledger(["parse", NOTICE]);
    // --units takes the worker: the aliases live there.
    const units = join(work, "units.yaml");
    writeFileSync(units, "units: []\n");
    const inWorker = ledger(["parse", NOTICE, "--units", units]);
    expect(inThread.status).toBe(0);
    expect(inThread.stdout).toBe(inWorker.stdout);
    expect(inThread.stderr).toBe(inWorker.stderr);

    // The worker is started or not from the arguments before they are parsed: a name the file system refuses is
    // still the command's one-line error.
    const refusals: Array<[string, RegExp]> = [
      ["a".repeat(300) + ".txt", /: the name is too long for the file system\n$/],
      [`${NOTICE}/notice.txt`, /: no such file \(a part of its path is a file, not a folder\)\n$/],
    ];
    for (const [name, reason] of refusals) {
      const refused = ledger(["parse", name]);
      expect(refused.status, name).toBe(1);
      expect(refused.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(refused.stderr).toMatch(/^ledger: /);
      expect(refused.stderr).toMatch(reason);
    }

    const file = join(work, "slow.txt");
    writeFileSync(file, noticeOf(IN_THREAD_MAX_BYTES - 10_000));
    const stopped = ledger(["parse", file, "--timeout", "0.001"]);
    expect(stopped.status).toBe(1);
    expect(stopped.stdout).toBe("");
    expect(stopped.stderr).toBe(`ledger: ${file}: took longer than 0.001 s; stopped\n`);
  });
});
