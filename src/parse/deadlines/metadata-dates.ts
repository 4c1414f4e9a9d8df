import { toAsciiDigits } from "../chinese-numbers.js";
import { YEAR_DIGITS } from "../lexicon/numerals.js";
import { iso, lastDayOfMonth } from "./calendar.js";
import { scanDates } from "./dates.js";

/**
 * The dates a notice is issued on (成文日期, the date under the signature): a year, a month and a day, read by the
 * deadline parsers. "2019年7月8日", "二〇〇五年六月十一日", "2024-04-26", "2024/4/26", also spaced ("2019 年 7 月 8 日").
 */

export interface CalendarDate {
  /** Where the date stands in `text` as returned (spaces inside dates closed). */
  start: number;
  end: number;
  iso: string;
  /** Written in digits only (2024-04-26), as header fields write dates; a signature writes 2024年4月26日. */
  numeric: boolean;
}

const NUMERAL = `0-9０-９${YEAR_DIGITS}十`;
const GAP_AFTER_NUMERAL = new RegExp(`([${NUMERAL}])[ \\t\u3000]+(?=[年月日号])`, "gu");
const GAP_BEFORE_NUMERAL = new RegExp(`([年月])[ \\t\u3000]+(?=[${NUMERAL}])`, "gu");

const NUMERIC_SEPARATOR = /\d[-./]/u;

/** The text with the spaces inside its dates closed, and the full dates in it (a 4-digit year from 1900 to 2099). */
export function calendarDates(raw: string): { text: string; dates: CalendarDate[] } {
  // Most lines hold no full date: one written needs 月 and 日 (or 号), one in digits a separator after a digit.
  const written = raw.includes("月") && (raw.includes("日") || raw.includes("号"));
  if (!written && !(/[-./]/u.test(raw) && NUMERIC_SEPARATOR.test(raw))) return { text: raw, dates: [] };
  const text = /[ \t\u3000]/u.test(raw) ? raw.replace(GAP_AFTER_NUMERAL, "$1").replace(GAP_BEFORE_NUMERAL, "$1") : raw;
  const dates: CalendarDate[] = [];
  for (const t of scanDates(toAsciiDigits(text), null)) {
    if (!t.yearAbsolute || t.year === null || t.month === null || !t.dayWritten || t.range || t.pre) continue;
    if (t.year < 1900 || t.year > 2099 || t.day! > lastDayOfMonth(t.year, t.month)) continue;
    dates.push({ start: t.start, end: t.end, iso: iso(t.year, t.month, t.day!), numeric: t.form === "numeric" });
  }
  return { text, dates };
}
