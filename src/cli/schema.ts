import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { writeStdout } from "./output.js";

export function registerSchema(program: Command, context: CliContext): void {
  program
    .command("schema")
    .description(context.messages.schema.description)
    .addHelpText("after", context.messages.help.footers.schema)
    .action(async () => {
      // zod and the model schemas cost ~60 ms to load; no other command needs them.
      const { ledgerJsonSchema } = await import("../model/schema.js");
      await writeStdout(JSON.stringify(ledgerJsonSchema(), null, 2) + "\n");
    });
}
