import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { chmod, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temp files being written, removed if the process is interrupted mid-write. */
const pending = new Set<string>();
let signalsHandled = false;

/**
 * Write a file so that readers see the old content or the new, never a partial or empty file:
 * write a temp file in the same directory (same file system, so the rename is atomic), flush it,
 * then rename it over the target. On any failure the temp file is removed and the target untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  // Through a symlink, replace the file it points to rather than the link itself.
  const target = await realpath(path).catch(() => path);
  const existingMode = await stat(target).then((s) => s.mode & 0o7777, () => null);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  handleSignals();
  pending.add(temp);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existingMode !== null) await chmod(temp, existingMode);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    pending.delete(temp);
  }
}

function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const temp of pending) rmSync(temp, { force: true });
      // Re-raise so the exit status says which signal ended the process.
      process.kill(process.pid, signal);
    });
  }
}
