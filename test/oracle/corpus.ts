import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The .docx files whose numbering labels are checked against LibreOffice's rendering:
 * the fixtures (with their LibreOffice re-saves), the peer files from mammoth's and
 * python-docx's test suites and the real office documents (both in ../shared, when present).
 */

export const ROOT = join(import.meta.dirname, "..", "..");
const SHARED = process.env.LEDGER_SHARED ?? join(ROOT, "..", "shared");
export const LABEL_GOLDENS = join(ROOT, "test", "oracle", "labels");

export interface OracleFile {
  corpus: "fixtures" | "peer-docx" | "real-office";
  path: string;
  /** The golden rendering's file name in test/oracle/labels. */
  golden: string;
}

function docxUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".docx"))
    .sort()
    .map((name) => join(dir, name));
}

export function oracleFiles(): OracleFile[] {
  const corpora: [OracleFile["corpus"], string][] = [
    ["fixtures", join(ROOT, "fixtures")],
    ["peer-docx", join(SHARED, "peer-docx")],
    ["real-office", join(SHARED, "real-office")],
  ];
  return corpora.flatMap(([corpus, dir]) =>
    docxUnder(dir).map((path) => ({ corpus, path, golden: `${corpus}__${relative(dir, path).replace(/[\\/]/g, "__")}.txt` })),
  );
}
