/**
 * `zhengwu-ledger/exporters`: the exporters as modules (synchronous `toYaml`), and the 台账 layout
 * they share (`ledgerTable`: the rows and merged cells of the 台账 sheet, for a layout of your own).
 */
export { toJson } from "../exporters/json.js";
export { toYaml } from "../exporters/yaml.js";
export { toXlsx, SHEETS, type XlsxOptions } from "../exporters/xlsx.js";
export { toDocx, type DocxOptions } from "../exporters/docx.js";
export { ledgerTable, type LedgerTable, type TableOptions } from "../exporters/table.js";
