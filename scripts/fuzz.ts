/**
 * `npm run fuzz -- --minutes N [--seed S] [--jobs J]`: seeded, structure-aware mutations of the
 * fixtures, ../shared/peer-docx/ and ../shared/real-office/, each run through the built CLI
 * (`ledger parse INPUT -o OUT.{json,yaml,xlsx,docx}`) and checked against the contract
 * (test/robustness/contract.ts) and the time and memory bounds below. A case that breaks it is
 * minimised and kept in test/robustness/crashers/ (with what it broke), where crashers.test.ts
 * replays it on every run of the robustness suite. Not part of the default test suite.
 *
 * Mutations: for zip formats (.docx, .xlsx, .odt) numbering attributes (w:start, w:numFmt,
 * w:lvlText, w:ilvl, w:numId), table attributes (w:gridSpan, w:vMerge, w:gridCol), XML structure
 * (unclosed, duplicated, deleted and deeply nested elements, DOCTYPE, entities, a truncated part),
 * text and encodings (odd characters in w:t, another encoding declaration, a BOM), zip entries
 * (dropped, renamed, duplicated); for text (.txt, .md, .html, .csv) odd characters, label soup,
 * long lines, nesting, re-encoding; for everything bytes (flips, truncation, insertion, repeats); and one case in
 * ten gets an odd input name (long, with controls or bidi overrides, like an option) or a path that cannot be a file.
 */
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import iconv from "iconv-lite";
import { contractProblems, PLAIN_INPUT_NAME, placeInput, type InputName, type OutputFormat } from "../test/robustness/contract.js";
import { assertBuilt, runCli } from "../test/robustness/harness.js";
import { Rng } from "../test/robustness/prng.js";

const ROOT = join(import.meta.dirname, "..");
const CRASHERS = join(ROOT, "test", "robustness", "crashers");
/** Bounds of one run (process start included) on the 2-core machine: past them a case is a finding. */
const BOUND_MS = 20_000;
const BOUND_RSS_MB = 1024;
/** Seeds larger than this are left out: each run should take about a second. */
const MAX_SEED_BYTES = 4 * 1024 * 1024;
const ZIP_FORMATS = new Set([".docx", ".xlsx", ".odt"]);
const TEXT_FORMATS = new Set([".txt", ".md", ".html", ".htm", ".csv"]);

interface Options {
  minutes: number;
  seed: number;
  jobs: number;
}

function options(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const minutes = Number(value("--minutes") ?? 1);
  const seed = Number(value("--seed") ?? Date.now() % 0x7fffffff);
  const jobs = Number(value("--jobs") ?? 2);
  if (!(minutes > 0) || !Number.isInteger(seed) || !(jobs >= 1)) {
    process.stderr.write("usage: npm run fuzz -- --minutes N [--seed S] [--jobs J]\n");
    process.exit(2);
  }
  return { minutes, seed, jobs };
}

interface Seed {
  name: string;
  ext: string;
  bytes: Uint8Array;
}

function seeds(): Seed[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(docx|txt|md|html?|csv|doc|wps|rtf|odt|pdf|xlsx|xls|et)$/i.test(entry.name) && statSync(path).size <= MAX_SEED_BYTES) found.push(path);
    }
  };
  for (const dir of [join(ROOT, "fixtures"), join(ROOT, "..", "shared", "peer-docx"), join(ROOT, "..", "shared", "real-office")]) walk(dir);
  return found.sort().map((path) => ({ name: basename(path), ext: extname(path).toLowerCase(), bytes: new Uint8Array(readFileSync(path)) }));
}

// ---------------------------------------------------------------------------------------------
// Mutations

const ODD = ["\u0000", "\u001b[2J", "\u009b", "\u007f", "\u0085", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ud800", "\u202e", "\u200b", "\t", "\r", "\f", "😀", "𠀀", "&amp;", "<", "]]>"];
const LABELS = ["一、", "（一）", "1.", "（1）", "①", "第一条", "1.1", "1.2.1", "A.", "二十一、", "（一百零一）", "999.", "1.5万元"];
const PHRASES = ["（区政府办牵头，各街道落实）", "牵头单位：区发改委", "2021年12月底前", "长期坚持", "每季度", "序号\t重点任务\t牵头单位", "| 1 | 推进 | 区政府办 |"];
const EXTREME_NUMBERS = ["0", "-1", "1", "2000000000", "9007199254740991", "1e309", "abc", "", "99999", "4294967296", "-2147483649"];
const NUM_FORMATS = ["decimal", "upperLetter", "lowerLetter", "upperRoman", "lowerRoman", "chineseCounting", "chineseCountingThousand", "ideographTraditional", "decimalEnclosedCircle", "japaneseCounting", "bullet", "none", "bogus"];

type Mutation = { name: string; apply: (rng: Rng, text: string) => string };

/** Replaces the value of some `attribute="…"` occurrences in `xml` with `values`. */
function attributes(rng: Rng, xml: string, attribute: RegExp, values: () => string): string {
  return xml.replace(attribute, (match, prefix: string) => (rng.chance(0.3) ? `${prefix}"${values()}"` : match));
}

const XML_MUTATIONS: Mutation[] = [
  { name: "num-start", apply: (rng, x) => attributes(rng, x, /(<w:start w:val=)"[^"]*"/g, () => rng.pick(EXTREME_NUMBERS)) },
  { name: "num-format", apply: (rng, x) => attributes(rng, x, /(<w:numFmt w:val=)"[^"]*"/g, () => rng.pick(NUM_FORMATS)) },
  { name: "num-text", apply: (rng, x) => attributes(rng, x, /(<w:lvlText w:val=)"[^"]*"/g, () => "%1.%2.%3.%4.%5.%6.%7.%8.%9".repeat(rng.range(1, 40))) },
  { name: "num-level", apply: (rng, x) => attributes(rng, x, /(<w:(?:ilvl|numId) w:val=)"[^"]*"/g, () => rng.pick(EXTREME_NUMBERS)) },
  { name: "grid-span", apply: (rng, x) => attributes(rng, x, /(<w:gridSpan w:val=)"[^"]*"/g, () => rng.pick(EXTREME_NUMBERS)) },
  { name: "v-merge", apply: (rng, x) => x.replace(/<w:tcPr>/g, (m) => (rng.chance(0.3) ? `${m}<w:vMerge${rng.chance(0.5) ? ' w:val="restart"' : ""}/>` : m)) },
  { name: "grid-cols", apply: (rng, x) => x.replace(/<w:gridCol [^>]*\/>/g, (m) => (rng.chance(0.2) ? m.repeat(rng.range(0, 300)) : m)) },
  { name: "unclose", apply: (rng, x) => x.replace(/<\/w:(p|tc|tr|tbl|body)>/g, (m) => (rng.chance(0.2) ? "" : m)) },
  { name: "duplicate", apply: (rng, x) => slice(rng, x, (piece) => piece.repeat(rng.range(2, 200))) },
  { name: "delete", apply: (rng, x) => slice(rng, x, () => "") },
  { name: "nest", apply: (rng, x) => x.replace("<w:body>", `<w:body>${"<w:tbl><w:tr><w:tc>".repeat(rng.range(10, 3000))}`) },
  { name: "doctype", apply: (rng, x) => x.replace(/^(<\?xml[^>]*\?>)?/, `$1<!DOCTYPE d [<!ENTITY a "${"x".repeat(rng.range(1, 99))}">]>`) },
  { name: "truncate", apply: (rng, x) => x.slice(0, rng.int(x.length)) },
  { name: "text", apply: (rng, x) => x.replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, (m, text: string) => (rng.chance(0.2) ? m.replace(text, oddText(rng, text)) : m)) },
  { name: "encoding", apply: (rng, x) => x.replace(/encoding="[^"]*"/, `encoding="${rng.pick(["GB18030", "UTF-16", "ISO-8859-1", "bogus"])}"`) },
];

/** A run of `text` (between two tag boundaries) replaced by `change(piece)`. */
function slice(rng: Rng, text: string, change: (piece: string) => string): string {
  const start = text.indexOf("<", rng.int(text.length));
  if (start < 0) return text;
  const end = text.indexOf(">", start + rng.int(4000)) + 1;
  return end <= start ? text : text.slice(0, start) + change(text.slice(start, end)) + text.slice(end);
}

function oddText(rng: Rng, text: string): string {
  let out = text;
  for (let k = rng.range(1, 6); k > 0; k--) {
    const at = rng.int(out.length + 1);
    out = out.slice(0, at) + rng.pick(ODD) + out.slice(at);
  }
  return out.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"));
}

const TEXT_MUTATIONS: Mutation[] = [
  { name: "odd", apply: (rng, t) => oddText(rng, t).replace(/&lt;/g, "<").replace(/&amp;/g, "&") },
  {
    name: "soup",
    apply: (rng, t) => {
      const lines = t.split("\n");
      for (let k = rng.range(1, 30); k > 0; k--) lines.splice(rng.int(lines.length + 1), 0, rng.pick(LABELS) + rng.pick([...PHRASES, ...ODD]).repeat(rng.range(1, 5)));
      return lines.join("\n");
    },
  },
  { name: "long-line", apply: (rng, t) => t + "\n" + rng.pick(LABELS) + rng.pick(PHRASES).repeat(rng.range(100, 20_000)) },
  { name: "nesting", apply: (rng, t) => t + "\n" + rng.pick(["（", "(", "“", "《", "> ", "- ", "<div>"]).repeat(rng.range(100, 50_000)) },
  { name: "lines", apply: (rng, t) => t.split("\n").filter(() => rng.chance(0.7)).join(rng.pick(["\n", "\r\n", "\r", "\u2028", "\n\n"])) },
  { name: "repeat", apply: (rng, t) => slice(rng, t.replace(/\n/g, "\n<"), (p) => p.repeat(rng.range(2, 300))).replace(/\n</g, "\n") },
];

function byteMutation(rng: Rng, bytes: Uint8Array): { name: string; bytes: Uint8Array } {
  const out = Buffer.from(bytes);
  switch (rng.int(5)) {
    case 0:
      for (let k = rng.pick([1, 4, 32]); k > 0 && out.length > 0; k--) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return { name: "flip", bytes: out };
    case 1:
      return { name: "truncate", bytes: out.subarray(0, rng.int(out.length)) };
    case 2: {
      const at = rng.int(out.length + 1);
      return { name: "insert", bytes: Buffer.concat([out.subarray(0, at), Buffer.from(rng.bytes(rng.range(1, 512))), out.subarray(at)]) };
    }
    case 3: {
      const from = rng.int(out.length);
      const piece = out.subarray(from, from + rng.range(1, 4096));
      return { name: "repeat", bytes: Buffer.concat([out, ...Array.from({ length: rng.range(1, 50) }, () => piece)]) };
    }
    default: {
      const at = rng.int(out.length);
      out.fill(rng.pick([0, 0xff, 0x0a, 0x3c]), at, Math.min(out.length, at + rng.range(1, 512)));
      return { name: "overwrite", bytes: out };
    }
  }
}

function encode(rng: Rng, text: string): { name: string; bytes: Uint8Array } {
  const encoding = rng.weighted([[6, "utf8"], [1, "gb18030"], [1, "utf16le"], [1, "utf16be"]] as const);
  if (encoding === "utf8") return { name: "utf8", bytes: Buffer.from(text) };
  const body = iconv.encode(text, encoding);
  const bom = encoding === "utf16le" ? [0xff, 0xfe] : encoding === "utf16be" ? [0xfe, 0xff] : [];
  return { name: encoding, bytes: Buffer.concat([Buffer.from(bom), body]) };
}

export interface Mutant {
  /** Names the seed and the mutations: with the seed number, what anyone can rebuild. */
  id: string;
  ext: string;
  bytes: Uint8Array;
  name: InputName;
}

/** Names an input can have: long (up to the 255 bytes a file system allows), with spaces, controls or bidi overrides, or a path that cannot be one. */
const NAME_MUTATIONS: Array<{ name: string; make: (rng: Rng) => InputName }> = [
  { name: "long-name", make: (rng) => ({ stem: "通知".repeat(rng.range(30, 40)), arg: "file" }) },
  { name: "odd-name", make: (rng) => ({ stem: rng.pick(["通知 (1)", "a\nb", "\u001b[31m红", "\u202e通知", "-o", "--help", " 通知 "]), arg: "file" }) },
  { name: "under-file", make: () => ({ stem: "input", arg: "under-file" }) },
  { name: "too-long", make: () => ({ stem: "input", arg: "too-long" }) },
];

function mutate(rng: Rng, seed: Seed): Mutant {
  const names: string[] = [];
  let bytes: Uint8Array = seed.bytes;
  if (ZIP_FORMATS.has(seed.ext) && rng.chance(0.85)) {
    try {
      const parts = unzipSync(seed.bytes);
      const xmlNames = Object.keys(parts).filter((name) => /\.(xml|rels)$/.test(name));
      for (let k = rng.range(1, 3); k > 0 && xmlNames.length > 0; k--) {
        const preferred = xmlNames.filter((name) => /document|numbering|sheet|content/.test(name));
        const part = rng.chance(0.8) && preferred.length > 0 ? rng.pick(preferred) : rng.pick(xmlNames);
        const mutation = rng.pick(XML_MUTATIONS);
        names.push(`${mutation.name}@${part}`);
        parts[part] = strToU8(mutation.apply(rng, strFromU8(parts[part])));
      }
      if (rng.chance(0.15)) {
        const entry = rng.pick(Object.keys(parts));
        const kind = rng.pick(["drop", "rename", "copy"]);
        names.push(`${kind}-entry@${entry}`);
        const data = parts[entry];
        if (kind !== "copy") delete parts[entry];
        if (kind === "rename") parts[`${entry}x`] = data;
        if (kind === "copy") parts[entry.replace(/(\.\w+)?$/, "2$1")] = data;
      }
      bytes = zipSync(parts, { level: rng.pick([0, 6]) as 0 | 6 });
    } catch {
      names.push("not-a-zip");
    }
  } else if (TEXT_FORMATS.has(seed.ext) && rng.chance(0.85)) {
    let text = new TextDecoder().decode(seed.bytes);
    for (let k = rng.range(1, 3); k > 0; k--) {
      const mutation = rng.pick(TEXT_MUTATIONS);
      names.push(mutation.name);
      text = mutation.apply(rng, text);
    }
    const encoded = encode(rng, text);
    names.push(encoded.name);
    bytes = encoded.bytes;
  }
  if (names.length === 0 || rng.chance(0.1)) {
    const mutation = byteMutation(rng, bytes);
    names.push(mutation.name);
    bytes = mutation.bytes;
  }
  let name = PLAIN_INPUT_NAME;
  if (rng.chance(0.1)) {
    const mutation = rng.pick(NAME_MUTATIONS);
    names.push(mutation.name);
    name = mutation.make(rng);
  }
  return { id: `${seed.name} ${names.join("+")}`, ext: seed.ext, bytes, name };
}

// ---------------------------------------------------------------------------------------------
// Running and checking

interface Outcome {
  problems: string[];
  status: number | null;
  code: string;
  ms: number;
  rssMB: number | null;
}

const FORMATS: Array<readonly [number, OutputFormat]> = [[6, "json"], [2, "yaml"], [2, "xlsx"], [1, "docx"]];

/** Where cases run, and the build they run: a copy, so that a rebuild of dist/ meanwhile cannot turn into findings. */
interface Place {
  work: string;
  bin: string;
}

function snapshotBuild(work: string): string {
  const root = join(work, "build");
  for (const dir of ["bin", "dist"]) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  copyFileSync(join(ROOT, "package.json"), join(root, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return join(root, "bin", "ledger.js");
}

async function check(mutant: Mutant, format: OutputFormat, withPrevious: boolean, { work, bin }: Place): Promise<Outcome> {
  const dir = mkdtempSync(join(work, "case-"));
  try {
    const input = placeInput(dir, mutant.name, mutant.ext, mutant.bytes);
    const output = join(dir, `out.${format}`);
    const previous = withPrevious ? Buffer.from("previous output\n") : null;
    if (previous) writeFileSync(output, previous);
    const before = readdirSync(dir);
    const run = await runCli(["parse", input, "-o", output], { cwd: dir, timeoutMs: BOUND_MS * 3, bin });
    const problems = contractProblems({ run, dir, before, output, format, previous });
    if (run.ms > BOUND_MS) problems.push(`slow: ${run.ms} ms (bound ${BOUND_MS})`);
    if (run.rssMB !== null && run.rssMB > BOUND_RSS_MB) problems.push(`memory: ${run.rssMB} MB (bound ${BOUND_RSS_MB})`);
    // "ledger: FILE: reason": the reason, shortened, counts the refusals by kind.
    const line = run.stderr.trim().split("\n")[0] ?? "";
    const code = run.status === 1 ? line.slice(line.indexOf(": ", "ledger: ".length) + 2).slice(0, 60) : String(run.status);
    return { problems, status: run.status, code, ms: run.ms, rssMB: run.rssMB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The kind of a problem, for minimising: a smaller input must fail the same way. */
function kindOf(problem: string): string {
  return problem.split(/[:\s]/)[0];
}

/** Shrinks a failing input while it fails the same way: zip entries, then halves of lines or bytes. At most ~40 runs. */
async function minimise(mutant: Mutant, format: OutputFormat, kind: string, place: Place): Promise<Mutant> {
  let best = mutant;
  let budget = 40;
  const fails = async (candidate: Mutant): Promise<boolean> => {
    budget--;
    return (await check(candidate, format, false, place)).problems.some((p) => kindOf(p) === kind);
  };
  if (ZIP_FORMATS.has(mutant.ext)) {
    try {
      const parts = unzipSync(best.bytes);
      for (const name of Object.keys(parts)) {
        if (budget <= 0) break;
        const { [name]: _dropped, ...rest } = parts;
        const candidate = { ...best, bytes: zipSync(rest) };
        if (await fails(candidate)) {
          delete parts[name];
          best = candidate;
        }
      }
    } catch {
      // Not a zip any more: bytes below.
    }
    return best;
  }
  // Halving: drop a chunk of the input (lines for text, bytes otherwise) while it still fails.
  for (let chunks = 2; chunks <= 64 && budget > 0; chunks *= 2) {
    for (let i = 0; i < chunks && budget > 0; i++) {
      const size = Math.ceil(best.bytes.length / chunks);
      const candidate = { ...best, bytes: Buffer.concat([best.bytes.subarray(0, i * size), best.bytes.subarray((i + 1) * size)]) };
      if (candidate.bytes.length > 0 && (await fails(candidate))) best = candidate;
    }
  }
  return best;
}

function keep(mutant: Mutant, format: OutputFormat, problems: string[], seed: number): string {
  mkdirSync(CRASHERS, { recursive: true });
  const hash = createHash("sha256").update(mutant.bytes).digest("hex").slice(0, 12);
  const name = `${hash}${mutant.ext}`;
  writeFileSync(join(CRASHERS, name), mutant.bytes);
  writeFileSync(join(CRASHERS, `${hash}.json`), JSON.stringify({ input: name, name: mutant.name, format, found: problems, mutations: mutant.id, seed }, null, 2) + "\n");
  return name;
}

async function main(): Promise<void> {
  const { minutes, seed, jobs } = options(process.argv.slice(2));
  assertBuilt();
  const bases = seeds();
  const work = mkdtempSync(join(tmpdir(), "ledger-fuzz-"));
  const place: Place = { work, bin: snapshotBuild(work) };
  const deadline = Date.now() + minutes * 60_000;
  const counts = { cases: 0, ok: 0, strict: 0, refused: 0, findings: 0 };
  const refusals = new Map<string, number>();
  const findings: string[] = [];
  let slowest = 0;
  let largest = 0;
  process.stderr.write(`fuzz: seed ${seed}, ${bases.length} seed files, ${minutes} min, ${jobs} at a time\n`);

  let index = 0;
  const lane = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const caseIndex = index++;
      // Each case has its own generator, so a case is rebuilt from (seed, index) alone.
      const rng = new Rng((seed ^ Math.imul(caseIndex + 1, 0x9e3779b1)) >>> 0);
      const mutant = mutate(rng, rng.pick(bases));
      const format = rng.weighted(FORMATS);
      const outcome = await check(mutant, format, rng.chance(0.3), place);
      counts.cases++;
      slowest = Math.max(slowest, outcome.ms);
      largest = Math.max(largest, outcome.rssMB ?? 0);
      if (outcome.problems.length === 0) {
        if (outcome.status === 0) counts.ok++;
        else if (outcome.status === 3) counts.strict++;
        else {
          counts.refused++;
          refusals.set(outcome.code, (refusals.get(outcome.code) ?? 0) + 1);
        }
        continue;
      }
      // A bound passed on a busy machine is confirmed by a second run before it counts.
      if (outcome.problems.every((p) => /^(slow|memory)/.test(p)) && (await check(mutant, format, false, place)).problems.length === 0) continue;
      counts.findings++;
      const small = await minimise(mutant, format, kindOf(outcome.problems[0]), place);
      const kept = keep(small, format, outcome.problems, seed);
      const line = `case ${caseIndex} (${mutant.id} → ${format}): ${outcome.problems.join("; ")} → kept as crashers/${kept} (${small.bytes.length} bytes)`;
      findings.push(line);
      process.stderr.write(`fuzz: ${line}\n`);
    }
  };
  const progress = setInterval(() => process.stderr.write(`fuzz: ${counts.cases} cases, ${counts.findings} findings\n`), 60_000);
  await Promise.all(Array.from({ length: jobs }, lane));
  clearInterval(progress);
  rmSync(work, { recursive: true, force: true });

  const top = [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([code, n]) => `${n} ${code}`);
  process.stdout.write(
    [
      `seed ${seed}, ${minutes} min, ${counts.cases} cases: ${counts.ok} ok, ${counts.strict} exit 3, ${counts.refused} refused in one line, ${counts.findings} findings`,
      `slowest run ${slowest} ms, largest peak RSS ${largest} MB (bounds ${BOUND_MS} ms, ${BOUND_RSS_MB} MB)`,
      `refusals: ${top.join(", ")}`,
      ...findings,
      "",
    ].join("\n"),
  );
  process.exitCode = counts.findings > 0 ? 1 : 0;
}

await main();
