import { alt } from "./words.js";

/**
 * Deadline words, each once: what ends a period, what makes a date a time limit, the words of ongoing, immediate
 * and recurring requirements, and the words around a date that make it no deadline (a start, a target, a
 * policy's period). The deadline parsers build their regexes from these lists.
 */

/** After a date: it is the time by which (6月底前, 2021年12月31日以前, 9月30日为止). */
export const DUE_SUFFIXES = ["以前", "之前", "前", "为止"] as const;
/** After a period: within it (年内, 3个工作日以内). */
export const WITHIN_SUFFIXES = ["之内", "以内", "内"] as const;
/** After a year or a month: its last day (年底, 6月末). */
export const PERIOD_END_WORDS = ["底", "末"] as const;
/** After a month: a part of it, with the day it ends on (null: the month's last day). */
export const MONTH_PART_DAYS: Readonly<Record<string, number | null>> = { 上旬: 10, 中旬: 20, 下旬: null, 初: 10, 底: null, 末: null };
/** Before 半年: which half, with the month it ends in. */
export const HALF_YEAR_MONTHS: Readonly<Record<string, number>> = { 上: 6, 下: 12 };
/** Before 年: a year named relative to the plan's working year (今年, 明年, 下一年). */
export const RELATIVE_YEARS: Readonly<Record<string, number>> = { 今: 0, 当: 0, 本: 0, 明: 1, 次: 1, 下一: 1, 下: 1 };

/** A column cell that says the work goes on (长期, 常态化, 持续推进). */
export const ONGOING_WORDS = ["长期", "常态", "持续", "长效", "经常性", "常年", "日常"] as const;
/** A column cell that says at once (即时, 立即). */
export const IMMEDIATE_WORDS = ["即时", "立即", "随时", "实时"] as const;
/** Words that start a recurring period: 每年, 按季度, 逐月. */
export const RECURRING_MARKS = ["每", "按", "逐"] as const;
/** In a deadline column only: a vaguer recurrence (定期, 逐年). */
export const CELL_RECURRING_WORDS = ["定期"] as const;
/** The units of a time limit counted from an event: 3个工作日内, 24小时内. */
export const DURATION_UNITS = ["工作日", "自然日", "小时", "个月", "月", "日", "天", "周", "星期", "年", "个季度", "季度"] as const;
/** A counted frequency after 每年: 每年至少听取一次, 每年…不少于1次. */
export const COUNT_QUALIFIERS = ["至少", "不少于", "不低于"] as const;

/** After a date: completion verbs that make it a completion time (2021年6月底全面完成). */
export const COMPLETION_VERBS = ["完成", "实现", "建成", "上线", "到位", "办结", "投入使用", "全覆盖"] as const;
/** Before a date in an item's text: it is the time something happens at (于6月底, 在三季度). */
export const AT_WORDS = ["于", "在"] as const;
/** After a date: it starts something (2021年起, 9月1日开始), or is looked back on (2003年以来, 至今). */
export const START_AFTER_WORDS = ["起", "开始"] as const;
export const SINCE_AFTER_WORDS = ["以来", "至今"] as const;
/** Before a date: it starts something (自2021年1月1日起, 从9月开始). */
export const START_BEFORE_WORDS = ["自", "从"] as const;
/** Before a date: a target (力争到2025年, 目标是2020年) or an as-of date (截至2020年底). */
export const TARGET_WORDS = ["力争", "争取", "目标"] as const;
export const AS_OF_WORDS = ["截至", "截止到", "截止至"] as const;
/** Directly before a date without 前: reaching it (到2020年…) is a target, not a time limit. */
export const REACH_WORDS = ["到", "至"] as const;
/** Before a duration: it looks back (近3年内, 过去一年内). */
export const LOOKBACK_WORDS = ["近", "过去", "最近"] as const;
/** Before a duration: a target for how long something takes (审批时间压缩至90个工作日以内). */
export const TARGET_DURATION_VERBS = ["压缩", "缩短", "减少", "控制", "降低", "提速"] as const;
/** After a duration: how long a policy applies (在两年之内对…实行减免). */
export const POLICY_SPAN_VERBS = ["实行", "给予", "享受", "免征", "减免", "减半", "减按", "执行"] as const;
/** Before a period in brackets: a stage's period (排查整治阶段（9月1日至11月30日）). */
export const STAGE_WORDS = ["阶段", "时间", "期间"] as const;
/** Words between an event and its time limit that are no part of the event (应于文件公布后3个工作日内). */
export const MODAL_WORDS = ["应当", "应于", "应在", "要在", "须在", "需在", "必须", "于", "在", "应", "要", "须", "将", "并"] as const;

export const DUE_SUFFIX = alt(DUE_SUFFIXES);
