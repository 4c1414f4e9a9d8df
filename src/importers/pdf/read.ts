import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { LedgerInputError } from "../../errors.js";
import { LIMIT_MESSAGES, MAX_PDF_PAGES, MAX_PDF_READ_MS, tooLarge } from "../limits.js";
import type { GlyphRun, PageContent, Segment } from "./geometry.js";
import { mayHoldTable } from "./lines.js";

type PdfJs = typeof import("pdfjs-dist");
type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;
type Matrix = [number, number, number, number, number, number];

let loaded: Promise<PdfJs> | null = null;

/** pdf.js is loaded on the first PDF only: it costs ~100 ms of start-up that other inputs never need. */
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import("pdfjs-dist/legacy/build/pdf.mjs") as Promise<PdfJs>;
  return loaded;
}

/** pdf.js's predefined CMaps (old Chinese PDFs use UniGB-UCS2-H with non-embedded fonts) and standard fonts. */
function dataFolders(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: join(root, "cmaps") + "/", standardFontDataUrl: join(root, "standard_fonts") + "/" };
}

/**
 * Reads the text layer of every page (and, where the text may hold a table, the drawn strokes),
 * bounded by the page and time limits. Broken or password-protected files end in one-line errors.
 */
export async function readPdfPages(bytes: Uint8Array): Promise<PageContent[]> {
  const pdfjs = await loadPdfJs();
  const started = performance.now();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given, and wants no Node Buffer.
    data: new Uint8Array(bytes),
    ...dataFolders(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Images are never needed: above one pixel they are skipped, not decoded.
    maxImageSize: 1,
    enableXfa: false,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    throw openError(error);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw tooLarge(LIMIT_MESSAGES.pdfPages());
    const pages: PageContent[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      if (performance.now() - started > MAX_PDF_READ_MS) throw tooLarge(LIMIT_MESSAGES.pdfTime());
      const page = await doc.getPage(number).catch((error: unknown) => {
        throw brokenPage(number, error);
      });
      pages.push(await readPage(pdfjs, page, number));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

async function readPage(pdfjs: PdfJs, page: PdfPage, number: number): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const device = viewport.transform as Matrix;
  try {
    const content = await page.getTextContent();
    const runs: GlyphRun[] = [];
    for (const item of content.items) {
      if (!("str" in item) || item.str === "" || item.dir === "ttb") continue;
      const [a, b, c, d, x, y] = multiply(device, item.transform as Matrix);
      // Rotated text (stamps, watermarks, vertical side notes) is not body text.
      if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) continue;
      runs.push({ text: item.str, x, y, width: item.width, size: Math.abs(d) });
    }
    // Drawings pdf.js cannot list only cost the tables of the page: its text stands.
    const segments = mayHoldTable(runs)
      ? await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }).then(
          (list) => strokes(pdfjs, list, device),
          () => null,
        )
      : null;
    return { number, width: viewport.width, height: viewport.height, runs, segments };
  } catch (error) {
    if (error instanceof LedgerInputError) throw error;
    throw brokenPage(number, error);
  }
}

function openError(error: unknown): LedgerInputError {
  const name = (error as { name?: string })?.name;
  if (name === "PasswordException") {
    return new LedgerInputError("encrypted-pdf", "is protected by a password; open it in a PDF reader and save an unprotected copy");
  }
  return new LedgerInputError("corrupt-pdf", `is not a readable PDF (${describe(error)})`);
}

function brokenPage(number: number, error: unknown): LedgerInputError {
  return new LedgerInputError("corrupt-pdf", `page ${number} cannot be read (${describe(error)})`);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thicker than this, a filled rectangle is shading, not a border. */
const MAX_RULE_THICKNESS = 2.5;
/** Off axis by less than this, a stroke counts as horizontal or vertical. */
const AXIS_TOLERANCE = 0.5;
const WHITE = "#ffffff";

interface GraphicsState {
  ctm: Matrix;
  stroke: string;
  fill: string;
}

/**
 * Horizontal and vertical strokes of the page's operator list, in page coordinates: stroked lines
 * and rectangle edges, and filled rectangles thin enough to be rules (how Word draws borders).
 * White strokes (erased borders) and curves are left out.
 */
function strokes(pdfjs: PdfJs, list: { fnArray: number[]; argsArray: unknown[][] }, device: Matrix): Segment[] {
  const { OPS } = pdfjs;
  const STROKING = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLING = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: device, stroke: "#000000", fill: "#000000" };
  const segments: Segment[] = [];
  const add: AddSegment = (x1, y1, x2, y2) => {
    if (Math.abs(x1 - x2) > AXIS_TOLERANCE && Math.abs(y1 - y2) > AXIS_TOLERANCE) return;
    segments.push({ x1: Math.min(x1, x2), y1: Math.min(y1, y2), x2: Math.max(x1, x2), y2: Math.max(y1, y2) });
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i];
    if (fn === OPS.save) stack.push({ ...state });
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform) state.ctm = multiply(state.ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...state });
      if (Array.isArray(args[0])) state.ctm = multiply(state.ctm, args[0] as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (fn === OPS.setStrokeRGBColor) state.stroke = String(args[0]);
    else if (fn === OPS.setFillRGBColor) state.fill = String(args[0]);
    else if (fn === OPS.constructPath) {
      const op = args[0] as number;
      const path = (args[1] as ArrayLike<number>[] | null)?.[0];
      if (!path) continue;
      const stroked = STROKING.has(op) && state.stroke !== WHITE;
      const filled = FILLING.has(op) && state.fill !== WHITE;
      if (stroked || filled) for (const sub of subpaths(path)) addSubpath(sub, stroked, filled, add, state.ctm);
    }
  }
  return segments;
}

/** Straight-line subpaths of a pdf.js path buffer (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function subpaths(path: ArrayLike<number>): Array<{ points: number[]; closed: boolean; curved: boolean }> {
  const out: Array<{ points: number[]; closed: boolean; curved: boolean }> = [];
  let current: { points: number[]; closed: boolean; curved: boolean } | null = null;
  for (let i = 0; i < path.length; ) {
    const code = path[i];
    if (code === 0) {
      current = { points: [path[i + 1], path[i + 2]], closed: false, curved: false };
      out.push(current);
      i += 3;
    } else if (code === 1) {
      current?.points.push(path[i + 1], path[i + 2]);
      i += 3;
    } else if (code === 2 || code === 3) {
      if (current) current.curved = true;
      i += code === 2 ? 7 : 5;
    } else {
      if (current) current.closed = true;
      i += 1;
    }
  }
  return out;
}

type AddSegment = (x1: number, y1: number, x2: number, y2: number) => void;

/** Adds a subpath's borders, given in user space, to the page's segments (in page space). */
function addSubpath(sub: { points: number[]; closed: boolean; curved: boolean }, stroked: boolean, filled: boolean, add: AddSegment, ctm: Matrix): void {
  if (sub.curved) return;
  const points: Array<[number, number]> = [];
  for (let i = 0; i + 1 < sub.points.length; i += 2) points.push(apply(ctm, sub.points[i], sub.points[i + 1]));
  if (stroked) {
    for (let i = 1; i < points.length; i++) add(...points[i - 1], ...points[i]);
    if (sub.closed && points.length > 2) add(...points[points.length - 1], ...points[0]);
    return;
  }
  // A filled axis-aligned rectangle thin enough to be a rule: its centre line.
  if (!filled || points.length < 4 || points.length > 5) return;
  const xs = points.map((c) => c[0]);
  const ys = points.map((c) => c[1]);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const axisAligned = points.every(([x, y]) => (near(x, left) || near(x, right)) && (near(y, top) || near(y, bottom)));
  if (!axisAligned) return;
  if (bottom - top <= MAX_RULE_THICKNESS && right - left > bottom - top) {
    add(left, (top + bottom) / 2, right, (top + bottom) / 2);
  } else if (right - left <= MAX_RULE_THICKNESS && bottom - top > right - left) {
    add((left + right) / 2, top, (left + right) / 2, bottom);
  }
}

const near = (a: number, b: number) => Math.abs(a - b) <= AXIS_TOLERANCE;
