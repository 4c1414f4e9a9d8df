import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { registerBatch } from "./batch.js";
import { registerBlocks } from "./blocks.js";
import { registerCheck } from "./check.js";
import { stderrColors } from "./colors.js";
import { OutputError, UsageError, type CliContext } from "./context.js";
import { EXIT } from "./exit.js";
import { InputFileError } from "./input.js";
import { detectLocale, MESSAGES, type Messages } from "./messages.js";
import { registerParse } from "./parse.js";
import { registerSchema } from "./schema.js";

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

  const program = createProgram(context);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    return reportError(err, messages);
  }
}

function createProgram(context: CliContext): Command {
  const { messages } = context;
  const program = new Command("ledger")
    .description(messages.program)
    .version(packageVersion(), "-V, --version", messages.help.version)
    .helpOption("-h, --help", messages.help.option)
    .helpCommand("help [command]", messages.help.command)
    .configureHelp({ styleTitle: (title) => messages.help.titles[title] ?? title })
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(messages.commanderError(text)),
    })
    .showHelpAfterError(messages.help.hint)
    .exitOverride()
    .addHelpText("after", messages.help.footer);
  // Subcommands copy the settings above when they are created, so they are registered last.
  registerParse(program, context);
  registerCheck(program, context);
  registerBlocks(program, context);
  registerBatch(program, context);
  registerSchema(program, context);
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
