/** Ledger → JSON, YAML, Excel and Word. The binary formats load their libraries on first use. */
export { toJson } from "./json.js";
export { toYaml } from "./yaml.js";
export { toXlsx, SHEETS, type XlsxOptions } from "./xlsx.js";
export { toDocx, type DocxOptions } from "./docx.js";
export { ledgerTable, type LedgerTable, type TableOptions } from "./table.js";
