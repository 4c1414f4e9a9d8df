/**
 * `npm run bench`: builds a corpus under .bench/ from the fixtures, then measures, in one run,
 * `ledger batch` against references measured on the same machine in the same run:
 *   (a) .docx: mammoth.convertToHtml alone (one process), pandoc -t plain per file, the unzip floor;
 *   (b) .txt: notices per second on one core;
 *   (c) start-up: the library's import time, and `ledger parse` on a small notice vs `node -e ""` (bench/startup.ts);
 *   (d) peak RSS of a 10,000-file batch, per 2,000 files done (flat?).
 * Prints a table and writes it to .bench/results.md. The CLI runs from dist/ (the script builds first).
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { buildCorpus, linkBatch, SHAPES } from "./corpus.js";
import { pdfRows } from "./pdf.js";
import { docxRows } from "./docx.js";
import { batchScalingRows } from "./batch.js";
import { startupRows } from "./startup.js";
import type { BenchRow } from "./row.js";

const ROOT = join(import.meta.dirname, "..");
const BENCH = join(ROOT, ".bench");
const BIN = join(ROOT, "bin", "ledger.js");
const MAIN = join(ROOT, "dist", "cli", "main.js");
const CORPUS_SIZE = 1000;
const PANDOC_SAMPLE = 2 * SHAPES;
const ROUNDS = 2;


const rows: BenchRow[] = [];
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * The CLI's own entry point plus one line: the process's peak RSS, which only the process itself
 * can report (worker threads included). A file, not `-e`: workers inherit `--input-type`.
 */
const RSS_ENTRY = join(BENCH, "ledger-rss.mjs");
const RSS_ENTRY_SOURCE = `const { main } = await import(${JSON.stringify(MAIN)});
const code = await main(process.argv);
process.stderr.write("\\nmaxrss=" + process.resourceUsage().maxRSS + "\\n");
process.exitCode = code;
`;

/** Runs the CLI in a child process; returns its wall time and peak RSS. */
function ledger(args: string[]): { seconds: number; rssMb: number; status: number | null; stderr: string } {
  const start = performance.now();
  const run = spawnSync(process.execPath, [RSS_ENTRY, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const elapsed = seconds(start);
  const rss = /maxrss=(\d+)/.exec(run.stderr);
  return { seconds: elapsed, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: run.status, stderr: run.stderr };
}

/**
 * A batch with its summary streamed to us: each summary line is a file done, so the RSS sampled
 * (Linux /proc, every 100 ms) can be split into segments of `segment` files.
 */
function memoryRun(dir: string, outDir: string, segment: number): Promise<{ peakMb: number; segmentPeaks: number[]; seconds: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [RSS_ENTRY, "batch", dir, "-o", outDir, "--summary", "-"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const segmentPeaks: number[] = [];
  let segmentPeak = 0;
  const sample = () => {
    const status = readFileSafe(`/proc/${child.pid}/status`);
    const kb = status === null ? NaN : Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (kb / 1024 > segmentPeak) segmentPeak = kb / 1024;
  };
  const timer = setInterval(sample, 100);
  let done = 0;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", () => {
    if (++done % segment !== 0) return;
    sample();
    segmentPeaks.push(segmentPeak);
    segmentPeak = 0;
  });
  return new Promise((resolve, reject) => {
    child.on("close", (status) => {
      clearInterval(timer);
      const rss = /maxrss=(\d+)/.exec(stderr);
      if (status !== 0 || !rss) return reject(new Error(`ledger batch failed on ${dir}:\n${stderr}`));
      resolve({ peakMb: Number(rss[1]) / 1024, segmentPeaks: segmentPeaks.filter((mb) => mb > 0), seconds: seconds(start) });
    });
  });
}

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The in-process references (and the library alone), each in a fresh plain `node` over a list of
 * files, timed from the first file to the last: not in this tsx process, whose loader hooks slow
 * down every dynamic import (the importers load mammoth that way).
 */
const LOOP_ENTRY = join(BENCH, "loop.mjs");
const LOOP_ENTRY_SOURCE = `import { readFileSync } from "node:fs";
const [mode, list] = process.argv.slice(2);
const files = readFileSync(list, "utf8").split("\\n").filter(Boolean);
let convert;
if (mode === "mammoth") {
  const { default: mammoth } = await import("mammoth");
  convert = (bytes) => mammoth.convertToHtml({ buffer: bytes });
} else if (mode === "unzip") {
  const { unzipSync } = await import("fflate");
  convert = (bytes) => unzipSync(bytes, { filter: (entry) => entry.name === "word/document.xml" });
} else {
  const { parseBuffer } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist", "index.js")).href)});
  convert = (bytes, path) => parseBuffer(bytes, { path });
}
const start = performance.now();
for (const file of files) await convert(readFileSync(file), file);
process.stdout.write(String((performance.now() - start) / 1000));
`;

/** Seconds per file of `mode` over `files`, in a fresh process. */
async function loop(mode: "mammoth" | "unzip" | "library", files: string[]): Promise<number> {
  const list = join(BENCH, `list-${mode}.txt`);
  await writeFile(list, files.join("\n"));
  const run = spawnSync(process.execPath, [LOOP_ENTRY, mode, list], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${mode} loop failed:\n${run.stderr}`);
  return Number(run.stdout) / files.length;
}

/** Wall time of `ledger batch -j 1` over a folder, process start included. */
function batchSeconds(dir: string, outDir: string): number {
  const run = ledger(["batch", dir, "-o", outDir, "-j", "1"]);
  if (run.status !== 0) throw new Error(`ledger batch failed on ${dir}:\n${run.stderr}`);
  return run.seconds;
}

/** bench/parse.ts in a fresh process, with this one's loader (tsx): what a library user's process sees. */
function parseRowsInChild(): BenchRow[] {
  const run = spawnSync(process.execPath, [...process.execArgv, join(import.meta.dirname, "parse.ts"), "--json"], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`bench/parse.ts failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as BenchRow[];
}

const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

async function main(): Promise<void> {
  const buildStart = performance.now();
  const loadBefore = loadavg()[0];
  const corpus = await buildCorpus(join(BENCH, "corpus"), join(ROOT, "fixtures"), CORPUS_SIZE);
  await writeFile(RSS_ENTRY, RSS_ENTRY_SOURCE);
  await writeFile(LOOP_ENTRY, LOOP_ENTRY_SOURCE);
  log(`corpus: ${corpus.docx.length} .docx + ${corpus.txt.length} .txt (${seconds(buildStart).toFixed(1)} s)`);
  const out = join(BENCH, "out");

  // (a) and (b), in rounds that alternate ledger and its references, so that a burst of load
  // elsewhere on the machine hits both; each measure keeps its best round.
  await rm(out, { recursive: true, force: true });
  const best = { ledgerDocx: Infinity, mammoth: Infinity, libraryDocx: Infinity, unzip: Infinity, ledgerTxt: Infinity, libraryTxt: Infinity };
  for (let round = 1; round <= ROUNDS; round++) {
    best.ledgerDocx = Math.min(best.ledgerDocx, batchSeconds(corpus.docxDir, join(out, `docx-${round}`)) / corpus.docx.length);
    best.mammoth = Math.min(best.mammoth, await loop("mammoth", corpus.docx));
    // The library alone (no worker, no output), on ten files of each shape: where the batch's time goes.
    best.libraryDocx = Math.min(best.libraryDocx, await loop("library", corpus.docx.slice(0, 10 * SHAPES)));
    best.unzip = Math.min(best.unzip, await loop("unzip", corpus.docx));
    best.ledgerTxt = Math.min(best.ledgerTxt, batchSeconds(corpus.txtDir, join(out, `txt-${round}`)) / corpus.txt.length);
    best.libraryTxt = Math.min(best.libraryTxt, await loop("library", corpus.txt));
    log(`round ${round}: .docx ${ms(best.ledgerDocx)} (mammoth ${ms(best.mammoth)}), .txt ${(1 / best.ledgerTxt).toFixed(0)}/s (best so far)`);
  }
  const { ledgerDocx, mammoth, libraryDocx, unzip } = best;

  const pandocAvailable = spawnSync("pandoc", ["--version"]).status === 0;
  let pandoc = NaN;
  if (pandocAvailable) {
    const sample = corpus.docx.slice(0, PANDOC_SAMPLE);
    const start = performance.now();
    for (const file of sample) spawnSync("pandoc", ["-t", "plain", file], { stdio: "ignore" });
    pandoc = seconds(start) / sample.length;
    log(`pandoc -t plain: ${ms(pandoc)} per file (first ${sample.length} files: every shape twice)`);
  } else {
    log("pandoc is not installed (Debian: apt-get install pandoc): that comparison is skipped");
  }

  const docx = "`ledger batch -j 1`, per .docx";
  rows.push(
    { measure: docx, value: ms(ledgerDocx), reference: `mammoth.convertToHtml alone: ${ms(mammoth)}`, ratio: ratio(ledgerDocx / mammoth), target: "≤ 1.5×", met: ledgerDocx / mammoth <= 1.5 },
    { measure: "`ledger` library (parseBuffer), per .docx", value: ms(libraryDocx), reference: `mammoth.convertToHtml alone: ${ms(mammoth)}`, ratio: ratio(libraryDocx / mammoth), target: "(breakdown)", met: null },
    pandocAvailable
      ? { measure: docx, value: ms(ledgerDocx), reference: `pandoc -t plain per file: ${ms(pandoc)}`, ratio: `${ratio(pandoc / ledgerDocx)} faster`, target: "≥ 5× faster", met: pandoc / ledgerDocx >= 5 }
      : { measure: docx, value: ms(ledgerDocx), reference: "pandoc: not installed", ratio: "—", target: "≥ 5× faster", met: null },
    { measure: docx, value: ms(ledgerDocx), reference: `unzip floor (word/document.xml): ${ms(unzip)}`, ratio: ratio(ledgerDocx / unzip), target: "(floor)", met: null },
  );
  rows.push(...docxRows({ batch: ledgerDocx, library: libraryDocx, mammoth }));
  const txtRate = 1 / best.ledgerTxt;
  const libraryTxtRate = 1 / best.libraryTxt;
  rows.push(
    { measure: "`ledger batch -j 1`, .txt notices/s", value: `${txtRate.toFixed(0)} /s`, reference: "target", ratio: ratio(txtRate / 1000), target: "≥ 1,000 /s per core", met: txtRate >= 1000 },
    { measure: "`ledger` library (parseBuffer), .txt notices/s", value: `${libraryTxtRate.toFixed(0)} /s`, reference: "target", ratio: ratio(libraryTxtRate / 1000), target: "(breakdown)", met: null },
  );

  // Batch scaling: -j 2 against -j 1 on the same 1,000 notices (bench/batch.ts)
  rows.push(...batchScalingRows(BIN, corpus.txtDir, corpus.txt.length, ".txt notices", join(BENCH, "scaling"), ROOT, log));

  // PDF notices: the whole parse vs pdf.js getTextContent, and vs pdftotext -layout (bench/pdf.ts)
  rows.push(...(await pdfRows()));

  // The .txt parser in a process of its own: notices per CPU second, reading vs parsing, linearity (bench/parse.ts)
  rows.push(...parseRowsInChild());

  // (c) start-up: library import and cold start, interleaved with node -e "" (bench/startup.ts)
  rows.push(...startupRows(log));

  // (d) memory: 10,000 files (a tenth .docx), all cores, its peak RSS taken per 2,000 files done
  const dir10k = join(BENCH, "rss-10000");
  await linkBatch(corpus, dir10k, 10000);
  const large = await memoryRun(dir10k, join(out, "rss-10000"), 2000);
  const segments = large.segmentPeaks.map((mb) => mb.toFixed(0)).join(" / ");
  log(`10000 files: peak RSS ${large.peakMb.toFixed(0)} MB (per 2,000 files: ${segments}), ${(10000 / large.seconds).toFixed(0)} files/s`);
  const [first, second, ...later] = large.segmentPeaks;
  // The first 2,000 files are the warm-up (each worker's heap growing to its working size).
  const drift = later.length > 0 ? Math.max(...later) / second : NaN;
  rows.push(
    { measure: `peak RSS, 10,000-file batch (-j ${availableParallelism()}, a tenth .docx)`, value: `${large.peakMb.toFixed(0)} MB`, reference: "target 200 MB (issue 10)", ratio: ratio(large.peakMb / 200), target: "≤ 200 MB", met: large.peakMb <= 200 },
    { measure: "peak RSS, all 10,000 files vs the first 2,000", value: `${large.peakMb.toFixed(0)} MB`, reference: `first 2,000 files: ${first?.toFixed(0)} MB`, ratio: ratio(large.peakMb / first), target: "(warm-up included)", met: null },
    { measure: "peak RSS per 2,000 files", value: `${segments} MB`, reference: "files 2,001–4,000", ratio: Number.isNaN(drift) ? "—" : ratio(drift), target: "flat: later ≤ 1.10×", met: Number.isNaN(drift) ? null : drift <= 1.1 },
  );
  await rm(out, { recursive: true, force: true });

  // Ratios hold up on a busy machine better than absolute times; the load says how busy it was.
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, ${process.platform}; ${load}`;
  const table = [
    `Machine: ${machine}. Total bench time: ${seconds(buildStart).toFixed(0)} s.`,
    "",
    "| Measure | ledger | Reference (same run) | Ratio | Target | Met |",
    "| --- | ---: | --- | ---: | --- | :---: |",
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.reference} | ${r.ratio} | ${r.target} | ${r.met === null ? "" : r.met ? "yes" : "**no**"} |`),
    "",
  ].join("\n");
  await writeFile(join(BENCH, "results.md"), table);
  process.stdout.write(table);
}

await main();
