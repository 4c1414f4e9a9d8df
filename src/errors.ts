/**
 * An input the tool cannot turn into a ledger. Its message is one line, meant for the user
 * (the CLI prints "ledger: <file>: <message>" and exits with `exitCode`), never a stack trace.
 * Whatever a message quotes from the input (a zip entry's name, a parser's complaint) is made
 * printable here: no line break, no terminal escape sequence, bounded length.
 */
export class LedgerInputError extends Error {
  readonly exitCode = 1;
  constructor(
    /** Stable identifier: unsupported-format, not-a-docx, legacy-doc, encrypted-docx, corrupt-docx, empty-input, binary-input, undecodable-text, too-large… */
    readonly code: string,
    message: string,
  ) {
    super(printable(message));
    this.name = "LedgerInputError";
  }
}

/** Longest message kept: a quoted name or library message past this is cut with "…". */
const MAX_MESSAGE = 300;

/**
 * `text` as one printable line: control characters (line breaks, ESC, NUL…), bidi overrides and
 * line/paragraph separators become \uXXXX escapes, so that a hostile file or entry name cannot
 * add lines to the output or drive the terminal.
 */
export function printable(text: string, max = MAX_MESSAGE): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}
