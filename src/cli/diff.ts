import { Chalk } from "chalk";
import type { Command } from "commander";
import { diffLedgers } from "../ops/diff.js";
import { SIMILARITY_THRESHOLD } from "../ops/similarity.js";
import { UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { chooseFormat, loadInput, writeOutput } from "./ops-io.js";
import { writeStdout } from "./output.js";

interface DiffOptions {
  output?: string;
  format?: string;
  threshold?: string;
}

const FORMATS = ["text", "json", "xlsx"] as const;

export function registerDiff(program: Command, context: CliContext): void {
  program
    .command("diff")
    .description("compare two notices (or two years): tasks added, removed, reworded, moved; owners and deadlines changed")
    .argument("<old>", "the older notice, ledger JSON or 台账")
    .argument("<new>", "the newer one")
    .option("-f, --format <format>", "text (default), json or xlsx")
    .option("-o, --output <file>", "write to FILE instead of standard output")
    .option("--threshold <n>", `title similarity (0–1) from which two tasks are one reworded (default ${SIMILARITY_THRESHOLD})`)
    .addHelpText("after", "\nExample:\n  ledger diff 2020年工作要点.docx 2021年工作要点.docx\n")
    .action(async (older: string, newer: string, options: DiffOptions) => {
      process.exitCode = await runDiff(older, newer, options, context);
    });
}

async function runDiff(olderFile: string, newerFile: string, options: DiffOptions, context: CliContext): Promise<number> {
  const format = chooseFormat(options.format, options.output, FORMATS, "text");
  if (format === null) throw new UsageError("choose the output format: text, json or xlsx (-f or the -o extension)");
  const toStdout = options.output === undefined || options.output === "-";
  if (format === "xlsx" && toStdout) throw new UsageError("xlsx output needs -o FILE");
  const threshold = options.threshold === undefined ? SIMILARITY_THRESHOLD : Number(options.threshold);
  if (!(threshold > 0 && threshold <= 1)) throw new UsageError(`--threshold ${options.threshold}: give a number above 0, at most 1`);

  const older = await loadInput(olderFile);
  const newer = await loadInput(newerFile);
  const result = diffLedgers(older.ledger, newer.ledger, threshold);

  let data: string | Uint8Array;
  if (format === "xlsx") data = await (await import("../ops/render.js")).diffToXlsx(result);
  else if (format === "json") data = `${JSON.stringify(result, null, 2)}\n`;
  else {
    // Colours only on a terminal, and never when NO_COLOR is set.
    const level = toStdout && process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0;
    data = (await import("../ops/render.js")).diffText(result, new Chalk({ level }));
  }
  if (toStdout) await writeStdout(data);
  else await writeOutput(options.output!, data, context);
  return EXIT.ok;
}
