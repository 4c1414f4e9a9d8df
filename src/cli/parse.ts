import type { Command } from "commander";
import { parseBuffer } from "../ledger.js";
import { readSource, withFile } from "./input.js";
import { writeStdout } from "./output.js";

export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("parse a notice (.docx, .txt, .md, or - for stdin) into a ledger")
    .argument("<file>", "the notice, or - for standard input")
    .option("-f, --format <format>", "json or yaml", "json")
    .action(async (file: string, opts: { format: string }) => {
      const { bytes, path } = await readSource(file);
      const ledger = await withFile(file, () => parseBuffer(bytes, { path }));
      if (opts.format === "yaml") {
        const { stringify } = await import("yaml");
        await writeStdout(stringify(ledger));
      } else {
        await writeStdout(JSON.stringify(ledger, null, 2) + "\n");
      }
    });
}
