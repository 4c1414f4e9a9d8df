import type { Command } from "commander";
import { ledgerJsonSchema } from "../model/schema.js";
import type { CliContext } from "./context.js";
import { writeStdout } from "./output.js";

export function registerSchema(program: Command, context: CliContext): void {
  program
    .command("schema")
    .description(context.messages.schema.description)
    .action(async () => {
      await writeStdout(JSON.stringify(ledgerJsonSchema(), null, 2) + "\n");
    });
}
