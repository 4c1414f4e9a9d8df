import { describe, expect, it } from "vitest";
import { isCollective } from "../../src/parse/collectives.js";
import { columnRole } from "../../src/parse/columns.js";
import { LEAD_WORDS, OFFICE_NOUNS, RESPONSIBLE_WORDS } from "../../src/parse/lexicon/roles.js";
import { TRADITIONAL_ONLY } from "../../src/parse/lexicon/script.js";
import { BARE_COLLECTIVES, COLLECTIVE_NOUNS, UNIT_SUFFIXES } from "../../src/parse/lexicon/units.js";
import { BRACKET_PAIRS, GROUP_CLOSERS, GROUP_OPENERS, PAREN_CLOSERS, PAREN_OPENERS } from "../../src/parse/lexicon/brackets.js";
import { DEADLINE_FIELD_LABELS, HEADER_NAMES, HEADER_SYNONYMS } from "../../src/parse/lexicon/headers.js";
import { CONNECTOR_WORDS, DUTY_MARKERS, SUPPORT_WORDS } from "../../src/parse/lexicon/roles.js";
import { JOIN_WORDS, endsWithUnitSuffix } from "../../src/parse/lexicon/units.js";
import { looksLikeUnitList, parseOwnerLine, splitUnits } from "../../src/parse/owners/index.js";
import { loadSimplify } from "../../src/parse/script.js";
import { toAsciiDigits } from "../../src/parse/chinese-numbers.js";
import { findDeadlineInText, parseDeadlineCell } from "../../src/parse/deadlines/index.js";
import {
  AS_OF_WORDS, AT_WORDS, CELL_RECURRING_WORDS, COMPLETION_VERBS, DUE_SUFFIXES, DURATION_UNITS, HALF_YEAR_MONTHS, IMMEDIATE_WORDS, LOOKBACK_WORDS,
  MODAL_WORDS, MONTH_PART_DAYS, ONGOING_WORDS, PERIOD_END_WORDS, POLICY_SPAN_VERBS, REACH_WORDS, RECURRING_MARKS, RELATIVE_YEARS, SINCE_AFTER_WORDS,
  STAGE_WORDS, START_AFTER_WORDS, START_BEFORE_WORDS, TARGET_DURATION_VERBS, TARGET_WORDS, WITHIN_SUFFIXES,
} from "../../src/parse/lexicon/deadlines.js";
import {
  CN_DIGIT_VALUES, CN_UNIT_VALUES, FULL_WIDTH_DIGITS, LIST_NUMERAL, RANGE_MARKS, RANGE_WORDS, SMALL_NUMERAL, YEAR_DIGITS,
} from "../../src/parse/lexicon/numerals.js";

describe("the lexicon's lists agree with one another", () => {
  it("has each word once, and no word with two roles", () => {
    for (const list of [LEAD_WORDS, RESPONSIBLE_WORDS, OFFICE_NOUNS, UNIT_SUFFIXES, COLLECTIVE_NOUNS, BARE_COLLECTIVES]) {
      expect(new Set(list).size).toBe(list.length);
    }
    expect(LEAD_WORDS.filter((w) => (RESPONSIBLE_WORDS as readonly string[]).includes(w))).toEqual([]);
  });

  it("names offices and collectives with words that end unit names", () => {
    for (const noun of [...OFFICE_NOUNS.filter((n) => n !== "股室"), ...COLLECTIVE_NOUNS]) expect(endsWithUnitSuffix(`区${noun}`), noun).toBe(true);
    for (const bare of BARE_COLLECTIVES) expect(isCollective(bare), bare).toBe(true);
  });

  it("gives a role word the same role in a column header and in an owner field", () => {
    for (const word of LEAD_WORDS) {
      expect(columnRole(`${word}单位`), word).toBe("lead");
      expect(parseOwnerLine(`${word}单位：区财政局`)?.lead, word).toEqual(["区财政局"]);
    }
    for (const word of RESPONSIBLE_WORDS.filter((w) => w !== "实施")) {
      expect(columnRole(`${word}单位`), word).toBe("responsible");
      expect(parseOwnerLine(`${word}单位：区财政局`)?.responsible, word).toEqual(["区财政局"]);
    }
  });

  it("lists only characters that exist in traditional script alone", async () => {
    const simplify = await loadSimplify();
    for (const ch of TRADITIONAL_ONLY) expect(simplify(ch), ch).not.toBe(ch);
    // script.ts looks them up in a table over the BMP.
    for (const ch of TRADITIONAL_ONLY) expect(ch.length, ch).toBe(1);
  });
});

describe("the deadline words and numeral classes agree with the parsers built from them", () => {
  const Y2021 = { year: 2021 };
  const due = (r: { deadline: { due: string | null } | null }) => r.deadline?.due ?? null;
  const kind = (r: { deadline: { kind: string } | null }) => r.deadline?.kind ?? null;

  it("has each word once, and no word in two lists that mean opposite things", () => {
    const lists = [DUE_SUFFIXES, WITHIN_SUFFIXES, PERIOD_END_WORDS, ONGOING_WORDS, IMMEDIATE_WORDS, RECURRING_MARKS, DURATION_UNITS, COMPLETION_VERBS,
      START_AFTER_WORDS, SINCE_AFTER_WORDS, START_BEFORE_WORDS, TARGET_WORDS, AS_OF_WORDS, LOOKBACK_WORDS, TARGET_DURATION_VERBS, POLICY_SPAN_VERBS, STAGE_WORDS, MODAL_WORDS];
    for (const list of lists) expect(new Set(list).size).toBe(list.length);
    const disjoint = (a: readonly string[], b: readonly string[]) => expect(a.filter((w) => b.includes(w))).toEqual([]);
    disjoint(DUE_SUFFIXES, WITHIN_SUFFIXES);
    disjoint(ONGOING_WORDS, IMMEDIATE_WORDS);
    disjoint(COMPLETION_VERBS, POLICY_SPAN_VERBS);
    disjoint(COMPLETION_VERBS, TARGET_DURATION_VERBS);
    disjoint(START_AFTER_WORDS, SINCE_AFTER_WORDS);
    disjoint(TARGET_WORDS, AS_OF_WORDS);
    disjoint(Object.keys(RELATIVE_YEARS), [...YEAR_DIGITS]);
  });

  it("spells every numeral class with characters the number reader knows", () => {
    for (const c of LIST_NUMERAL) expect(c in CN_DIGIT_VALUES || c in CN_UNIT_VALUES, c).toBe(true);
    for (const c of [...YEAR_DIGITS, ...SMALL_NUMERAL]) expect(LIST_NUMERAL.includes(c), c).toBe(true);
    [...FULL_WIDTH_DIGITS].forEach((c, i) => expect(toAsciiDigits(c)).toBe(String(i)));
    for (const mark of [...RANGE_MARKS, ...RANGE_WORDS]) expect(due(parseDeadlineCell(`3月${mark}6月`, Y2021)), mark).toBe("2021-06-30");
  });

  it("reads every word of a deadline column as its kind", () => {
    for (const word of ONGOING_WORDS) expect(kind(parseDeadlineCell(word, Y2021)), word).toBe("ongoing");
    for (const word of IMMEDIATE_WORDS) expect(kind(parseDeadlineCell(word, Y2021)), word).toBe("relative");
    for (const mark of RECURRING_MARKS) expect(kind(parseDeadlineCell(`${mark}月`, Y2021)), mark).toBe("recurring");
    for (const word of CELL_RECURRING_WORDS) expect(kind(parseDeadlineCell(word, Y2021)), word).toBe("recurring");
    for (const [word, offset] of Object.entries(RELATIVE_YEARS)) expect(due(parseDeadlineCell(`${word}年底前`, Y2021)), word).toBe(`${2021 + offset}-12-31`);
    for (const [half, month] of Object.entries(HALF_YEAR_MONTHS)) expect(due(parseDeadlineCell(`${half}半年`, Y2021)), half).toBe(`2021-${String(month).padStart(2, "0")}-${month === 6 ? 30 : 31}`);
    for (const [part, day] of Object.entries(MONTH_PART_DAYS)) expect(due(parseDeadlineCell(`10月${part}`, Y2021)), part).toBe(`2021-10-${day ?? 31}`);
    for (const end of PERIOD_END_WORDS) expect(due(parseDeadlineCell(`2021年${end}`, Y2021)), end).toBe("2021-12-31");
  });

  it("makes a date an item's time limit with every due, within and completion word", () => {
    for (const word of DUE_SUFFIXES) expect(due(findDeadlineInText(`9月30日${word}报送材料。`, Y2021)), word).toBe("2021-09-30");
    for (const word of COMPLETION_VERBS) expect(due(findDeadlineInText(`2021年6月底${word}。`, Y2021)), word).toBe("2021-06-30");
    for (const word of AT_WORDS) expect(due(findDeadlineInText(`${word}6月底报送。`, Y2021)), word).toBe("2021-06-30");
    for (const word of WITHIN_SUFFIXES) expect(kind(findDeadlineInText(`收到通知后3个工作日${word}报送。`, Y2021)), word).toBe("relative");
    for (const unit of DURATION_UNITS) expect(kind(findDeadlineInText(`收到通知后3${unit}内报送。`, Y2021)), unit).toBe("relative");
    for (const word of MODAL_WORDS) expect(findDeadlineInText(`各单位${word}收到通知后3日内报送。`, Y2021).deadline?.text, word).toBe("收到通知后3日内");
    for (const word of STAGE_WORDS) expect(due(findDeadlineInText(`排查整治${word}（9月1日至11月30日）`, Y2021)), word).toBe("2021-11-30");
  });

  it("reads no time limit where a word makes the date a start, a target or a policy's period", () => {
    for (const word of [...START_AFTER_WORDS, ...SINCE_AFTER_WORDS]) expect(kind(parseDeadlineCell(`2021年6月${word}`, Y2021)), word).not.toBe("date");
    for (const word of START_BEFORE_WORDS) expect(kind(parseDeadlineCell(`${word}2021年6月底`, Y2021)), word).not.toBe("date");
    for (const word of [...TARGET_WORDS, ...AS_OF_WORDS, ...REACH_WORDS]) expect(findDeadlineInText(`${word}2025年底全面完成。`, Y2021).deadline, word).toBeNull();
    for (const word of LOOKBACK_WORDS) expect(findDeadlineInText(`${word}3年内未发生重大事故。`, Y2021).deadline, word).toBeNull();
    for (const word of TARGET_DURATION_VERBS) expect(findDeadlineInText(`审批时间${word}至3个工作日内。`, Y2021).deadline, word).toBeNull();
    for (const word of POLICY_SPAN_VERBS) expect(findDeadlineInText(`在两年之内对小微企业${word}优惠。`, Y2021).deadline, word).toBeNull();
  });

  it("classifies every header synonym to its own column kind, and every field label and header name to one", () => {
    for (const { column, words } of HEADER_SYNONYMS) for (const word of words) expect(columnRole(word), word).toBe(column);
    for (const label of DEADLINE_FIELD_LABELS) expect(columnRole(label), label).toBe("deadline");
    for (const name of HEADER_NAMES) {
      expect(columnRole(name), name).not.toBeNull();
      expect(looksLikeUnitList(name), name).toBe(false);
    }
  });

  it("gives every duty word one role after a unit", () => {
    const markers = DUTY_MARKERS.map((m) => m.word);
    expect(new Set(markers).size).toBe(markers.length);
    for (const word of [...LEAD_WORDS, ...CONNECTOR_WORDS, ...SUPPORT_WORDS]) expect(markers, word).toContain(word);
    for (const word of LEAD_WORDS) expect(parseOwnerLine(`区财政局${word}`)?.lead, word).toEqual(["区财政局"]);
    for (const word of SUPPORT_WORDS) {
      expect(RESPONSIBLE_WORDS as readonly string[], word).toContain(word);
      expect(parseOwnerLine(`区财政局${word}`)?.responsible, word).toEqual(["区财政局"]);
    }
  });

  it("pairs every opener with its closer, and the note and round brackets are pairs of that list", () => {
    const closerOf = new Map<string, string>(BRACKET_PAIRS);
    expect(closerOf.size).toBe(BRACKET_PAIRS.length);
    expect(new Set(BRACKET_PAIRS.flat()).size).toBe(2 * BRACKET_PAIRS.length);
    [...GROUP_OPENERS].forEach((open, i) => expect(closerOf.get(open), open).toBe(GROUP_CLOSERS[i]));
    [...PAREN_OPENERS].forEach((open, i) => expect(closerOf.get(open), open).toBe(PAREN_CLOSERS[i]));
  });

  it("splits two units at every join word, and the suffix check agrees with the suffix list", () => {
    for (const word of JOIN_WORDS) expect(splitUnits(`区财政局${word}区教育局`), word).toEqual(["区财政局", "区教育局"]);
    for (const name of ["区财政局", "区政府办公室", "区政务服务中心", "区人民政府", "各街道办事处", "区委宣传部", "规划方案", "工作", "重点任务"]) {
      expect(endsWithUnitSuffix(name), name).toBe(UNIT_SUFFIXES.some((suffix) => name.endsWith(suffix)));
    }
  });
});
