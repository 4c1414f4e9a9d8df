import type { Command } from "commander";
import { importBytes } from "../importers/index.js";
import { readSource, withFile } from "./input.js";
import { writeStdout } from "./output.js";

export function registerBlocks(program: Command): void {
  program
    .command("blocks")
    .description("print the imported document model (paragraphs and tables) as JSON, for debugging")
    .argument("<file>", "the notice, or - for standard input")
    .action(async (file: string) => {
      const { bytes, path } = await readSource(file);
      const doc = await withFile(file, () => importBytes(bytes, path));
      await writeStdout(JSON.stringify(doc, null, 2) + "\n");
    });
}
