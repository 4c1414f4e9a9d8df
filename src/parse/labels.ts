import { chineseToNumber, toAsciiDigits } from "./chinese-numbers.js";
import { PAREN_CLOSE, PAREN_OPEN, PAREN_OPENERS } from "./lexicon/brackets.js";
import { FULL_WIDTH_DIGITS, LIST_NUMERAL, SMALL_NUMERAL } from "./lexicon/numerals.js";

/**
 * Numbering labels as Chinese notices write them: 一、 （一） 1. （1） ① 第一条 1.1 …
 * A label is recognised only at the start of a paragraph (or table cell), and only when what
 * follows makes it a label rather than a quantity ("1.5万元", "2019年", "3个工作日").
 */

export type LabelStyle =
  | "cn-comma" // 一、
  | "cn-paren" // （一） (一)
  | "arabic" // 1. 1、 1． "1 "
  | "arabic-paren" // （1） (1)
  | "circled" // ①
  | "chapter" // 第一章
  | "section" // 第一节
  | "article" // 第一条
  | "part" // 第一部分
  | "decimal-2" // 1.1
  | "decimal-3" // 1.2.1
  | "decimal-4" // 1.2.1.1
  | "letter" // A. a)
  | "cn-bare"; // 一 (alone in a 序号 cell)

export interface Label {
  /** The label exactly as written, including its punctuation ("（一）", "1、"). */
  text: string;
  style: LabelStyle;
  /** The number the label means. */
  ordinal: number;
  /** The paragraph text after the label, leading spaces removed. */
  rest: string;
}

/** A list-numbering numeral: 一 … 九十九, 一百…; positional digit strings (二〇) are not labels. */
function chineseNumeral(s: string): number | null {
  if (!s || /[〇零]/.test(s[0]) || (s.length > 1 && !/[十百]/.test(s))) return null;
  // A lone ASCII digit (a 序号 cell) needs no conversion.
  return s.length === 1 && s >= "0" && s <= "9" ? Number(s) : chineseToNumber(s);
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const CN_DIGITS = LIST_NUMERAL;
const CN = `[${CN_DIGITS}]{1,4}`;
const DIGITS = "0123456789";
const ARABIC_FIRST = DIGITS + FULL_WIDTH_DIGITS;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Words that make a leading number a quantity or date, not a label. */
const QUANTITY_AFTER = /^[\d０-９]|^(?:[个项件家名位户人次批期年月日号天周小时分秒岁元万亿千百%％倍座所台辆套条款级类种批轮])/;

export interface Rule {
  style: LabelStyle;
  /** The characters a label of this rule can start with: most paragraphs are tried against no rule at all. */
  first: string;
  re: RegExp;
  ordinal: (m: RegExpExecArray) => number | null;
  /** Extra check on the text after the label. */
  accepts?: (rest: string, m: RegExpExecArray) => boolean;
}

const arabic = (s: string) => Number.parseInt(/^[0-9]+$/.test(s) ? s : toAsciiDigits(s), 10);

export const RULES: readonly Rule[] = [
  { style: "chapter", first: "第", re: new RegExp(`^第(${CN}|\\d{1,3})章`), ordinal: (m) => chineseNumeral(m[1]) ?? arabic(m[1]) },
  { style: "section", first: "第", re: new RegExp(`^第(${CN}|\\d{1,3})节`), ordinal: (m) => chineseNumeral(m[1]) ?? arabic(m[1]) },
  { style: "part", first: "第", re: new RegExp(`^第(${CN}|\\d{1,3})部分`), ordinal: (m) => chineseNumeral(m[1]) ?? arabic(m[1]) },
  { style: "article", first: "第", re: new RegExp(`^第(${CN}|\\d{1,3})条(?![件款例])`), ordinal: (m) => chineseNumeral(m[1]) ?? arabic(m[1]) },
  { style: "cn-comma", first: CN_DIGITS, re: new RegExp(`^(${CN})[、，,．.](?![、])`), ordinal: (m) => chineseNumeral(m[1]), accepts: notAnEnumerationOfNumerals },
  { style: "cn-paren", first: PAREN_OPENERS, re: new RegExp(`^${PAREN_OPEN}\\s*(${CN})\\s*${PAREN_CLOSE}`), ordinal: (m) => chineseNumeral(m[1]) },
  { style: "arabic-paren", first: PAREN_OPENERS, re: new RegExp(`^${PAREN_OPEN}\\s*([0-9${FULL_WIDTH_DIGITS}]{1,3})\\s*${PAREN_CLOSE}`), ordinal: (m) => arabic(m[1]) },
  { style: "circled", first: CIRCLED, re: new RegExp(`^([${CIRCLED}])`), ordinal: (m) => CIRCLED.indexOf(m[1]) + 1 },
  {
    style: "decimal-4",
    first: DIGITS,
    re: /^(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.(\d{1,2})(?![\d.])\.?/,
    ordinal: (m) => arabic(m[4]),
    accepts: headingFollows,
  },
  { style: "decimal-3", first: DIGITS, re: /^(\d{1,2})\.(\d{1,2})\.(\d{1,2})(?![\d.])\.?/, ordinal: (m) => arabic(m[3]), accepts: headingFollows },
  { style: "decimal-2", first: DIGITS, re: /^(\d{1,2})\.(\d{1,2})(?![\d.])\.?/, ordinal: (m) => arabic(m[2]), accepts: headingFollows },
  {
    style: "arabic",
    first: ARABIC_FIRST,
    // "1.5万元" is a number, but "1.2022年底前完成…" is item 1 starting with a year.
    re: /^([0-9０-９]{1,3})(?:\s*[.．、](?!(?!(?:19|20)[0-9]{2}年)[0-9０-９])|[ \u3000]+(?=[\u4e00-\u9fff《“]))/,
    ordinal: (m) => arabic(m[1]),
    // "2.年均增长7%" is item 2; "3 个工作日" is a quantity: only the bare-space form can be one.
    accepts: (rest, m) => /[.．、]/.test(m[0]) || !QUANTITY_AFTER.test(rest),
  },
  { style: "letter", first: LETTERS, re: /^([A-Za-z])[.．、)）](?=\s*[\u4e00-\u9fff])/, ordinal: (m) => m[1].toUpperCase().charCodeAt(0) - 64 },
];

/** "1.1 " must be followed by a heading, not by a measure or particle ("11.5.14.2的", "1.5万元"). */
function headingFollows(rest: string): boolean {
  return rest.length > 0 && !QUANTITY_AFTER.test(rest) && !/^[的了和与及或等]/.test(rest);
}

const NUMERAL_LIST_START = new RegExp(`^[${SMALL_NUMERAL}]{1,3}[、是级类档等]`);

/** "一、二、三级…" is a list of numerals, not a label. */
function notAnEnumerationOfNumerals(rest: string): boolean {
  return !NUMERAL_LIST_START.test(rest) && !/^[是要]/.test(rest);
}

/** The rules a label starting with each character can match, in rule order (one look-up instead of a scan per rule). */
const RULES_BY_FIRST = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const c of new Set(rule.first)) RULES_BY_FIRST.set(c, [...(RULES_BY_FIRST.get(c) ?? []), rule]);
}

/** Recognise the numbering label at the start of `text` (leading whitespace allowed). */
export function parseLabel(text: string): Label | null {
  const lead = /\s/.test(text.charAt(0)) ? /^[\s\u3000]*/.exec(text)![0].length : 0;
  const rules = RULES_BY_FIRST.get(text.charAt(lead));
  if (!rules) return null;
  const body = text.slice(lead, lead + 40);
  for (const rule of rules) {
    const m = rule.re.exec(body);
    if (!m) continue;
    const ordinal = rule.ordinal(m);
    if (ordinal === null || Number.isNaN(ordinal)) continue;
    const rest = text.slice(lead + m[0].length).replace(/^[\s\u3000]+/, "");
    if (rule.accepts && !rule.accepts(rest, m)) continue;
    return { text: m[0].trimEnd(), style: rule.style, ordinal, rest };
  }
  return null;
}

/** A table 序号 cell: "一", "1", "（一）", "1、" alone. */
export function parseSequenceCell(text: string): Label | null {
  const t = text.trim();
  if (!t) return null;
  const cn = chineseNumeral(t);
  if (cn !== null) return { text: t, style: "cn-bare", ordinal: cn, rest: "" };
  if (/^[0-9０-９]{1,3}$/.test(t)) return { text: t, style: "arabic", ordinal: arabic(t), rest: "" };
  const label = parseLabel(t);
  return label && label.rest === "" ? label : null;
}

/** The style family used to compare labels of the same level: "1." and "1、" are the same kind. */
export function styleFamily(style: LabelStyle): LabelStyle {
  return style === "cn-bare" ? "cn-comma" : style;
}
