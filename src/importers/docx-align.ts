/**
 * Pairs the paragraphs mammoth produced with the paragraphs of our own document.xml pass,
 * by text. Both lists are in the same order and normally pair one to one; the look-ahead
 * only exists to survive a paragraph one side has and the other does not.
 */

/** How far ahead to look for the partner of a paragraph that does not match in place. */
const LOOK_AHEAD = 64;

/**
 * Text reduced to what both sides certainly agree on: no whitespace, no symbol-font or
 * private-use characters (w:sym), no hyphenation characters, no format characters.
 */
function comparableText(text: string): string {
  return text.replace(/[\s\p{So}\p{Co}\p{Cf}\u2011]/gu, "");
}

/**
 * For each paragraph of `produced` (mammoth's text), the index of its partner in `scanned`
 * (ours), or null.
 */
export function alignParagraphs(producedTexts: readonly string[], scannedTexts: readonly string[]): (number | null)[] {
  // The usual case, both sides identical, needs no normalisation at all.
  if (producedTexts.length === scannedTexts.length && producedTexts.every((text, index) => text === scannedTexts[index])) {
    return producedTexts.map((_text, index) => index);
  }
  const produced = producedTexts.map(comparableText);
  const scanned = scannedTexts.map(comparableText);
  const partners: (number | null)[] = new Array(produced.length).fill(null);
  let i = 0;
  let j = 0;
  while (i < produced.length && j < scanned.length) {
    if (produced[i] === scanned[j]) {
      partners[i++] = j++;
      continue;
    }
    const skipScanned = findAhead(scanned, j + 1, produced[i]);
    const skipProduced = findAhead(produced, i + 1, scanned[j]);
    if (skipScanned !== null && (skipProduced === null || skipScanned - j <= skipProduced - i)) {
      j = skipScanned;
    } else if (skipProduced !== null) {
      i = skipProduced;
    } else {
      i++;
      j++;
    }
  }
  return partners;
}

function findAhead(texts: readonly string[], from: number, text: string): number | null {
  const end = Math.min(texts.length, from + LOOK_AHEAD);
  for (let index = from; index < end; index++) if (texts[index] === text) return index;
  return null;
}

/**
 * The label of each paragraph mammoth produced, taken from its partner in our scan; null
 * when a numbered paragraph of the scan found no partner, since then any label could be
 * on the wrong paragraph.
 */
export function labelsOfProduced(
  producedTexts: readonly string[],
  scannedTexts: readonly string[],
  scannedLabels: readonly (string | null)[],
): (string | null)[] | null {
  const partners = alignParagraphs(producedTexts, scannedTexts);
  const matched = new Set(partners);
  if (scannedLabels.some((label, index) => label !== null && !matched.has(index))) return null;
  return partners.map((partner) => (partner === null ? null : scannedLabels[partner]));
}
