/**
 * `zhengwu-ledger/exporters`: the exporters as modules (synchronous where the format allows), the
 * 台账 layout they share (`ledgerTable`: the rows and merged cells of the 台账 sheet, for a layout of
 * your own), the flat records behind CSV and NDJSON, and the terminal tree.
 */
export { toJson } from "../exporters/json.js";
export { toYaml } from "../exporters/yaml.js";
export { toXlsx, SHEETS, type XlsxOptions } from "../exporters/xlsx.js";
export { toDocx, type DocxOptions } from "../exporters/docx.js";
export { ledgerTable, type LedgerTable, type TableOptions } from "../exporters/table.js";
export { toCsv } from "../exporters/csv.js";
export { toNdjson } from "../exporters/ndjson.js";
export { flatRecords, type FlatRecord } from "../exporters/flat-record.js";
export { toIcs } from "../exporters/ics.js";
export { toReviewHtml, type ReviewOptions } from "../exporters/review-html.js";
export { toTree, chalkPaint, treeLines, type TreeOptions, type TreeStyle } from "../exporters/tree.js";
