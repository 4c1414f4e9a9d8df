import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/**
 * Every regular expression of the importers and the parser, and long adversarial strings built
 * from what each one matches: runs of each character and word it names, with a tail that makes
 * the match fail (where a backtracking engine pays the square of the run, as /\s+$/ does on a
 * long run of spaces followed by a letter).
 */

const ROOT = join(import.meta.dirname, "..", "..");
export const REGEX_DIRS = ["src/parse", "src/importers"];

export interface FoundRegex {
  /** file:line */
  where: string;
  source: string;
  flags: string;
}

/** Regex literals, read from the source with the TypeScript parser. */
export function regexLiterals(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const dir of REGEX_DIRS) {
    // Sub-folders too: a stage split into a folder (src/parse/deadlines/) keeps its regexes under test.
    for (const name of readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).sort()) {
      const path = join(ROOT, dir, name);
      const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(file);
          const slash = text.lastIndexOf("/");
          const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
          found.push({ where: `${relative(ROOT, path)}:${line}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return found;
}

/**
 * The characters and literal words a regex names: escapes (\s, \d, \uXXXX), the members and
 * range ends of classes, literal runs and the alternatives of groups. A negated class adds
 * characters it does not match too. Approximate by design: it only has to find what to repeat.
 */
export function alphabet(source: string): { chars: string[]; words: string[] } {
  const chars = new Set<string>();
  const words = new Set<string>();
  const escapes: Record<string, string[]> = {
    s: [" ", "\t", "\u3000", "\n"],
    S: ["x", "一"],
    d: ["1", "9"],
    D: ["x"],
    w: ["a", "_"],
    W: ["-", "，"],
    n: ["\n"],
    r: ["\r"],
    t: ["\t"],
    f: ["\f"],
    b: [],
    B: [],
  };
  let word = "";
  const endWord = () => {
    if ([...word].length >= 2) words.add(word);
    word = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1];
      if (next === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        const ch = String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
        chars.add(ch);
        word += ch;
        i += 5;
        continue;
      }
      if (next === "p" || next === "P") {
        const end = source.indexOf("}", i);
        chars.add(next === "p" ? "一" : "!");
        i = end < 0 ? i + 1 : end;
        endWord();
        continue;
      }
      if (next in escapes) {
        for (const e of escapes[next]) chars.add(e);
        endWord();
      } else {
        chars.add(next);
        word += next;
      }
      i++;
      continue;
    }
    if (c === "[") {
      endWord();
      const negated = source[i + 1] === "^";
      let j = negated ? i + 2 : i + 1;
      const members: string[] = [];
      for (; j < source.length && source[j] !== "]"; j++) {
        if (source[j] === "\\") {
          const next = source[j + 1];
          if (next === "u") {
            members.push(String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16)));
            j += 5;
          } else {
            members.push(...(escapes[next] ?? [next]));
            j++;
          }
        } else if (source[j + 1] === "-" && source[j + 2] !== "]" && j + 2 < source.length) {
          const from = source.codePointAt(j)!;
          const to = source[j + 2] === "\\" && source[j + 3] === "u" ? Number.parseInt(source.slice(j + 4, j + 8), 16) : source.codePointAt(j + 2)!;
          members.push(String.fromCodePoint(from), String.fromCodePoint(Math.min(to, from + ((to - from) >> 1))), String.fromCodePoint(to));
          j += source[j + 2] === "\\" ? 7 : 2;
        } else {
          members.push(source[j]);
        }
      }
      i = j;
      if (negated) {
        for (const candidate of ["x", "一", " ", "1", "，", "（", "\n"]) if (!members.includes(candidate)) chars.add(candidate);
      } else {
        for (const member of members) chars.add(member);
      }
      continue;
    }
    if ("()|?*+{}^$.".includes(c)) {
      endWord();
      if (c === "{") i = source.indexOf("}", i) < 0 ? i : source.indexOf("}", i);
      if (c === "(" && source[i + 1] === "?") {
        // (?: (?= (?! (?<= (?<! (?<name>
        let j = i + 2;
        if (source[j] === "<" && source[j + 1] !== "=" && source[j + 1] !== "!") j = source.indexOf(">", j);
        i = Math.max(i, j);
      }
      if (c === ".") chars.add("x");
      continue;
    }
    chars.add(c);
    word += c;
  }
  endWord();
  return { chars: [...chars].filter((ch) => ch !== ""), words: [...words] };
}

/** Tails that make a match at the end of a run fail, or succeed. */
const TAILS = ["", "x", "\u0000", "一", "!", "\n"];

/** Makers of adversarial strings for one regex, each for any length (the same shape at every length). */
export function adversarialMakers(source: string): Array<(length: number) => string> {
  const { chars, words } = alphabet(source);
  const makers = new Map<string, (length: number) => string>();
  const runOf = (piece: string, length: number) => piece.repeat(Math.max(1, Math.floor(length / piece.length)));
  const add = (key: string, make: (length: number) => string) => {
    if (!makers.has(key)) makers.set(key, make);
  };
  for (const piece of [...chars, ...words]) {
    for (const tail of TAILS) add(`${piece}\u0001${tail}`, (length) => runOf(piece, length) + tail);
    add(`x\u0001${piece}\u0001x`, (length) => `x${runOf(piece, length)}x`);
  }
  // Pairs of neighbours: alternations of two pieces the regex can take turns matching.
  const pieces = [...chars, ...words];
  for (let i = 0; i + 1 < pieces.length; i++) add(`${pieces[i]}\u0001${pieces[i + 1]}\u0002`, (length) => runOf(pieces[i] + pieces[i + 1], length) + "x");
  return [...makers.values()];
}

/** Adversarial strings of about `length` characters for one regex. */
export function adversarial(source: string, length: number): string[] {
  return adversarialMakers(source).map((make) => make(length));
}

/**
 * A corpus for whole-parser runs: one run per character or word any regex names (deduplicated),
 * each ending in a character that fails the match.
 */
export function pathologicalStrings(length: number): Array<{ name: string; text: string }> {
  const pieces = new Set<string>();
  for (const regex of regexLiterals()) {
    const { chars, words } = alphabet(regex.source);
    for (const piece of [...chars, ...words]) if (piece.trim() !== "" || piece === " " || piece === "\u3000" || piece === "\t") pieces.add(piece);
  }
  const out: Array<{ name: string; text: string }> = [];
  for (const piece of [...pieces].sort()) {
    if (piece === "\n" || piece === "\r") continue;
    const run = piece.repeat(Math.max(1, Math.floor(length / piece.length)));
    out.push({ name: `run of ${JSON.stringify(piece)}`, text: `x${run}x` });
  }
  return out;
}
