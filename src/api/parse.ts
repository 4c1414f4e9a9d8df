/**
 * `zhengwu-ledger/parse`: the parser alone, document model → ledger, and the units file
 * (canonical names and aliases, as `--units` reads it) for `LedgerOptions.aliases`.
 */
export { ledgerFromBlocks, type LedgerOptions } from "../ledger.js";
export { parseDocument, type ParseOptions, type ParsedDocument } from "../parse/index.js";
export { loadUnitAliases, type UnitAliases } from "../parse/units.js";
