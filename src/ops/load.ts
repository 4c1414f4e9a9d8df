import { basename, extname } from "node:path";
import { LedgerInputError } from "../errors.js";
import { readLedgerOutput, type LedgerOutput } from "../importers/ledger-sheet.js";
import { parseBuffer, readInput } from "../ledger.js";
import { Ledger } from "../model/ledger.js";

/** A file the 台账 operations take: a ledger's JSON, a 台账 ledger wrote, or any notice. */
export interface LoadedLedger {
  path: string;
  ledger: Ledger;
  /** Set when the file is a 台账 ledger wrote: its rows as the unit returned them. */
  output: LedgerOutput | null;
}

export async function loadLedger(path: string, bytes?: Uint8Array): Promise<LoadedLedger> {
  const data = bytes ?? (await readInput(path));
  const json = jsonLedger(data);
  if (json) return { path, ledger: json, output: null };
  const output = await readLedgerOutput(data);
  return { path, ledger: await parseBuffer(data, { path }), output };
}

/** A ledger's JSON (what `ledger parse` prints), checked against the schema; null when the file is not JSON. */
function jsonLedger(bytes: Uint8Array): Ledger | null {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x7b) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const result = Ledger.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LedgerInputError("invalid-ledger-json", `is JSON but not a ledger (${issue.path.join(".") || "root"}: ${issue.message})`);
  }
  return result.data;
}

/** A unit's name from a returned file's name when its 台账 does not say: "区教委.xlsx" → "区教委". */
export function unitFromPath(path: string): string {
  return basename(path, extname(path));
}
