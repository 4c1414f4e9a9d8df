import { constants, createReadStream, open as fsOpen } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { LedgerInputError, printable } from "../errors.js";
import { LIMIT_MESSAGES, MAX_INPUT_BYTES } from "../importers/limits.js";
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
  if (file === "-") return { bytes: await withFile(file, () => readLimited(process.stdin)), path: null };
  return { bytes: await withFile(file, () => readAnyFile(file)), path: file };
}

/** Standard input, up to the input size limit. */
export function readStdin(): Promise<Uint8Array> {
  return withFile("-", () => readLimited(process.stdin));
}

/**
 * A regular file is refused on its size before it is read. Anything else (a FIFO, /dev/zero, a
 * terminal) has no size to check first: it is read like standard input, up to the limit. It is
 * opened non-blocking, so that no thread waits in open() for a FIFO's writer (a thread stuck
 * there could not be stopped at the time limit); a FIFO is then read as a pipe, which waits for
 * its writer without holding a thread.
 */
export async function readAnyFile(file: string): Promise<Uint8Array> {
  const info = await stat(file).catch(() => null);
  // Missing files and folders get readInput's own messages.
  // The pipeline behind ledger.js loads only where files are read (the parse worker), not in the main thread.
  if (info === null || info.isFile() || info.isDirectory()) return (await import("../ledger.js")).readInput(file);
  if (info.isSocket()) throw new LedgerInputError("unreadable", "is a socket, not a file");
  const fd = await new Promise<number>((resolve, reject) =>
    fsOpen(file, constants.O_RDONLY | constants.O_NONBLOCK, (err, fd) => {
      if (!err) return resolve(fd);
      reject(new LedgerInputError("unreadable", err.code === "EACCES" || err.code === "EPERM" ? "permission denied" : err.message.split("\n")[0]));
    }),
  );
  const stream = info.isFIFO() ? new (await import("node:net")).Socket({ fd, readable: true, writable: false }) : createReadStream("", { fd });
  try {
    return await readLimited(stream);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof LedgerInputError || code === undefined) throw err;
    throw new LedgerInputError("unreadable", code === "EAGAIN" ? "has nothing to read (a terminal or device that would block)" : (err as Error).message.split("\n")[0]);
  } finally {
    stream.destroy();
  }
}

/** A stream, refused as soon as it passes the input size limit (a pipe or a device has no size to check first). */
async function readLimited(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > MAX_INPUT_BYTES) {
      stream.destroy();
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
  return (await readUnitsFile(file)).aliases;
}

/** The units file read once (it may be a FIFO), checked, with its text for workers that parse it again. */
export async function readUnitsFile(file: string): Promise<{ text: string; aliases: UnitAliases }> {
  const bytes = await withFile(file, () => readAnyFile(file));
  const text = new TextDecoder().decode(bytes);
  // The units module (and its YAML parser) is only loaded when a units file is given.
  const { loadUnitAliases } = await import("../parse/units.js");
  try {
    return { text, aliases: loadUnitAliases(text) };
  } catch (err) {
    throw new InputFileError(file, new LedgerInputError("invalid-units", (err as Error).message.split("\n")[0]));
  }
}
