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

/** Duty words that make the units before them helpers, whatever follows (X配合, X协助做好…). */
export const SUPPORT_WORDS = ["配合", "协助", "协办", "参与"] as const;
/** Words joining two unit lists that share the duty after the second (X会同Y负责…). */
export const CONNECTOR_WORDS = ["会同", "联合", "协同"] as const;

export interface DutyMarker {
  word: string;
  /** Words after it that make it part of a name or another word (负责人, 指导中心, 联合会). */
  notBefore?: readonly string[];
  /** A character before it that does (区政协办公室). */
  notAfter?: string;
}

const AS_ROLE = ["作为", "为"].flatMap((as) =>
  [...LEAD_WORDS, "责任", "配合", "落实", "协办", "参与", "承办"].flatMap((role) => ["单位", "部门"].map((noun) => as + role + noun)),
);

/**
 * Where a unit list ends and its duty begins: X牵头, X负责落实, X按职责分别落实, X配合, X做好审核把关 …
 * Each word with the neighbours that make it part of a name (区政协办公室, 指导中心, 联合会, 负责人).
 */
export const DUTY_MARKERS: readonly DutyMarker[] = [
  ...AS_ROLE.map((word) => ({ word })),
  ...LEAD_WORDS.map((word) => ({ word })),
  { word: "负责", notBefore: ["人"] },
  { word: "落实", notBefore: ["办"] },
  ...["配合", "参与", "会同", "承办"].map((word) => ({ word })),
  ...["协办", "协助", "协同"].map((word) => ({ word, notAfter: "政" })),
  { word: "联合", notBefore: ["会", "办", "体"] },
  { word: "指导", notBefore: ["中", "站", "处", "科", "室", "组", "所", "办"] },
  { word: "督促" },
  { word: "督导", notBefore: ["组", "室", "办"] },
  { word: "统筹", notBefore: ["办", "中"] },
  ...["做好", "抓好", "对应"].map((word) => ({ word })),
  { word: "对口", notBefore: ["支援"] },
  ...["承担", "组织实施"].map((word) => ({ word })),
  ...["按职", "按要求", "按规定", "按分工", "按照", "按各自", "依职", "依法", "依据", "依照"].map((word) => ({ word })),
  ...["根据", "结合", "分别", "分工", "共同", "各自"].map((word) => ({ word })),
];
