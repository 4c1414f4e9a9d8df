import { strToU8, zipSync, type Zippable } from "fflate";

/**
 * Builds small but real .docx packages in tests, from WordprocessingML written out by hand,
 * for the cases the docx package cannot produce (numbering overrides, style chains, Strict
 * OOXML, hostile XML).
 */

export const WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
export const STRICT_WORD_NAMESPACE = "http://purl.oclc.org/ooxml/wordprocessingml/main";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const PACKAGE_RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

function documentRelationships(parts: { styles: boolean; numbering: boolean }): string {
  const relationship = (id: string, type: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${type}.xml"/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.styles ? relationship("rId1", "styles") : ""}${parts.numbering ? relationship("rId2", "numbering") : ""}</Relationships>`;
}

export interface PackageParts {
  /** The body content of word/document.xml (w:p and w:tbl elements). */
  body: string;
  /** The content of word/numbering.xml's root element, if the document has numbering. */
  numbering?: string;
  /** The content of word/styles.xml's root element. */
  styles?: string;
  namespace?: string;
}

export function wordXml(root: string, content: string, namespace = WORD_NAMESPACE): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${root} xmlns:w="${namespace}">${content}</w:${root}>`;
}

/** A .docx with the given body, numbering and styles. */
export function docxPackage(parts: PackageParts): Uint8Array {
  const namespace = parts.namespace ?? WORD_NAMESPACE;
  const files: Zippable = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(PACKAGE_RELATIONSHIPS),
    "word/_rels/document.xml.rels": strToU8(documentRelationships({ styles: parts.styles !== undefined, numbering: parts.numbering !== undefined })),
    "word/document.xml": strToU8(wordXml("document", `<w:body>${parts.body}</w:body>`, namespace)),
  };
  if (parts.styles !== undefined) files["word/styles.xml"] = strToU8(wordXml("styles", parts.styles, namespace));
  if (parts.numbering !== undefined) files["word/numbering.xml"] = strToU8(wordXml("numbering", parts.numbering, namespace));
  return zipSync(files);
}

/** A zip of exactly these files (for packages that are broken on purpose). */
export function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) zippable[name] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(zippable);
}

/** A paragraph; `numbering` puts it in list `numId` at level `ilvl`. */
export function paragraph(text: string, options: { numId?: number; ilvl?: number; style?: string } = {}): string {
  const style = options.style === undefined ? "" : `<w:pStyle w:val="${options.style}"/>`;
  const numbering =
    options.numId === undefined ? "" : `<w:numPr><w:ilvl w:val="${options.ilvl ?? 0}"/><w:numId w:val="${options.numId}"/></w:numPr>`;
  const properties = style + numbering === "" ? "" : `<w:pPr>${style}${numbering}</w:pPr>`;
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

export interface LevelSpec {
  numFmt: string;
  lvlText: string;
  start?: number;
  lvlRestart?: number;
  isLgl?: boolean;
  pStyle?: string;
}

export function abstractNum(id: number, levels: LevelSpec[]): string {
  const level = (spec: LevelSpec, ilvl: number) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${spec.start ?? 1}"/><w:numFmt w:val="${spec.numFmt}"/>` +
    (spec.lvlRestart === undefined ? "" : `<w:lvlRestart w:val="${spec.lvlRestart}"/>`) +
    (spec.pStyle === undefined ? "" : `<w:pStyle w:val="${spec.pStyle}"/>`) +
    (spec.isLgl ? "<w:isLgl/>" : "") +
    `<w:lvlText w:val="${spec.lvlText}"/></w:lvl>`;
  return `<w:abstractNum w:abstractNumId="${id}">${levels.map(level).join("")}</w:abstractNum>`;
}

/** A w:num; `startOverrides` maps a level to its w:startOverride. */
export function num(numId: number, abstractNumId: number, startOverrides: Record<number, number> = {}): string {
  const overrides = Object.entries(startOverrides)
    .map(([ilvl, start]) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
    .join("");
  return `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractNumId}"/>${overrides}</w:num>`;
}
