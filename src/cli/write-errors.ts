import { stat } from "node:fs/promises";
import { OutputError } from "./context.js";
import type { Messages } from "./messages.js";

/**
 * Why an output could not be written, as one line for the user (`cannot write out.xlsx: no space
 * left on device`), exit code 1. Every writer of the CLI (the -o file, standard output, --summary,
 * --combine) reports through here, so a full disk or a folder in the way is never an internal error.
 */
export function writeError(target: string, err: unknown, messages: Messages): OutputError {
  const { code, message } = err as NodeJS.ErrnoException;
  const reason = messages.fsReason(code, String(message ?? err).split("\n")[0]);
  return new OutputError(messages.errors.cannotWrite(target, reason));
}

/**
 * An output path that names an existing folder is refused before any input is read: writing would
 * fail only after the whole parse (a rename over a folder), and the user meant a file in it.
 */
export async function assertNotFolder(path: string, messages: Messages): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) throw new OutputError(messages.errors.cannotWrite(path, messages.errors.isFolder));
}
