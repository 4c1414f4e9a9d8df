import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { compileGlob, isGlob, type GlobPattern } from "./glob.js";
import { isInside } from "./outputs.js";
import { inShard, type Shard } from "./shard.js";

/**
 * What a folder walk picks up; a file named on the command line is taken whatever its extension.
 * Every other (not hidden) file of the walk is reported as skipped, never passed over in silence.
 */
const INPUT_EXTENSIONS: ReadonlySet<string> = new Set([
  ".docx", ".txt", ".md", ".markdown", ".doc", ".wps", ".rtf", ".odt", ".html", ".htm", ".mht", ".mhtml", ".pdf", ".xlsx", ".xls", ".et",
]);

interface Root {
  argument: string;
  kind: "dir" | "file" | "glob" | "missing";
  /** Where the walk starts: as given (for the paths we print) and resolved. */
  base: string;
  baseReal: string;
  /** The root's place in the mirrored tree, relative to the common folder ("" for the common folder itself). */
  prefix: string;
  glob: GlobPattern | null;
  /** For a single file: its name in `base`. */
  file: string | null;
}

export interface InputPlan {
  roots: Root[];
  /** Real paths of the folders and files given: a symlink found in the walk may point only inside them. */
  allowed: string[];
  /** The output folder's real path: never walked, so outputs are not read back as inputs. */
  outReal: string | null;
}

export type InputItem =
  | {
      kind: "file";
      /** The path as the user would write it (the argument joined with the path below it). */
      path: string;
      /** Where to read it: symlinks resolved and checked. */
      real: string;
      /** "/"-separated, relative to the common folder of the inputs: what the output tree mirrors. */
      relative: string;
      /** `relative` without its extension, unless another input in its folder has the same stem. */
      outputStem: string;
      /**
       * Found by walking a folder, not named on the command line: a 台账 ledger wrote (an earlier output) is
       * skipped, not read as a notice. The worker tells, from the file it reads anyway.
       */
      walked: boolean;
    }
  | {
      /** A file of the walk in a format ledger does not read: reported, not converted. */
      kind: "skipped";
      path: string;
      relative: string;
      code: string;
      message: string;
    }
  | {
      kind: "rejected";
      path: string;
      /** As for a file; null for an argument that names nothing, which every shard reports. */
      relative: string | null;
      code: string;
      message: string;
    };

/** Resolves the arguments (folders, files, patterns); reads no file yet. */
export async function planInputs(args: readonly string[], outReal: string | null): Promise<InputPlan> {
  const roots: Omit<Root, "prefix">[] = [];
  for (const argument of args) roots.push(await resolveRoot(argument));
  const present = roots.filter((root) => root.kind !== "missing");
  const folders = present.map((root) => path.resolve(root.base));
  const common = folders.length === 0 ? process.cwd() : folders.reduce(commonFolder);
  const allowed = present.map((root) => (root.kind === "file" ? path.join(root.baseReal, root.file!) : root.baseReal));
  return {
    roots: roots.map((root) => ({ ...root, prefix: toPosix(path.relative(common, path.resolve(root.base))) })),
    allowed: await Promise.all(allowed.map((p) => realpath(p).catch(() => p))),
    outReal,
  };
}

async function resolveRoot(argument: string): Promise<Omit<Root, "prefix">> {
  const info = await stat(argument).catch(() => null);
  if (info === null && isGlob(argument)) {
    const glob = compileGlob(argument);
    const baseReal = await realpath(glob.base).catch(() => null);
    if (baseReal === null) return { argument, kind: "missing", base: glob.base, baseReal: "", glob, file: null };
    return { argument, kind: "glob", base: glob.base, baseReal, glob, file: null };
  }
  if (info === null) return { argument, kind: "missing", base: argument, baseReal: "", glob: null, file: null };
  if (info.isDirectory()) return { argument, kind: "dir", base: argument, baseReal: await realpath(argument), glob: null, file: null };
  const base = path.dirname(argument);
  return { argument, kind: "file", base, baseReal: await realpath(base), glob: null, file: path.basename(argument) };
}

/**
 * The inputs in a stable order (arguments as given, each folder's entries sorted by name), read
 * folder by folder as the batch consumes them: nothing is listed ahead of need.
 */
export async function* inputItems(plan: InputPlan, shard: Shard | null): AsyncGenerator<InputItem> {
  // Only overlapping arguments can name a file twice; a single root needs no memory of paths.
  const seen = plan.roots.length > 1 ? new Set<string>() : null;
  for (const root of plan.roots) {
    if (root.kind === "missing") {
      yield { kind: "rejected", path: root.argument, relative: null, code: "no-input", message: root.glob ? "no file matches" : "no such file or directory" };
      continue;
    }
    let found = 0;
    for await (const item of walkRoot(root, plan)) {
      found++;
      const key = item.relative!;
      if (seen?.has(key)) continue;
      seen?.add(key);
      if (inShard(key, shard)) yield item;
    }
    if (found === 0 && root.kind === "glob") yield { kind: "rejected", path: root.argument, relative: null, code: "no-input", message: "no file matches" };
  }
}

function walkRoot(root: Root, plan: InputPlan): AsyncGenerator<InputItem> {
  return walkFolder(root, plan, root.baseReal, root.base, "", 0);
}

async function* walkFolder(root: Root, plan: InputPlan, real: string, shown: string, relative: string, depth: number): AsyncGenerator<InputItem> {
  let listing: Dirent[];
  try {
    listing = await readdir(real, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message.split("\n")[0];
    const folderRelative = [root.prefix, relative].filter(Boolean).join("/");
    if (code === "ENAMETOOLONG") yield rejected(shown, folderRelative, "name-too-long", PATH_TOO_LONG);
    else yield rejected(shown, folderRelative, "unreadable-folder", `the folder cannot be read (${reason})`);
    return;
  }
  const listed = listing
    .filter((entry) => !entry.name.startsWith(".") || entry.name === root.file)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // An output's name depends on the folder, not on what was asked for (or on the shard).
  const outputNames = outputStems(listed);
  const entries = root.file === null ? listed : listed.filter((entry) => entry.name === root.file);
  const maxDepth = root.kind === "dir" ? Infinity : (root.glob?.maxDepth ?? 0);

  for (const entry of entries) {
    const entryReal = path.join(real, entry.name);
    const entryShown = path.join(shown, entry.name);
    const entryRelative = relative === "" ? entry.name : `${relative}/${entry.name}`;
    const fileRelative = root.prefix === "" ? entryRelative : `${root.prefix}/${entryRelative}`;
    if (Buffer.byteLength(entryReal) >= PATH_MAX) {
      // Neither it nor anything below it can be opened: reported once, and the walk goes on.
      if (entry.isDirectory() || isInputName(entry.name)) yield rejected(entryShown, fileRelative, "name-too-long", PATH_TOO_LONG);
      continue;
    }
    const wanted = root.file !== null || (isInputName(entry.name) && (root.glob === null || root.glob.regexp.test(entryRelative)));

    if (entry.isDirectory()) {
      if (depth < maxDepth && entryReal !== plan.outReal) yield* walkFolder(root, plan, entryReal, entryShown, entryRelative, depth + 1);
      continue;
    }
    let target = entryReal;
    if (entry.isSymbolicLink()) {
      const resolved = await realpath(entryReal).catch(() => null);
      const info = resolved === null ? null : await stat(resolved).catch(() => null);
      if (resolved === null || info === null) {
        if (wanted) yield rejected(entryShown, fileRelative, "broken-symlink", "is a broken symbolic link");
        continue;
      }
      if (!plan.allowed.some((allowed) => isInside(resolved, allowed))) {
        if (wanted || (info.isDirectory() && depth < maxDepth)) {
          yield rejected(entryShown, fileRelative, "outside-input", "is a symbolic link to a place outside the input folders; skipped");
        }
        continue;
      }
      // A link to a folder inside the inputs is not followed: the folder is walked where it is.
      if (info.isDirectory()) continue;
      if (wanted && !info.isFile()) {
        yield rejected(entryShown, fileRelative, "not-a-file", "is not a regular file");
        continue;
      }
      target = resolved;
    }
    if (!wanted) {
      if (root.file === null && (root.glob === null || root.glob.regexp.test(entryRelative))) yield skipped(entryShown, fileRelative, entry.name);
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      // A FIFO or device named *.txt would block the reader forever.
      yield rejected(entryShown, fileRelative, "not-a-file", "is not a regular file");
      continue;
    }
    // A file named on the command line is taken whatever its extension.
    const outputName = outputNames.get(entry.name) ?? stem(entry.name);
    yield {
      kind: "file",
      path: entryShown,
      real: target,
      relative: fileRelative,
      outputStem: fileRelative.slice(0, fileRelative.length - entry.name.length) + outputName,
      walked: root.file === null,
    };
  }
}

function skipped(shownPath: string, relative: string, name: string): InputItem {
  const ext = path.extname(name);
  const what = ext === "" ? "has no extension" : `is a ${ext} file`;
  return { kind: "skipped", path: shownPath, relative, code: "not-a-notice-format", message: `${what}, not a format ledger reads; skipped` };
}

/** Linux's limit on a path, in bytes with its final NUL: a longer path cannot be opened. */
const PATH_MAX = 4096;
const PATH_TOO_LONG = "its path is longer than the system allows (4,096 bytes); skipped";

function rejected(shownPath: string, relative: string, code: string, message: string): InputItem {
  return { kind: "rejected", path: shownPath, relative, code, message };
}

/**
 * The output name (without the format's extension) of every input of one folder, unique within
 * it, case-insensitively (for the file systems of Windows and macOS), so that no output overwrites
 * another: the input's stem (a.docx → a), its whole name when several inputs share a stem
 * (a.docx and a.txt → a.docx, a.txt), and a number when even that is taken (a.txt beside a.md and
 * a.txt.md: a.txt and a.txt~2). Entries come sorted, so the names are the same on every run.
 */
function outputStems(entries: readonly Dirent[]): Map<string, string> {
  const inputs = entries.filter((entry) => isInputName(entry.name)).map((entry) => entry.name);
  const stemCounts = new Map<string, number>();
  for (const name of inputs) stemCounts.set(stem(name).toLowerCase(), (stemCounts.get(stem(name).toLowerCase()) ?? 0) + 1);
  const wanted = inputs.map((name) => (stemCounts.get(stem(name).toLowerCase())! > 1 ? name : stem(name)));
  const taken = new Set(wanted.map((name) => name.toLowerCase()));
  const given = new Set<string>();
  const names = new Map<string, string>();
  inputs.forEach((input, i) => {
    let name = wanted[i];
    for (let n = 2; given.has(name.toLowerCase()); n++) {
      name = `${wanted[i]}~${n}`;
      // Not a name another input wants for itself.
      if (taken.has(name.toLowerCase())) name = wanted[i];
    }
    given.add(name.toLowerCase());
    names.set(input, name);
  });
  return names;
}

function isInputName(name: string): boolean {
  return INPUT_EXTENSIONS.has(path.extname(name).toLowerCase());
}

function stem(name: string): string {
  return name.slice(0, name.length - path.extname(name).length);
}

function commonFolder(a: string, b: string): string {
  while (!isInside(b, a)) a = path.dirname(a);
  return a;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
