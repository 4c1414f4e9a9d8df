import { writeFileSync } from "node:fs";
import { ledgerJsonSchema } from "../src/model/schema.js";

writeFileSync(new URL("../schemas/ledger.schema.json", import.meta.url), JSON.stringify(ledgerJsonSchema(), null, 2) + "\n");
