/**
 * The PDF rows of issue 11, measured in one run on the same machine: per PDF notice (the fixtures'
 * LibreOffice exports and, when present, the real notices of ../shared/real-office), the whole
 * library parse against pdf.js's own getTextContent over all pages (the floor of any pdf.js
 * pipeline), in CPU time of this process, and `ledger parse` as a process against `pdftotext -layout`
 * as a process (poppler), in wall time. Each figure is the best of ROUNDS.
 * Run alone: npx tsx bench/pdf.ts (after npm run build).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchRow } from "./row.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "ledger.js");
const ROUNDS = 5;
const TARGET = 1.5;


function notices(): string[] {
  const fixtures = join(ROOT, "fixtures", "pdf");
  const real = join(ROOT, "..", "shared", "real-office");
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".pdf") && !n.startsWith("encrypted-")).map((n) => join(dir, n)) : []);
  return [...list(fixtures), ...list(real)].sort();
}

/** Best of ROUNDS, in milliseconds of wall time, or of this process's CPU time (steadier on a busy machine). */
async function best(run: () => Promise<unknown> | unknown, clock: "wall" | "cpu" = "wall"): Promise<number> {
  const now = () => {
    if (clock === "wall") return performance.now();
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let fastest = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const start = now();
    await run();
    fastest = Math.min(fastest, now() - start);
  }
  return fastest;
}

function processTime(command: string, args: string[]): Promise<number> {
  return best(() => {
    const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  });
}

export async function pdfRows(): Promise<BenchRow[]> {
  const { parseBuffer } = (await import(pathToFileURL(join(ROOT, "dist", "index.js")).href)) as typeof import("../src/index.js");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const textContent = async (bytes: Uint8Array) => {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
    for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
    await doc.destroy();
  };
  const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows: BenchRow[] = [];
  for (const path of notices()) {
    const bytes = new Uint8Array(readFileSync(path));
    // Warm: pdf.js loaded, code compiled, fonts of the first run not counted.
    await parseBuffer(bytes, { path });
    await textContent(bytes);
    const library = await best(() => parseBuffer(bytes, { path }), "cpu");
    const floor = await best(() => textContent(bytes), "cpu");
    const name = basename(path);
    rows.push({
      measure: `PDF ${name}: library parse vs pdf.js getTextContent (all pages), CPU time`,
      value: ms(library),
      reference: `getTextContent: ${ms(floor)}`,
      ratio: `${(library / floor).toFixed(2)}×`,
      target: `≤ ${TARGET}×`,
      met: library / floor <= TARGET,
    });
    if (hasPdftotext) {
      const cli = await processTime(process.execPath, [BIN, "parse", path, "-q", "-o", "/dev/null", "-f", "json"]);
      const poppler = await processTime("pdftotext", ["-layout", path, "/dev/null"]);
      rows.push({
        measure: `PDF ${name}: \`ledger parse\` process vs \`pdftotext -layout\` process`,
        value: ms(cli),
        reference: `pdftotext -layout: ${ms(poppler)}`,
        ratio: `${(cli / poppler).toFixed(2)}×`,
        target: "reported",
        met: null,
      });
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await pdfRows()) console.log(`| ${row.measure} | ${row.value} | ${row.reference} | ${row.ratio} | ${row.target} |`);
}
