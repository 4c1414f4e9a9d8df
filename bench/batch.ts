import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import type { BenchRow } from "./row.js";

/**
 * Batch scaling: `ledger batch -j 1` against `-j 2` over the same 1,000 notices, as the user runs
 * it (process start included, JSON written for every file), alternating in rounds so that load
 * elsewhere on the machine hits both; each keeps its best round. The CPU time (user + system, from
 * GNU time when the machine has it) says whether a slower -j 2 is work the batch does twice; the
 * ceiling (two threads spinning against one, in the same rounds) says what the machine allowed.
 */


const ROUNDS = 3;
const TARGET = 1.8;
const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((path) => existsSync(path)) ?? null;

interface Timed {
  seconds: number;
  cpu: number;
}

function batch(bin: string, dir: string, out: string, jobs: number, cwd: string): Timed {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dirname(out), { recursive: true });
  const report = `${out}.time`;
  const args = [bin, "batch", dir, "-o", out, "-j", String(jobs), "-q"];
  const start = performance.now();
  const run = GNU_TIME ? spawnSync(GNU_TIME, ["-f", "%U %S", "-o", report, process.execPath, ...args], { cwd, encoding: "utf8" }) : spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`ledger batch -j ${jobs} failed on ${dir}:\n${run.stderr}`);
  const [user, system] = GNU_TIME ? readFileSync(report, "utf8").trim().split(/\s+/).slice(-2).map(Number) : [NaN, NaN];
  rmSync(report, { force: true });
  return { seconds, cpu: user + system };
}

/**
 * What the machine gives two threads at the moment: the same pure CPU loop in one worker thread,
 * then in two at once. On an idle 2-core machine about 2×; on a shared one, the ceiling that no
 * `-j 2` can pass, measured in the same rounds as the batch.
 */
function spinSeconds(threads: number): number {
  const loop = `let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; require("node:worker_threads").parentPort.postMessage(x);`;
  const script = `const { Worker } = require("node:worker_threads"); let left = ${threads}; const start = performance.now();
for (let i = 0; i < ${threads}; i++) new Worker(${JSON.stringify(loop)}, { eval: true }).on("message", () => { if (--left === 0) console.log((performance.now() - start) / 1000); });`;
  return Number(spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout);
}

/** Rows for `files` notices of one kind (a folder of them). */
export function batchScalingRows(bin: string, dir: string, files: number, kind: string, out: string, cwd: string, log: (text: string) => void): BenchRow[] {
  const best = { 1: { seconds: Infinity, cpu: NaN }, 2: { seconds: Infinity, cpu: NaN } } as Record<1 | 2, Timed>;
  const spin = { 1: Infinity, 2: Infinity };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const jobs of [1, 2] as const) {
      const timed = batch(bin, dir, join(out, `scaling-${jobs}`), jobs, cwd);
      if (timed.seconds < best[jobs].seconds) best[jobs] = timed;
      spin[jobs] = Math.min(spin[jobs], spinSeconds(jobs));
    }
    log(`batch scaling, ${kind} round ${round}: -j 1 ${best[1].seconds.toFixed(2)} s, -j 2 ${best[2].seconds.toFixed(2)} s (best so far)`);
  }
  rmSync(out, { recursive: true, force: true });
  const speedup = best[1].seconds / best[2].seconds;
  // Two threads each doing one thread's work: 2 × (one alone) / (both together).
  const ceiling = (2 * spin[1]) / spin[2];
  const rate = (timed: Timed) => `${(files / timed.seconds).toFixed(0)} files/s`;
  const cpu = (timed: Timed) => (Number.isNaN(timed.cpu) ? "" : `, CPU ${timed.cpu.toFixed(1)} s`);
  return [
    {
      measure: `\`ledger batch -j 2\` vs \`-j 1\`, ${files} ${kind} (${availableParallelism()} cores)`,
      value: `${rate(best[2])}${cpu(best[2])}`,
      reference: `-j 1: ${rate(best[1])}${cpu(best[1])}`,
      ratio: `${speedup.toFixed(2)}×`,
      target: `≥ ${TARGET}×`,
      met: availableParallelism() >= 2 ? speedup >= TARGET : null,
    },
    {
      measure: "the same, against what the machine gave two threads in the same rounds",
      value: `${speedup.toFixed(2)}×`,
      reference: `two spinning threads vs one: ${ceiling.toFixed(2)}×`,
      ratio: `${(speedup / ceiling).toFixed(2)}`,
      target: "≥ 0.9 of the ceiling",
      met: speedup / ceiling >= 0.9,
    },
  ];
}
