import { SaxesParser, type SaxesTagPlain } from "saxes";
import { LedgerInputError } from "../errors.js";
import { LIMIT_MESSAGES, MAX_BLOCKS, MAX_XML_ELEMENTS, tooLarge } from "./limits.js";

/**
 * Streaming reads of the package's XML parts with saxes. Transitional and Strict
 * WordprocessingML both map to the `w:` prefix, and of every `mc:AlternateContent` only the
 * `mc:Fallback` branch is seen (the branch every consumer understands, and the one mammoth reads).
 * The parser stops at the first fatal XML error, so malformed XML costs one linear pass.
 */

const PREFIX_BY_NAMESPACE: Record<string, string> = {
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
  "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
  "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
  "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": "wp",
  "urn:schemas-microsoft-com:vml": "v",
  "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
  "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
};

const WORD_NAMESPACES = new Set(Object.keys(PREFIX_BY_NAMESPACE).filter((uri) => PREFIX_BY_NAMESPACE[uri] === "w"));

/** Open elements deeper than this end the read: real documents nest a few dozen deep. */
const MAX_XML_DEPTH = 4096;

/** An element as the handler sees it: a prefixed name (`w:p`) and attribute lookup by local name. */
export interface XmlElement {
  name: string;
  /** The value of the attribute with this local name in the Word namespace, or without a namespace. */
  attribute(localName: string): string | undefined;
}

export interface XmlHandler {
  open(element: XmlElement): void;
  close(name: string): void;
  text(text: string): void;
}

/** Rejects markup that could make an XML parser resolve or expand entities. */
export function assertNoDoctype(xml: string, partName: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new LedgerInputError("corrupt-docx", `${partName}: XML with a DOCTYPE is not accepted`);
  }
}

/**
 * Namespace scopes, resolved here rather than by saxes (its xmlns mode costs more than the rest
 * of the read): a scope maps prefixes to URIs, and caches the name each qualified name maps to.
 */
interface Scope {
  uris: Map<string, string>;
  names: Map<string, string>;
}

function scopeOf(parent: Scope, attributes: Record<string, string>): Scope {
  let uris: Map<string, string> | null = null;
  for (const key in attributes) {
    if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
    uris ??= new Map(parent.uris);
    uris.set(key === "xmlns" ? "" : key.slice(6), attributes[key]);
  }
  return uris === null ? parent : { uris, names: new Map() };
}

/** `w:p` for a Word element whatever its prefix, `{uri}local` for an element of an unknown namespace. */
function resolvedName(scope: Scope, qname: string): string {
  let name = scope.names.get(qname);
  if (name === undefined) {
    const colon = qname.indexOf(":");
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const uri = scope.uris.get(colon < 0 ? "" : qname.slice(0, colon)) ?? "";
    const prefix = PREFIX_BY_NAMESPACE[uri];
    name = prefix !== undefined ? `${prefix}:${local}` : uri === "" ? local : `{${uri}}${local}`;
    scope.names.set(qname, name);
  }
  return name;
}

function toElement(scope: Scope, attributes: Record<string, string>, name: string): XmlElement {
  return {
    name,
    attribute(localName) {
      for (const key in attributes) {
        const colon = key.indexOf(":");
        if (colon < 0 ? key !== localName : key.length - colon - 1 !== localName.length || !key.endsWith(localName)) continue;
        if (colon < 0 || WORD_NAMESPACES.has(scope.uris.get(key.slice(0, colon)) ?? "")) return attributes[key];
      }
      return undefined;
    },
  };
}

/**
 * Parses `xml` and reports its elements and text to `handler`. Malformed XML is a corrupt
 * document; more than MAX_XML_ELEMENTS elements or MAX_BLOCKS paragraphs is too large, and
 * nesting past MAX_XML_DEPTH is refused, each as soon as it is seen.
 */
export function walkXml(xml: string, partName: string, handler: XmlHandler): void {
  assertNoDoctype(xml, partName);
  const parser = new SaxesParser({ xmlns: false, position: false });
  const scopes: Scope[] = [{ uris: new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]), names: new Map() }];
  // Depth inside a skipped subtree (mc:Choice); 0 when reporting.
  let skipDepth = 0;
  let elements = 0;
  let paragraphs = 0;
  // Names of open elements, null for the transparent mc:AlternateContent / mc:Fallback wrappers.
  const open: (string | null)[] = [];
  parser.on("doctype", () => {
    throw new LedgerInputError("corrupt-docx", `${partName}: XML with a DOCTYPE is not accepted`);
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (++elements > MAX_XML_ELEMENTS) throw tooLarge(LIMIT_MESSAGES.xmlElements(partName));
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (open.length >= MAX_XML_DEPTH) throw new LedgerInputError("corrupt-docx", "the document is nested too deeply to read");
    const scope = scopeOf(scopes[scopes.length - 1], tag.attributes);
    scopes.push(scope);
    const name = resolvedName(scope, tag.name);
    if (name === "mc:Choice") {
      scopes.pop();
      skipDepth = 1;
      return;
    }
    if (name === "mc:AlternateContent" || name === "mc:Fallback") {
      open.push(null);
      return;
    }
    if (name === "w:p" && ++paragraphs > MAX_BLOCKS) throw tooLarge(LIMIT_MESSAGES.xmlParagraphs(partName));
    open.push(name);
    handler.open(toElement(scope, tag.attributes, name));
  });
  parser.on("closetag", () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    scopes.pop();
    const name = open.pop();
    if (name !== null && name !== undefined) handler.close(name);
  });
  parser.on("text", (text) => {
    if (skipDepth === 0) handler.text(text);
  });
  parser.on("cdata", (text) => {
    if (skipDepth === 0) handler.text(text);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof LedgerInputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerInputError("corrupt-docx", `${partName} is not well-formed XML (${oneLine(reason)})`);
  }
}

/** Collapses whitespace so a message from a library stays on one line. */
function oneLine(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
