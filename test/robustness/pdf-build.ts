import { deflateSync } from "node:zlib";

/**
 * Builds small PDFs in code for the PDF reader's tests: pages of positioned Chinese text (a
 * Type0 font whose ToUnicode map says which character each code is), drawn lines, and the
 * hostile shapes (cycles, bombs, scripts) written object by object.
 */

export type PdfObjectBody = string | { dict: string; stream: Uint8Array };

/** Serialises objects 1…n (object 1 is the catalog unless `root` says otherwise) with a correct xref table. */
export function writePdf(objects: PdfObjectBody[], { root = 1, trailer = "" }: { root?: number; trailer?: string } = {}): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk =
      typeof body === "string"
        ? Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, "latin1")
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n${body.dict.replace(/>>\s*$/, "")} /Length ${body.stream.length} >>\nstream\n`, "latin1"),
            Buffer.from(body.stream),
            Buffer.from("\nendstream\nendobj\n", "latin1"),
          ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R ${trailer}>>\nstartxref\n${offset}\n%%EOF\n`, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

/** A text run at (x, y) in PDF space (origin bottom left), in points. */
export interface TextSpec {
  text: string;
  x: number;
  y: number;
  size?: number;
}

export interface PageSpec {
  texts?: TextSpec[];
  /** Straight strokes [x1, y1, x2, y2] in PDF space. */
  lines?: Array<[number, number, number, number]>;
  /** Raw content stream operators appended to the page. */
  extra?: string;
  /** Extra resources (e.g. "/XObject << /Im1 9 0 R >>"). */
  resources?: string;
}

export interface DocumentSpec {
  pages: PageSpec[];
  /**
   * Map codes to other characters than the text's own, as a font without a usable ToUnicode map
   * reads: true for private-use characters, or the first code point of the block to map into.
   */
  unmapped?: boolean | number;
  /** Extra entries of the catalog (e.g. an OpenAction). */
  catalog?: string;
  /** Objects appended after the generated ones (numbered from `firstExtraObject`). */
  extraObjects?: PdfObjectBody[];
}

export const A4 = { width: 595, height: 842 };
const FIXED_OBJECTS = 6;
/** Number of the first object of `extraObjects`, for a spec with `pageCount` pages. */
export const firstExtraObject = (pageCount: number) => FIXED_OBJECTS + 2 * pageCount + 1;

/** Codes are the characters' own UTF-16 units, so the ToUnicode map is one range per high byte. */
function toUnicodeMap(unmapped: boolean | number): Uint8Array {
  const base = unmapped === true ? 0xe000 : unmapped;
  const ranges: string[] = [];
  for (let high = 0; high < 256; high++) {
    const h = high.toString(16).padStart(2, "0");
    const target = base === false ? `${h}00` : (base + ((high * 256) % 0x1800)).toString(16).padStart(4, "0");
    ranges.push(`<${h}00> <${h}ff> <${target}>`);
  }
  const chunks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) chunks.push(`${Math.min(100, ranges.length - i)} beginbfrange\n${ranges.slice(i, i + 100).join("\n")}\nendbfrange`);
  return Buffer.from(
    `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Test-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <ffff> endcodespacerange\n${chunks.join("\n")}\nendcmap CMapName currentdict /CMap defineresource pop end end`,
    "latin1",
  );
}

const hex = (text: string) => [...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, "0")).join("");

function contentOf(page: PageSpec): Uint8Array {
  const ops: string[] = [];
  for (const t of page.texts ?? []) ops.push(`BT /F1 ${t.size ?? 16} Tf 1 0 0 1 ${t.x} ${t.y} Tm <${hex(t.text)}> Tj ET`);
  for (const [x1, y1, x2, y2] of page.lines ?? []) ops.push(`0.5 w ${x1} ${y1} m ${x2} ${y2} l S`);
  if (page.extra) ops.push(page.extra);
  return deflateSync(Buffer.from(ops.join("\n"), "latin1"));
}

/** A whole document: catalog 1, pages 2, font 3–5, ToUnicode 6, then a page and its content per page. */
export function buildPdf(spec: DocumentSpec): Uint8Array {
  const pageIds = spec.pages.map((_, i) => FIXED_OBJECTS + 1 + 2 * i);
  const objects: PdfObjectBody[] = [
    `<< /Type /Catalog /Pages 2 0 R ${spec.catalog ?? ""} >>`,
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${spec.pages.length} >>`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>",
    "<< /Type /FontDescriptor /FontName /TestSong /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    { dict: "<< >>", stream: toUnicodeMap(spec.unmapped ?? false) },
  ];
  spec.pages.forEach((page, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 3 0 R >> ${page.resources ?? ""} >> /Contents ${pageIds[i] + 1} 0 R >>`,
    );
    objects.push({ dict: "<< /Filter /FlateDecode >>", stream: contentOf(page) });
  });
  objects.push(...(spec.extraObjects ?? []));
  return writePdf(objects);
}

/**
 * A page of body text as a GB/T 9704 notice sets it: 16 pt characters, 28 to a line from x = 80,
 * paragraphs indented by two characters; a paragraph's text is cut into lines here.
 */
export function bodyPage(paragraphs: string[], { top = 760, indent = true }: { top?: number; indent?: boolean } = {}): TextSpec[] {
  const texts: TextSpec[] = [];
  let y = top;
  for (const paragraph of paragraphs) {
    let rest = paragraph;
    let first = true;
    while (rest.length > 0) {
      const room = first && indent ? 26 : 28;
      texts.push({ text: rest.slice(0, room), x: 80 + (first && indent ? 32 : 0), y });
      rest = rest.slice(room);
      first = false;
      y -= 28;
    }
  }
  return texts;
}
