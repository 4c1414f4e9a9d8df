import { chineseToNumber } from "../chinese-numbers.js";
import { DUE_SUFFIX, HALF_YEAR_MONTHS, MONTH_PART_DAYS, PERIOD_END_WORDS, RELATIVE_YEARS } from "../lexicon/deadlines.js";
import { QUARTER_NUMERAL, RANGE, SMALL_NUMERAL, YEAR_DIGITS } from "../lexicon/numerals.js";
import { alt } from "../lexicon/words.js";
import { lastDayOfMonth } from "./calendar.js";
import { eachMatch } from "./normalise.js";

/**
 * Calendar expressions, one small parser per form: a year (2021年, 二〇二一年, 明年), and the periods that may
 * follow it or stand alone (年底, 年内, 全年, 上半年, 第三季度, 6月底 / 9月1日至11月30日 / 10月中旬), plus numeric
 * dates (2021-12-31). A year directly followed by a period is one expression (chrono's merge refiner); where
 * candidates overlap, the leftmost wins, as a single left-to-right scan would read them.
 * Every regex uses only bounded repetition, so scanning stays linear on hostile input.
 */

export type DateForm = "year" | "year-end" | "within-year" | "full-year" | "half-year" | "quarter" | "month" | "numeric";

export interface DateToken {
  start: number;
  end: number;
  form: DateForm;
  /** The year written in the token (4-digit or relative), resolved; null when none was written. */
  year: number | null;
  yearWritten: boolean;
  /** The year was written as a number (2021年, 二〇二一年), not relative to the plan's (明年). */
  yearAbsolute: boolean;
  yearOnly: boolean;
  /** Month/day of the period's last day, or null for "the year's last day". */
  month: number | null;
  day: number | null;
  /** A day of the month was written (30日), not implied by 上旬 or 底. */
  dayWritten: boolean;
  /** 3月-6月, 9月1日至11月30日: the token is a range, read at its end. */
  range: boolean;
  /** Followed by 前 / 以前 / 为止. */
  pre: boolean;
  /** 年内 / 2021年内: a limit by itself. */
  within: boolean;
  /** The token names the end of a period (底, 末, 旬, half, quarter), not just a month or year. */
  periodEnd: boolean;
}

interface Period {
  month: number | null;
  day: number | null;
  dayWritten?: boolean;
  range?: boolean;
  within?: boolean;
  periodEnd: boolean;
}

interface PeriodParser {
  form: DateForm;
  /** Words one of which any match standing alone holds: the form is not scanned for in text without them. */
  anchors: readonly string[];
  /** The form standing alone (年底, 上半年, 6月底). */
  alone: RegExp;
  /** The form right after a year (2021年底, 2021年上半年): sticky. */
  afterYear: RegExp;
  /** Alone, the form is no calendar point after such a character (3年内, 每年底; 12 of 112月). */
  notAfter?: RegExp;
  /** The period a match names; null when none is valid (13月, 32日). */
  read(m: RegExpExecArray): Period | null;
}

const NUM2 = `(?:\\d{1,2}|[${SMALL_NUMERAL}]{1,3})`;
const END = alt(PERIOD_END_WORDS);
/** 年底 / 3年内 / 每年底 / 全年: a numeral or quantifier before 年 makes it a duration or a frequency. */
const NUMERAL_BEFORE = new RegExp(`[\\d${SMALL_NUMERAL}几多半每本今当明次全]`, "u");

const parser = (p: Omit<PeriodParser, "alone" | "afterYear">, alone: string, afterYear = alone): PeriodParser => ({
  ...p,
  alone: new RegExp(alone, "gu"),
  afterYear: new RegExp(afterYear, "uy"),
});

const num = (s: string | undefined): number | null => (s === undefined ? null : chineseToNumber(s));

/** In the order a single scan would try them at one position. */
const PERIODS: readonly PeriodParser[] = [
  parser(
    { form: "year-end", anchors: PERIOD_END_WORDS.map((w) => `年${w}`), notAfter: NUMERAL_BEFORE, read: () => ({ month: null, day: null, periodEnd: true }) },
    `年(?:${END})`,
    `年?(?:${END})`,
  ),
  parser({ form: "within-year", anchors: ["年内"], notAfter: NUMERAL_BEFORE, read: () => ({ month: null, day: null, within: true, periodEnd: true }) }, "年内", "年?内"),
  parser({ form: "full-year", anchors: ["全年"], read: () => ({ month: null, day: null, periodEnd: false }) }, "全年"),
  parser(
    { form: "half-year", anchors: ["半年"], read: (m) => ({ month: HALF_YEAR_MONTHS[m[1]], day: null, periodEnd: true }) },
    `([${Object.keys(HALF_YEAR_MONTHS).join("")}])半年`,
  ),
  parser(
    { form: "quarter", anchors: ["季度"], read: (m) => ({ month: (chineseToNumber(m[1]) ?? 0) * 3, day: null, periodEnd: true }) },
    `第?([${QUARTER_NUMERAL}])季度(?:${END})?`,
  ),
  parser(
    {
      form: "month",
      anchors: ["月"],
      notAfter: new RegExp(`[\\d${SMALL_NUMERAL}.]`, "u"),
      read: (m) => {
        const month = num(m[2] ?? m[1]);
        if (month === null || month < 1 || month > 12) return null;
        const range = m[2] !== undefined || m[4] !== undefined;
        const day = num(m[4] ?? m[3]);
        // 2月30日 is no day in any year; 2月29日 is, in a leap year.
        if (day !== null) return day < 1 || day > lastDayOfMonth(2000, month) ? null : { month, day, dayWritten: true, range, periodEnd: false };
        return { month, day: m[5] === undefined ? null : MONTH_PART_DAYS[m[5]], range, periodEnd: m[5] !== undefined };
      },
    },
    `(${NUM2})(?:${RANGE}(${NUM2}))?月份?(?:(${NUM2})(?:${RANGE}(${NUM2}))?[日号]|(${alt(Object.keys(MONTH_PART_DAYS))}))?`,
  ),
];

const YEAR_RE = new RegExp(`(?:(\\d{4}|[${YEAR_DIGITS}]{4})|(${alt(Object.keys(RELATIVE_YEARS))}))年度?`, "uy");
const DUE_RE = new RegExp(`(?:${DUE_SUFFIX})`, "uy");
/** 2021-12-31, 2021.12.31, 2021.12, 2021/6/30: numeric dates, mostly seen in table cells. */
const NUMERIC_RE = /(?<!\d)(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2})(?!\d)|(?![\d.]))/gu;

/** A candidate of the scan; `token` null when it reads as no date but still holds its span (每年底, 13月). */
interface Candidate {
  start: number;
  end: number;
  token: DateToken | null;
}

function dueSuffix(s: string, at: number): number {
  DUE_RE.lastIndex = at;
  return DUE_RE.test(s) ? DUE_RE.lastIndex : at;
}

function token(s: string, start: number, end: number, form: DateForm, year: number | null, yearWritten: boolean, yearAbsolute: boolean, period: Period | null): DateToken {
  const close = dueSuffix(s, end);
  return {
    start,
    end: close,
    form,
    year,
    yearWritten,
    yearAbsolute,
    yearOnly: period === null,
    month: period?.month ?? null,
    day: period?.day ?? null,
    dayWritten: period?.dayWritten ?? false,
    range: period?.range ?? false,
    pre: close > end,
    within: period?.within ?? false,
    periodEnd: period?.periodEnd ?? false,
  };
}

/** How far before its 年 a year starts, farthest first: 2021年, 二〇二一年, 下一年, 明年. */
const YEAR_LENGTHS = [...new Set([4, ...Object.keys(RELATIVE_YEARS).map((w) => w.length)])].sort((a, b) => b - a);

/**
 * Years, each with the period that follows it. The year parser is tried only just before each 年 (where a year
 * can start), not at every position of the text: the same matches, leftmost first, at a fraction of the cost.
 */
function yearCandidates(s: string, ctxYear: number | null, out: Candidate[]): void {
  let held = 0;
  for (let at = s.indexOf("年"); at >= 0; at = s.indexOf("年", at + 1)) {
    let m: RegExpExecArray | null = null;
    for (const back of YEAR_LENGTHS) {
      if (at - back < held) continue;
      YEAR_RE.lastIndex = at - back;
      m = YEAR_RE.exec(s);
      if (m && m.index + (m[1] ?? m[2]).length === at) break;
      m = null;
    }
    if (!m) continue;
    const start = m.index;
    const yearEnd = start + m[0].length;
    const year = m[1] !== undefined ? chineseToNumber(m[1]) : ctxYear === null ? null : ctxYear + RELATIVE_YEARS[m[2]];
    let candidate: Candidate = { start, end: yearEnd, token: token(s, start, yearEnd, "year", year, true, m[1] !== undefined, null) };
    for (const p of PERIODS) {
      p.afterYear.lastIndex = yearEnd;
      const pm = p.afterYear.exec(s);
      if (!pm) continue;
      const period = p.read(pm);
      const end = yearEnd + pm[0].length;
      candidate = { start, end, token: period && token(s, start, end, p.form, year, true, m[1] !== undefined, period) };
      break;
    }
    if (candidate.token) candidate.end = candidate.token.end;
    held = candidate.end;
    out.push(candidate);
  }
}

/** Periods written without a year (6月底前, 上半年, 年内). */
function periodCandidates(s: string, out: Candidate[]): void {
  for (const p of PERIODS) {
    if (!p.anchors.some((a) => s.includes(a))) continue;
    eachMatch(p.alone, s, (m) => {
      const start = m.index;
      const end = start + m[0].length;
      const skipped = p.notAfter !== undefined && start > 0 && p.notAfter.test(s.charAt(start - 1));
      const period = skipped ? null : p.read(m);
      const t = period && token(s, start, end, p.form, null, false, false, period);
      out.push({ start, end: t ? t.end : end, token: t });
    });
  }
}

function numericTokens(s: string): DateToken[] {
  if (!s.includes("-") && !s.includes(".") && !s.includes("/")) return [];
  const out: DateToken[] = [];
  eachMatch(NUMERIC_RE, s, (m) => {
    const month = Number(m[2]);
    const day = m[3] === undefined ? null : Number(m[3]);
    if (month < 1 || month > 12 || (day !== null && (day < 1 || day > lastDayOfMonth(2000, month)))) return;
    const period: Period = { month, day, dayWritten: day !== null, periodEnd: false };
    out.push(token(s, m.index, m.index + m[0].length, "numeric", Number(m[1]), true, true, period));
  });
  return out;
}

/** Scan `s` (already normalised) for calendar expressions. `ctxYear` resolves 今年 / 明年. */
export function scanDates(s: string, ctxYear: number | null): DateToken[] {
  const hasYear = s.includes("年");
  if (!hasYear && !s.includes("月") && !s.includes("季") && !/[-./]/u.test(s)) return [];
  const candidates: Candidate[] = [];
  if (hasYear) yearCandidates(s, ctxYear, candidates);
  periodCandidates(s, candidates);
  // Overlap: the leftmost candidate holds its span (a year's own 年底 and the 6月 of 2021年6月 are part of it).
  candidates.sort((a, b) => a.start - b.start);
  const tokens: DateToken[] = [];
  let held = 0;
  for (const c of candidates) {
    if (c.start < held) continue;
    held = c.end;
    if (c.token) tokens.push(c.token);
  }
  const numeric = numericTokens(s);
  if (numeric.length === 0) return tokens;
  const all = [...tokens, ...numeric].sort((a, b) => a.start - b.start);
  return all.filter((t, i) => i === 0 || t.start >= all[i - 1].end);
}
