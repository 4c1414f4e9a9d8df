/**
 * `zhengwu-ledger/importers`: the first stage alone, bytes or text → the document model (paragraphs
 * and tables with merged cells, each with its source position), as `ledger blocks` prints it.
 */
export { importBytes, importText, sniffFormat } from "../importers/index.js";
export { importMarkdownText } from "../importers/markdown.js";
export type { Block, BlockDocument, Cell, CoveredCell, GridSlot, InputFormat, Paragraph, Table } from "../model/blocks.js";
