import type { ChalkInstance } from "chalk";
import type { Messages } from "./messages.js";

/** What every command needs to talk to the user: the messages of the locale, and stderr colours. */
export interface CliContext {
  messages: Messages;
  color: ChalkInstance;
}

/** A bad command line, found after commander's own checks; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The output file could not be written; exit code 1. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}
