import { Command, CommanderError } from "commander";
import { LedgerInputError } from "../errors.js";
import { registerBlocks } from "./blocks.js";
import { registerParse } from "./parse.js";
import { registerSchema } from "./schema.js";
import { EXIT } from "./exit.js";

export async function main(argv: string[]): Promise<number> {
  const program = new Command("ledger")
    .description("Turn Chinese policy notices into structured task ledgers")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerParse(program);
  registerBlocks(program);
  registerSchema(program);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof LedgerInputError) {
      process.stderr.write(`ledger: ${err.message}\n`);
      return EXIT.input;
    }
    process.stderr.write(`ledger: internal error: ${(err as Error).message.split("\n")[0]}\n`);
    return EXIT.internal;
  }
}
