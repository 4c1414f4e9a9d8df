import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { stderrColors } from "./colors.js";
import { OutputError, UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { InputFileError } from "./input.js";
import { detectLocale, MESSAGES, type Messages } from "./messages.js";

type Register = (program: Command, context: CliContext) => void;

/**
 * The commands, in the order --help lists them. Each module is imported only when its command runs
 * (or for the help that lists them all): the ops commands load zod and fflate, the tree loads
 * string-width, and `ledger parse` should start as fast as Node itself.
 */
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ["parse", async () => (await import("./parse.js")).registerParse],
  ["check", async () => (await import("./check.js")).registerCheck],
  ["blocks", async () => (await import("./blocks.js")).registerBlocks],
  ["batch", async () => (await import("./batch.js")).registerBatch],
  ["schema", async () => (await import("./schema.js")).registerSchema],
  ["tree", async () => (await import("./tree.js")).registerTree],
  ["split", async () => (await import("./split.js")).registerSplit],
  ["merge", async () => (await import("./merge.js")).registerMerge],
  ["diff", async () => (await import("./diff.js")).registerDiff],
];

/** Runs the CLI and returns its exit code; never throws and never prints a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const messages = MESSAGES[detectLocale()];
  const context: CliContext = { messages, color: stderrColors() };
  // A closed stderr (`2>&1 | head`) must not crash the process with an unhandled 'error' event.
  process.stderr.on("error", () => {});
  process.on("uncaughtException", (err) => {
    process.stderr.write(`ledger: ${messages.errors.internal(firstLine(err))}\n`);
    process.exit(EXIT.internal);
  });

  const program = await createProgram(context, argv[2]);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    return reportError(err, messages);
  }
}

/** The program with `wanted`'s command, or with every command when `wanted` names none (help, a typo). */
async function createProgram(context: CliContext, wanted: string | undefined): Promise<Command> {
  const { messages } = context;
  const program = new Command("ledger")
    .description(messages.program)
    .version(packageVersion(), "-V, --version", messages.help.version)
    .helpOption("-h, --help", messages.help.option)
    .helpCommand("help [command]", messages.help.command)
    .configureHelp({ styleTitle: (title) => messages.help.titles[title] ?? title })
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // One style for every message: "ledger: …", commander's own errors included.
      outputError: (text, write) => write(`ledger: ${messages.commanderError(text)}`),
    })
    .showHelpAfterError(messages.help.hint)
    .exitOverride()
    .addHelpText("after", messages.help.footers.program);
  // Subcommands copy the settings above when they are created, so they are registered last.
  const one = COMMANDS.find(([name]) => name === wanted);
  const version = wanted === "-V" || wanted === "--version";
  for (const [, load] of one ? [one] : version ? [] : COMMANDS) (await load())(program, context);
  return program;
}

function reportError(err: unknown, messages: Messages): number {
  if (err instanceof CommanderError) {
    // --help and --version end with exit code 0; every other commander error is a usage error.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`ledger: ${err.message}\n${messages.help.hint}\n`);
    return EXIT.usage;
  }
  if (err instanceof InputFileError) {
    process.stderr.write(`ledger: ${err.file === "-" ? messages.stdinName : err.file}: ${messages.errors.input(err.inputError.code, err.inputError.message)}\n`);
    return EXIT.input;
  }
  if (err instanceof OutputError) {
    process.stderr.write(`ledger: ${err.message}\n`);
    return EXIT.input;
  }
  process.stderr.write(`ledger: ${messages.errors.internal(firstLine(err))}\n`);
  return EXIT.internal;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}

/** Read at run time: dist/cli and src/cli both sit two levels below package.json. */
function packageVersion(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}
