import { LedgerInputError } from "../errors.js";
import { decodeUtf8 } from "./decode.js";
import { assertNoDoctype, walkXml } from "./docx-xml.js";
import { LIMIT_MESSAGES, MAX_XML_PART_BYTES, tooLarge } from "./limits.js";
import { openZip, ZipError, type ZipArchive } from "./zip.js";

/**
 * The .docx package: recognises what the bytes are before anything is inflated, then serves
 * each part from the zip at most once, decoded and checked.
 */

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
/** Stream names inside an OLE container that mark an encrypted OOXML package (MS-OFFCRYPTO). */
const ENCRYPTION_STREAMS = ["EncryptionInfo", "EncryptedPackage"].map((name) => Buffer.from(name, "utf16le"));

/** Relationship types of Transitional and of Strict OOXML, by their last segment ("officeDocument", "styles"…). */
const RELATIONSHIP_PREFIXES = ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/", "http://purl.oclc.org/ooxml/officeDocument/relationships/"];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function zipFailure(error: unknown): never {
  if (error instanceof ZipError) {
    throw new LedgerInputError(error.reason === "too-large" ? "too-large" : "corrupt-docx", error.message);
  }
  throw error;
}

/** Throws the right LedgerInputError unless `bytes` start like a zip. */
function assertZipSignature(bytes: Uint8Array): void {
  if (startsWith(bytes, ZIP_SIGNATURE)) return;
  if (startsWith(bytes, OLE_SIGNATURE)) {
    const container = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (ENCRYPTION_STREAMS.some((name) => container.includes(name))) {
      throw new LedgerInputError("encrypted-docx", "the document is encrypted (password-protected); remove the password in Word and save it again");
    }
    throw new LedgerInputError("legacy-doc", "legacy Word 97-2003 .doc is not supported; save it as .docx");
  }
  if (startsWith(bytes, EMPTY_ZIP_SIGNATURE)) throw new LedgerInputError("corrupt-docx", "the zip is empty; a .docx has parts");
  throw new LedgerInputError("not-a-docx", bytes.length === 0 ? "the file is empty, not a .docx" : "not a .docx (not a zip file)");
}

export interface DocxPartPaths {
  mainDocument: string;
  styles: string;
  numbering: string;
}

export class DocxPackage {
  private readonly texts = new Map<string, string>();

  private constructor(private readonly zip: ZipArchive) {}

  /** Checks the signature and the zip directory limits; inflates nothing. */
  static open(bytes: Uint8Array): DocxPackage {
    assertZipSignature(bytes);
    try {
      return new DocxPackage(openZip(bytes));
    } catch (error) {
      zipFailure(error);
    }
  }

  has(path: string): boolean {
    return this.zip.has(path);
  }

  bytes(path: string): Uint8Array {
    try {
      return this.zip.read(path);
    } catch (error) {
      zipFailure(error);
    }
  }

  /**
   * An XML part as text (BOM-aware), or null when absent. Parts with a DOCTYPE are refused, and
   * parts past MAX_XML_PART_BYTES (by the size the zip declares, before inflating).
   */
  xml(path: string): string | null {
    const cached = this.texts.get(path);
    if (cached !== undefined) return cached;
    const declared = this.zip.declaredSize(path);
    if (declared === null) return null;
    if (declared > MAX_XML_PART_BYTES) throw tooLarge(LIMIT_MESSAGES.xmlPartBytes(path));
    const text = decodeXml(this.bytes(path));
    assertNoDoctype(text, path);
    this.texts.set(path, text);
    return text;
  }

  /** Resolves parts by relationship type, else the usual path (as mammoth's docx-reader.js does). */
  partPaths(): DocxPartPaths {
    const mainDocument = this.relationshipTarget("_rels/.rels", "", "officeDocument") ?? "word/document.xml";
    if (!this.zip.has(mainDocument)) throw new LedgerInputError("corrupt-docx", "no word/document.xml in the package");
    const slash = mainDocument.lastIndexOf("/");
    const folder = slash < 0 ? "" : mainDocument.slice(0, slash);
    const relationships = `${folder === "" ? "" : `${folder}/`}_rels/${mainDocument.slice(slash + 1)}.rels`;
    const related = (name: string): string =>
      this.relationshipTarget(relationships, folder, name) ?? `word/${name}.xml`;
    return { mainDocument, styles: related("styles"), numbering: related("numbering") };
  }

  private relationshipTarget(relationshipsPath: string, folder: string, type: string): string | null {
    const xml = this.xml(relationshipsPath);
    if (xml === null) return null;
    const targets: string[] = [];
    walkXml(xml, relationshipsPath, {
      open(element) {
        const relationship = element.name === "rel:Relationship" ? element.attribute("Type") : undefined;
        if (relationship !== undefined && RELATIONSHIP_PREFIXES.some((prefix) => relationship === prefix + type)) {
          const target = element.attribute("Target");
          if (target !== undefined) targets.push(target);
        }
      },
      close() {},
      text() {},
    });
    const paths = targets.map((target) => (target.startsWith("/") ? target.slice(1) : folder === "" ? target : `${folder}/${target}`));
    return paths.find((path) => this.zip.has(path)) ?? null;
  }
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return decodeUtf8(bytes);
}
