import {
  CELL_RECURRING_WORDS,
  COUNT_QUALIFIERS,
  DUE_SUFFIXES,
  DURATION_UNITS,
  IMMEDIATE_WORDS,
  LOOKBACK_WORDS,
  MODAL_WORDS,
  ONGOING_WORDS,
  POLICY_SPAN_VERBS,
  RECURRING_MARKS,
  STAGE_WORDS,
  TARGET_DURATION_VERBS,
  WITHIN_SUFFIXES,
} from "../lexicon/deadlines.js";
import { QUARTER_NUMERAL, SMALL_NUMERAL } from "../lexicon/numerals.js";
import { alt } from "../lexicon/words.js";
import { eachMatch, holdsNext, type Span } from "./normalise.js";

/**
 * The deadline forms that are not calendar points, one parser each: recurring periods (每年, 按季度, 每月25日前),
 * limits counted from an event (文件公布后3个工作日内), a stage's period in brackets, and the words of a deadline
 * column (长期, 立即, 定期). Each returns its candidates with their positions; the refiners beside them say which
 * are no deadline (a target duration, a look back, a policy's period).
 */

export interface Phrase extends Span {
  text: string;
}

const NUM2 = `(?:\\d{1,2}|[${SMALL_NUMERAL}]{1,3})`;
const CLAUSE_BREAK = /[，。；,;：:！？\n]/u;
const DUE = alt(DUE_SUFFIXES.filter((w) => w !== "为止"));

/**
 * 每年, 每季度, 每月25日前, 每年1月31日前, 每两年, 按月, 按季度, 逐月: a period that recurs. 按年龄 / 按周期 / 按季节 /
 * 按年度计划 are not frequencies, and 逐年 (逐年提高) is a trend.
 */
const RECURRING_RE = new RegExp(
  "(?:每(?:[一两二三四五六七八九十]|\\d{1,2})?(?:年度?|半年|个?季度?|个?月|旬|周|星期|天|日|个?工作日)" +
    "|(?:按|逐)(?:半年|季度?(?!节)|月|旬|周(?!期))|按年度?(?![度龄计预目任]))" +
    `(?:第?[${QUARTER_NUMERAL}]季度(?:末|底)?|${NUM2}月${NUM2}[日号]|${NUM2}[日号]|底|末|初)?(?:${DUE})?`,
  "gu",
);
/** What follows 每 / 按 / 逐 in a recurring period (每年, 每两年, 按季度, 逐月); 按照 and 逐步 are no period. */
const AFTER_RECURRING_MARK = new Set([..."0123456789一两二三四五六七八九十年半个季月旬周星天日工"]);
/** Counted frequency after 每…, e.g. 每年解读重要政策措施不少于1次 — kept in the phrase. */
const COUNT_RE = new RegExp(`(?:${alt(COUNT_QUALIFIERS)})?(?:\\d{1,3}|[一二两三四五六七八九十]{1,3})次`, "u");

/** Extend 每年 to its counted frequency in the same clause: 每年至少听取一次. */
function recurringPhrase(original: string, s: string, start: number, end: number): string {
  const clause = s.slice(end, end + 30).split(CLAUSE_BREAK)[0];
  const count = COUNT_RE.exec(clause);
  return original.slice(start, count === null ? end : end + count.index + count[0].length);
}

export function findRecurring(original: string, s: string): Phrase[] {
  if (!RECURRING_MARKS.some((mark) => holdsNext(s, mark, AFTER_RECURRING_MARK, true))) return [];
  const out: Phrase[] = [];
  eachMatch(RECURRING_RE, s, (m) => {
    const end = m.index + m[0].length;
    out.push({ text: recurringPhrase(original, s, m.index, end), start: m.index, end });
  });
  return out;
}

/** 3个工作日内, 24小时内, 3年内, 半年内: a time limit counted from some event. */
const RELATIVE_RE = new RegExp(
  `(?<![\\d.${SMALL_NUMERAL}])(?:\\d{1,3}|[一二两三四五六七八九十半]{1,3})个?半?(?:${alt(DURATION_UNITS)})(?:${alt(WITHIN_SUFFIXES)})`,
  "gu",
);
/** 近3年内 / 过去一年内 look back, not forward. */
const LOOKBACK_BEFORE_RE = new RegExp(`(?:${alt(LOOKBACK_WORDS)})$`, "u");
/** 审批时间压缩至90个工作日以内: a target for how long something takes, not a time limit. */
const TARGET_DURATION_BEFORE_RE = new RegExp(`(?:${alt(TARGET_DURATION_VERBS)})(?:到|至|在|为)?$`, "u");
/** 在两年之内对…实行减免: how long a policy applies, not when the item is due. */
const POLICY_SPAN_AFTER_RE = new RegExp(`^[^，。；,;]{0,30}?(?:${alt(POLICY_SPAN_VERBS)})`, "u");
const EVENT_BREAK = /[\s，。；,;：:、（）()]/u;
const MODAL_RE = new RegExp(alt(MODAL_WORDS), "gu");

/** The refiners of a limit: which durations are no time limit of the item. */
function isLimit(s: string, start: number, end: number): boolean {
  if (LOOKBACK_BEFORE_RE.test(s.slice(Math.max(0, start - 2), start))) return false;
  if (TARGET_DURATION_BEFORE_RE.test(s.slice(Math.max(0, start - 4), start))) return false;
  return !POLICY_SPAN_AFTER_RE.test(s.slice(end, end + 40));
}

/** 文件公布后3个工作日内: keep the event the limit counts from when it directly precedes the number. */
function relativePhrase(original: string, s: string, start: number, end: number): string {
  const before = s.charAt(start - 1);
  if (before !== "后" && before !== "起") return original.slice(start, end);
  let from = start - 1;
  while (from > 0 && start - from < 15 && !EVENT_BREAK.test(s.charAt(from - 1))) from--;
  let cut = 0;
  eachMatch(MODAL_RE, s.slice(from, start), (m) => (cut = m.index + m[0].length));
  return original.slice(from + cut, end);
}

/** What stands right before the 内 of a limit: a unit's last character (日, 时, 度) or 之 / 以. */
const BEFORE_WITHIN = new Set([...DURATION_UNITS.map((u) => u.slice(-1)), ...WITHIN_SUFFIXES.filter((w) => w.length > 1).map((w) => w.charAt(0))]);

export function findRelative(original: string, s: string): Phrase[] {
  if (!holdsNext(s, "内", BEFORE_WITHIN)) return [];
  const out: Phrase[] = [];
  eachMatch(RELATIVE_RE, s, (m) => {
    const end = m.index + m[0].length;
    if (isLimit(s, m.index, end)) out.push({ text: relativePhrase(original, s, m.index, end), start: m.index, end });
  });
  return out;
}

/** 排查整治阶段（9月1日至11月30日）, 督查阶段(8月-11月): a stage's period, due at its end. */
const STAGE_PERIOD_RE = new RegExp(`(?:${alt(STAGE_WORDS)})[（(]([^（()）]{2,30})[）)]`, "u");

/** The bracketed period after a stage word: its span inside `s`. */
export function findStagePeriod(s: string): Span | null {
  if (!STAGE_WORDS.some((w) => s.includes(w))) return null;
  const m = STAGE_PERIOD_RE.exec(s);
  if (!m) return null;
  const end = m.index + m[0].length - 1;
  return { start: end - m[1].length, end };
}

const ONGOING_RE = new RegExp(alt(ONGOING_WORDS), "u");
const IMMEDIATE_RE = new RegExp(alt(IMMEDIATE_WORDS), "u");
/** In a deadline column, 逐年 / 定期 (and any 按… the phrase scan left) also say "recurring"; in body text they are too vague. */
const CELL_RECURRING_RE = new RegExp(`按(?:季度?|月|年度?|周|半年|旬)|逐(?:月|季|年)|${alt(CELL_RECURRING_WORDS)}`, "u");

export const isOngoing = (s: string): boolean => ONGOING_RE.test(s);
export const isImmediate = (s: string): boolean => IMMEDIATE_RE.test(s);
export const isCellRecurring = (s: string): boolean => CELL_RECURRING_RE.test(s);
