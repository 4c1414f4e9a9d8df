/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** The input could not be read or is not a supported notice. */
  input: 1,
  /** Bad command line. */
  usage: 2,
  /** `--strict` and warnings were reported. */
  strict: 3,
  /** A bug: reported as one line, never as a stack trace. */
  internal: 70,
} as const;
