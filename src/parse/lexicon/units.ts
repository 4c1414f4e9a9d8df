import { alt } from "./words.js";

/** How unit names end: 局, 办, 委, 中心, 人民政府, 部门, 各乡镇 … */
export const UNIT_SUFFIXES = [
  "局", "办", "委", "厅", "部", "室", "科", "处", "股", "中心", "政府", "单位", "部门", "机关", "机构", "乡镇", "街道", "街镇",
  "镇", "乡", "院", "所", "站", "队", "会", "组", "社", "团", "馆", "行", "司", "署", "集团", "公司", "企业", "学校", "医院",
  "党校", "园区", "海关", "联", "台", "班", "市", "县", "区", "州", "盟", "旗", "村", "社区", "办事处", "专班", "指挥部",
  "政协", "科协", "人大", "高校", "机场",
] as const;

export const UNIT_SUFFIX_RE = new RegExp(`(?:${alt(UNIT_SUFFIXES)})$`, "u");

/**
 * Collective addressees: everyone of a kind rather than one office (各单位, 区政府各部门, 相关部门). They are
 * written with 各 anywhere in the name, or as 有关/相关 + one of the collective nouns, or as one of the bare words.
 */
export const COLLECTIVE_QUALIFIERS = ["有关", "相关"] as const;
export const COLLECTIVE_NOUNS = ["部门", "单位", "科室", "处室", "街道", "乡镇"] as const;
/** Collectives that carry no unit suffix of their own. */
export const BARE_COLLECTIVES = ["各地", "各级", "各地区", "各方", "各县区", "各区县", "各有关方面"] as const;
