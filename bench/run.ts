/**
 * `npm run bench`: builds a corpus under .bench/ from the fixtures, then measures, in one run,
 * `ledger batch` against references measured on the same machine in the same run:
 *   (a) .docx: mammoth.convertToHtml alone (one process), pandoc -t plain per file, the unzip floor;
 *   (b) .txt: notices per second on one core;
 *   (c) cold start: `ledger parse` on a small notice vs `node -e ""`;
 *   (d) peak RSS of a 10,000-file batch, and of a 2,000-file one (flat?).
 * Prints a table and writes it to .bench/results.md. The CLI runs from dist/ (the script builds first).
 */
import { spawnSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { cpus, availableParallelism } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import mammoth from "mammoth";
import { parseBuffer } from "../src/index.js";
import { buildCorpus, linkBatch, SHAPES } from "./corpus.js";

const ROOT = join(import.meta.dirname, "..");
const BENCH = join(ROOT, ".bench");
const BIN = join(ROOT, "bin", "ledger.js");
const MAIN = join(ROOT, "dist", "cli", "main.js");
const CORPUS_SIZE = 1000;
const PANDOC_SAMPLE = 2 * SHAPES;
const COLD_RUNS = 31;

interface Row {
  measure: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

const rows: Row[] = [];
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

async function main(): Promise<void> {
  const buildStart = performance.now();
  const corpus = await buildCorpus(join(BENCH, "corpus"), join(ROOT, "fixtures"), CORPUS_SIZE);
  await writeFile(RSS_ENTRY, RSS_ENTRY_SOURCE);
  log(`corpus: ${corpus.docx.length} .docx + ${corpus.txt.length} .txt (${seconds(buildStart).toFixed(1)} s)`);
  const out = join(BENCH, "out");

  // (a) .docx
  await rm(out, { recursive: true, force: true });
  const docxBatch = ledger(["batch", corpus.docxDir, "-o", join(out, "docx-1"), "-j", "1"]);
  if (docxBatch.status !== 0) throw new Error(`ledger batch failed on the .docx corpus:\n${docxBatch.stderr}`);
  const ledgerPerDocx = docxBatch.seconds / corpus.docx.length;
  log(`ledger batch -j 1, .docx: ${ms(ledgerPerDocx)} per file`);

  const docxBatch2 = ledger(["batch", corpus.docxDir, "-o", join(out, "docx-n"), "-j", String(availableParallelism())]);
  const ledgerPerDocxAllCores = docxBatch2.seconds / corpus.docx.length;

  let start = performance.now();
  for (const file of corpus.docx) await mammoth.convertToHtml({ buffer: await readFile(file) });
  const mammothPerDocx = seconds(start) / corpus.docx.length;
  log(`mammoth.convertToHtml: ${ms(mammothPerDocx)} per file`);

  start = performance.now();
  for (const file of corpus.docx) await parseBuffer(await readFile(file), { path: file });
  const libraryPerDocx = seconds(start) / corpus.docx.length;

  start = performance.now();
  for (const file of corpus.docx) unzipSync(await readFile(file), { filter: (entry) => entry.name === "word/document.xml" });
  const unzipPerDocx = seconds(start) / corpus.docx.length;

  const pandocAvailable = spawnSync("pandoc", ["--version"]).status === 0;
  let pandocPerDocx = NaN;
  if (pandocAvailable) {
    const sample = corpus.docx.slice(0, PANDOC_SAMPLE);
    start = performance.now();
    for (const file of sample) spawnSync("pandoc", ["-t", "plain", file], { stdio: "ignore" });
    pandocPerDocx = seconds(start) / sample.length;
    log(`pandoc -t plain: ${ms(pandocPerDocx)} per file (first ${sample.length} files: every shape twice)`);
  } else {
    log("pandoc is not installed (Debian: apt-get install pandoc): that comparison is skipped");
  }

  rows.push(
    { measure: "`ledger batch -j 1`, per .docx", value: ms(ledgerPerDocx), reference: `mammoth.convertToHtml alone: ${ms(mammothPerDocx)}`, ratio: ratio(ledgerPerDocx / mammothPerDocx), target: "≤ 1.5×", met: ledgerPerDocx / mammothPerDocx <= 1.5 },
    { measure: "`ledger` library (parseBuffer), per .docx", value: ms(libraryPerDocx), reference: `mammoth.convertToHtml alone: ${ms(mammothPerDocx)}`, ratio: ratio(libraryPerDocx / mammothPerDocx), target: "(breakdown)", met: null },
    pandocAvailable
      ? { measure: "`ledger batch -j 1`, per .docx", value: ms(ledgerPerDocx), reference: `pandoc -t plain per file: ${ms(pandocPerDocx)}`, ratio: `${ratio(pandocPerDocx / ledgerPerDocx)} faster`, target: "≥ 5× faster", met: pandocPerDocx / ledgerPerDocx >= 5 }
      : { measure: "`ledger batch -j 1`, per .docx", value: ms(ledgerPerDocx), reference: "pandoc: not installed", ratio: "—", target: "≥ 5× faster", met: null },
    { measure: "`ledger batch -j 1`, per .docx", value: ms(ledgerPerDocx), reference: `unzip floor (word/document.xml): ${ms(unzipPerDocx)}`, ratio: ratio(ledgerPerDocx / unzipPerDocx), target: "(floor)", met: null },
    { measure: `\`ledger batch -j ${availableParallelism()}\`, per .docx`, value: ms(ledgerPerDocxAllCores), reference: `-j 1: ${ms(ledgerPerDocx)}`, ratio: `${ratio(ledgerPerDocx / ledgerPerDocxAllCores)} speed-up`, target: "(scaling)", met: null },
  );

  // (b) .txt
  const txtBatch = ledger(["batch", corpus.txtDir, "-o", join(out, "txt-1"), "-j", "1"]);
  if (txtBatch.status !== 0) throw new Error(`ledger batch failed on the .txt corpus:\n${txtBatch.stderr}`);
  const txtRate = corpus.txt.length / txtBatch.seconds;
  start = performance.now();
  for (const file of corpus.txt) await parseBuffer(await readFile(file), { path: file });
  const libraryTxtRate = corpus.txt.length / seconds(start);
  log(`.txt: ${txtRate.toFixed(0)} notices/s (batch -j 1), ${libraryTxtRate.toFixed(0)} notices/s (library)`);
  rows.push(
    { measure: "`ledger batch -j 1`, .txt notices/s", value: `${txtRate.toFixed(0)} /s`, reference: "target", ratio: ratio(txtRate / 1000), target: "≥ 1,000 /s per core", met: txtRate >= 1000 },
    { measure: "`ledger` library (parseBuffer), .txt notices/s", value: `${libraryTxtRate.toFixed(0)} /s`, reference: "target", ratio: ratio(libraryTxtRate / 1000), target: "(breakdown)", met: null },
  );

  // (c) cold start, interleaved so that both see the same machine state
  const small = join(ROOT, "fixtures", "zhonglou-2018-plan.txt");
  const node: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    start = performance.now();
    spawnSync(process.execPath, ["-e", ""]);
    node.push(seconds(start));
    start = performance.now();
    spawnSync(process.execPath, [BIN, "parse", small], { stdio: "ignore" });
    parse.push(seconds(start));
  }
  const cold = median(parse) / median(node);
  log(`cold start: ledger parse ${ms(median(parse))}, node -e "" ${ms(median(node))}`);
  rows.push({ measure: "cold start `ledger parse` (10 KB .txt), median", value: ms(median(parse)), reference: `node -e "": ${ms(median(node))}`, ratio: ratio(cold), target: "≤ 3×", met: cold <= 3 });

  // (d) memory: the same mix (a tenth .docx) at 2,000 and 10,000 files, all cores
  const peaks: Record<number, number> = {};
  for (const total of [2000, 10000]) {
    const dir = join(BENCH, `rss-${total}`);
    await linkBatch(corpus, dir, total);
    const run = ledger(["batch", dir, "-o", join(out, `rss-${total}`)]);
    if (run.status !== 0) throw new Error(`ledger batch failed on ${dir}:\n${run.stderr}`);
    peaks[total] = run.rssMb;
    log(`${total} files: peak RSS ${run.rssMb.toFixed(0)} MB, ${run.seconds.toFixed(1)} s`);
  }
  const growth = peaks[10000] / peaks[2000];
  rows.push(
    { measure: "peak RSS, 10,000-file batch", value: `${peaks[10000].toFixed(0)} MB`, reference: "target 300 MB", ratio: ratio(peaks[10000] / 300), target: "≤ 300 MB", met: peaks[10000] <= 300 },
    { measure: "peak RSS, 10,000 vs 2,000 files", value: `${peaks[10000].toFixed(0)} MB`, reference: `2,000 files: ${peaks[2000].toFixed(0)} MB`, ratio: ratio(growth), target: "flat (≤ 1.10×)", met: growth <= 1.1 },
  );
  await rm(out, { recursive: true, force: true });

  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, ${process.platform}`;
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
