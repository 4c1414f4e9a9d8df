import type { TextLine } from "./lines.js";

/**
 * Page furniture: what the printed page carries that is not the notice's text. Page numbers
 * (`— 6 —`, `-6-`, `第6页`, `第6页 共10页`, `6/10`, a bare number) in the top or bottom band of a
 * page, and running headers and footers: a line of the band repeated (numbers aside) on at least
 * half of the pages.
 */

export interface PageLines {
  height: number;
  lines: TextLine[];
}

/** Share of the page height, at the top and at the bottom, where headers and footers sit. */
const BAND = 0.12;
/** Running lines on different pages are at the same height within this many points. */
const SAME_PLACE = 4;

const PAGE_NUMBER = /^(?:[-—–－~]*\d{1,4}[-—–－~]*|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}\/\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;

const inBand = (line: TextLine, height: number) => line.y < height * BAND || line.y > height * (1 - BAND);
const key = (line: TextLine) => line.text.replace(/\s+/g, "").replace(/\d+/g, "#");

/** Removes the furniture lines from each page (in place); returns how many were removed. */
export function dropFurniture(pages: PageLines[]): number {
  const running = runningLines(pages);
  let dropped = 0;
  for (const page of pages) {
    const kept = page.lines.filter((line) => {
      if (!inBand(line, page.height)) return true;
      const compact = line.text.replace(/\s+/g, "");
      return !(PAGE_NUMBER.test(compact) || running.some((r) => r.key === key(line) && Math.abs(r.y - line.y) <= SAME_PLACE));
    });
    dropped += page.lines.length - kept.length;
    page.lines = kept;
  }
  return dropped;
}

/** Band lines that recur at one place on at least half the pages (two pages at least). */
function runningLines(pages: PageLines[]): Array<{ key: string; y: number }> {
  if (pages.length < 2) return [];
  const seen = new Map<string, Array<{ y: number; page: number }>>();
  pages.forEach((page, index) => {
    for (const line of page.lines) {
      if (!inBand(line, page.height)) continue;
      const k = key(line);
      if (!seen.has(k)) seen.set(k, []);
      seen.get(k)!.push({ y: line.y, page: index });
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const out: Array<{ key: string; y: number }> = [];
  for (const [k, places] of seen) {
    for (const { y } of places) {
      const pagesHere = new Set(places.filter((p) => Math.abs(p.y - y) <= SAME_PLACE).map((p) => p.page));
      if (pagesHere.size >= needed) {
        out.push({ key: k, y });
        break;
      }
    }
  }
  return out.flatMap((r) => seen.get(r.key)!.filter((p) => Math.abs(p.y - r.y) <= SAME_PLACE).map((p) => ({ key: r.key, y: p.y })));
}
