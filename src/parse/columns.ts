import { HEADER_SYNONYMS, type ColumnRole, type HeaderSynonyms } from "./lexicon/headers.js";
import { alt } from "./lexicon/words.js";

export type { ColumnRole } from "./lexicon/headers.js";

function ruleRegex({ match, words }: HeaderSynonyms): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  const body = alt(escaped);
  return match === "exact" ? new RegExp(`^(?:${body})$`, "iu") : match === "ends" ? new RegExp(`(?:${body})$`, "u") : new RegExp(body, "u");
}

/** The header synonyms as regexes, in the lexicon's order (most specific first). */
const HEADER_RULES: ReadonlyArray<readonly [RegExp, ColumnRole]> = HEADER_SYNONYMS.map((rule) => [ruleRegex(rule), rule.column] as const);

/** Tables repeat their header words row after row and notice after notice: each text is classified once. */
const roles = new Map<string, ColumnRole | null>();
const ROLES_MAX = 4096;

/** Only header-length texts are kept: a long data cell is classified each time it is asked about. */
const CACHED_HEADER_MAX = 40;

export function columnRole(header: string): ColumnRole | null {
  let role = roles.get(header);
  if (role === undefined) {
    const h = header.replace(/[\s\u3000]/gu, "");
    role = h ? (HEADER_RULES.find(([re]) => re.test(h))?.[1] ?? null) : null;
    if (header.length <= CACHED_HEADER_MAX) {
      if (roles.size >= ROLES_MAX) roles.clear();
      roles.set(header, role);
    }
  }
  return role;
}

/** A header cell is a few words (落实2021年政务公开工作要点重点任务); a longer cell is data, whatever words it holds. */
const HEADER_CELL_MAX = 20;

/**
 * True when at least two of the cells read as recognised column headers of different kinds. Only cells of header
 * length count: a data row whose 具体要求 says "…主动公开内容" beside its category "…工作" is no header.
 */
export function looksLikeHeaderRow(cells: string[]): boolean {
  const kinds = new Set<ColumnRole>();
  let longest = 0;
  for (const c of cells) {
    const length = c.trim().length;
    const role = length <= HEADER_CELL_MAX ? columnRole(c) : null;
    if (role !== null && role !== "ignored") kinds.add(role);
    longest = Math.max(longest, length);
  }
  return kinds.size >= 2 && longest <= 40;
}
