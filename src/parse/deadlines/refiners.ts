import { diagnostic } from "../../model/diagnostic.js";
import type { Diagnostic } from "../../model/diagnostics.js";
import type { Deadline, Milestone } from "../../model/ledger.js";
import {
  AS_OF_WORDS,
  AT_WORDS,
  COMPLETION_VERBS,
  REACH_WORDS,
  SINCE_AFTER_WORDS,
  START_AFTER_WORDS,
  START_BEFORE_WORDS,
  TARGET_WORDS,
} from "../lexicon/deadlines.js";
import { RANGE } from "../lexicon/numerals.js";
import { alt } from "../lexicon/words.js";
import { iso, lastDayOfMonth } from "./calendar.js";
import type { DateToken } from "./dates.js";

/**
 * Refiners: which calendar candidates are the item's deadline, and which year each one falls in.
 * A start (自…起, 9月1日至…) or a date looked back on (2003年以来) is no deadline; in an item's text, neither is a
 * target (到2020年…, 力争…) nor a date that is no completion time (2019年全省…); a year-less date takes the last
 * year written before it, else the plan's; the latest dated candidate governs the item.
 */

export interface DeadlineContext {
  /** The plan's working year; resolves 年底前, 6月底前, 上半年 … */
  year: number | null;
}

export interface DeadlineResult {
  deadline: Deadline | null;
  diagnostics: Diagnostic[];
}

const RANGE_AFTER_RE = new RegExp(`^(?:${RANGE}|${alt([...START_AFTER_WORDS, ...SINCE_AFTER_WORDS])})`, "u");
/** 2003年以来: a year looked back on, which says nothing about the dates after it. */
const SINCE_AFTER_RE = new RegExp(`^(?:${alt(SINCE_AFTER_WORDS)})`, "u");
const START_BEFORE = new Set<string>(START_BEFORE_WORDS);
const TARGET_BEFORE_RE = new RegExp(`(?:${alt(TARGET_WORDS)})[^，。；,;]{0,4}$`, "u");
const AS_OF_BEFORE_RE = new RegExp(`(?:${alt(AS_OF_WORDS)})$`, "u");
const REACH = new Set<string>(REACH_WORDS);
const AT = new Set<string>(AT_WORDS);
/** A completion verb just after a date makes it a completion time (2021年6月底全面完成). */
const COMPLETION_AFTER_RE = new RegExp(`^[^，。；,;：:]{0,6}?(?:${alt(COMPLETION_VERBS)})`, "u");

/** A date followed by 起 / 开始 is a start, and one followed by 至 / - opens a range: neither is a due date. */
export function isStartOrRangeStart(s: string, t: DateToken): boolean {
  return RANGE_AFTER_RE.test(s.slice(t.end, t.end + 2)) || START_BEFORE.has(s.charAt(t.start - 1));
}

/** 到2020年…, 力争到2025年…, 截至2020年底…: targets and as-of dates, not completion times. */
export function isTarget(s: string, t: DateToken): boolean {
  const before = s.slice(Math.max(0, t.start - 8), t.start);
  if (TARGET_BEFORE_RE.test(before) || AS_OF_BEFORE_RE.test(before)) return true;
  return REACH.has(before.charAt(before.length - 1)) && !t.pre;
}

/** Body text: is this date stated as the time the item must be done by? */
export function isCompletionTime(s: string, t: DateToken): boolean {
  if (t.pre || t.within) return true;
  if (t.yearOnly) return false;
  if (COMPLETION_AFTER_RE.test(s.slice(t.end, t.end + 12))) return true;
  return AT.has(s.charAt(t.start - 1)) && t.periodEnd;
}

export function resolveDue(t: DateToken, year: number | null): string | null {
  if (year === null) return null;
  const month = t.month ?? 12;
  return iso(year, month, t.day ?? lastDayOfMonth(year, month));
}

export interface DatedMilestone {
  milestone: Milestone;
  yearUnknown: boolean;
}

/**
 * Implied year: accepted tokens become milestones (each distinct one once), a year-less one in the last year
 * written before it (a start's year counts, a year looked back on does not), else the plan's.
 */
export function datedMilestones(original: string, s: string, tokens: DateToken[], ctx: DeadlineContext, accept: (t: DateToken) => boolean): DatedMilestone[] {
  let running = ctx.year;
  const out: DatedMilestone[] = [];
  const seen = new Set<string>();
  let previous: DateToken | null = null;
  for (const t of tokens) {
    const ok = accept(t);
    if (t.yearWritten && t.year !== null && (ok || isStartOrRangeStart(s, t)) && !SINCE_AFTER_RE.test(s.slice(t.end, t.end + 2))) running = t.year;
    // 2022年底11月前: a year-less date right after a written year is in that year, whatever the year's own token is.
    const adjacent = previous !== null && previous.end === t.start && previous.yearWritten ? previous.year : null;
    previous = t;
    if (!ok) continue;
    const year = t.yearWritten ? t.year : (adjacent ?? running);
    const milestone: Milestone = { text: original.slice(t.start, t.end).trim(), due: resolveDue(t, year), kind: "date" };
    const key = `${milestone.text}\u0000${milestone.due}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ milestone, yearUnknown: year === null });
  }
  return out;
}

export function yearUnknown(text: string): Diagnostic {
  return diagnostic("deadline-year-unknown", { text }, null);
}

/** The governing deadline: the latest dated milestone; all are listed when there are several. */
export function governing(dates: DatedMilestone[]): DeadlineResult {
  let latest = dates[0];
  for (const d of dates) {
    if (d.milestone.due !== null && (latest.milestone.due === null || d.milestone.due >= latest.milestone.due)) latest = d;
  }
  const deadline: Deadline = { ...latest.milestone };
  if (dates.length > 1) deadline.milestones = dates.map((d) => d.milestone);
  const diagnostics = dates.filter((d) => d.yearUnknown).map((d) => yearUnknown(d.milestone.text));
  return { deadline, diagnostics };
}
