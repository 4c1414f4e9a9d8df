import { z } from "zod";
import { Ledger } from "./ledger.js";

/**
 * The JSON Schema of the ledger contract, generated from the zod schemas (the single source of truth):
 * the named schemas (Task, Deadline, Owner, Diagnostic…) are its $defs, and every description comes from
 * the models' `.describe()` / `.meta()`. No `$id`: the schema has no published URL to name it by.
 */
export function ledgerJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(Ledger, { target: "draft-2020-12" }), title: "Task ledger of a policy notice (zhengwu-ledger)" };
}
