/**
 * Just enough globbing for `ledger batch 'notices/**\/*.docx'` when the shell did not expand the
 * pattern (quoted in a CI file, or a shell without globstar): `*`, `?`, `[…]`, `{a,b}` and `**`.
 * Paths are matched with "/" separators, relative to the pattern's literal leading directory.
 */

const GLOB_CHARACTERS = /[*?[{]/;

export function isGlob(argument: string): boolean {
  return GLOB_CHARACTERS.test(argument);
}

export interface GlobPattern {
  /** The literal directories before the first wildcard: where the walk starts. */
  base: string;
  /** Matches a path relative to `base`. */
  regexp: RegExp;
  /** How many directory levels below `base` a match can be; Infinity with `**`. */
  maxDepth: number;
}

/** A pattern that cannot be read (an unclosed `[` or `{`): a usage error. */
export class GlobError extends Error {
  constructor(pattern: string, reason: string) {
    super(`malformed pattern '${pattern}': ${reason}`);
    this.name = "GlobError";
  }
}

export function compileGlob(pattern: string): GlobPattern {
  const segments = pattern.split("/");
  const first = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const literal = segments.slice(0, first).join("/");
  const rest = segments.slice(first);
  return {
    base: literal === "" ? (pattern.startsWith("/") ? "/" : ".") : literal,
    regexp: compile(pattern, rest.join("/")),
    maxDepth: rest.includes("**") ? Infinity : rest.length - 1,
  };
}

function compile(pattern: string, glob: string): RegExp {
  for (const [open, close] of [["[", "]"], ["{", "}"]]) {
    const at = glob.indexOf(open);
    if (at >= 0 && glob.indexOf(close, at + (open === "[" ? 2 : 1)) < 0) throw new GlobError(pattern, `'${open}' is not closed`);
  }
  try {
    return new RegExp(`^${source(glob)}$`);
  } catch {
    // A character class the regular expression engine refuses, such as [z-a].
    throw new GlobError(pattern, "a [...] range is not valid");
  }
}

function source(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const segmentStart = i === 0 || glob[i - 1] === "/";
    if (c === "*" && glob[i + 1] === "*" && segmentStart && (glob[i + 2] === "/" || i + 2 === glob.length)) {
      // "**/" spans any number of directories (none included); a final "**" anything below.
      out += i + 2 === glob.length ? ".*" : "(?:[^/]*/)*";
      i += 2;
    } else if (c === "*") {
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[" && glob.indexOf("]", i + 2) > 0) {
      const end = glob.indexOf("]", i + 2);
      const body = glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
      out += `[${body}]`;
      i = end;
    } else if (c === "{" && glob.indexOf("}", i) > 0) {
      const end = glob.indexOf("}", i);
      out += `(?:${glob.slice(i + 1, end).split(",").map(source).join("|")})`;
      i = end;
    } else {
      out += c.replace(/[.+^$()|\\\]{}]/g, "\\$&");
    }
  }
  return out;
}
