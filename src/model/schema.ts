import { z } from "zod";
import { Ledger } from "./ledger.js";

/** The JSON Schema of the ledger contract, generated from the zod schemas (the single source of truth). */
export function ledgerJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Ledger, { target: "draft-2020-12" }),
    $id: "https://github.com/ledger/ledger/schemas/ledger.schema.json",
    title: "ledger: task ledger of a policy notice",
  };
}
