import { Option, type Command } from "commander";
import type { Messages } from "./messages.js";

/**
 * The options every command that reads notices takes, in the same words: -q, --verbose (one or the
 * other: asking for both is a usage error), --strict.
 */
export function addVerbosityOptions(command: Command, messages: Messages, strict: string = messages.parse.strict): Command {
  return command
    .addOption(new Option("-q, --quiet", messages.parse.quiet).conflicts("verbose"))
    .addOption(new Option("--verbose", messages.parse.verbose))
    .option("--strict", strict);
}
