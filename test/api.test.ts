import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "./helpers/built.js";

/**
 * The package as a user imports it: by its name, from the built dist/, through package.json's
 * "exports". The main entry is pinned (what a user calls), and it loads none of the heavy
 * libraries until a function needs them.
 */

const ROOT = join(import.meta.dirname, "..");
const NAME = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string }).name;

let work: string;
let hooks: string;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-api-"));
  // A resolve hook that logs every module URL the program loads (ESM and CommonJS through import).
  hooks = join(work, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.LEDGER_TRACE, result.url + "\\n");
  return result;
}`,
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an ES module script in the repository (so the package resolves by its own name); returns stdout and the modules loaded. */
function run(script: string): { stdout: string; loaded: string[] } {
  const trace = join(work, `trace-${Math.random().toString(36).slice(2)}`);
  const register = `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  const result = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LEDGER_TRACE: trace },
  });
  expect(result.status, result.stderr.toString()).toBe(0);
  const loaded = existsSync(trace) ? readFileSync(trace, "utf8").split("\n").filter(Boolean) : [];
  return { stdout: result.stdout.toString(), loaded };
}

const heavy = (loaded: string[]) => [...new Set(loaded.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();

describe(`import "${NAME}"`, () => {
  it("exports what a user calls, and nothing else", () => {
    const { stdout } = run(`console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(NAME)})).sort()));`);
    expect(JSON.parse(stdout)).toEqual([
      "LedgerInputError",
      "flattenTasks",
      "parseBuffer",
      "parseFile",
      "parseText",
      "toCsv",
      "toDocx",
      "toIcs",
      "toJson",
      "toNdjson",
      "toReviewHtml",
      "toXlsx",
      "toYaml",
      "walkTasks",
    ]);
  });

  it("loads no library (zod, mammoth, exceljs, docx, yaml…) until a function needs it", () => {
    const { loaded } = run(`await import(${JSON.stringify(NAME)});`);
    expect(loaded.some((url) => url.endsWith("/dist/index.js"))).toBe(true);
    expect(heavy(loaded)).toEqual([]);
  });

  it("parses a text notice without zod, mammoth, exceljs or docx, and loads the exporters on demand", () => {
    const { stdout, loaded } = run(`
      const { parseFile, toJson, toYaml } = await import(${JSON.stringify(NAME)});
      const ledger = await parseFile("fixtures/chaoyang-2021-ledger.txt");
      const yaml = await toYaml(ledger);
      console.log(JSON.stringify({ tasks: ledger.tasks.length, json: JSON.parse(toJson(ledger)).tasks.length, yaml: yaml.startsWith("schemaVersion: 1") }));`);
    expect(JSON.parse(stdout)).toEqual({ tasks: expect.any(Number), json: expect.any(Number), yaml: true });
    expect(JSON.parse(stdout).tasks).toBeGreaterThan(0);
    const libraries = heavy(loaded);
    for (const name of ["zod", "mammoth", "exceljs", "docx"]) expect(libraries).not.toContain(name);
    expect(libraries).toContain("yaml");
  });

  it("throws LedgerInputError, the class it exports, for an unreadable input", () => {
    const { stdout } = run(`
      const { parseText, LedgerInputError } = await import(${JSON.stringify(NAME)});
      const error = await parseText("").catch((e) => e);
      console.log(JSON.stringify({ ours: error instanceof LedgerInputError, code: error.code }));`);
    expect(JSON.parse(stdout)).toEqual({ ours: true, code: "empty-input" });
  });
});

describe("the documented subpaths", () => {
  it.each([
    ["model", ["BlockDocument", "Deadline", "Diagnostic", "Ledger", "Owner", "SourcePosition", "Task"]],
    ["schema", ["ledgerJsonSchema"]],
    ["importers", ["importBytes", "importMarkdownText", "importText", "sniffFormat"]],
    ["parse", ["ledgerFromBlocks", "loadUnitAliases", "parseDocument"]],
    ["exporters", ["SHEETS", "chalkPaint", "flatRecords", "ledgerTable", "toCsv", "toDocx", "toIcs", "toJson", "toNdjson", "toReviewHtml", "toTree", "toXlsx", "toYaml", "treeLines"]],
    ["ops", ["diffLedgers", "diffToXlsx", "ledgerWithProgress", "loadLedger", "mergeReturns", "mergeToXlsx", "splitByUnit"]],
  ])(`${NAME}/%s exports %j`, (subpath, names) => {
    const { stdout } = run(`console.log(JSON.stringify(Object.keys(await import("${NAME}/${subpath}"))));`);
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(names));
  });

  it(`${NAME}/model validates a ledger with zod`, () => {
    const { stdout } = run(`
      const { parseFile } = await import(${JSON.stringify(NAME)});
      const { Ledger } = await import("${NAME}/model");
      console.log(JSON.stringify(Ledger.safeParse(await parseFile("fixtures/qianjin-2017-plan.txt")).success));`);
    expect(stdout.trim()).toBe("true");
  });

  it(`${NAME}/schemas/ledger.schema.json imports as JSON and is the checked-in schema`, () => {
    const { stdout } = run(`console.log(JSON.stringify((await import("${NAME}/schemas/ledger.schema.json", { with: { type: "json" } })).default));`);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, "schemas", "ledger.schema.json"), "utf8")));
  });
});
