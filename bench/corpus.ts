import { existsSync } from "node:fs";
import { link, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/**
 * The benchmark corpus, built from the five fixtures: every notice is one of 30 shapes (5 fixtures
 * × 6 sizes), cycling, so any run of 30 consecutive files is a fair sample. The fixtures cover
 * Word automatic numbering (qianjin, shanxi), typed labels (lianhuashan) and tables (chaoyang,
 * zhonglou); sizes trim or repeat the body (and table rows) to 0.25×–3× the original. Each file
 * ends with its own serial line, so no two are identical. Deterministic: same bytes every build.
 */

const FIXTURES = ["chaoyang-2021-ledger", "lianhuashan-2019-plan", "qianjin-2017-plan", "shanxi-2019-plan", "zhonglou-2018-plan"];
const SCALES = [0.25, 0.5, 1, 1.5, 2, 3];
export const SHAPES = FIXTURES.length * SCALES.length;
/** Bumped when the generator changes, so an old corpus is rebuilt. */
const VERSION = "1";
const FIXED_TIME = new Date("2024-01-01T00:00:00Z");

export interface Corpus {
  docxDir: string;
  txtDir: string;
  docx: string[];
  txt: string[];
}

function shapeOf(index: number): { fixture: string; scale: number } {
  const shape = index % SHAPES;
  return { fixture: FIXTURES[shape % FIXTURES.length], scale: SCALES[Math.floor(shape / FIXTURES.length)] };
}

/** Keeps the first `head` items and scales the rest: a prefix below 1, whole repeats (plus a prefix) above. */
function scaled<T>(items: T[], scale: number, head: number): T[] {
  const kept = items.slice(0, head);
  const rest = items.slice(head);
  const wanted = Math.max(1, Math.round(rest.length * scale));
  const out: T[] = [];
  while (out.length < wanted && rest.length > 0) out.push(...rest.slice(0, wanted - out.length));
  return [...kept, ...out];
}

/** The top-level `w:<tag>` elements of `xml` (depth-aware, so nested tables stay inside their parent). */
function elements(xml: string, tags: string): string[] {
  const pattern = new RegExp(`<(/?)w:(?:${tags})(?=[\\s>/])[^>]*>`, "g");
  const found: string[] = [];
  let depth = 0;
  let start = 0;
  for (const match of xml.matchAll(pattern)) {
    const selfClosing = match[0].endsWith("/>");
    if (match[1] === "/") {
      if (--depth === 0) found.push(xml.slice(start, match.index + match[0].length));
    } else if (selfClosing) {
      if (depth === 0) found.push(match[0]);
    } else if (depth++ === 0) {
      start = match.index;
    }
  }
  return found;
}

function scaleTable(table: string, scale: number): string {
  const rows = elements(table, "tr");
  if (rows.length < 2) return table;
  const first = table.indexOf(rows[0]);
  const last = table.lastIndexOf(rows[rows.length - 1]) + rows[rows.length - 1].length;
  return table.slice(0, first) + scaled(rows, scale, 1).join("") + table.slice(last);
}

function docxVariant(parts: Record<string, Uint8Array>, index: number, scale: number): Uint8Array {
  const xml = strFromU8(parts["word/document.xml"]);
  const bodyStart = xml.indexOf(">", xml.indexOf("<w:body")) + 1;
  const bodyEnd = xml.lastIndexOf("<w:sectPr");
  const body = elements(xml.slice(bodyStart, bodyEnd), "p|tbl").map((element) => (element.startsWith("<w:tbl") ? scaleTable(element, scale) : element));
  const serial = `<w:p><w:r><w:t>样本编号 ${index}</w:t></w:r></w:p>`;
  const document = xml.slice(0, bodyStart) + scaled(body, scale, 4).join("") + serial + xml.slice(bodyEnd);
  return zipSync({ ...parts, "word/document.xml": strToU8(document) }, { mtime: FIXED_TIME, level: 6 });
}

function txtVariant(text: string, index: number, scale: number): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  return [...scaled(lines, scale, 8), `样本编号 ${index}`, ""].join("\n");
}

/** Builds (or reuses) `count` .docx and `count` .txt notices under `root`. */
export async function buildCorpus(root: string, fixtures: string, count: number): Promise<Corpus> {
  const corpus: Corpus = { docxDir: join(root, "docx"), txtDir: join(root, "txt"), docx: [], txt: [] };
  const name = (index: number, ext: string) => `${String(index).padStart(5, "0")}-${shapeOf(index).fixture}.${ext}`;
  for (let i = 0; i < count; i++) {
    corpus.docx.push(join(corpus.docxDir, name(i, "docx")));
    corpus.txt.push(join(corpus.txtDir, name(i, "txt")));
  }
  const stamp = join(root, "corpus.json");
  const expected = JSON.stringify({ version: VERSION, count });
  if (existsSync(stamp) && (await readFile(stamp, "utf8")) === expected) return corpus;

  await rm(root, { recursive: true, force: true });
  await mkdir(corpus.docxDir, { recursive: true });
  await mkdir(corpus.txtDir, { recursive: true });
  const docxParts = new Map<string, Record<string, Uint8Array>>();
  const texts = new Map<string, string>();
  for (const fixture of FIXTURES) {
    docxParts.set(fixture, unzipSync(await readFile(join(fixtures, `${fixture}.docx`))));
    texts.set(fixture, (await readFile(join(fixtures, `${fixture}.txt`), "utf8")).replace(/\r\n?/g, "\n"));
  }
  for (let i = 0; i < count; i++) {
    const { fixture, scale } = shapeOf(i);
    await writeFile(corpus.docx[i], docxVariant(docxParts.get(fixture)!, i, scale));
    await writeFile(corpus.txt[i], txtVariant(texts.get(fixture)!, i, scale));
  }
  await writeFile(stamp, expected);
  return corpus;
}

/**
 * A batch of `total` files for the memory measurement, as hard links into the corpus (no disk
 * cost, distinct paths): folders of 1,000 in which every tenth file is a .docx, so that a batch of
 * any size has the same mix all along.
 */
export async function linkBatch(corpus: Corpus, dir: string, total: number): Promise<void> {
  if (existsSync(dir) && (await countFiles(dir)) === total) return;
  await rm(dir, { recursive: true, force: true });
  for (let i = 0; i < total; i++) {
    const folder = join(dir, String(Math.floor(i / 1000)).padStart(2, "0"));
    if (i % 1000 === 0) await mkdir(folder, { recursive: true });
    const docx = i % 10 === 0;
    const source = docx ? corpus.docx[(i / 10) % corpus.docx.length] : corpus.txt[i % corpus.txt.length];
    await link(source, join(folder, `${String(i % 1000).padStart(4, "0")}.${docx ? "docx" : "txt"}`));
  }
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}
