import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { LedgerInputError } from "../../src/errors.js";
import { importDocFamily } from "../../src/importers/doc-family.js";
import { convertWithLibreOffice, findSoffice } from "../../src/importers/libreoffice.js";
import { FIXTURES } from "../helpers/fixtures.js";

/**
 * The LibreOffice path with a stand-in for soffice (a shell script): which program is run, how
 * (private profile, headless), what is read back, and that a hung or failing conversion ends in
 * one line with no process and no temporary folder left. The real soffice is tested in
 * libreoffice.slow.test.ts.
 */

const work = mkdtempSync(join(tmpdir(), "ledger-fake-soffice-"));
const savedSoffice = process.env.LEDGER_SOFFICE;
afterEach(() => {
  if (savedSoffice === undefined) delete process.env.LEDGER_SOFFICE;
  else process.env.LEDGER_SOFFICE = savedSoffice;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const doc = new Uint8Array(readFileSync(join(FIXTURES, "formats", "zhonglou-2018-plan.doc")));

function script(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Writes its arguments to args.txt and "converts" by copying a fixture .docx to --outdir. */
const converting = script(
  "soffice-ok",
  `for a; do echo "$a"; done > "${join(work, "args.txt")}"
out=""; prev=""; for a; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
mkdir -p "$out" && cp "${join(FIXTURES, "zhonglou-2018-plan.docx")}" "$out/input.docx"`,
);

async function refusal(run: () => Promise<unknown>): Promise<LedgerInputError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInputError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as LedgerInputError;
  }
  throw new Error("accepted");
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntilDead(pids: number[]): Promise<boolean> {
  for (let tries = 0; tries < 100 && pids.some(alive); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !pids.some(alive);
}

const processesMentioning = (text: string) =>
  execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(text));

describe("finding soffice", () => {
  it("takes LEDGER_SOFFICE when it names a program, else looks on PATH", () => {
    expect(findSoffice({ LEDGER_SOFFICE: converting, PATH: "" })).toBe(converting);
    expect(findSoffice({ LEDGER_SOFFICE: join(work, "missing"), PATH: dirname(converting) })).toBeNull();
    expect(findSoffice({ PATH: work })).toBeNull();
    script("soffice", "exit 0");
    expect(findSoffice({ PATH: `/nonexistent:${work}` })).toBe(join(work, "soffice"));
  });
});

describe("converting through soffice", () => {
  it("runs it headless with a private profile, reads the .docx back with the Word reader and records the path", async () => {
    process.env.LEDGER_SOFFICE = converting;
    const read = await importDocFamily(doc, "wps", null);
    expect(read).toMatchObject({ format: "wps", via: "libreoffice" });
    expect(read.blocks.some((block) => block.type === "table")).toBe(true);
    const args = readFileSync(join(work, "args.txt"), "utf8").trim().split("\n");
    expect(args[0]).toMatch(/^-env:UserInstallation=file:\/\/\/.*ledger-lo-.*\/profile$/);
    expect(args).toEqual(expect.arrayContaining(["--headless", "--convert-to", "docx:MS Word 2007 XML"]));
    // A .wps goes in as .doc: to LibreOffice ".wps" alone means Microsoft Works.
    const input = args[args.length - 1];
    expect(input).toMatch(/input\.doc$/);
    expect(existsSync(dirname(input))).toBe(false);
    expect(processesMentioning(dirname(input))).toEqual([]);
  });

  it("--via builtin does not run it", async () => {
    process.env.LEDGER_SOFFICE = script("soffice-forbidden", "exit 99");
    expect(await importDocFamily(doc, "doc", "builtin")).toMatchObject({ format: "doc", via: "builtin" });
  });

  it("stops a conversion past the time limit: the whole process group, the folder too", async () => {
    const pids = join(work, "pids.txt");
    const hanging = script("soffice-hang", `sleep 300 & echo $! > "${pids}"; echo $$ >> "${pids}"; for a; do last="$a"; done; echo "$last" > "${join(work, "hang-input.txt")}"; wait`);
    const error = await refusal(() => convertWithLibreOffice(doc, "doc", "docx", { soffice: hanging, timeoutMs: 1000 }));
    expect(error.code).toBe("libreoffice-timeout");
    expect(error.message).toBe("LibreOffice did not finish converting it within 1 s");
    const started = readFileSync(pids, "utf8").trim().split("\n").map(Number);
    expect(await waitUntilDead(started)).toBe(true);
    const input = readFileSync(join(work, "hang-input.txt"), "utf8").trim();
    expect(existsSync(dirname(input))).toBe(false);
  });

  it("reports a failed conversion in one line with soffice's own words", async () => {
    const failing = script("soffice-fail", `echo "Error: source file could not be loaded" >&2; exit 1`);
    const error = await refusal(() => convertWithLibreOffice(doc, "doc", "docx", { soffice: failing }));
    expect(error).toMatchObject({ code: "libreoffice-failed", message: "LibreOffice could not convert it to .docx (Error: source file could not be loaded)" });
  });
});

describe("without LibreOffice", () => {
  it("reads .doc with the built-in reader by default", async () => {
    process.env.LEDGER_SOFFICE = join(work, "missing");
    expect(await importDocFamily(doc, "doc", null)).toMatchObject({ via: "builtin" });
  });

  it("refuses .rtf and .odt in one line that says how to read them", async () => {
    process.env.LEDGER_SOFFICE = join(work, "missing");
    const rtf = await refusal(() => importDocFamily(new Uint8Array([0x7b]), "rtf", null));
    expect(rtf.code).toBe("libreoffice-missing");
    expect(rtf.message).toBe("is an RTF file: reading it needs LibreOffice, which is not installed (soffice on PATH or LEDGER_SOFFICE); or save it as .docx");
    const odt = await refusal(() => importDocFamily(new Uint8Array([0x50]), "odt", "builtin"));
    expect(odt.message).toBe("is an OpenDocument text (.odt), which only LibreOffice reads: drop --via builtin, or save it as .docx");
  });

  it("refuses --via libreoffice", async () => {
    process.env.LEDGER_SOFFICE = join(work, "missing");
    const error = await refusal(() => importDocFamily(doc, "doc", "libreoffice"));
    expect(error).toMatchObject({ code: "libreoffice-missing", message: "--via libreoffice: LibreOffice is not installed (put soffice on PATH or name it in LEDGER_SOFFICE)" });
  });
});
