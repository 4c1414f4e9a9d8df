/**
 * Regenerates the LibreOffice renderings the label oracle test compares against
 * (test/oracle/labels/*.txt): every .docx of the oracle corpus converted with
 * `soffice --headless --convert-to "txt:Text (encoded):UTF8"`, which writes each paragraph on
 * its own line with its numbering label as LibreOffice lays it out. Needs LibreOffice; the
 * renderings are checked in so the tests do not. Run: npx tsx scripts/label-oracle.ts
 * With --resave it first rewrites fixtures/word/libreoffice/: each fixture .docx saved again by
 * LibreOffice (docx → odt → docx), as a .doc or a re-edited notice reaches us.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LABEL_GOLDENS, oracleFiles, ROOT } from "../test/oracle/corpus.js";

/** Files per soffice run, and runs at a time (one per core; each with its own profile). */
const BATCH = 20;
const PARALLEL = 2;

const work = mkdtempSync(join(tmpdir(), "label-oracle-"));

function soffice(profile: string, args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn("soffice", [`-env:UserInstallation=file://${join(work, profile)}`, "--headless", ...args], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolve() : reject(new Error(`soffice exited with ${status}`))));
  });
}

if (process.argv.includes("--resave")) {
  const fixtures = join(ROOT, "fixtures");
  const originals = readdirSync(fixtures).filter((name) => name.endsWith(".docx")).map((name) => join(fixtures, name));
  const odt = join(work, "odt");
  await soffice("profile-resave", ["--convert-to", "odt", "--outdir", odt, ...originals]);
  const converted = readdirSync(odt).map((name) => join(odt, name));
  await soffice("profile-resave", ["--convert-to", "docx:MS Word 2007 XML", "--outdir", join(fixtures, "word", "libreoffice"), ...converted]);
}

const files = oracleFiles();
mkdirSync(LABEL_GOLDENS, { recursive: true });

async function convert(batch: number, indexes: number[]): Promise<void> {
  const input = join(work, `in-${batch}`);
  const output = join(work, `out-${batch}`);
  mkdirSync(input);
  // Unique names: the corpora repeat base names.
  const names = indexes.map((index) => {
    const name = `${index}.docx`;
    copyFileSync(files[index].path, join(input, name));
    return join(input, name);
  });
  await soffice(`profile-${batch}`, ["--convert-to", "txt:Text (encoded):UTF8", "--outdir", output, ...names]);
  for (const index of indexes) {
    const text = readFileSync(join(output, `${index}.txt`), "utf8").replace(/^\uFEFF/, "");
    writeFileSync(join(LABEL_GOLDENS, files[index].golden), text);
  }
}

const batches: number[][] = [];
for (let start = 0; start < files.length; start += BATCH) batches.push(files.slice(start, start + BATCH).map((_file, offset) => start + offset));
await Promise.all(
  Array.from({ length: PARALLEL }, async (_unused, lane) => {
    for (let next = lane; next < batches.length; next += PARALLEL) await convert(next, batches[next]);
  }),
);
rmSync(work, { recursive: true, force: true });
process.stderr.write(`label-oracle: ${files.length} renderings written to ${LABEL_GOLDENS}\n`);
