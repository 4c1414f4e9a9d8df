/**
 * `zhengwu-ledger/schema`: the JSON Schema of the ledger JSON, generated from the zod models (the
 * same document as `zhengwu-ledger/schemas/ledger.schema.json` and `ledger schema`).
 */
export { ledgerJsonSchema } from "../model/schema.js";
