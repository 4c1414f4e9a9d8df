import { LEAD_WORDS, OFFICE_NOUNS, RESPONSIBLE_WORDS } from "./roles.js";

/** What a table column holds, from its header text. */
export type ColumnRole = "seq" | "task" | "content" | "lead" | "responsible" | "mixed" | "deadline" | "ignored";

export interface HeaderSynonyms {
  column: ColumnRole;
  /** The header is one of these words, or contains one (`contains`), or ends with one (`ends`). */
  match: "exact" | "contains" | "ends";
  words: readonly string[];
}

const withOffice = (roles: readonly string[], nouns: readonly string[]) => roles.flatMap((r) => nouns.map((n) => r + n));

/** Field labels of an item's time limit (完成时限：2022年12月底前); each is also a deadline column header. */
export const DEADLINE_FIELD_LABELS = ["完成时限", "时限要求", "完成时间", "办结时限", "时间节点", "完成期限"] as const;

/**
 * Header synonyms of each column kind, most specific first: 主要内容 is content although it has no 任务,
 * 重点任务 is a task column, 存在问题 beside 整改措施 is the parent of the measures that answer it.
 */
export const HEADER_SYNONYMS: readonly HeaderSynonyms[] = [
  { column: "seq", match: "exact", words: ["序号", "编号", "序列", "排序", "No", "No."] },
  { column: "ignored", match: "contains", words: ["进展", "备注", "完成情况", "落实情况", "说明", "附注", "任务编号", "截止日期"] },
  { column: "lead", match: "ends", words: [...LEAD_WORDS, ...withOffice(LEAD_WORDS, OFFICE_NOUNS)] },
  { column: "mixed", match: "contains", words: ["责任分工", "分工"] },
  { column: "responsible", match: "contains", words: withOffice(RESPONSIBLE_WORDS, [...OFFICE_NOUNS, "人"]) },
  { column: "deadline", match: "contains", words: ["时限", "时间", "期限", "节点", "进度安排"] },
  { column: "content", match: "contains", words: ["内容", "要求", "措施", "举措", "目标和措施", "具体工作", "工作事项", "事项", "标准"] },
  { column: "task", match: "contains", words: ["目标", "任务", "项目", "类别", "领域", "方面", "重点工作", "工作", "问题"] },
];

/** Header cells that stand alone on a line of a flattened table and are never a unit list (牵头单位, 完成时限). */
export const HEADER_NAMES: readonly string[] = [
  ...withOffice([...LEAD_WORDS, ...RESPONSIBLE_WORDS], OFFICE_NOUNS),
  "责任分工", ...DEADLINE_FIELD_LABELS, "主要内容", "序号",
];
