import { LEAD, OFFICE, RESPONSIBLE_WORDS } from "./lexicon/roles.js";
import { alt } from "./lexicon/words.js";

/** What a table column holds, from its header text. */
export type ColumnRole = "seq" | "task" | "content" | "lead" | "responsible" | "mixed" | "deadline" | "ignored";

/**
 * Header synonyms, most specific first: "主要内容" must not be read as a task column because it
 * contains no 任务, but "重点任务" must win over the 任务 fallback.
 */
const HEADER_RULES: Array<[RegExp, ColumnRole]> = [
  [/^(?:序号|编号|序列|排序|No\.?)$/i, "seq"],
  [/进展|备注|完成情况|落实情况|说明|附注|任务编号|截止日期/, "ignored"],
  [new RegExp(`(?:${LEAD})(?:${OFFICE})?$`), "lead"],
  [/责任分工|分工/, "mixed"],
  [new RegExp(`(?:${alt(RESPONSIBLE_WORDS)})(?:${OFFICE}|人)`), "responsible"],
  [/时限|时间|期限|节点|进度安排/, "deadline"],
  [/内容|要求|措施|举措|目标和措施|具体工作|工作事项|事项|标准/, "content"],
  // 存在问题 beside 整改措施: each problem is the parent of the measures that answer it.
  [/目标|任务|项目|类别|领域|方面|重点工作|工作|问题/, "task"],
];

export function columnRole(header: string): ColumnRole | null {
  const h = header.replace(/[\s\u3000]/g, "");
  if (!h) return null;
  for (const [re, role] of HEADER_RULES) if (re.test(h)) return role;
  return null;
}

/** True when at least two of the cells read as recognised column headers of different kinds. */
export function looksLikeHeaderRow(cells: string[]): boolean {
  const roles = new Set(cells.map(columnRole).filter((r): r is ColumnRole => r !== null && r !== "ignored"));
  const longest = Math.max(0, ...cells.map((c) => c.trim().length));
  return roles.size >= 2 && longest <= 40;
}
