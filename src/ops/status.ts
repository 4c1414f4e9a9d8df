import type { ProgressStatus } from "../model/ops.js";

/**
 * The status a unit's progress text states, as rules: the first that matches wins, so negations
 * ("尚未完成") are read before the words they negate. Null when the text says none of them.
 */
const RULES: ReadonlyArray<readonly [RegExp, ProgressStatus]> = [
  [/未启动|尚未启动|未开展|尚未开展|暂未开展|未开始/, "未启动"],
  [/未完成|尚未完成|未全部完成|部分完成|正在|推进中|进行中|持续推进|稳步推进|已启动|已开展|开展中|按计划推进|有序推进/, "推进中"],
  [/已完成|已全部完成|全面完成|已办结|已落实|完成$/, "已完成"],
];

export function progressStatus(text: string): ProgressStatus | null {
  const trimmed = text.trim().replace(/[。.！!\s]+$/u, "");
  for (const [pattern, status] of RULES) if (pattern.test(trimmed)) return status;
  return null;
}

const ORDER: Record<ProgressStatus, number> = { 未启动: 0, 推进中: 1, 已完成: 2 };

/** A task's status from its entries: 已完成 only when every entry says so, else the least advanced one stated. */
export function combinedStatus(statuses: readonly (ProgressStatus | null)[]): ProgressStatus | null {
  const stated = statuses.filter((s): s is ProgressStatus => s !== null);
  if (stated.length === 0) return null;
  if (stated.length === statuses.length && stated.every((s) => s === "已完成")) return "已完成";
  const least = stated.reduce((a, b) => (ORDER[a] <= ORDER[b] ? a : b));
  return least === "已完成" ? "推进中" : least;
}
