import { LedgerInputError } from "../errors.js";
import type { BlockDocument, InputFormat } from "../model/blocks.js";
import type { ReaderPath } from "./index.js";
import { convertWithLibreOffice, findSoffice, LIBREOFFICE_MISSING } from "./libreoffice.js";

export type DocFamilyFormat = Extract<InputFormat, "doc" | "wps" | "rtf" | "odt">;

/** The name LibreOffice gets the input under: it detects the filter by content, but .wps alone means MS Works to it. */
const CONVERSION_EXTENSION: Record<DocFamilyFormat, string> = { doc: "doc", wps: "doc", rtf: "rtf", odt: "odt" };

const BUILTIN_READERS = new Set<DocFamilyFormat>(["doc", "wps"]);

/**
 * .doc, .wps, .rtf, .odt: through LibreOffice to .docx and the Word reader (full fidelity: numbering
 * labels, merged cells) when LibreOffice is installed or `via` asks for it; else, for .doc and .wps,
 * the built-in reader. The document records the path taken in `via`.
 */
export async function importDocFamily(bytes: Uint8Array, format: DocFamilyFormat, via: ReaderPath | null): Promise<BlockDocument> {
  const soffice = via === "builtin" ? null : findSoffice();
  const chosen: ReaderPath = via ?? (soffice !== null ? "libreoffice" : "builtin");
  if (chosen === "builtin") {
    if (!BUILTIN_READERS.has(format)) {
      const kind = format === "rtf" ? "an RTF file" : "an OpenDocument text (.odt)";
      throw new LedgerInputError(
        "libreoffice-missing",
        via === "builtin"
          ? `is ${kind}, which only LibreOffice reads: drop --via builtin, or save it as .docx`
          : `is ${kind}: reading it needs LibreOffice, which is not installed (soffice on PATH or LEDGER_SOFFICE); or save it as .docx`,
      );
    }
    const { importDoc } = await import("./doc.js");
    return importDoc(bytes, format as "doc" | "wps");
  }
  if (soffice === null) throw new LedgerInputError("libreoffice-missing", `--via libreoffice: ${LIBREOFFICE_MISSING}`);
  const docx = await convertWithLibreOffice(bytes, CONVERSION_EXTENSION[format], "docx", { soffice });
  const { importDocx } = await import("./docx.js");
  const doc = await importDocx(docx);
  return { ...doc, format, via: "libreoffice" };
}
