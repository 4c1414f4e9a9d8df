import { LedgerInputError } from "../errors.js";
import { readInput } from "../ledger.js";
import type { UnitAliases } from "../parse/units.js";

/** An input the CLI could not use, with the file it came from; printed as one line, exit code 1. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly inputError: LedgerInputError,
  ) {
    super(`${file}: ${inputError.message}`);
    this.name = "InputFileError";
  }
}

/** Reads FILE, or standard input for "-". */
export async function readSource(file: string): Promise<{ bytes: Uint8Array; path: string | null }> {
  if (file === "-") return { bytes: await readStdin(), path: null };
  return { bytes: await withFile(file, () => readInput(file)), path: file };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
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
