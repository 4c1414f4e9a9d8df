import { rmSync } from "node:fs";
import { lstat, mkdir, open, realpath, rename, rm } from "node:fs/promises";
import path from "node:path";
import { isInside } from "./discover.js";

/** A file could not be written under the output folder; `message` is one line. */
export class OutputWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputWriteError";
  }
}

/**
 * The --out-dir tree. Every write lands inside it: the target is resolved and checked, each folder
 * on the way is created by us or must be a real folder (a symlink planted in the tree could lead
 * anywhere), and the file is written to a temp file that is renamed over the target (rename
 * replaces a link, it never follows one). Readers never see a partial file.
 */
export class OutputFolder {
  /** Folders known to be real folders inside the tree. */
  private readonly verified = new Set<string>();
  private readonly pending = new Set<string>();
  private written = 0;

  private constructor(
    /** As given, for the paths we print. */
    readonly shown: string,
    readonly real: string,
  ) {
    this.verified.add(real);
  }

  static async open(folder: string): Promise<OutputFolder> {
    await mkdir(folder, { recursive: true });
    return new OutputFolder(folder, await realpath(folder));
  }

  /** Writes `data` at the "/"-separated `relative` path; returns the path as shown to the user. */
  async write(relative: string, data: Uint8Array): Promise<string> {
    const target = path.resolve(this.real, ...relative.split("/"));
    if (target === this.real || !isInside(target, this.real)) throw new OutputWriteError("the output path would leave the output folder");
    const folder = path.dirname(target);
    const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.${this.written++}.tmp`);
    try {
      await this.ensureFolder(folder);
      this.pending.add(temp);
      // "wx" (O_CREAT|O_EXCL) refuses to open through a symlink someone placed at the temp name.
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error instanceof OutputWriteError ? error : new OutputWriteError(describe(error));
    } finally {
      this.pending.delete(temp);
    }
    return path.join(this.shown, ...relative.split("/"));
  }

  /** Removes the temp files being written (on an interrupt): synchronous, it runs in a signal handler. */
  removePending(): void {
    for (const temp of this.pending) rmSync(temp, { force: true });
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (this.verified.has(folder)) return;
    await this.ensureFolder(path.dirname(folder));
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    const info = await lstat(folder);
    if (!info.isDirectory()) {
      throw new OutputWriteError(`${path.relative(this.real, folder)} in the output folder is ${info.isSymbolicLink() ? "a symbolic link" : "not a folder"}`);
    }
    this.verified.add(folder);
  }
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EISDIR" || code === "ENOTEMPTY" || code === "EEXIST") return "a folder is in the way";
  if (code === "ENAMETOOLONG") return "the file name is too long";
  return String(message).split("\n")[0];
}
