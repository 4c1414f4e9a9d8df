import { LedgerInputError } from "../errors.js";
import { readInput } from "../ledger.js";

/** Reads FILE, or standard input for "-"; errors name the file. */
export async function readSource(file: string): Promise<{ bytes: Uint8Array; path: string | null }> {
  try {
    if (file === "-") return { bytes: await readStdin(), path: null };
    return { bytes: await readInput(file), path: file };
  } catch (err) {
    if (err instanceof LedgerInputError) throw new LedgerInputError(err.code, `${file}: ${err.message}`);
    throw err;
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Wraps importer/parse errors with the file name. */
export function withFile<T>(file: string, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof LedgerInputError) throw new LedgerInputError(err.code, `${file}: ${err.message}`);
    throw err;
  });
}
