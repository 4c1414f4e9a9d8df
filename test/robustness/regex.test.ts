import { describe, expect, it } from "vitest";
import { MEASURE } from "./harness.js";
import { adversarialMakers, regexLiterals, REGEX_DIRS, type FoundRegex } from "./regexes.js";

/**
 * No catastrophic backtracking: every regular expression of src/parse and src/importers (literals
 * read from the source, and those built with `new RegExp` caught as the modules load) runs on long
 * adversarial strings made of what it matches, each under a time bound. A linear regex takes
 * microseconds on 20,000 characters; a quadratic one (/\s+$/ on a run of spaces) takes hundreds
 * of milliseconds, a cubic one minutes.
 */

const LENGTH = 20_000;
/**
 * Per regex and string: most linear regexes take well under 5 ms on 20,000 characters. One that
 * takes longer (a heavy but linear one, or a loaded machine) is run again on 4× the input: linear
 * time grows ~4×, quadratic ~16×, so growth under 8× passes.
 */
const FAST_MS = 50;
const MAX_GROWTH = 8;

/**
 * Superlinear regexes that only ever see short input, each with the bound that protects it. A new
 * entry needs the same: the call site, and why its input cannot be long.
 */
const BOUNDED_INPUT: Record<string, string> = {
  "(?:印发|转发)(.+?)的通知$": "metadata.ts findPlanTitle: runs on a notice title, at most 120 characters (findNoticeTitle) or 136 (NOTICE_TITLE's .{2,100})",
};

/** Regexes the modules build at load time with `new RegExp(…)`, caught by a stand-in constructor. */
async function constructedRegexes(): Promise<FoundRegex[]> {
  const found: FoundRegex[] = [];
  const original = globalThis.RegExp;
  const marker = new original(`/(${REGEX_DIRS.map((dir) => dir.replace("/", "[\\\\/]")).join("|")})[\\\\/]([\\w.\\\\/-]+\\.ts):(\\d+)`);
  globalThis.RegExp = new Proxy(original, {
    construct(target, args: [string | RegExp, string?]) {
      const made = Reflect.construct(target, args) as RegExp;
      const caller = marker.exec(new Error().stack ?? "");
      if (caller) found.push({ where: `${caller[1]}/${caller[2]}:${caller[3]} (new RegExp)`, source: made.source, flags: made.flags });
      return made;
    },
  });
  try {
    await import("../../src/parse/index.js");
    await import("../../src/importers/index.js");
    await import("../../src/importers/markdown.js");
    await import("../../src/importers/docx.js");
    await import("../../src/importers/docx-body.js");
  } finally {
    globalThis.RegExp = original;
  }
  return found;
}

function run(regex: RegExp, text: string): void {
  regex.lastIndex = 0;
  if (regex.global || regex.sticky) {
    text.replace(regex, "");
    for (const _ of text.matchAll(new RegExp(regex.source, regex.flags.includes("g") ? regex.flags : regex.flags + "g"))) {
      // Drain every match, as the parser's matchAll loops do.
    }
  } else {
    regex.exec(text);
    text.search(regex);
  }
}

const literals = regexLiterals();
const constructed = await constructedRegexes();
const all = [...literals, ...constructed];

describe("regular expressions under adversarial input", () => {
  it("finds the regexes of the importers and the parser", () => {
    // A guard against the extraction silently finding nothing.
    expect(literals.length).toBeGreaterThan(100);
    expect(constructed.length).toBeGreaterThan(5);
  });

  // Timing: only under `npm run test:robustness`, never in the default suite.
  (MEASURE ? it : it.skip).each(
    all.map((found) => {
      const shown = `${found.where} /${found.source.length > 60 ? `${found.source.slice(0, 57)}...` : found.source}/${found.flags}`;
      const bounded = BOUNDED_INPUT[found.source];
      return [bounded === undefined ? `${shown} stays linear` : `${shown} is superlinear but only sees short input (${bounded})`, found] as const;
    }),
  )(
    "%s",
    (_name, found) => {
      if (BOUNDED_INPUT[found.source] !== undefined) return;
      const regex = new RegExp(found.source, found.flags);
      const time = (text: string) => {
        const started = performance.now();
        run(regex, text);
        return performance.now() - started;
      };
      const slow: string[] = [];
      for (const make of adversarialMakers(found.source)) {
        const text = make(LENGTH);
        const ms = time(text);
        if (ms <= FAST_MS) continue;
        // Best of two, to keep a garbage collection or a busy neighbour from deciding.
        const base = Math.min(ms, time(text));
        const long = make(LENGTH * 4);
        const first = time(long);
        // Past 16× (quadratic for sure) a second timing adds nothing.
        const grown = first / base > 16 ? first : Math.min(first, time(long));
        if (grown / base > MAX_GROWTH) {
          slow.push(`${Math.round(base)} ms → ${Math.round(grown)} ms for 4× ${JSON.stringify(text.slice(0, 12))}… (ends ${JSON.stringify(text.slice(-3))})`);
          // One is proof enough; the others would each cost seconds more.
          break;
        }
      }
      expect(slow).toEqual([]);
    },
  );
});
