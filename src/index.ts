/** The library API: parse notices into ledgers, and the document and ledger models. */
export { parseBuffer, parseFile, parseText, ledgerFromBlocks, type LedgerOptions } from "./ledger.js";
export { importBytes, importText, sniffFormat } from "./importers/index.js";
export { importMarkdownText } from "./importers/markdown.js";
export { parseDocument, type ParseOptions, type ParsedDocument } from "./parse/index.js";
export { loadUnitAliases, type UnitAliases } from "./parse/units.js";
export { LedgerInputError } from "./errors.js";
export * from "./model/index.js";
export {
  toJson,
  toYaml,
  toXlsx,
  toDocx,
  SHEETS,
  ledgerTable,
  type XlsxOptions,
  type DocxOptions,
  type LedgerTable,
  type TableOptions,
} from "./exporters/index.js";
