/**
 * Conventions a notice declares for its owner clauses: "列第一位者为牵头单位" (in a list without an explicit 牵头,
 * the first unit leads) and carry-over statements ("下同", "以下任务均需X落实，不再一一列出").
 */

import { NOT_PAREN, PAREN_CLOSE, PAREN_CLOSERS, PAREN_OPEN, PAREN_OPENERS } from "../lexicon/brackets.js";
import { LEAD } from "../lexicon/roles.js";

export interface OwnerConventions {
  /** "列第一位者为牵头单位": in a list without an explicit 牵头, the first unit leads. */
  firstIsLead: boolean;
}

export const NO_CONVENTIONS: OwnerConventions = { firstIsLead: false };

/** Within one clause: no sentence or clause break, no bracket. */
const IN_CLAUSE = `[^，。；${PAREN_OPENERS}${PAREN_CLOSERS}]`;
const FIRST_IS_LEAD_SOURCE = `(?:列|排|名)${IN_CLAUSE}{0,6}?(?:第一|首)${IN_CLAUSE}{0,6}?(?:为|是)${IN_CLAUSE}{0,2}?(?:${LEAD})(?:单位|部门)?`;
const CARRY_OVER_SOURCE = "下同|以下[^。；]{0,40}?不再(?:一一|逐一|逐项|单独)?(?:列出|列明|标注|注明)";
const FIRST_IS_LEAD_RE = new RegExp(FIRST_IS_LEAD_SOURCE, "u");
const CARRY_OVER_RE = new RegExp(CARRY_OVER_SOURCE, "u");
const FIRST_IS_LEAD_ALL_RE = new RegExp(FIRST_IS_LEAD_SOURCE, "gu");
const CARRY_OVER_ALL_RE = new RegExp(CARRY_OVER_SOURCE, "gu");
/** "市税务局（列第一位者为工作牵头单位或汇总单位，下同）": the whole aside goes, not just its key words. */
const CONVENTION_ASIDE_RE = new RegExp(`${PAREN_OPEN}${NOT_PAREN}{0,40}?(?:列第一位|排第一位|排在第一|列首位|下同)${NOT_PAREN}{0,40}?${PAREN_CLOSE}`, "gu");
/** Every convention statement has one of these words. */
const CONVENTION_HINT_RE = /第一|首|下同|不再/u;
const EMPTY_PARENS_RE = new RegExp(`${PAREN_OPEN}\\s*${PAREN_CLOSE}`, "gu");

export function detectOwnerConventions(fullText: string): OwnerConventions {
  return { firstIsLead: FIRST_IS_LEAD_RE.test(fullText) };
}

/** The clause names its own first-is-lead convention. */
export function statesFirstIsLead(text: string): boolean {
  return CONVENTION_HINT_RE.test(text) && FIRST_IS_LEAD_RE.test(text);
}

export function declaresCarryOver(clauseText: string): boolean {
  return CARRY_OVER_RE.test(clauseText);
}

/** A clause without its convention statements, before its units are read. */
export function withoutConventionStatements(s: string): string {
  const rest = CONVENTION_HINT_RE.test(s)
    ? s.replace(CONVENTION_ASIDE_RE, "").replace(FIRST_IS_LEAD_ALL_RE, "").replace(CARRY_OVER_ALL_RE, "")
    : s;
  return rest.replace(EMPTY_PARENS_RE, "");
}
