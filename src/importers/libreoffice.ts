import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { LedgerInputError } from "../errors.js";
import { LIBREOFFICE_TIMEOUT_MS, LIMIT_MESSAGES, MAX_INPUT_BYTES, tooLarge } from "./limits.js";

/**
 * Conversion through LibreOffice (`soffice --headless --convert-to`), for the formats whose
 * full fidelity only an office suite gives (.doc numbering, .rtf, .odt, .xls). Each conversion
 * runs in a fresh temporary folder with its own user profile (concurrent conversions sharing a
 * profile fail), under a timeout that kills the whole process group; the folder is removed
 * whatever happens (by a watchdog process if this thread is stopped), so no process or file is left behind.
 */

/** `LEDGER_SOFFICE` when set, else `soffice` or `libreoffice` found on PATH; null when neither is there. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.LEDGER_SOFFICE?.trim();
  if (named) return isExecutable(named) ? named : null;
  for (const folder of (env.PATH ?? "").split(delimiter)) {
    if (folder === "") continue;
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type ConversionTarget = "docx" | "xlsx";

const FILTERS: Record<ConversionTarget, string> = {
  docx: "docx:MS Word 2007 XML",
  xlsx: "xlsx:Calc MS Excel 2007 XML",
};

/**
 * `bytes` (a file of type `inputExtension`, e.g. "doc") converted by LibreOffice to `target`.
 * Fails with a one-line LedgerInputError: libreoffice-missing, libreoffice-timeout, libreoffice-failed.
 */
export async function convertWithLibreOffice(
  bytes: Uint8Array,
  inputExtension: string,
  target: ConversionTarget,
  options: { soffice?: string | null; timeoutMs?: number } = {},
): Promise<Uint8Array> {
  const soffice = options.soffice ?? findSoffice();
  if (soffice === null) throw new LedgerInputError("libreoffice-missing", LIBREOFFICE_MISSING);
  const folder = await mkdtemp(join(tmpdir(), "ledger-lo-"));
  try {
    const input = join(folder, `input.${inputExtension}`);
    const outdir = join(folder, "out");
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(folder, "profile")).href}`,
      "--headless",
      "--invisible",
      "--norestore",
      "--nologo",
      "--nodefault",
      "--nolockcheck",
      "--convert-to",
      FILTERS[target],
      "--outdir",
      outdir,
      input,
    ];
    const outcome = await run(soffice, args, options.timeoutMs ?? LIBREOFFICE_TIMEOUT_MS, folder);
    if (outcome.timedOut) {
      throw new LedgerInputError("libreoffice-timeout", `LibreOffice did not finish converting it within ${Math.round((options.timeoutMs ?? LIBREOFFICE_TIMEOUT_MS) / 1000)} s`);
    }
    const output = join(outdir, `input.${target}`);
    const info = await stat(output).catch(() => null);
    if (info === null) {
      const detail = outcome.stderr.split("\n").find((line) => line.trim() !== "" && !/^convert /.test(line))?.trim();
      throw new LedgerInputError("libreoffice-failed", `LibreOffice could not convert it to .${target}${detail ? ` (${detail})` : ` (exit ${outcome.code})`}`);
    }
    if (info.size > MAX_INPUT_BYTES) throw tooLarge(LIMIT_MESSAGES.inputBytes());
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export const LIBREOFFICE_MISSING = "LibreOffice is not installed (put soffice on PATH or name it in LEDGER_SOFFICE)";

interface Outcome {
  code: number | null;
  timedOut: boolean;
  stderr: string;
}

/** Process groups of the conversions running now: killed if this process exits first (a batch worker timed out). */
const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * A process outside this one that kills soffice's group and removes the folder after the timeout:
 * if the thread running the conversion is terminated (a batch or parse timeout), neither the
 * timer below nor the `finally` above runs, and this is what still cleans up.
 */
function startWatchdog(group: number, timeoutMs: number, folder: string): number | undefined {
  const seconds = String(Math.ceil(timeoutMs / 1000) + 1);
  const watchdog = spawn("sh", ["-c", 'sleep "$1"; kill -KILL -- "-$2" 2>/dev/null; rm -rf -- "$3"', "ledger-soffice-watchdog", seconds, String(group), folder], {
    detached: true,
    stdio: "ignore",
  });
  watchdog.on("error", () => undefined);
  watchdog.unref();
  return watchdog.pid;
}

/** Runs soffice in its own process group, so that a timeout kills soffice.bin and its helpers too. */
function run(command: string, args: string[], timeoutMs: number, folder: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SAL_USE_VCLPLUGIN: "svp" } });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const watchdog = pid === undefined ? undefined : startWatchdog(pid, timeoutMs, folder);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once("exit", () => running.forEach(killGroup));
    }
    let stderr = "";
    let timedOut = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    const stop = () => {
      if (watchdog !== undefined) killGroup(watchdog);
      if (pid === undefined) return;
      killGroup(pid);
      running.delete(pid);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      stop();
      reject(new LedgerInputError("libreoffice-failed", `LibreOffice could not be started (${error.message})`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // soffice may leave helpers in its group after it exits; none may outlive the conversion.
      stop();
      resolve({ code, timedOut, stderr });
    });
  });
}
