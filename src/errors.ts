/**
 * An input the tool cannot turn into a ledger. Its message is one line, meant for the user
 * (the CLI prints "ledger: <file>: <message>" and exits with `exitCode`), never a stack trace.
 */
export class LedgerInputError extends Error {
  readonly exitCode = 1;
  constructor(
    /** Stable identifier: unsupported-format, not-a-docx, legacy-doc, encrypted-docx, corrupt-docx, empty-input, binary-input, undecodable-text, too-large… */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LedgerInputError";
  }
}
