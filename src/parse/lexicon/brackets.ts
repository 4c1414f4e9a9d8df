/**
 * Bracket and quote pairs, each once: the opener and the closer of a pair at the same index. Nesting, owner
 * parentheticals and notes are read with these sets.
 */
export const BRACKET_PAIRS = [
  ["（", "）"], ["(", ")"], ["〔", "〕"], ["【", "】"], ["[", "]"], ["{", "}"],
  ["「", "」"], ["『", "』"], ["《", "》"], ["“", "”"], ["‘", "’"],
] as const;

/** Every opener and every closer: what nests. */
export const OPENERS = BRACKET_PAIRS.map(([open]) => open).join("");
export const CLOSERS = BRACKET_PAIRS.map(([, close]) => close).join("");

/** Brackets that hold a note or an owner clause: not titles (《》), quotes or braces. */
export const GROUP_OPENERS = "（(〔【[";
export const GROUP_CLOSERS = "）)〕】]";

/** Round brackets, full and half width: （一）, (1), （牵头）. */
export const PAREN_OPENERS = "（(";
export const PAREN_CLOSERS = "）)";

/** Regex classes of the round brackets: an opener, a closer, and anything but a round bracket. */
export const PAREN_OPEN = `[${PAREN_OPENERS}]`;
export const PAREN_CLOSE = `[${PAREN_CLOSERS}]`;
export const NOT_PAREN = `[^${PAREN_OPENERS}${PAREN_CLOSERS}]`;

/** A regex character class of `chars`. */
export function charClass(chars: string): string {
  return `[${chars.replace(/[\\\]\[^-]/gu, "\\$&")}]`;
}

/** Per UTF-16 code: 1 for an opener, 2 for a closer, 0 otherwise (one table look-up per character). */
export const BRACKET_KIND = new Uint8Array(0x10000);
for (const c of OPENERS) BRACKET_KIND[c.charCodeAt(0)] = 1;
for (const c of CLOSERS) BRACKET_KIND[c.charCodeAt(0)] = 2;
