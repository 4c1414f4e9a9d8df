/**
 * `zhengwu-ledger/model`: the zod schemas of the document model (blocks) and of the ledger contract,
 * for validating a ledger read back from JSON (`Ledger.parse(json)`) or building on the models.
 * Importing this loads zod.
 */
export * from "../model/index.js";
