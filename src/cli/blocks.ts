import type { Command } from "commander";
import { importBytes } from "../importers/index.js";
import type { CliContext } from "./context.js";
import { readSource, withFile } from "./input.js";
import { writeStdout } from "./output.js";
import { addReaderOptions, readerOptions, type ReaderFlags } from "./reader-options.js";

export function registerBlocks(program: Command, context: CliContext): void {
  const command = program.command("blocks").description(context.messages.blocks.description).argument("<file>", context.messages.blocks.file);
  addReaderOptions(command, context.messages)
    .addHelpText("after", context.messages.help.footers.blocks)
    .action(async (file: string, flags: ReaderFlags) => {
      const reader = readerOptions(flags, context);
      const { bytes, path } = await readSource(file);
      const doc = await withFile(file, () => importBytes(bytes, path, reader));
      await writeStdout(JSON.stringify(doc, null, 2) + "\n");
    });
}
