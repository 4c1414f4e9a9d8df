import { closeSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** A file could not be written under the output folder; `message` is one line, `code` the summary's code. */
export class OutputWriteError extends Error {
  constructor(
    message: string,
    /** `name-too-long` when the output's name passes the file system's limit (255 bytes), else `cannot-write`. */
    readonly code = "cannot-write",
  ) {
    super(message);
    this.name = "OutputWriteError";
  }
}

/** --out-dir cannot be used (it names a file, say): a usage error, reported before any file is read. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/**
 * The --out-dir tree. Every write lands inside it: the target is resolved and checked, each folder
 * on the way is created by us or must be a real folder (a symlink planted in the tree could lead
 * anywhere), and the file is written to a temp file that is renamed over the target (rename
 * replaces a link, it never follows one). Readers never see a partial file. The workers write;
 * each has its own instance.
 */
export class OutputFolder {
  /** Folders known to be real folders inside the tree. */
  private readonly verified = new Set<string>();

  constructor(readonly real: string) {
    this.verified.add(real);
  }

  /** Creates the folder if need be; returns its real path, which every write is checked against. */
  static async create(folder: string): Promise<string> {
    const info = await stat(folder).catch(() => null);
    if (info !== null && !info.isDirectory()) throw new OutputFolderError(`--out-dir ${folder} is a file, not a folder`);
    await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      // A file on the way (out/a.txt/b) is the same mistake; anything else is a failure to write.
      if (error.code === "ENOTDIR" || error.code === "EEXIST") throw new OutputFolderError(`--out-dir ${folder}: a part of the path is a file, not a folder`);
      throw new OutputWriteError(`--out-dir ${folder}: ${describe(error)}`);
    });
    return realpath(folder);
  }

  /**
   * Writes `data` at the "/"-separated `relative` path. `tag` names the temp file, so that whoever
   * stops a writer midway (a time limit) can remove it: see `tempFor`. Synchronous: it runs in a
   * worker thread, where blocking costs nothing and saves a thread-pool round trip per call.
   */
  write(relative: string, data: Uint8Array, tag: string): void {
    const target = this.target(relative);
    const temp = this.tempFor(relative, tag);
    try {
      this.ensureFolder(path.dirname(target));
      // "wx" (O_CREAT|O_EXCL) refuses to open through a symlink someone placed at the temp name.
      const fd = openSync(temp, "wx");
      try {
        for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      if (error instanceof OutputWriteError) throw error;
      throw new OutputWriteError(describe(error), (error as NodeJS.ErrnoException).code === "ENAMETOOLONG" ? "name-too-long" : "cannot-write");
    }
  }

  /**
   * The temp file `write` uses: hidden, beside the target (a rename within one file system is
   * atomic), and short, so that an output whose name is close to the 255-byte limit can be written.
   */
  tempFor(relative: string, tag: string): string {
    const target = this.target(relative);
    return path.join(path.dirname(target), `.${tag}.tmp`);
  }

  private target(relative: string): string {
    const target = path.resolve(this.real, ...relative.split("/"));
    if (target === this.real || !isInside(target, this.real)) throw new OutputWriteError("the output path would leave the output folder");
    return target;
  }

  private ensureFolder(folder: string): void {
    if (this.verified.has(folder)) return;
    this.ensureFolder(path.dirname(folder));
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const info = lstatSync(folder);
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
  if (code === "ENAMETOOLONG") return "its name would be longer than the file system allows (255 bytes)";
  return String(message).split("\n")[0];
}

export function isInside(candidate: string, folder: string): boolean {
  return candidate === folder || candidate.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
