/**
 * Regenerates the LibreOffice renderings the label oracle test compares against
 * (test/oracle/labels/*.txt): every .docx of the oracle corpus converted with
 * `soffice --headless --convert-to "txt:Text (encoded):UTF8"`, which writes each paragraph on
 * its own line with its numbering label as LibreOffice lays it out. Needs LibreOffice; the
 * renderings are checked in so the tests do not. Run: npx tsx scripts/label-oracle.ts
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LABEL_GOLDENS, oracleFiles } from "../test/oracle/corpus.js";

/** Files per soffice run, and runs at a time (one per core; each with its own profile). */
const BATCH = 20;
const PARALLEL = 2;

const work = mkdtempSync(join(tmpdir(), "label-oracle-"));
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
  const profile = `file://${join(work, `profile-${batch}`)}`;
  const args = [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", output, ...names];
  await new Promise<void>((resolve, reject) => {
    const child = spawn("soffice", args, { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolve() : reject(new Error(`soffice exited with ${status}`))));
  });
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
