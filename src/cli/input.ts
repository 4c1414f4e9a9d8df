import { LedgerInputError, printable } from "../errors.js";
import { MAX_INPUT_BYTES } from "../importers/index.js";
import { LIMIT_MESSAGES } from "../importers/limits.js";
import { readInput } from "../ledger.js";
import type { UnitAliases } from "../parse/units.js";

/** An input the CLI could not use, with the file it came from; printed as one line, exit code 1. */
export class InputFileError extends Error {
  /** The file as it is printed: a name with a line break or an escape sequence is shown escaped. */
  readonly file: string;

  constructor(
    file: string,
    readonly inputError: LedgerInputError,
  ) {
    const shown = file === "-" ? file : printable(file, 1000);
    super(`${shown}: ${inputError.message}`);
    this.file = shown;
    this.name = "InputFileError";
  }
}

/** Reads FILE, or standard input for "-". */
export async function readSource(file: string): Promise<{ bytes: Uint8Array; path: string | null }> {
  if (file === "-") return { bytes: await withFile(file, readStdin), path: null };
  return { bytes: await withFile(file, () => readInput(file)), path: file };
}

/** Standard input, refused as soon as it passes the input size limit (a pipe has no size to check first). */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_INPUT_BYTES) {
      process.stdin.destroy();
      throw new LedgerInputError("too-large", LIMIT_MESSAGES.inputBytes());
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Runs an import or parse step, naming the file in any input error it raises. */
export function withFile<T>(file: string, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof LedgerInputError) throw new InputFileError(file, err);
    throw err;
  });
}

/** `--units FILE`: canonical unit names and aliases. A missing or malformed file is an input error. */
export async function readUnits(file: string): Promise<UnitAliases> {
  const bytes = await withFile(file, () => readInput(file));
  const text = new TextDecoder().decode(bytes);
  // The units module (and its YAML parser) is only loaded when a units file is given.
  const { loadUnitAliases } = await import("../parse/units.js");
  try {
    return loadUnitAliases(text);
  } catch (err) {
    throw new InputFileError(file, new LedgerInputError("invalid-units", (err as Error).message.split("\n")[0]));
  }
}
