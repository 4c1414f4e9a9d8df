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
    yield rejected(shown, folderRelative, "unreadable-folder", `the folder cannot be read (${reason})`);
    return;
  }
  const listed = listing
    .filter((entry) => !entry.name.startsWith(".") || entry.name === root.file)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Whether an output keeps its input's extension depends on the folder, not on what was asked for.
  const ambiguous = ambiguousStems(listed);
  const entries = root.file === null ? listed : listed.filter((entry) => entry.name === root.file);
  const maxDepth = root.kind === "dir" ? Infinity : (root.glob?.maxDepth ?? 0);

  for (const entry of entries) {
    const entryReal = path.join(real, entry.name);
    const entryShown = path.join(shown, entry.name);
    const entryRelative = relative === "" ? entry.name : `${relative}/${entry.name}`;
    const fileRelative = root.prefix === "" ? entryRelative : `${root.prefix}/${entryRelative}`;
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
    const keepExtension = ambiguous.has(stem(entry.name).toLowerCase());
    yield {
      kind: "file",
      path: entryShown,
      real: target,
      relative: fileRelative,
      outputStem: keepExtension ? fileRelative : fileRelative.slice(0, fileRelative.length - path.extname(entry.name).length),
    };
  }
}

function skipped(shownPath: string, relative: string, name: string): InputItem {
  const ext = path.extname(name);
  const what = ext === "" ? "has no extension" : `is a ${ext} file`;
  return { kind: "skipped", path: shownPath, relative, code: "not-a-notice-format", message: `${what}, not a format ledger reads; skipped` };
}

function rejected(shownPath: string, relative: string, code: string, message: string): InputItem {
  return { kind: "rejected", path: shownPath, relative, code, message };
}

/**
 * Stems shared by several inputs of one folder (a.docx and a.txt): their outputs keep the input's
 * extension (a.docx.json, a.txt.json) so that neither overwrites the other. Case-insensitive, for
 * the file systems of Windows and macOS.
 */
function ambiguousStems(entries: readonly Dirent[]): Set<string> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    if (!isInputName(entry.name)) continue;
    const key = stem(entry.name).toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count > 1).map(([key]) => key));
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
