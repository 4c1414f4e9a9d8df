import { hash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { LedgerInputError } from "./errors.js";
import { importBytes, importPlainText, MAX_INPUT_BYTES, type ImportOptions } from "./importers/index.js";
import { LIMIT_MESSAGES, MAX_TASKS, tooLarge } from "./importers/limits.js";
import type { BlockDocument } from "./model/blocks.js";
import type { Ledger } from "./model/ledger.js";
import { parseDocument, type ParseOptions } from "./parse/index.js";
import { isTraditional, loadSimplify } from "./parse/script.js";

export interface LedgerOptions extends ParseOptions, ImportOptions {
  /** The path to record in `source.path` (and to pick the importer by extension). */
  path?: string | null;
}

/** Document model → ledger, with the source's identity. */
export function ledgerFromBlocks(doc: BlockDocument, bytes: Uint8Array, options: LedgerOptions = {}): Ledger {
  const parsed = parseDocument(doc, options);
  if (countTasks(parsed.tasks) > MAX_TASKS) throw tooLarge(LIMIT_MESSAGES.tasks());
  return {
    schemaVersion: 1,
    source: {
      path: options.path ?? null,
      format: doc.format,
      sha256: hash("sha256", bytes, "hex"),
      ...(doc.encoding ? { encoding: doc.encoding } : {}),
      ...(doc.via ? { via: doc.via } : {}),
    },
    document: parsed.document,
    tasks: parsed.tasks,
    diagnostics: parsed.diagnostics,
  };
}

function countTasks(tasks: readonly Ledger["tasks"][number][]): number {
  let count = 0;
  const stack = [...tasks];
  while (stack.length > 0 && count <= MAX_TASKS) {
    count++;
    for (const child of stack.pop()!.children) stack.push(child);
  }
  return count;
}

/** Any supported input's bytes (.docx, .txt in UTF-8/UTF-16/GB18030, .md) → ledger. */
export async function parseBuffer(bytes: Uint8Array, options: LedgerOptions = {}): Promise<Ledger> {
  // A 台账 ledger wrote reads back as the ledger it was written from, with what the units filled in.
  // Only a zip can be one: the reader (zod, fflate) is not loaded for text.
  if (options.from == null && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const { ledgerFromOutput, readLedgerOutput } = await import("./importers/ledger-sheet.js");
    const output = await readLedgerOutput(bytes);
    if (output) return ledgerFromOutput(output, bytes, options.path ?? null);
  }
  const doc = await importBytes(bytes, options.path ?? null, options);
  // OpenCC is loaded only for notices in traditional characters.
  const simplify = options.simplify ?? (isTraditional(doc) ? await loadSimplify() : undefined);
  return ledgerFromBlocks(doc, bytes, simplify ? { ...options, simplify } : options);
}

/**
 * parseBuffer for plain text, synchronously, with the document it read: null for every other format, and for
 * text in traditional characters unless `options.simplify` is given (OpenCC loads asynchronously).
 */
export function parsePlainText(bytes: Uint8Array, options: LedgerOptions = {}): { doc: BlockDocument; ledger: Ledger } | null {
  const doc = importPlainText(bytes, options.path ?? null, options);
  if (doc === null || (options.simplify === undefined && isTraditional(doc))) return null;
  return { doc, ledger: ledgerFromBlocks(doc, bytes, options) };
}

/** A notice's text (already decoded) → ledger. */
export async function parseText(text: string, options: LedgerOptions = {}): Promise<Ledger> {
  return parseBuffer(new TextEncoder().encode(text), { ...options, path: options.path ?? null });
}

/** Read a file and parse it; refuses files over the input size limit before reading them. */
export async function parseFile(path: string, options: Omit<LedgerOptions, "path"> = {}): Promise<Ledger> {
  return parseBuffer(await readInput(path), { ...options, path });
}

export async function readInput(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new LedgerInputError("unreadable", "is a directory");
    size = info.size;
  } catch (err) {
    if (err instanceof LedgerInputError) throw err;
    throw new LedgerInputError("unreadable", describeFsError(err));
  }
  if (size > MAX_INPUT_BYTES) {
    throw new LedgerInputError("too-large", LIMIT_MESSAGES.inputBytes());
  }
  try {
    return await readFile(path);
  } catch (err) {
    throw new LedgerInputError("unreadable", describeFsError(err));
  }
}

/** Why a file could not be read, in words (the error's first line for a code without them). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "ENOTDIR") return "no such file (a part of its path is a file, not a folder)";
  if (code === "ENAMETOOLONG") return "the name is too long for the file system";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return (err as Error).message.split("\n")[0];
}
