import type { Command } from "commander";
import { ledgerJsonSchema } from "../model/schema.js";
import { writeStdout } from "./output.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of the ledger JSON")
    .action(async () => {
      await writeStdout(JSON.stringify(ledgerJsonSchema(), null, 2) + "\n");
    });
}
