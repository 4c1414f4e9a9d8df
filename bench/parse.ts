/**
 * The .txt parser rows of issue 12, measured in one process on one core, in CPU time (the machine may be shared):
 * notices per second of the library
 * (parseBuffer) on the fixture mix (the 30 shapes of the benchmark corpus: 5 fixtures × 6 sizes), split into
 * reading (import) and parsing, and the parser's linearity: time per character of the worst-case inputs of
 * test/robustness at 1× and 8× their length (a ratio near 1 is linear). Run alone: npx tsx bench/parse.ts.
 * `npm run bench` runs it in a process of its own (`--json`): after the PDF rows, pdf.js keeps about 110 MB of
 * caches in the heap, and every garbage collection of the parser's short-lived objects then pays for them
 * (the library row read 640–800/s in that process, 1,960–2,200/s in a fresh one, on a quiet machine).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildCorpus, SHAPES } from "./corpus.js";
import type * as LedgerModule from "../src/ledger.js";
import type * as ImportersModule from "../src/importers/index.js";
import type * as ParseModule from "../src/parse/index.js";
import type { BenchRow } from "./row.js";

const ROOT = join(import.meta.dirname, "..");
/** The built library, as users run it (`npm run bench` builds it first). */
const DIST = process.env.LEDGER_DIST ?? join(ROOT, "dist");
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;
const { parseBuffer } = await load<typeof LedgerModule>("ledger.js");
const { importBytes } = await load<typeof ImportersModule>("importers/index.js");
const { parseDocument } = await load<typeof ParseModule>("parse/index.js");
const TARGET = 2000;
/** Rounds of one CPU second each: on a shared machine a round's rate moves by ±20 % from second to second. */
const ROUNDS = 6;
const WARM_UP_SECONDS = 3;


/** CPU seconds of this process (user + system): a shared machine's other load does not count. */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Calls per CPU second of `run` over `inputs`, cycling, best of ROUNDS rounds of one CPU second each (the
 * machine's rate while nothing else takes it, as every row of the benchmark keeps its best round), after a
 * warm-up of WARM_UP_SECONDS: CPU time counts V8's background compiler too, which is still compiling the parser
 * after one second (a one-second warm-up gave the library row 690–1,280/s where its parts add up to ~1,500/s).
 */
async function rate<T>(inputs: T[], run: (input: T) => unknown): Promise<number> {
  for (const start = cpuSeconds(); cpuSeconds() - start < WARM_UP_SECONDS; ) for (const input of inputs) await run(input);
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = cpuSeconds();
    let done = 0;
    while (cpuSeconds() - start < 1) {
      for (const input of inputs) await run(input);
      done += inputs.length;
    }
    best = Math.max(best, done / (cpuSeconds() - start));
  }
  return best;
}

/** Worst cases of the regexes (as in test/robustness/regex*.test.ts): long runs that make a backtracking pattern quadratic. */
const WORST = [
  "一、" + "（".repeat(2000) + "牵头单位：" + "、".repeat(2000),
  "1." + "2021年".repeat(800) + "月".repeat(800) + "底前",
  "（" + "市财政局、".repeat(600) + "按职责分别落实" + "，".repeat(600),
  "一、" + "各".repeat(3000) + "部门",
  "|" + " ".repeat(4000) + "|" + "序号".repeat(500),
];

/** Best of this many parses of one input: a single parse takes 0.1–20 ms, and one pause of the machine can double it. */
const LINEARITY_RUNS = 15;

async function timePerChar(text: string): Promise<number> {
  const bytes = new TextEncoder().encode(text);
  let best = Infinity;
  for (let i = 0; i < LINEARITY_RUNS; i++) {
    const start = cpuSeconds();
    await parseBuffer(bytes, { path: "worst.txt" });
    best = Math.min(best, cpuSeconds() - start);
  }
  return best / text.length;
}

export async function parseRows(): Promise<BenchRow[]> {
  // A corpus of its own: the one of bench/run.ts has 1,000 files that later rows need.
  const corpus = await buildCorpus(join(ROOT, ".bench", "corpus-parse"), join(ROOT, "fixtures"), SHAPES);
  const files = corpus.txt.slice(0, SHAPES).map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
  const docs = await Promise.all(files.map((f) => importBytes(f.bytes, f.path)));
  const library = await rate(files, (f) => parseBuffer(f.bytes, { path: f.path }));
  const reading = await rate(files, (f) => importBytes(f.bytes, f.path));
  const parsing = await rate(docs, (doc) => parseDocument(doc));
  const linearity: number[] = [];
  for (const w of WORST) {
    await parseBuffer(new TextEncoder().encode(w), { path: "warm.txt" });
    linearity.push((await timePerChar(w.repeat(8))) / (await timePerChar(w)));
  }
  const worst = Math.max(...linearity);
  const ratio = (x: number) => `${x.toFixed(2)}×`;
  return [
    { measure: "library parseBuffer, .txt notices/s (fixture mix, one core)", value: `${library.toFixed(0)} /s`, reference: "target", ratio: ratio(library / TARGET), target: "≥ 2,000 /s", met: library >= TARGET },
    { measure: "  of which reading (importBytes), .txt/s", value: `${reading.toFixed(0)} /s`, reference: "", ratio: "", target: "(breakdown)", met: null },
    { measure: "  of which parsing (parseDocument), notices/s", value: `${parsing.toFixed(0)} /s`, reference: "", ratio: "", target: "(breakdown)", met: null },
    { measure: "parser linearity: time per char at 8× / 1× (worst of the regex worst cases)", value: ratio(worst), reference: "linear = 1×", ratio: ratio(worst), target: "≤ 2×", met: worst <= 2 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await parseRows();
  if (process.argv.includes("--json")) process.stdout.write(JSON.stringify(rows));
  else for (const row of rows) console.log(`${row.measure}: ${row.value} ${row.met === null ? "" : row.met ? "(met)" : "(NOT met)"}`);
}
