import { CompoundFile } from "./compound-file.js";

/**
 * The Word binary format ([MS-DOC]) of .doc and WPS's .wps, read to the paragraph level: the FIB,
 * the piece table (CLX) for the text, and the paragraph properties (PAPX in FKP pages) for what
 * the text alone cannot tell: whether a \x07 ends a cell or a table row, whether a paragraph is
 * in a table, is automatically numbered, and where a row's cell boundaries and merges are.
 * Offsets and sizes come from the file, so every one is checked before it is used.
 */

export class WordBinaryError extends Error {
  constructor(
    readonly reason: "corrupt" | "encrypted" | "old-version" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "WordBinaryError";
  }
}

/** One row's layout from sprmTDefTable and sprmTVertMerge. */
export interface RowLayout {
  /** Cell edges in twips: cell i spans edges[i]..edges[i+1]. */
  edges: number[];
  /** Per cell: 0 none, 1 continues the merge above, 3 starts a vertical merge (MS-DOC VerticalMergeFlag). */
  vertMerge: number[];
  /** Per cell: 0 none, 1 first of a horizontal merge, 2 or 3 merged into the cell on its left. */
  horzMerge: number[];
}

export interface WordParagraph {
  /** Text without its end mark; fields are replaced by their result, soft breaks are "\n". */
  text: string;
  /** What the end mark closes: a paragraph, a table cell, or a table row (the row-end mark holds no text). */
  end: "paragraph" | "cell" | "row";
  inTable: boolean;
  /** Carries an automatic list (sprmPIlfo): Word would show a number or bullet the text lacks. */
  listed: boolean;
  /** Outline level 1–9 set on the paragraph itself (sprmPOutLvl), else null. */
  outlineLevel: number | null;
  /** Row-end marks only: the row's cell layout when the file records it. */
  layout: RowLayout | null;
}

export interface WordBinaryDocument {
  paragraphs: WordParagraph[];
  /** The body text holds nested tables (their cells are read as lines of the outer cell). */
  nestedTables: boolean;
}

const FIB_IDENT = 0xa5ec;
/** Word 97 and later; earlier versions have another FIB layout. */
const MIN_NFIB = 0xc1;
const FKP_BYTES = 512;

const SPRM = {
  PFInTable: 0x2416,
  PFTtp: 0x2417,
  PIlfo: 0x460b,
  POutLvl: 0x2640,
  PItap: 0x6649,
  PFInnerTableCell: 0x244b,
  PFInnerTtp: 0x244c,
  PHugePapx: 0x6646,
  TDefTable: 0xd608,
  TVertMerge: 0xd62b,
  PChgTabs: 0xc615,
} as const;

interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  compressed: boolean;
}

interface ParagraphProperties {
  inTable: boolean;
  ttp: boolean;
  depth: number;
  innerCell: boolean;
  innerTtp: boolean;
  listed: boolean;
  outlineLevel: number | null;
  layout: RowLayout | null;
}

interface PropertyRun {
  fcStart: number;
  fcEnd: number;
  properties: ParagraphProperties;
}

const NO_PROPERTIES: ParagraphProperties = {
  inTable: false,
  ttp: false,
  depth: 0,
  innerCell: false,
  innerTtp: false,
  listed: false,
  outlineLevel: null,
  layout: null,
};

export function readWordBinary(file: CompoundFile, maxChars: number): WordBinaryDocument {
  const word = file.stream("WordDocument");
  if (word === null) throw new WordBinaryError("corrupt", "is an OLE file without a WordDocument stream");
  if (word.length < 0x200) throw new WordBinaryError("corrupt", "has a truncated Word header");
  const fib = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (fib.getUint16(0, true) !== FIB_IDENT) throw new WordBinaryError("corrupt", "has no Word file header");
  const nFib = fib.getUint16(2, true);
  const flags = fib.getUint16(0x0a, true);
  if (flags & 0x0100) throw new WordBinaryError("encrypted", "is password-protected; remove the password in Word or WPS and save again");
  if (nFib < MIN_NFIB) throw new WordBinaryError("old-version", "is a Word 6/95 document; save it as .docx, or install LibreOffice");
  const table = file.stream(flags & 0x0200 ? "1Table" : "0Table");
  if (table === null) throw new WordBinaryError("corrupt", "has no table stream");

  const csw = fib.getUint16(32, true);
  const rgLw = 34 + csw * 2 + 2;
  const cslw = fib.getUint16(rgLw - 2, true);
  const rgFcLcb = rgLw + cslw * 4 + 2;
  if (rgFcLcb + 34 * 8 > word.length) throw new WordBinaryError("corrupt", "has a truncated Word header");
  const ccpText = fib.getInt32(rgLw + 3 * 4, true);
  if (ccpText < 0) throw new WordBinaryError("corrupt", "declares a negative text length");
  if (ccpText > maxChars) throw new WordBinaryError("too-large", "has more characters of text than the limit; split the notice");
  const fcLcb = (index: number) => ({ fc: fib.getUint32(rgFcLcb + index * 8, true), lcb: fib.getUint32(rgFcLcb + index * 8 + 4, true) });

  const pieces = readPieces(slice(table, fcLcb(33), "piece table"), ccpText);
  const text = pieceText(word, pieces, ccpText);
  const runs = readPropertyRuns(word, slice(table, fcLcb(13), "paragraph property table"), file);
  return splitParagraphs(text, pieces, runs);
}

function slice(stream: Uint8Array, { fc, lcb }: { fc: number; lcb: number }, what: string): Uint8Array {
  if (fc + lcb > stream.length) throw new WordBinaryError("corrupt", `has its ${what} outside the file`);
  return stream.subarray(fc, fc + lcb);
}

/** The CLX: skip the Prc blocks, then the PlcPcd of the piece table. */
function readPieces(clx: Uint8Array, ccpText: number): Piece[] {
  const view = new DataView(clx.buffer, clx.byteOffset, clx.byteLength);
  let at = 0;
  while (at < clx.length && clx[at] === 0x01) {
    if (at + 3 > clx.length) break;
    at += 3 + view.getInt16(at + 1, true);
  }
  if (at + 5 > clx.length || clx[at] !== 0x02) throw new WordBinaryError("corrupt", "has no piece table");
  const lcb = view.getUint32(at + 1, true);
  const start = at + 5;
  if (start + lcb > clx.length || lcb < 4 || (lcb - 4) % 12 !== 0) throw new WordBinaryError("corrupt", "has a malformed piece table");
  const count = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const cpStart = view.getUint32(start + i * 4, true);
    const cpEnd = view.getUint32(start + (i + 1) * 4, true);
    const raw = view.getUint32(start + (count + 1) * 4 + i * 8 + 2, true);
    const compressed = (raw & 0x40000000) !== 0;
    if (cpEnd < cpStart) throw new WordBinaryError("corrupt", "has a malformed piece table");
    if (cpStart >= ccpText) break;
    pieces.push({ cpStart, cpEnd, fc: compressed ? (raw & 0x3fffffff) / 2 : raw, compressed });
  }
  return pieces;
}

const WINDOWS_1252 = new TextDecoder("windows-1252");
const UTF_16LE = new TextDecoder("utf-16le");

function pieceText(word: Uint8Array, pieces: readonly Piece[], ccpText: number): string {
  const parts: string[] = [];
  for (const piece of pieces) {
    const length = Math.min(piece.cpEnd, ccpText) - piece.cpStart;
    const bytes = piece.compressed ? length : length * 2;
    if (piece.fc + bytes > word.length) throw new WordBinaryError("corrupt", "has text outside the WordDocument stream");
    const data = word.subarray(piece.fc, piece.fc + bytes);
    parts.push(piece.compressed ? WINDOWS_1252.decode(data) : UTF_16LE.decode(data));
  }
  return parts.join("");
}

/** The FC (byte offset in WordDocument) of character `cp`, through the piece holding it. */
function fcOf(pieces: readonly Piece[], cp: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pieces[mid].cpStart <= cp) low = mid;
    else high = mid - 1;
  }
  const piece = pieces[low];
  return piece.fc + (cp - piece.cpStart) * (piece.compressed ? 1 : 2);
}

/** PlcBtePapx → FKP pages → one run of paragraph properties per FC range. */
function readPropertyRuns(word: Uint8Array, plc: Uint8Array, file: CompoundFile): PropertyRun[] {
  if (plc.length < 4 || (plc.length - 4) % 8 !== 0) return [];
  const view = new DataView(plc.buffer, plc.byteOffset, plc.byteLength);
  const count = (plc.length - 4) / 8;
  const runs: PropertyRun[] = [];
  let data: Uint8Array | null | undefined;
  const dataStream = () => (data === undefined ? (data = file.stream("Data")) : data);
  const seenPages = new Set<number>();
  for (let i = 0; i < count; i++) {
    const page = view.getUint32((count + 1) * 4 + i * 4, true) & 0x3fffff;
    if (seenPages.has(page)) continue;
    seenPages.add(page);
    const offset = page * FKP_BYTES;
    if (offset + FKP_BYTES > word.length) throw new WordBinaryError("corrupt", "has paragraph properties outside the file");
    const fkp = word.subarray(offset, offset + FKP_BYTES);
    const fkpView = new DataView(fkp.buffer, fkp.byteOffset, FKP_BYTES);
    const crun = fkp[511];
    if (4 * (crun + 1) + 13 * crun > 511) throw new WordBinaryError("corrupt", "has a malformed paragraph property page");
    for (let r = 0; r < crun; r++) {
      const fcStart = fkpView.getUint32(r * 4, true);
      const fcEnd = fkpView.getUint32((r + 1) * 4, true);
      const bOffset = fkp[4 * (crun + 1) + 13 * r] * 2;
      runs.push({ fcStart, fcEnd, properties: bOffset === 0 ? NO_PROPERTIES : papxInFkp(fkp, bOffset, dataStream) });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

function papxInFkp(fkp: Uint8Array, at: number, data: () => Uint8Array | null): ParagraphProperties {
  if (at >= 511) return NO_PROPERTIES;
  let size = fkp[at] * 2 - 1;
  let start = at + 1;
  if (fkp[at] === 0) {
    size = fkp[at + 1] * 2;
    start = at + 2;
  }
  const end = Math.min(start + size, 511);
  // The first two bytes are the style index, then the property modifiers.
  return applySprms({ ...NO_PROPERTIES }, fkp.subarray(start + 2, end), data);
}

/** Reads the property modifiers we use; the others are skipped by their operand sizes. */
function applySprms(props: ParagraphProperties, grpprl: Uint8Array, data: () => Uint8Array | null): ParagraphProperties {
  const view = new DataView(grpprl.buffer, grpprl.byteOffset, grpprl.byteLength);
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = view.getUint16(at, true);
    const op = at + 2;
    const size = operandSize(sprm, grpprl, op);
    if (size === null || op + size > grpprl.length) break;
    const byte = () => grpprl[op];
    switch (sprm) {
      case SPRM.PFInTable:
        props.inTable = byte() !== 0;
        break;
      case SPRM.PFTtp:
        props.ttp = byte() !== 0;
        break;
      case SPRM.PIlfo:
        props.listed = view.getInt16(op, true) !== 0;
        break;
      case SPRM.POutLvl:
        props.outlineLevel = byte() < 9 ? byte() + 1 : null;
        break;
      case SPRM.PItap:
        props.depth = view.getInt32(op, true);
        break;
      case SPRM.PFInnerTableCell:
        props.innerCell = byte() !== 0;
        break;
      case SPRM.PFInnerTtp:
        props.innerTtp = byte() !== 0;
        break;
      case SPRM.TDefTable:
        props.layout = rowLayout(grpprl.subarray(op + 2, op + size));
        break;
      case SPRM.TVertMerge:
        if (props.layout !== null && grpprl[op + 1] < props.layout.vertMerge.length) props.layout.vertMerge[grpprl[op + 1]] = grpprl[op + 2];
        break;
      case SPRM.PHugePapx: {
        // Large property sets (wide tables) live in the Data stream: cb, then the modifiers.
        const stream = data();
        const offset = view.getUint32(op, true);
        if (stream !== null && offset + 2 <= stream.length) {
          const cb = stream[offset] | (stream[offset + 1] << 8);
          applySprms(props, stream.subarray(offset + 2, Math.min(offset + 2 + cb, stream.length)), () => null);
        }
        break;
      }
    }
    at = op + size;
  }
  return props;
}

/** Operand size by the sprm's spra bits ([MS-DOC] 2.2.5.1); null when it cannot be known. */
function operandSize(sprm: number, grpprl: Uint8Array, op: number): number | null {
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default:
      if (op >= grpprl.length) return null;
      if (sprm === SPRM.TDefTable) return op + 2 <= grpprl.length ? (grpprl[op] | (grpprl[op + 1] << 8)) + 1 : null;
      if (sprm === SPRM.PChgTabs && grpprl[op] === 255) return null;
      return grpprl[op] + 1;
  }
}

/** TDefTableOperand after its size: itcMac, the cell edges, then a TC80 per cell. */
function rowLayout(operand: Uint8Array): RowLayout | null {
  if (operand.length < 1) return null;
  const view = new DataView(operand.buffer, operand.byteOffset, operand.byteLength);
  const cells = operand[0];
  if (cells === 0 || 1 + (cells + 1) * 2 > operand.length) return null;
  const edges = Array.from({ length: cells + 1 }, (_unused, i) => view.getInt16(1 + i * 2, true));
  const tcStart = 1 + (cells + 1) * 2;
  const vertMerge: number[] = [];
  const horzMerge: number[] = [];
  for (let i = 0; i < cells; i++) {
    const at = tcStart + i * 20;
    const grf = at + 2 <= operand.length ? view.getUint16(at, true) : 0;
    horzMerge.push(grf & 0x3);
    vertMerge.push((grf >> 5) & 0x3);
  }
  return { edges, vertMerge, horzMerge };
}

function propertiesAt(runs: readonly PropertyRun[], fc: number): ParagraphProperties {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (runs[mid].fcEnd <= fc) low = mid + 1;
    else if (runs[mid].fcStart > fc) high = mid - 1;
    else return runs[mid].properties;
  }
  return NO_PROPERTIES;
}

const PARAGRAPH_END = /[\r\x07\x0c]/g;

/** Cuts the text at its end marks and gives each piece the properties of its end mark. */
function splitParagraphs(text: string, pieces: readonly Piece[], runs: readonly PropertyRun[]): WordBinaryDocument {
  const paragraphs: WordParagraph[] = [];
  let nestedTables = false;
  let start = 0;
  for (const match of text.matchAll(PARAGRAPH_END)) {
    const cp = match.index;
    // A page or section break (\x0c) ends a paragraph like a paragraph mark.
    const body = cleanText(text.slice(start, cp));
    start = cp + 1;
    const props = pieces.length > 0 ? propertiesAt(runs, fcOf(pieces, cp)) : NO_PROPERTIES;
    const inTable = props.inTable || props.depth > 0;
    if (props.depth > 1) nestedTables = true;
    // Inside a nested table the inner row-end marks carry no text; inner cells are lines of the outer cell.
    if (props.depth > 1 && props.innerTtp) continue;
    const end = match[0] === "\x07" ? (props.ttp ? "row" : "cell") : "paragraph";
    paragraphs.push({
      text: body,
      end,
      inTable,
      listed: props.listed,
      outlineLevel: props.outlineLevel,
      layout: end === "row" ? props.layout : null,
    });
  }
  const tail = cleanText(text.slice(start));
  if (tail.trim() !== "") paragraphs.push({ text: tail, end: "paragraph", inTable: false, listed: false, outlineLevel: null, layout: null });
  return { paragraphs, nestedTables };
}

/**
 * Fields (\x13 code \x14 result \x15) become their result, nested or not; soft line breaks (\x0b)
 * become "\n"; object anchors, note references and optional hyphens are dropped.
 */
function cleanText(raw: string): string {
  if (!/[\x00-\x08\x0b\x13-\x15\x1e\x1f]/.test(raw)) return raw;
  let out = "";
  // One entry per open field: true while in its code part (not shown), false in its result.
  const fields: boolean[] = [];
  let hidden = 0;
  for (const ch of raw) {
    switch (ch) {
      case "\x13":
        fields.push(true);
        hidden++;
        continue;
      case "\x14":
        if (fields.length > 0 && fields[fields.length - 1]) {
          fields[fields.length - 1] = false;
          hidden--;
        }
        continue;
      case "\x15":
        if (fields.length > 0 && fields.pop()) hidden--;
        continue;
    }
    if (hidden > 0) continue;
    if (ch === "\x0b") out += "\n";
    else if (ch === "\x1e") out += "-";
    else if (ch === "\t" || ch >= " ") out += ch;
  }
  return out;
}
