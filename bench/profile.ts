/**
 * Where the time goes, from a V8 CPU profile: self time by module (a package, or a file of ours)
 * and by function, and inclusive time by function.
 *
 *   node --cpu-prof --cpu-prof-dir=.bench/prof bin/ledger.js batch .bench/corpus/txt -o .bench/out -j 1
 *   npx tsx bench/profile.ts .bench/prof/<file>.cpuprofile [filter]
 *
 * With worker threads, each thread writes its own profile (the worker's is the larger one).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, filter] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/profile.ts PROFILE.cpuprofile [filter]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const selfTime = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
});

function location(node: ProfileNode): string {
  return node.callFrame.url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules|dist|src)\//, "$1/");
}

function moduleOf(node: ProfileNode): string {
  const url = location(node);
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? pkg[1] : url || node.callFrame.functionName;
}

function functionOf(node: ProfileNode): string {
  return `${node.callFrame.functionName || "(anonymous)"} ${location(node)}:${node.callFrame.lineNumber + 1}`;
}

const byModule = new Map<string, number>();
const bySelf = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string, time: number) => map.set(key, (map.get(key) ?? 0) + time);
for (const [id, time] of selfTime) {
  const node = nodes.get(id)!;
  add(byModule, moduleOf(node), time);
  add(bySelf, functionOf(node), time);
  // Each function once per sample, however deep its recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const key = functionOf(nodes.get(at)!);
    if (!seen.has(key)) add(inclusive, key, time);
    seen.add(key);
  }
}

function top(map: Map<string, number>, count: number, keep: (key: string) => boolean = () => true): string {
  return [...map]
    .filter(([key]) => keep(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, time]) => `${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join("\n");
}

const wanted = filter ? (key: string) => key.includes(filter) : (key: string) => !key.startsWith("(");
process.stdout.write(
  `self time by module\n${top(byModule, 20)}\n\nself time by function\n${top(bySelf, 25)}\n\ninclusive time by function\n${top(inclusive, 30, wanted)}\n`,
);
