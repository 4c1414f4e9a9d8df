import { walkXml } from "./docx-xml.js";

/**
 * What the reader needs from styles.xml: each paragraph and numbering style's name, parent
 * (w:basedOn) and numbering (w:pPr/w:numPr).
 */

export interface Style {
  name: string | null;
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
}

export interface StyleSheet {
  /** Paragraph and numbering styles by styleId. */
  styles: Map<string, Style>;
  defaultParagraphStyle: string | null;
}

/** Guards style and numbering-link chains against cycles in hostile files. */
export const MAX_CHAIN = 32;

export function integer(value: string | undefined): number | null {
  if (value === undefined || !/^\s*-?\d{1,20}\s*$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

const isOn = (value: string | undefined) => value === "1" || value === "true" || value === "on";

export function parseStyleSheet(xml: string | null, partName: string): StyleSheet {
  const sheet: StyleSheet = { styles: new Map(), defaultParagraphStyle: null };
  if (xml === null) return sheet;
  const path: string[] = [];
  let style: Style | null = null;
  walkXml(xml, partName, {
    open(element) {
      path.push(element.name);
      if (element.name === "w:style" && path.length === 2) {
        const type = element.attribute("type") ?? "paragraph";
        const id = element.attribute("styleId");
        style = null;
        if (id === undefined || (type !== "paragraph" && type !== "numbering")) return;
        style = { name: null, basedOn: null, numId: null, ilvl: null };
        if (!sheet.styles.has(id)) sheet.styles.set(id, style);
        if (type === "paragraph" && isOn(element.attribute("default"))) sheet.defaultParagraphStyle ??= id;
        return;
      }
      if (style === null) return;
      const where = path.length === 3 ? element.name : path.slice(2).join("/");
      const value = element.attribute("val");
      if (where === "w:name") style.name = value ?? null;
      else if (where === "w:basedOn") style.basedOn = value ?? null;
      else if (where === "w:pPr/w:numPr/w:numId") style.numId = value ?? null;
      else if (where === "w:pPr/w:numPr/w:ilvl") style.ilvl = integer(value);
    },
    close(name) {
      path.pop();
      if (name === "w:style") style = null;
    },
    text() {},
  });
  return sheet;
}

/** The first numId and ilvl found walking up a style's w:basedOn chain. */
export function styleNumbering(sheet: StyleSheet, styleId: string | null): { numId: string | null; ilvl: number | null } {
  let numId: string | null = null;
  let ilvl: number | null = null;
  let current = styleId;
  for (let depth = 0; current !== null && depth < MAX_CHAIN; depth++) {
    const style = sheet.styles.get(current);
    if (style === undefined) break;
    numId ??= style.numId;
    ilvl ??= style.ilvl;
    if (numId !== null && ilvl !== null) break;
    current = style.basedOn;
  }
  return { numId, ilvl };
}
