/**
 * Numeral classes as notices write them: Chinese digits (positional, 二〇二一), the unit characters (十二, 一百零五),
 * full-width digits, and the marks that join the two ends of a range (3月-6月, 9月1日至11月30日).
 */

/** Chinese digits with their value; 〇 and 零 are both zero, 两 is the counting form of 二. */
export const CN_DIGIT_VALUES: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** Unit characters of a numeral written with units (二十三, 一百零五). */
export const CN_UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Digits a year is written with, one by one: 二〇二一. 两 never writes a year. */
export const YEAR_DIGITS = "〇零一二三四五六七八九";
/** What a small Chinese numeral (a month, a day, a count) is written with: 十二, 两, 二十三. */
export const SMALL_NUMERAL = `${YEAR_DIGITS}十两`;
/** What a list numeral (一、… 一百、) is written with. */
export const LIST_NUMERAL = `${SMALL_NUMERAL}百`;
/** The four quarters as written: 一季度, 第3季度. */
export const QUARTER_NUMERAL = "1-4一二三四";
export const FULL_WIDTH_DIGITS = "０１２３４５６７８９";

/** Marks between the ends of a range that cannot mean anything else (至 and 到 are also words: 至少, 到位). */
export const RANGE_MARKS = ["-", "－", "—", "–", "~", "～"] as const;
export const RANGE_WORDS = ["至", "到"] as const;

/** The range marks inside a regex character class (where "-" needs its escape). */
const MARKS = RANGE_MARKS.map((m) => (m === "-" ? "\\-" : m)).join("");
/** A range mark, or 至 / 到 directly before a number or a relative year (至今 / 到位 are words, not ranges). */
export const RANGE = `(?:[${MARKS}]|[${RANGE_WORDS.join("")}](?=[\\d${SMALL_NUMERAL}今明次本当下]))`;
/** A range mark or word between two years: 2021—2025年, 2021至2023年. */
export const YEAR_RANGE = `[${MARKS}${RANGE_WORDS.join("")}]`;
