/**
 * Regenerates fixtures/formats/: each Word fixture (fixtures/*.docx) exported by LibreOffice as
 * .doc (Word 97-2003), .rtf, .odt and .html, the formats notices arrive in. The exports are checked
 * in; tests read them without LibreOffice. Run: npx tsx scripts/build-format-fixtures.ts
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const FIXTURES = "fixtures";
const OUT = join(FIXTURES, "formats");
const TARGETS: Array<[extension: string, filter: string]> = [
  ["doc", "doc:MS Word 97"],
  ["rtf", "rtf:Rich Text Format"],
  ["odt", "odt:writer8"],
  ["html", "html:HTML (StarWriter):EmbedImages"],
];

const soffice = process.env.LEDGER_SOFFICE ?? "soffice";
const work = mkdtempSync(join(tmpdir(), "ledger-format-fixtures-"));
try {
  mkdirSync(OUT, { recursive: true });
  const sources = readdirSync(FIXTURES).filter((name) => name.endsWith(".docx")).sort();
  for (const source of sources) {
    for (const [extension, filter] of TARGETS) {
      const result = spawnSync(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`, "--headless", "--convert-to", filter, "--outdir", work, join(FIXTURES, source)],
        { encoding: "utf8", timeout: 120_000 },
      );
      const produced = join(work, `${basename(source, ".docx")}.${extension}`);
      if (result.status !== 0) throw new Error(`soffice failed on ${source} → .${extension}: ${result.stderr}`);
      renameSync(produced, join(OUT, basename(produced)));
      console.log(`${join(OUT, basename(produced))}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
