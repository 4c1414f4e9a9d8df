import type { Paragraph as DocxParagraph, TableCell as DocxTableCell } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Ledger } from "../model/ledger.js";
import { LEDGER_DATA, LEDGER_OUTPUT_TAG } from "../model/ops.js";
import { columnWidths, ledgerTable, xmlSafe, xmlSafeJson, type ColumnKind, type TableOptions } from "./table.js";

export interface DocxOptions extends Omit<TableOptions, "dueColumn"> {
  /** The unit a split 台账 was written for: in its marker. */
  unit?: string;
}

/** A4 in twips, given portrait: docx swaps width and height for a landscape section. */
const A4 = { width: 11906, height: 16838 };
/** 1.8 cm margins leave a landscape text width of 14798 twips. */
const MARGIN = 1020;
const TEXT_WIDTH = A4.height - 2 * MARGIN;
/** 10 pt body (a 台账 is dense; 五号 leaves the content column too narrow) and 小二 (18 pt) title, in half-points. */
const BODY_SIZE = 20;
const TITLE_SIZE = 36;
const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const CENTRED: ReadonlySet<ColumnKind> = new Set(["serial", "deadline", "id"]);
/** Category columns merged down over their tasks: read from the top. */
const TOP_ALIGNED: ReadonlySet<ColumnKind> = new Set(["serial", "heading"]);
/** Inherited owners and deadlines: grey italics. */
const INHERITED_COLOUR = "7F7F7F";
/** 工作内容's share of the text width: the text an office reads; the short columns take what they need. */
const CONTENT_SHARE = 0.37;

/** A half-width character of 10 pt text is 5 pt (100 twips). */
const HALF_WIDTH_TWIPS = 100;
/** 57 twips of cell margin on either side, and room for the space Word puts between Chinese and digits. */
const CELL_MARGINS = 114 + 200;
/** Columns whose text wraps well; the others keep their natural width. */
const FLEXIBLE: ReadonlySet<ColumnKind> = new Set(["heading", "units", "source", "deadline", "blank"]);

/**
 * Column widths in twips filling the text width: 工作内容 gets CONTENT_SHARE of it; short columns (序号,
 * 完成时限, 任务编号, 备注…) what their text needs, so "2021年12月底前" stays on one line; the other long-text
 * columns share the rest in proportion.
 */
function fitWidths(kinds: readonly ColumnKind[], halfWidths: readonly number[]): number[] {
  const natural = halfWidths.map((w) => w * HALF_WIDTH_TWIPS + CELL_MARGINS);
  const content = Math.floor(TEXT_WIDTH * CONTENT_SHARE);
  const isFixed = (i: number) => kinds[i] !== "content" && !FLEXIBLE.has(kinds[i]);
  const fixed = natural.reduce((sum, w, i) => (isFixed(i) ? sum + w : sum), 0);
  const flexible = natural.reduce((sum, w, i) => (FLEXIBLE.has(kinds[i]) ? sum + w : sum), 0);
  const scale = flexible > 0 ? (TEXT_WIDTH - fixed - content) / flexible : 1;
  return natural.map((w, i) => (kinds[i] === "content" ? content : Math.floor(FLEXIBLE.has(kinds[i]) ? w * scale : w)));
}

/**
 * The Word 台账: the same table as the Excel 台账 sheet, on landscape A4, with parent tasks merged
 * down over their children and the header row repeated on every page.
 */
export async function toDocx(ledger: Ledger, options: DocxOptions = {}): Promise<Uint8Array> {
  // docx is loaded on demand, like exceljs: text outputs never pay for it.
  const docx = await import("docx");
  const { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, Table } = docx;
  const { TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } = docx;

  const table = ledgerTable([ledger], options);
  const widths = fitWidths(table.columns.map((c) => c.kind), columnWidths(table));

  const paragraphs = (text: string, kind: ColumnKind, bold: boolean, inherited: boolean): DocxParagraph[] =>
    xmlSafe(text)
      .split("\n")
      .map(
        (line) =>
          new Paragraph({
            alignment: bold || CENTRED.has(kind) ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [new TextRun({ text: line, bold, ...(inherited ? { italics: true, color: INHERITED_COLOUR } : {}) })],
          }),
      );
  const cell = (text: string, col: number, rowSpan: number, header: boolean, inherited = false): DocxTableCell =>
    new TableCell({
      children: paragraphs(text, table.columns[col].kind, header, inherited),
      rowSpan,
      width: { size: widths[col], type: WidthType.DXA },
      verticalAlign: rowSpan > 1 && TOP_ALIGNED.has(table.columns[col].kind) ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
      margins: { left: 57, right: 57, top: 28, bottom: 28 },
      ...(header ? { shading: { fill: "D9D9D9" } } : {}),
    });

  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((column, col) => cell(column.header, col, 1, true)),
  });
  // A covered slot (null) gets no cell of ours: docx adds the vMerge continuation cell itself.
  // Body rows may break across pages: a long row kept whole would leave half a page blank.
  const bodyRows = table.rows.map(
    (row) =>
      new TableRow({
        children: row.flatMap((slot, col) => (slot ? [cell(slot.text, col, slot.rowSpan, false, slot.inherited === true)] : [])),
      }),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

  const document = new Document({
    creator: "ledger",
    title: xmlSafe(table.title),
    description: LEDGER_OUTPUT_TAG,
    ...(options.unit !== undefined ? { subject: xmlSafe(options.unit) } : {}),
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE, language: { value: "zh-CN", eastAsia: "zh-CN" } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页，共 ", PageNumber.TOTAL_PAGES, " 页"] })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: xmlSafe(table.title), bold: true, size: TITLE_SIZE })],
          }),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
            rows: [headerRow, ...bodyRows],
          }),
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(document));
  return withEmbeddedLedger(bytes, xmlSafeJson({ tag: LEDGER_OUTPUT_TAG, unit: options.unit ?? null, ledgers: [ledger] }));
}

const CUSTOM_XML_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml";

/** Adds the ledger's JSON as a custom XML part related to the document. */
function withEmbeddedLedger(docx: Uint8Array, json: string): Uint8Array {
  const files = unzipSync(docx);
  const escaped = json.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  files[LEDGER_DATA.docxPart] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ledger xmlns="urn:ledger:taizhang">${escaped}</ledger>`);
  const relsPath = "word/_rels/document.xml.rels";
  const rels = strFromU8(files[relsPath]);
  files[relsPath] = strToU8(
    rels.replace("</Relationships>", `<Relationship Id="rIdLedgerData" Type="${CUSTOM_XML_RELATIONSHIP}" Target="../${LEDGER_DATA.docxPart}"/></Relationships>`),
  );
  const typesPath = "[Content_Types].xml";
  const types = strFromU8(files[typesPath]);
  if (!/Extension="xml"/i.test(types)) {
    files[typesPath] = strToU8(types.replace(/(<Types[^>]*>)/, '$1<Default Extension="xml" ContentType="application/xml"/>'));
  }
  return zipSync(files, { level: 6 });
}
