import { randomBytes } from "node:crypto";
import { constants, open as fsOpen, rmSync } from "node:fs";
import { chmod, open, realpath, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Temp files being written, removed if the process is interrupted mid-write. */
const pending = new Set<string>();
let signalsHandled = false;

/**
 * Writes an output file so that it never harms what is there:
 * - a regular file (or a new path) is replaced atomically: a temp file in the same directory (same
 *   file system, so the rename is atomic) is written, flushed and renamed over it; on any failure
 *   (a full disk, an I/O error) the temp file is removed and the target is left as it was;
 * - a character device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe someone reads) is
 *   written straight through: a rename would replace the device node or the FIFO with a file.
 * Through a symlink, the file it points to is written, never the link itself.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const existing = await stat(target).catch(() => null);
  if (existing !== null && !existing.isFile() && !existing.isDirectory()) return writeThrough(target, existing.isFIFO() ? "fifo" : existing.isSocket() ? "socket" : "device", data);
  // Short, so that a name close to the 255-byte limit can still be written.
  const temp = join(dirname(target), `.${randomBytes(6).toString("base64url")}.tmp`);
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
    if (existing !== null) await chmod(temp, existing.mode & 0o7777);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    pending.delete(temp);
  }
}

/**
 * A device, a FIFO or a socket, written in place. A FIFO is opened non-blocking (no thread waits
 * for a reader: with none, the open fails with ENXIO) and written as a pipe, which waits for its
 * reader; a Unix socket, which open() cannot open, is connected to.
 */
async function writeThrough(target: string, kind: "device" | "fifo" | "socket", data: string | Uint8Array): Promise<void> {
  if (kind === "device") {
    const handle = await open(target, constants.O_WRONLY);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return;
  }
  // node:net loads only for the rare FIFO or socket output: every `ledger parse` loads this module.
  const { createConnection, Socket } = await import("node:net");
  const socket =
    kind === "socket"
      ? createConnection(target)
      : new Socket({
          fd: await new Promise<number>((resolve, reject) => fsOpen(target, constants.O_WRONLY | constants.O_NONBLOCK, (err, fd) => (err ? reject(err) : resolve(fd)))),
          readable: false,
          writable: true,
        });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.end(data, () => resolve());
  }).finally(() => socket.destroy());
}

/** True when `a` and `b` are one file (the same path, a symlink or a hard link to it): `-o` must never overwrite the input. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return x !== null && y !== null && x.isFile() && x.dev === y.dev && x.ino === y.ino;
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
