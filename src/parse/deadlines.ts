import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Deadline, Milestone } from "../model/ledger.js";
import { chineseToNumber, toAsciiDigits } from "./chinese-numbers.js";

/**
 * Deadlines: a deadline column's cell (完成时限) or an explicit completion time in an item's own text.
 * Every regex here uses only bounded repetition, so scanning stays linear on hostile input.
 */

export interface DeadlineContext {
  /** The plan's working year; resolves 年底前, 6月底前, 上半年 … */
  year: number | null;
}

export interface DeadlineResult {
  deadline: Deadline | null;
  diagnostics: Diagnostic[];
}

const CN = "[〇零一二三四五六七八九十两]";
const NUM2 = `(?:\\d{1,2}|${CN}{1,3})`;
/** A range mark: 3月-6月, 3月至6月 (至少 and 到位 are words, not ranges). */
const RANGE = "(?:[-－—–~～]|[至到](?=[\\d〇零一二三四五六七八九十两今明次本当下]))";

/**
 * One calendar expression: an optional year, then at most one part (year end, 年内, 全年, half, quarter,
 * month with day or 旬), then an optional 前 suffix. Starts that name no period (年底 after a numeral, 底 alone)
 * are matched and skipped by the scanner.
 */
const DATE_RE = new RegExp(
  // Where an expression can start, so that no other position yields a (costly, empty) match.
  `(?=(?:\\d{4}|[〇零一二三四五六七八九]{4}|今|当|本|明|次|下一|下)年|年[底末内]|全年|[上下]半年|第?[1-4一二三四]季度|${NUM2}(?:${RANGE}${NUM2})?月)` +
    "(?:(?:(?<y>\\d{4}|[〇零一二三四五六七八九]{4})|(?<ry>今|当|本|明|次|下一|下))年度?)?" +
    "(?:(?<ye>年?(?:底|末))|(?<yin>年?内)|(?<full>全年)|(?<half>[上下])半年|第?(?<q>[1-4一二三四])季度(?:末|底)?" +
    `|(?<m>${NUM2})(?:${RANGE}(?<m2>${NUM2}))?月份?(?:(?<d>${NUM2})(?:${RANGE}(?<d2>${NUM2}))?[日号]|(?<x>上旬|中旬|下旬|底|末|初))?)?` +
    "(?<pre>以前|之前|前|为止)?",
  "gu",
);

/** 2021-12-31, 2021.12, 2021/6/30: numeric dates, mostly seen in table cells. */
const NUMERIC_DATE_RE = /(?<!\d)(?<y>\d{4})[-./](?<m>\d{1,2})(?![\d.])(?:[-./](?<d>\d{1,2})(?!\d))?(?<pre>以前|之前|前)?/gu;

/**
 * 每年, 每季度, 每月25日前, 每年1月31日前, 每两年, 按月, 按季度, 逐月: a period that recurs. 按年龄 / 按周期 / 按季节 /
 * 按年度计划 are not frequencies, and 逐年 (逐年提高) is a trend.
 */
const RECURRING_RE = new RegExp(
  "(?:每(?:[一两二三四五六七八九十]|\\d{1,2})?(?:年度?|半年|个?季度?|个?月|旬|周|星期|天|日|个?工作日)" +
    "|(?:按|逐)(?:半年|季度?(?!节)|月|旬|周(?!期))|按年度?(?![度龄计预目任]))" +
    `(?:第?[1-4一二三四]季度(?:末|底)?|${NUM2}月${NUM2}[日号]|${NUM2}[日号]|底|末|初)?(?:以前|之前|前)?`,
  "gu",
);

/** In a deadline column, 逐年 / 定期 (and any 按… the phrase scan left) also say "recurring"; in body text they are too vague. */
const CELL_RECURRING_RE = /按(?:季度?|月|年度?|周|半年|旬)|逐(?:月|季|年)|定期/u;

/** 3个工作日内, 24小时内, 3年内, 半年内: a time limit counted from some event. */
const RELATIVE_RE = new RegExp(
  `(?<![\\d.〇零一二三四五六七八九十两])(?<n>\\d{1,3}|[一二两三四五六七八九十半]{1,3})个?半?` +
    "(?:工作日|自然日|小时|个?月|日|天|周|星期|年|个?季度)(?:之内|以内|内)",
  "gu",
);

const ONGOING_RE = /长期|常态|持续|长效|经常性|常年|日常/u;
const IMMEDIATE_RE = /即时|立即|随时|实时/u;

/** Counted frequency after 每…, e.g. 每年解读重要政策措施不少于1次 — kept in the phrase. */
const COUNT_RE = /(?:至少|不少于|不低于)?(?:\d{1,3}|[一二两三四五六七八九十]{1,3})次/u;

/** A completion verb just after a date makes it a completion time (2021年6月底全面完成). */
const COMPLETION_AFTER_RE = /^[^，。；,;：:]{0,6}?(?:完成|实现|建成|上线|到位|办结|投入使用|全覆盖)/u;

const RANGE_AFTER_RE = new RegExp(`^(?:${RANGE}|起|开始|以来|至今)`, "u");
/** 2003年以来: a year looked back on, which says nothing about the dates after it. */
const SINCE_AFTER_RE = /^(?:以来|至今)/u;

/** 排查整治阶段（9月1日至11月30日）, 督查阶段(8月-11月): a stage's period, due at its end. */
const STAGE_PERIOD_RE = /(?:阶段|时间|期间)[（(]([^（()）]{2,30})[）)]/u;

/** 在两年之内对…实行减免: how long a policy applies, not when the item is due. */
const POLICY_SPAN_AFTER_RE = /^[^，。；,;]{0,30}?(?:实行|给予|享受|免征|减免|减半|减按|执行)/u;

/** 审批时间压缩至90个工作日以内: a target for how long something takes, not a time limit. */
const TARGET_DURATION_BEFORE_RE = /(?:压缩|缩短|减少|控制|降低|提速)(?:到|至|在|为)?$/u;

const CLAUSE_BREAK = /[，。；,;：:！？\n]/u;

interface DateToken {
  start: number;
  end: number;
  /** The year written in the token (4-digit or relative), resolved; null when none was written. */
  year: number | null;
  yearWritten: boolean;
  yearOnly: boolean;
  /** Month/day of the period's last day, or null for "the year's last day". */
  month: number | null;
  day: number | null;
  pre: boolean;
  /** 年内 / 2021年内: a limit by itself. */
  within: boolean;
  /** The token names the end of a period (底, 末, 旬, half, quarter), not just a month or year. */
  periodEnd: boolean;
}

/** Replace the contents of 《…》 with spaces (same length): titles of other documents hold no deadlines. */
function maskTitles(s: string): string {
  if (!s.includes("《")) return s;
  let depth = 0;
  let out = "";
  for (const c of s) {
    if (c === "《") depth++;
    else if (c === "》" && depth > 0) depth--;
    else if (depth > 0) {
      out += " ".repeat(c.length);
      continue;
    }
    out += c;
  }
  return out;
}

/** PDF copies space out dates ("12  月底前", "2021 年 6 月"); the rest of the reading expects them whole. */
function closeDateGaps(s: string): string {
  if (!/[ \t\u3000]/u.test(s)) return s;
  return s.replace(/([0-9０-９])[ \t\u3000]+(?=[年月日号])/gu, "$1").replace(/([年月])[ \t\u3000]+(?=[0-9０-９])/gu, "$1");
}

function normalise(s: string): string {
  return maskTitles(toAsciiDigits(s));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDayOfMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function num(s: string | undefined): number | null {
  return s === undefined ? null : chineseToNumber(s);
}

const NUMERAL_BEFORE = /[\d〇零一二三四五六七八九十两几多半每本今当明次全]/u;

/** Scan `s` (already normalised) for calendar expressions. `ctxYear` resolves 今年 / 明年. */
function scanDates(s: string, ctxYear: number | null): DateToken[] {
  const tokens: DateToken[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (m[0] === "") continue;
    const hasYear = g.y !== undefined || g.ry !== undefined;
    const part = g.ye ?? g.yin ?? g.full ?? g.half ?? g.q ?? g.m;
    if (!hasYear) {
      if (part === undefined) continue;
      const startsWithNian = m[0].startsWith("年");
      // 底/末/内 alone, or 年底 after a numeral (3年内, 每年底), are not calendar points.
      if ((g.ye !== undefined || g.yin !== undefined) && !startsWithNian) continue;
      if (startsWithNian && NUMERAL_BEFORE.test(s.charAt(start - 1))) continue;
      if (g.m !== undefined && /[\d〇零一二三四五六七八九十两.]/u.test(s.charAt(start - 1))) continue;
    }
    let year: number | null = null;
    if (g.y !== undefined) year = chineseToNumber(g.y);
    else if (g.ry !== undefined) year = ctxYear === null ? null : ctxYear + (/[明次下]/u.test(g.ry) ? 1 : 0);
    let month: number | null = null;
    let day: number | null = null;
    if (g.half !== undefined) month = g.half === "上" ? 6 : 12;
    else if (g.q !== undefined) month = (chineseToNumber(g.q) ?? 0) * 3;
    else if (g.m !== undefined) {
      month = num(g.m2 ?? g.m);
      if (month === null || month < 1 || month > 12) continue;
      const d = num(g.d2 ?? g.d);
      if (d !== null) {
        if (d < 1 || d > 31) continue;
        day = d;
      } else if (g.x === "上旬" || g.x === "初") day = 10;
      else if (g.x === "中旬") day = 20;
    }
    tokens.push({
      start,
      end,
      year,
      yearWritten: hasYear,
      yearOnly: part === undefined,
      month,
      day,
      pre: g.pre !== undefined,
      within: g.yin !== undefined,
      periodEnd: g.ye !== undefined || g.yin !== undefined || g.half !== undefined || g.q !== undefined || g.x !== undefined,
    });
  }
  for (const m of s.matchAll(NUMERIC_DATE_RE)) {
    const g = m.groups ?? {};
    const month = Number(g.m);
    const day = g.d === undefined ? null : Number(g.d);
    if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) continue;
    const start = m.index ?? 0;
    tokens.push({
      start,
      end: start + m[0].length,
      year: Number(g.y),
      yearWritten: true,
      yearOnly: false,
      month,
      day,
      pre: g.pre !== undefined,
      within: false,
      periodEnd: false,
    });
  }
  tokens.sort((a, b) => a.start - b.start);
  return tokens.filter((t, i) => i === 0 || t.start >= tokens[i - 1].end);
}

/** A date followed by 起 / 开始 is a start, and one followed by 至 / - opens a range: neither is a due date. */
function isStartOrRangeStart(s: string, t: DateToken): boolean {
  return RANGE_AFTER_RE.test(s.slice(t.end, t.end + 2)) || /[自从]/u.test(s.charAt(t.start - 1));
}

/** 到2020年…, 力争到2025年…, 截至2020年底…: targets and as-of dates, not completion times. */
function isTarget(s: string, t: DateToken): boolean {
  const before = s.slice(Math.max(0, t.start - 8), t.start);
  if (/(?:力争|争取|目标)[^，。；,;]{0,4}$/u.test(before)) return true;
  if (/(?:截至|截止到|截止至)$/u.test(before)) return true;
  return /[到至]$/u.test(before) && !t.pre;
}

/** Body text: is this date stated as the time the item must be done by? */
function isCompletionTime(s: string, t: DateToken): boolean {
  if (t.pre || t.within) return true;
  if (t.yearOnly) return false;
  if (COMPLETION_AFTER_RE.test(s.slice(t.end, t.end + 12))) return true;
  return /[于在]/u.test(s.charAt(t.start - 1)) && t.periodEnd;
}

function resolveDue(t: DateToken, year: number | null): string | null {
  if (year === null) return null;
  const month = t.month ?? 12;
  return iso(year, month, t.day ?? lastDayOfMonth(year, month));
}

interface DatedMilestone {
  milestone: Milestone;
  yearUnknown: boolean;
}

/**
 * Turn accepted tokens into milestones (each distinct one once), carrying the last written year to later
 * year-less tokens.
 */
function datesFrom(original: string, s: string, tokens: DateToken[], ctx: DeadlineContext, accept: (t: DateToken) => boolean): DatedMilestone[] {
  let running = ctx.year;
  const out: DatedMilestone[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    const ok = accept(t);
    if (t.yearWritten && t.year !== null && (ok || isStartOrRangeStart(s, t)) && !SINCE_AFTER_RE.test(s.slice(t.end, t.end + 2))) running = t.year;
    if (!ok) continue;
    const year = t.yearWritten ? t.year : running;
    const milestone: Milestone = { text: original.slice(t.start, t.end).trim(), due: resolveDue(t, year), kind: "date" };
    const key = `${milestone.text}\u0000${milestone.due}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ milestone, yearUnknown: year === null });
  }
  return out;
}

function yearUnknown(text: string): Diagnostic {
  return diagnostic("deadline-year-unknown", { text }, null);
}

/** The latest dated milestone is the deadline; all are listed when there are several. */
function fromDates(dates: DatedMilestone[]): DeadlineResult {
  let latest = dates[0];
  for (const d of dates) {
    if (d.milestone.due !== null && (latest.milestone.due === null || d.milestone.due >= latest.milestone.due)) latest = d;
  }
  const deadline: Deadline = { ...latest.milestone };
  if (dates.length > 1) deadline.milestones = dates.map((d) => d.milestone);
  const diagnostics = dates.filter((d) => d.yearUnknown).map((d) => yearUnknown(d.milestone.text));
  return { deadline, diagnostics };
}

/** Extend 每年 to its counted frequency in the same clause: 每年至少听取一次. */
function recurringPhrase(original: string, s: string, start: number, end: number): string {
  const rest = s.slice(end, end + 30);
  const clause = rest.split(CLAUSE_BREAK)[0];
  const count = COUNT_RE.exec(clause);
  const stop = count === null ? end : end + count.index + count[0].length;
  return original.slice(start, stop);
}

function findRecurring(original: string, s: string): { phrase: string; start: number; end: number }[] {
  if (!/[每按逐]/u.test(s)) return [];
  return [...s.matchAll(RECURRING_RE)].map((m) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    return { phrase: recurringPhrase(original, s, start, end), start, end };
  });
}

/** 文件公布后3个工作日内: keep the event the limit counts from when it directly precedes the number. */
function relativePhrase(original: string, s: string, start: number, end: number): string {
  if (!/[后起]/u.test(s.charAt(start - 1))) return original.slice(start, end);
  let from = start - 1;
  while (from > 0 && start - from < 15 && !/[\s，。；,;：:、（）()]/u.test(s.charAt(from - 1))) from--;
  const anchor = s.slice(from, start);
  let cut = 0;
  for (const m of anchor.matchAll(/应当|应于|应在|要在|须在|需在|必须|[于在应要须将并]/gu)) cut = (m.index ?? 0) + m[0].length;
  return original.slice(from + cut, end);
}

function findRelative(original: string, s: string): string[] {
  const out: string[] = [];
  if (!s.includes("内")) return out;
  for (const m of s.matchAll(RELATIVE_RE)) {
    const start = m.index ?? 0;
    // 近3年内 / 过去一年内 look back, not forward; 压缩至3个工作日内 is a target duration.
    if (/(?:近|过去|最近)$/u.test(s.slice(Math.max(0, start - 2), start))) continue;
    if (TARGET_DURATION_BEFORE_RE.test(s.slice(Math.max(0, start - 4), start))) continue;
    if (POLICY_SPAN_AFTER_RE.test(s.slice(start + m[0].length, start + m[0].length + 40))) continue;
    out.push(relativePhrase(original, s, start, start + m[0].length));
  }
  return out;
}

/** `s` with the spans blanked out (same length), so later scans skip them. */
function withoutSpans(s: string, spans: { start: number; end: number }[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const { start, end } of spans) {
    parts.push(s.slice(from, start), " ".repeat(end - start));
    from = end;
  }
  parts.push(s.slice(from));
  return parts.join("");
}

/** A cell this short is the deadline phrase itself (2021年3月-6月, 2021年12月底前完成). */
const SHORT_CELL = 20;

/** A deadline column's cell: 2021年12月底前, 长期常态化, 每季度, 上半年, 即时 … ("" → null). */
const LONG_CELL = 24;

/** 台账 repeat the same few deadline cells ("长期常态化", "2021年12月底前") row after row. */
const readCells = new Map<string, DeadlineResult>();
const READ_CELLS_MAX = 1024;

export function parseDeadlineCell(cell: string, ctx: DeadlineContext): DeadlineResult {
  const key = `${ctx.year ?? ""}|${cell}`;
  let result = readCells.get(key);
  if (!result) {
    result = readDeadlineCell(cell, ctx);
    if (readCells.size >= READ_CELLS_MAX) readCells.clear();
    readCells.set(key, result);
  }
  // Callers own what they get: the ledger's deadline objects are theirs to keep.
  const d = result.deadline;
  return {
    deadline: d && { ...d, ...(d.milestones ? { milestones: d.milestones.map((m) => ({ ...m })) } : {}) },
    diagnostics: result.diagnostics.map((x) => ({ ...x })),
  };
}

function readDeadlineCell(cell: string, ctx: DeadlineContext): DeadlineResult {
  const original = closeDateGaps(cell.replace(/\s+/gu, " ").trim());
  if (original === "" || /^[-—–/／\\无]+$/u.test(original)) return { deadline: null, diagnostics: [] };
  // A schedule written as sentences (进度安排: "①3月底前，召开…②6月底前，出台…") is read like
  // item text, where a bare "2023年" or "实时" is not a time limit.
  if (original.length > LONG_CELL) return findDeadlineInText(original, ctx);
  const normalised = normalise(original);
  const recurring = findRecurring(original, normalised);
  // Dates inside 每年1月31日前 belong to the recurring phrase.
  const s = withoutSpans(normalised, recurring);
  const tokens = scanDates(s, ctx.year);
  const dates = datesFrom(original, s, tokens, ctx, (t) => !isStartOrRangeStart(s, t));
  if (dates.length === 1 && original.length <= SHORT_CELL) dates[0].milestone.text = original;
  if (dates.length > 0) return fromDates(dates);
  const relative = findRelative(original, s);
  if (relative.length > 0) return { deadline: { text: relative[0], due: null, kind: "relative" }, diagnostics: [] };
  if (IMMEDIATE_RE.test(s)) return { deadline: { text: original, due: null, kind: "relative" }, diagnostics: [] };
  if (recurring.length > 0) return { deadline: { text: recurring[0].phrase, due: null, kind: "recurring" }, diagnostics: [] };
  if (CELL_RECURRING_RE.test(s)) return { deadline: { text: original, due: null, kind: "recurring" }, diagnostics: [] };
  if (ONGOING_RE.test(s)) return { deadline: { text: original, due: null, kind: "ongoing" }, diagnostics: [] };
  return {
    deadline: null,
    diagnostics: [diagnostic("deadline-unrecognised", { text: original }, null)],
  };
}

/**
 * An explicit completion time in an item's own text. Dated completion times win (the latest one, all
 * listed as milestones), then relative limits (3年内 governs 每年…培训), then recurring requirements.
 * Targets (到2020年…), subjects (2019年全省…), 定期 / 及时 / 持续推进 and 常态化 are not deadlines.
 */
export function findDeadlineInText(raw: string, ctx: DeadlineContext): DeadlineResult {
  const text = closeDateGaps(raw);
  const normalised = normalise(text);
  const stage = stagePeriod(text, normalised, ctx);
  if (stage) return stage;
  const recurring = findRecurring(text, normalised);
  const s = withoutSpans(normalised, recurring);
  const tokens = scanDates(s, ctx.year);
  const dates = datesFrom(text, s, tokens, ctx, (t) => !isStartOrRangeStart(s, t) && !isTarget(s, t) && isCompletionTime(s, t));
  if (dates.length > 0) return fromDates(dates);
  const relative = findRelative(text, s);
  if (relative.length > 0) return { deadline: { text: relative[0], due: null, kind: "relative" }, diagnostics: [] };
  if (recurring.length > 0) return { deadline: { text: recurring[0].phrase, due: null, kind: "recurring" }, diagnostics: [] };
  return { deadline: null, diagnostics: [] };
}

/** A stage heading's period governs the stage: its last date, read like a deadline cell. */
function stagePeriod(text: string, s: string, ctx: DeadlineContext): DeadlineResult | null {
  if (!s.includes("阶段") && !s.includes("时间") && !s.includes("期间")) return null;
  const m = STAGE_PERIOD_RE.exec(s);
  if (!m) return null;
  const inner = m.index + m[0].length - m[1].length - 1;
  const tokens = scanDates(m[1], ctx.year);
  const last = tokens[tokens.length - 1];
  if (!last || last.yearOnly || tokens.some((t) => t.within)) return null;
  let year = ctx.year;
  for (const t of tokens) if (t.yearWritten && t.year !== null) year = t.year;
  const phrase = text.slice(inner, inner + m[1].length).trim();
  const deadline: Deadline = { text: phrase, due: resolveDue(last, year), kind: "date" };
  return { deadline, diagnostics: year === null ? [yearUnknown(phrase)] : [] };
}
