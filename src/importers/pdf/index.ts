import type { BlockDocument } from "../../model/blocks.js";
import { dropFurniture } from "./furniture.js";
import type { PageContent } from "./geometry.js";
import { blocksOf, type FlowItem, type PageFlow } from "./layout.js";
import { groupLines, lineOf, type TextLine } from "./lines.js";
import { assertPdfWithinLimits } from "./prescan.js";
import { readPdfPages } from "./read.js";
import { assertReadable } from "./readability.js";
import { findTables, type TableRegion } from "./tables.js";

/**
 * Imports a PDF with a text layer: pdf.js gives the positioned text runs (and, on pages that
 * may hold tables, the drawn borders); lines, tables and paragraphs are rebuilt from their
 * positions, page furniture is dropped. Scans and unreadable fonts are refused with their codes.
 */
export async function importPdf(bytes: Uint8Array): Promise<BlockDocument> {
  assertPdfWithinLimits(bytes);
  const pages = await readPdfPages(bytes);
  assertReadable(pages);
  const laidOut = pages.map(layOutPage);
  dropFurniture(laidOut);
  const flows: PageFlow[] = laidOut.map(numberItems);
  return { format: "pdf", encoding: null, via: "builtin", blocks: blocksOf(flows), diagnostics: [] };
}

interface LaidOutPage {
  page: number;
  width: number;
  height: number;
  lines: TextLine[];
  tables: TableRegion[];
}

function layOutPage(content: PageContent): LaidOutPage {
  const { tables, rest } = content.segments ? findTables(content.segments, content.runs) : { tables: [], rest: content.runs };
  const lines = groupLines(rest)
    .map(lineOf)
    .filter((line): line is TextLine => line !== null);
  return { page: content.number, width: content.width, height: content.height, lines, tables };
}

/** The page's lines and tables top to bottom, numbered: a line is one, a table one per row. */
function numberItems(page: LaidOutPage): PageFlow {
  const placed: Array<{ top: number; item: Omit<FlowItem, "lineNo">; count: number }> = [
    ...page.lines.map((line) => ({ top: line.y - line.size, item: { kind: "line" as const, line, page: page.page }, count: 1 })),
    ...page.tables.map((table) => ({ top: table.top, item: { kind: "table" as const, table, page: page.page }, count: table.rowLines.length - 1 })),
  ].sort((a, b) => a.top - b.top);
  let lineNo = 1;
  const items = placed.map(({ item, count }) => {
    const numbered = { ...item, lineNo } as FlowItem;
    lineNo += count;
    return numbered;
  });
  return { page: page.page, width: page.width, items };
}
