import type { ReadParagraph } from "../../src/importers/docx-body.js";

/**
 * Compares our numbering labels with LibreOffice's text rendering of the same .docx, where
 * each paragraph is one line: indentation, the label, its separator, the text. Our
 * paragraphs are found in that rendering in order, by their text; what precedes the text on
 * the line is LibreOffice's label. Bullets (symbols only) count as no label.
 */

export interface LabelComparison {
  /** Paragraphs numbered on either side. */
  numbered: number;
  agreeing: number;
  /** Paragraphs with text whose line was not found in the rendering (their labels are unchecked). */
  unmatched: number;
  disagreements: { ours: string | null; libreoffice: string | null; text: string }[];
}

const squeeze = (text: string) => text.replace(/\s+/g, "");
/** Rendered prefixes that are bullets, not labels. */
const BULLET = /^[\p{So}\p{Co}\p{Sm}\p{Pd}•·∙◦▪▫●○■□◆◇►➢✓√*]+$/u;
/** How far ahead a paragraph's line is looked for, and the longest prefix taken for a label. */
const WINDOW = 40;
const MAX_PREFIX = 40;

function asLabel(prefix: string): string | null {
  return prefix === "" || BULLET.test(prefix) ? null : prefix;
}

export function compareLabels(paragraphs: readonly ReadParagraph[], rendering: string): LabelComparison {
  const lines = rendering.split(/\r?\n/).map(squeeze);
  const result: LabelComparison = { numbered: 0, agreeing: 0, unmatched: 0, disagreements: [] };
  let next = 0;
  for (const paragraph of paragraphs) {
    const ours = paragraph.label === null ? null : asLabel(squeeze(paragraph.label));
    const text = squeeze(paragraph.text.split("\n")[0]);
    if (text === "" && ours === null) continue;
    let found: number | null = null;
    for (let index = next; index < Math.min(lines.length, next + WINDOW); index++) {
      const line = lines[index];
      if (text === "" ? line !== "" && line.length <= MAX_PREFIX : line.endsWith(text) && line.length - text.length <= MAX_PREFIX) {
        found = index;
        break;
      }
    }
    const theirs = found === null ? null : asLabel(lines[found].slice(0, lines[found].length - text.length));
    if (found !== null) next = found + 1;
    else result.unmatched++;
    if (ours === null && theirs === null) continue;
    result.numbered++;
    if (ours === theirs) result.agreeing++;
    else result.disagreements.push({ ours, libreoffice: found === null ? "(line not found)" : theirs, text: paragraph.text.slice(0, 40) });
  }
  return result;
}
