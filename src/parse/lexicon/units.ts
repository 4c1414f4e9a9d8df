/** How unit names end: 局, 办, 委, 中心, 人民政府, 部门, 各乡镇 … */
export const UNIT_SUFFIXES = [
  "局", "办", "委", "厅", "部", "室", "科", "处", "股", "中心", "政府", "单位", "部门", "机关", "机构", "乡镇", "街道", "街镇",
  "镇", "乡", "院", "所", "站", "队", "会", "组", "社", "团", "馆", "行", "司", "署", "集团", "公司", "企业", "学校", "医院",
  "党校", "园区", "海关", "联", "台", "班", "市", "县", "区", "州", "盟", "旗", "村", "社区", "办事处", "专班", "指挥部",
  "政协", "科协", "人大", "高校", "机场",
] as const;

const SUFFIX_SET: ReadonlySet<string> = new Set(UNIT_SUFFIXES);
const LONGEST_SUFFIX = Math.max(...UNIT_SUFFIXES.map((s) => s.length));

/** Whether `s` ends with a unit suffix, by looking at its last characters only (a `…$` regex tries every start). */
export function endsWithUnitSuffix(s: string): boolean {
  for (let k = Math.min(LONGEST_SUFFIX, s.length); k >= 1; k--) if (SUFFIX_SET.has(s.slice(s.length - k))) return true;
  return false;
}

/**
 * Collective addressees: everyone of a kind rather than one office (各单位, 区政府各部门, 相关部门). They are
 * written with 各 anywhere in the name, or as 有关/相关 + one of the collective nouns, or as one of the bare words.
 */
export const COLLECTIVE_QUALIFIERS = ["有关", "相关"] as const;
export const COLLECTIVE_NOUNS = ["部门", "单位", "科室", "处室", "街道", "乡镇"] as const;
/** Collectives that carry no unit suffix of their own. */
export const BARE_COLLECTIVES = ["各地", "各级", "各地区", "各方", "各县区", "各区县", "各有关方面"] as const;
/** Generic head nouns: a unit name only with a qualifier before them (区各有关 + 部门). */
export const GENERIC_NOUNS = ["部门", "单位", "机构", "机关", "处室", "科室", "人员", "街道", "乡镇", "社区", "村"] as const;

/** Words that start a sentence, an explanation or a scope note: a piece starting with one is never a unit name. */
export const NOT_UNIT_STARTS = [
  "推进", "推动", "加强", "加快", "建立", "健全", "完善", "做好", "开展", "实行", "实施", "深化", "强化", "提升", "提高", "优化",
  "规范", "落实", "全面", "进一步", "积极", "持续", "严格", "抓好", "探索", "围绕", "按照", "根据", "结合", "依托", "坚持",
  "确保", "切实", "及时", "主动", "定期", "认真", "继续", "依法", "充分", "大力", "不断", "着力", "扎实", "稳步", "以下", "简称",
  "下称", "含", "包括", "不含", "除", "即", "如", "例如", "注", "详见", "见", "此件", "其中", "特别是", "重点", "主要是", "全文",
  "试行", "暂行",
] as const;
/** Notes on scope inside an owner clause: what follows them in the sentence is note too. */
export const SCOPE_NOTE_STARTS = ["以下", "以上", "上述", "下同", "同上", "具体任务", "具体工作", "具体事项", "不再", "均需", "均要", "均涉及", "此外", "注"] as const;

/** Words joining two units of a list (省直各部门和各市县人民政府); 会 joins only after an office (宣传处会办公室). */
export const JOIN_WORDS = ["以及", "和", "及", "与"] as const;
/** Offices after which 会 joins the next unit, and the words 会 starts that are no join (会同, 会议 …). */
export const OFFICE_ENDINGS_BEFORE_JOIN = "处科室局办厅股";
export const NOT_JOIN_AFTER_HUI = ["同", "议", "商", "签", "审"] as const;
/** Ends of a unit after which a run-together list starts the next name (市行政审批局市司法局), and those starts. */
export const RUN_TOGETHER_ENDS = "局厅";
export const RUN_TOGETHER_STARTS = "省市区县";
/** Words ending in 等 that are no list tail (高等, 平等). */
export const NOT_ETC_BEFORE = "高平同初中均对上次";
/** Nouns a 等 tail may close with (等有关单位, 等行业主管部门). */
export const ETC_NOUNS = ["单位", "部门", "机构", "机关", "方面"] as const;

/** Modal words after a unit list: it is then the subject of a sentence (各部门要…), not an owner list. */
export const MODAL_WORDS = ["要", "应", "须", "需", "必须", "应当"] as const;
/** Words trailing a unit in a list, dropped from its name (X具体, X分别, Y均). */
export const TRAILING_UNIT_WORDS = ["应当", "必须", "要按照", "具体", "主要", "共同", "分别", "各自", "要", "应", "须", "需", "均", "都"] as const;
/** Words before a unit naming it the agent (由X负责, 请X牵头). */
export const AGENT_WORDS = ["由", "请", "交由"] as const;
