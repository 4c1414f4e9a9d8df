/**
 * Writes the PDF fixtures with LibreOffice (soffice, with a CJK font installed): fixtures/pdf/NAME.pdf
 * is the PDF export of fixtures/NAME.docx, and two small encrypted notices, one with an owner
 * password only (it may be read) and one with a user password (it may not), test what the PDF
 * reader says about encryption. Run: npx tsx scripts/build-pdf-fixtures.ts. The outputs are
 * checked in; tests never run soffice.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "fixtures");
const out = join(fixtures, "pdf");

/** A private LibreOffice profile: a shared one makes concurrent conversions fail. */
const profile = mkdtempSync(join(tmpdir(), "lo-pdf-"));

function soffice(args: string[]): void {
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", ...args], { stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
}

const ENCRYPTED_NOTICE = ["关于做好政务公开工作的通知", "各单位：", "一、加强组织领导（区政府办公室负责）", "二、强化监督检查（区政务公开办负责，2021年12月底前完成）", ""].join("\n");

/** LibreOffice's PDF export options as JSON (LibreOffice ≥ 7.4). */
const filter = (options: Record<string, [string, string | boolean | number]>) =>
  `pdf:writer_pdf_Export:${JSON.stringify(Object.fromEntries(Object.entries(options).map(([k, [type, value]]) => [k, { type, value }])))}`;

const ENCRYPTED: Record<string, string> = {
  "encrypted-user-password": filter({ EncryptFile: ["boolean", true], DocumentOpenPassword: ["string", "secret"] }),
  "encrypted-owner-password": filter({
    RestrictPermissions: ["boolean", true],
    PermissionPassword: ["string", "owner"],
    Printing: ["long", 0],
    EnableCopyingOfContent: ["boolean", false],
  }),
};

try {
  const docx = readdirSync(fixtures)
    .filter((name) => name.endsWith(".docx"))
    .map((name) => join(fixtures, name));
  soffice(["--convert-to", "pdf", "--outdir", out, ...docx]);

  const work = mkdtempSync(join(tmpdir(), "ledger-pdf-"));
  const source = join(work, "notice.txt");
  writeFileSync(source, ENCRYPTED_NOTICE);
  for (const [name, conversion] of Object.entries(ENCRYPTED)) {
    soffice(["--infilter=Text (encoded):UTF8,,,", "--convert-to", conversion, "--outdir", work, source]);
    renameSync(join(work, "notice.pdf"), join(out, `${name}.pdf`));
  }
  rmSync(work, { recursive: true, force: true });
} finally {
  rmSync(profile, { recursive: true, force: true });
}
