import { alt } from "./words.js";

/**
 * Role words, each once with its role. A unit named with a lead word (X牵头, 主办单位：X, a 主办单位 column)
 * leads; every other role word makes it responsible. Owner clauses, owner fields and column headers all read
 * roles from these lists.
 */
export const LEAD_WORDS = ["牵头", "主办", "主责"] as const;
export const RESPONSIBLE_WORDS = ["责任", "负责", "落实", "配合", "协办", "参与", "承办", "协助", "协同", "实施"] as const;
/** Nouns an owner field or column names: 牵头单位, 责任部门, 责任科室 … */
export const OFFICE_NOUNS = ["单位", "部门", "科室", "处室", "股室"] as const;

export const LEAD = alt(LEAD_WORDS);
export const OFFICE = alt(OFFICE_NOUNS);

/** 牵头单位 / 主办 / 主责部门: the start of a lead word. */
export const LEAD_START_RE = new RegExp(`^(?:${LEAD})`, "u");
