/**
 * Start-up (issue 12): how long `import "zhengwu-ledger"` takes in a fresh process, and the cold
 * start of `ledger parse` on a small notice against `node -e ""`. Each run is a new process; the
 * runs are interleaved so that every measure sees the same machine state, and medians are reported
 * (a loaded machine moves them all; the ratio holds up better than the times).
 * Part of `npm run bench`; alone: `npm run build && npx tsx bench/startup.ts`.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchRow } from "./row.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "ledger.js");
const LIBRARY = pathToFileURL(join(ROOT, "dist", "index.js")).href;
const SMALL_NOTICE = join(ROOT, "fixtures", "zhonglou-2018-plan.txt");
const RUNS = 21;
const IMPORT_TARGET_MS = 60;
const COLD_TARGET = 2;


function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of one process, in ms. */
function timed(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0) throw new Error(`${args.join(" ")}: exit ${run.status}: ${run.stderr.toString().split("\n")[0]}`);
  return performance.now() - start;
}

/** The same parse through the library alone, without the command line: what the CLI itself costs. */
const IN_PROCESS = `const { parseFile, toJson } = await import(${JSON.stringify(LIBRARY)}); process.stdout.write(toJson(await parseFile(${JSON.stringify(SMALL_NOTICE)})));`;

/** The library's import time as the importing process measures it (its own start-up excluded). */
function importMs(): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(LIBRARY)}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`import: exit ${run.status}: ${run.stderr.split("\n")[0]}`);
  return Number(run.stdout);
}

export function startupRows(log: (text: string) => void = () => {}): BenchRow[] {
  const node: number[] = [];
  const parse: number[] = [];
  const version: number[] = [];
  const library: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timed(["-e", ""]));
    parse.push(timed([BIN, "parse", SMALL_NOTICE]));
    version.push(timed([BIN, "--version"]));
    inProcess.push(timed(["--input-type=module", "-e", IN_PROCESS]));
    library.push(importMs());
  }
  const [nodeMs, parseMs, versionMs, inProcessMs, libraryMs] = [node, parse, version, inProcess, library].map(median);
  const cold = parseMs / nodeMs;
  log(`start-up: import ${libraryMs.toFixed(0)} ms; ledger parse ${parseMs.toFixed(0)} ms, node -e "" ${nodeMs.toFixed(0)} ms (${cold.toFixed(2)}×)`);
  return [
    {
      measure: "`import \"zhengwu-ledger\"` in a fresh process, median",
      value: `${libraryMs.toFixed(0)} ms`,
      reference: "target",
      ratio: `${(libraryMs / IMPORT_TARGET_MS).toFixed(2)}×`,
      target: `≤ ${IMPORT_TARGET_MS} ms`,
      met: libraryMs <= IMPORT_TARGET_MS,
    },
    {
      measure: "cold start `ledger parse` (10 KB .txt to stdout), median",
      value: `${parseMs.toFixed(0)} ms`,
      reference: `node -e "": ${nodeMs.toFixed(0)} ms`,
      ratio: `${cold.toFixed(2)}×`,
      target: `≤ ${COLD_TARGET}×`,
      met: cold <= COLD_TARGET,
    },
    {
      measure: "the same parse through the library (no command line), median",
      value: `${inProcessMs.toFixed(0)} ms`,
      reference: `node -e "": ${nodeMs.toFixed(0)} ms`,
      ratio: `${(inProcessMs / nodeMs).toFixed(2)}×`,
      target: "(breakdown: the rest is the command line)",
      met: null,
    },
    {
      measure: "cold start `ledger --version` (the CLI without a command), median",
      value: `${versionMs.toFixed(0)} ms`,
      reference: `node -e "": ${nodeMs.toFixed(0)} ms`,
      ratio: `${(versionMs / nodeMs).toFixed(2)}×`,
      target: "(breakdown)",
      met: null,
    },
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const row of startupRows((text) => process.stderr.write(`bench: ${text}\n`))) {
    process.stdout.write(`${row.measure}: ${row.value} (${row.reference}; ${row.ratio}; target ${row.target})\n`);
  }
}
