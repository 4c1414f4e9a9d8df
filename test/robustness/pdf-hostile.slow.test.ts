import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LedgerInputError, parseBuffer } from "../../src/index.js";
import { bodyPage, buildPdf, firstExtraObject, writePdf } from "./pdf-build.js";

/**
 * Hostile and unreadable PDFs: each ends in a ledger or in one LedgerInputError line with its
 * code, never a crash, a hang or a stack trace (time and memory are measured in the benchmark,
 * not here). The inputs are built in code, except the encrypted ones (LibreOffice exports).
 */

const PDF_FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "pdf");
const NOTICE = ["一、加强组织领导", "各单位要高度重视政务公开工作，切实加强组织领导，明确责任分工。（区政府办公室负责）", "二、强化监督检查", "定期开展督促检查，及时通报工作进展。（区政务公开办负责，2021年12月底前完成）"];

async function failure(bytes: Uint8Array): Promise<LedgerInputError> {
  const error = await parseBuffer(bytes, { path: "notice.pdf" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerInputError);
  const input = error as LedgerInputError;
  expect(input.message).not.toMatch(/[\r\n]/);
  expect(input.message.length).toBeLessThanOrEqual(300);
  return input;
}

/** Either a ledger or a one-line input error: what a damaged file may give. */
async function ledgerOrOneLine(bytes: Uint8Array): Promise<void> {
  try {
    await parseBuffer(bytes, { path: "notice.pdf" });
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInputError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
  }
}

describe("PDFs that cannot be read say why", () => {
  it("a scan (an image, no text) is no-text-layer", async () => {
    const image = { dict: "<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>", stream: deflateSync(Buffer.alloc(64, 200)) };
    const bytes = buildPdf({ pages: [{ extra: "q 500 0 0 700 40 60 cm /Im1 Do Q", resources: `/XObject << /Im1 ${firstExtraObject(1)} 0 R >>` }], extraObjects: [image] });
    const error = await failure(bytes);
    expect(error.code).toBe("no-text-layer");
    expect(error.message).toContain("scanned; run OCR first");
  });

  it("text in fonts without a usable ToUnicode map is unreadable-text", async () => {
    const error = await failure(buildPdf({ pages: [{ texts: bodyPage(NOTICE) }], unmapped: true }));
    expect(error.code).toBe("unreadable-text");
  });

  it("glyph codes read as Latin, Greek or Cyrillic letters are unreadable-text too", async () => {
    for (const block of [0x100, 0x370, 0x400]) {
      const error = await failure(buildPdf({ pages: [{ texts: bodyPage(NOTICE) }], unmapped: block }));
      expect(error.code).toBe("unreadable-text");
    }
  });

  it("a user password is encrypted-pdf, in one line", async () => {
    const error = await failure(readFileSync(join(PDF_FIXTURES, "encrypted-user-password.pdf")));
    expect(error.code).toBe("encrypted-pdf");
  });

  it("an owner password alone does not stop reading", async () => {
    const ledger = await parseBuffer(readFileSync(join(PDF_FIXTURES, "encrypted-owner-password.pdf")), { path: "notice.pdf" });
    expect(ledger.tasks.map((t) => [t.label, t.lead.concat(t.responsible)])).toEqual([
      ["一、", ["区政府办公室"]],
      ["二、", ["区政务公开办"]],
    ]);
  });

  it("a file that only starts like a PDF is corrupt-pdf", async () => {
    const error = await failure(new TextEncoder().encode("%PDF-1.7\nthis is not a PDF at all\n"));
    expect(["corrupt-pdf", "no-text-layer"]).toContain(error.code);
  });
});

describe("hostile PDFs", () => {
  const notice = buildPdf({ pages: [{ texts: bodyPage(NOTICE) }] });

  it("reads the clean notice these are made from", async () => {
    const ledger = await parseBuffer(notice, { path: "notice.pdf" });
    expect(ledger.tasks.map((t) => t.label)).toEqual(["一、", "二、"]);
  });

  it("a few bytes of junk before the %PDF- header: still a PDF", async () => {
    const junk = new TextEncoder().encode("HTTP/1.1 200 OK\r\n\r\n");
    const ledger = await parseBuffer(new Uint8Array([...junk, ...notice]), { path: "notice.pdf" });
    expect(ledger.source.format).toBe("pdf");
    expect(ledger.tasks.map((t) => t.label)).toEqual(["一、", "二、"]);
  });

  it("truncated anywhere: a ledger or one line", async () => {
    for (const share of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) await ledgerOrOneLine(notice.subarray(0, Math.floor(notice.length * share)));
  });

  it("a cross-reference table that names itself as the previous one", async () => {
    const first = Buffer.from(notice);
    const xref = first.lastIndexOf("xref\n");
    const looped = Buffer.from(first.toString("latin1").replace("/Root 1 0 R ", `/Root 1 0 R /Prev ${xref} `), "latin1");
    await ledgerOrOneLine(new Uint8Array(looped));
  });

  it("a page tree that contains itself", async () => {
    const cycle = writePdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 3 >>",
      "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 2 >>",
    ]);
    await ledgerOrOneLine(cycle);
    const error = await failure(cycle);
    expect(["corrupt-pdf", "no-text-layer"]).toContain(error.code);
  });

  it("10,000 empty pages are refused by the page limit", async () => {
    const count = 10_000;
    const objects = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      `<< /Type /Pages /Kids [${Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(" ")}] /Count ${count} >>`,
      ...Array.from({ length: count }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
    ];
    const error = await failure(writePdf(objects));
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("pages");
  });

  it("a decompression bomb is refused before pdf.js inflates it", async () => {
    const bomb = { dict: "<< /Filter /FlateDecode >>", stream: deflateSync(Buffer.alloc(80 * 1024 * 1024), { level: 9 }) };
    const bytes = buildPdf({ pages: [{ texts: bodyPage(NOTICE), extra: `/Bomb Do`, resources: `/XObject << /Bomb ${firstExtraObject(1)} 0 R >>` }], extraObjects: [bomb] });
    expect(bytes.length).toBeLessThan(200_000);
    const error = await failure(bytes);
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("decodes to more than");
  });

  it("JavaScript actions are never run: the notice is read", async () => {
    const bytes = buildPdf({
      pages: [{ texts: bodyPage(NOTICE) }],
      catalog: `/OpenAction ${firstExtraObject(1)} 0 R /Names << /JavaScript << /Names [(boom) ${firstExtraObject(1)} 0 R] >> >>`,
      extraObjects: ["<< /S /JavaScript /JS (globalThis.ledgerPwned = true; app.alert('x');) >>"],
    });
    const ledger = await parseBuffer(bytes, { path: "notice.pdf" });
    expect(ledger.tasks.map((t) => t.label)).toEqual(["一、", "二、"]);
    expect((globalThis as Record<string, unknown>).ledgerPwned).toBeUndefined();
  });

  it("graph paper (a 1,500 × 1,500 grid of rules) is a drawing, not a table", async () => {
    const rules: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 1500; i++) rules.push([40, 60 + i * 0.5, 555, 60 + i * 0.5], [40 + i * 0.34, 60, 40 + i * 0.34, 810]);
    const texts = [...bodyPage(NOTICE), { text: "附件", x: 80, y: 300 }, { text: "说明", x: 400, y: 300 }];
    const ledger = await parseBuffer(buildPdf({ pages: [{ texts, lines: rules }] }), { path: "notice.pdf" });
    expect(ledger.tasks.map((t) => t.label)).toEqual(["一、", "二、"]);
  });

  it("a huge image (10^10 pixels declared) is skipped, not decoded", async () => {
    const image = {
      dict: "<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>",
      stream: deflateSync(Buffer.alloc(1024)),
    };
    // Two runs a column apart make the reader look at the page's drawing operators too.
    const texts = [...bodyPage(NOTICE), { text: "附件", x: 80, y: 300 }, { text: "说明", x: 400, y: 300 }];
    const bytes = buildPdf({ pages: [{ texts, extra: "q 100 0 0 100 80 100 cm /Im1 Do Q", resources: `/XObject << /Im1 ${firstExtraObject(1)} 0 R >>` }], extraObjects: [image] });
    const ledger = await parseBuffer(bytes, { path: "notice.pdf" });
    expect(ledger.tasks.map((t) => t.label)).toEqual(["一、", "二、"]);
  });
});
