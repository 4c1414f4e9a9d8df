import { LedgerInputError } from "../errors.js";
import { loadLedger, type LoadedLedger } from "../ops/load.js";
import { writeFileAtomic } from "./atomic-write.js";
import { OutputError, type CliContext } from "./context.js";
import { withFile } from "./input.js";

/** What split, merge and diff share: reading their inputs and writing their outputs. */

export function loadInput(file: string): Promise<LoadedLedger> {
  if (file === "-") return Promise.reject(new LedgerInputError("unreadable", "standard input is not accepted here; name the file"));
  return withFile(file, () => loadLedger(file));
}

export async function writeOutput(path: string, data: string | Uint8Array, context: CliContext): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    throw new OutputError(context.messages.errors.cannotWrite(path, context.messages.fsReason(code, message.split("\n")[0])));
  }
}

/** The format named by -f, else by the output's extension, else `fallback`. */
export function chooseFormat<F extends string>(format: string | undefined, output: string | undefined, formats: readonly F[], fallback: F): F | null {
  if (format !== undefined) return formats.find((f) => f === format.toLowerCase()) ?? null;
  const ext = output && output !== "-" ? /\.([^./\\]+)$/.exec(output)?.[1]?.toLowerCase() : undefined;
  if (ext === undefined) return fallback;
  const named = ext === "yml" ? "yaml" : ext;
  return formats.find((f) => f === named) ?? null;
}
