import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chineseToNumber } from "../../src/parse/chinese-numbers.js";
import { scanDates } from "../../src/parse/deadlines/dates.js";
import { findDeadlineInText, parseDeadlineCell } from "../../src/parse/deadlines/index.js";
import { findRecurring, findRelative } from "../../src/parse/deadlines/phrases.js";

const Y2021 = { year: 2021 };
const NO_YEAR = { year: null };

/** [kind, due] of a deadline, or null. */
function kd(r: { deadline: { kind: string; due: string | null } | null }): [string, string | null] | null {
  return r.deadline ? [r.deadline.kind, r.deadline.due] : null;
}

describe("chineseToNumber", () => {
  it.each<[string, number | null]>([
    ["一", 1], ["九", 9], ["十", 10], ["十二", 12], ["二十", 20], ["二十三", 23], ["九十九", 99], ["两", 2], ["〇", 0], ["零", 0],
    ["一百零五", 105], ["二〇二一", 2021], ["2021", 2021], ["１２", 12], ["", null], ["十十", null], ["年", null], ["一二三x", null],
  ])("%s → %s", (s, n) => {
    expect(chineseToNumber(s)).toBe(n);
  });

  it("property: agrees with the written form of 1…99", () => {
    const d = "零一二三四五六七八九";
    const write = (n: number) => (n < 10 ? d[n] : (n >= 20 ? d[Math.floor(n / 10)] : "") + "十" + (n % 10 ? d[n % 10] : ""));
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 }), (n) => chineseToNumber(write(n)) === n));
  });
});

describe("parseDeadlineCell: the normalisation table", () => {
  it.each<[string, string, string | null]>([
    ["2021年12月底前", "date", "2021-12-31"],
    ["2021年底前", "date", "2021-12-31"],
    ["2021年年底前", "date", "2021-12-31"],
    ["年底前", "date", "2021-12-31"],
    ["6月底前", "date", "2021-06-30"],
    ["2月底前", "date", "2021-02-28"],
    ["2018年12月31日前", "date", "2018-12-31"],
    ["2021年6月30日", "date", "2021-06-30"],
    ["上半年", "date", "2021-06-30"],
    ["下半年", "date", "2021-12-31"],
    ["2021年上半年", "date", "2021-06-30"],
    ["一季度末", "date", "2021-03-31"],
    ["第一季度", "date", "2021-03-31"],
    ["三季度末", "date", "2021-09-30"],
    ["第三季度", "date", "2021-09-30"],
    ["2022年第一季度", "date", "2022-03-31"],
    ["10月中旬", "date", "2021-10-20"],
    ["10月上旬", "date", "2021-10-10"],
    ["10月下旬", "date", "2021-10-31"],
    ["10月底", "date", "2021-10-31"],
    ["11月", "date", "2021-11-30"],
    ["年内", "date", "2021-12-31"],
    ["2021年", "date", "2021-12-31"],
    ["2021年度", "date", "2021-12-31"],
    ["十二月底前", "date", "2021-12-31"],
    ["二〇二一年十二月底前", "date", "2021-12-31"],
    ["２０２１年６月底前", "date", "2021-06-30"],
    ["2021.12", "date", "2021-12-31"],
    ["2021-06-30", "date", "2021-06-30"],
    ["2021年3月-6月", "date", "2021-06-30"],
    ["2021年3月至6月", "date", "2021-06-30"],
    ["2021年12月底前完成", "date", "2021-12-31"],
    ["明年上半年", "date", "2022-06-30"],
    ["长期", "ongoing", null],
    ["长期坚持", "ongoing", null],
    ["常态化", "ongoing", null],
    ["长期常态化", "ongoing", null],
    ["持续推进", "ongoing", null],
    ["持续开展", "ongoing", null],
    ["2021年起长期坚持", "ongoing", null],
    ["每年", "recurring", null],
    ["每季度", "recurring", null],
    ["每月25日前", "recurring", null],
    ["每年1月31日前", "recurring", null],
    ["每半年", "recurring", null],
    ["每周", "recurring", null],
    ["按季度", "recurring", null],
    ["文件公布后3个工作日内", "relative", null],
    ["24小时内", "relative", null],
    ["1个工作日内", "relative", null],
    ["3年内", "relative", null],
    ["即时", "relative", null],
  ])("%s → %s %s", (cell, kind, due) => {
    expect(kd(parseDeadlineCell(cell, Y2021))).toEqual([kind, due]);
  });

  it("keeps the phrase as written", () => {
    expect(parseDeadlineCell(" 2021年12月底前 ", Y2021).deadline).toEqual({ text: "2021年12月底前", due: "2021-12-31", kind: "date" });
    expect(parseDeadlineCell("长期常态化", Y2021).deadline?.text).toBe("长期常态化");
    expect(parseDeadlineCell("每月25日前", Y2021).deadline?.text).toBe("每月25日前");
  });

  it("uses the leap day of a leap year", () => {
    expect(kd(parseDeadlineCell("2月底前", { year: 2020 }))).toEqual(["date", "2020-02-29"]);
  });

  it("lists several dates as milestones; the latest is the deadline", () => {
    const r = parseDeadlineCell("2021年6月底前完成制度建设，12月底前全面完成", Y2021);
    expect(r.deadline).toEqual({
      text: "12月底前",
      due: "2021-12-31",
      kind: "date",
      milestones: [
        { text: "2021年6月底前", due: "2021-06-30", kind: "date" },
        { text: "12月底前", due: "2021-12-31", kind: "date" },
      ],
    });
  });

  it("returns null for an empty cell, and an info diagnostic for one it cannot read", () => {
    expect(parseDeadlineCell("", Y2021)).toEqual({ deadline: null, diagnostics: [] });
    expect(parseDeadlineCell("  —  ", Y2021)).toEqual({ deadline: null, diagnostics: [] });
    const r = parseDeadlineCell("根据上级部署", Y2021);
    expect(r.deadline).toBeNull();
    expect(r.diagnostics).toMatchObject([{ severity: "info", code: "deadline-unrecognised" }]);
  });

  it("leaves due empty and says why when no year is known", () => {
    const r = parseDeadlineCell("6月底前", NO_YEAR);
    expect(r.deadline).toEqual({ text: "6月底前", due: null, kind: "date" });
    expect(r.diagnostics).toMatchObject([{ severity: "info", code: "deadline-year-unknown", source: null }]);
    expect(parseDeadlineCell("2021年6月底前", NO_YEAR).diagnostics).toEqual([]);
  });
});

describe("findDeadlineInText: completion times in an item's own text", () => {
  const Y2019 = { year: 2019 };
  it.each<[string, string, string | null, string]>([
    ["各设区的市要抓紧建立健全政府公报管理和办刊机制，尚未创办的要在2019年底前完成创刊和发行工作。", "date", "2019-12-31", "2019年底前"],
    ["建设统一的互动交流平台，年底前实现网民在线访谈、征集调查、咨询投诉等信息的集中处理。", "date", "2019-12-31", "年底前"],
    ["全面推进规章集中统一公开，各级政府要在2021年底前系统清理本机关现行有效规章。", "date", "2021-12-31", "2021年底前"],
    ["年内至少出台1个该领域的标准化应用产品。", "date", "2019-12-31", "年内"],
    ["6月底前完成清理。", "date", "2019-06-30", "6月底前"],
    ["2021年6月底全面完成整合迁移。", "date", "2021-06-30", "2021年6月底"],
    ["并于下一年第一季度将评估结果向社会公开。", "date", "2020-03-31", "下一年第一季度"],
    ["相关解读材料应于文件公布后3个工作日内主动发布。", "relative", null, "文件公布后3个工作日内"],
    ["特别重大或重大突发事件发生后，应在24小时内举行新闻发布会。", "relative", null, "24小时内"],
    ["办事条件发生变化的事项，应在1个工作日内在网上公开变更后的相关信息。", "relative", null, "1个工作日内"],
    ["行政机关应当自收到申请之日起20个工作日内予以答复。", "relative", null, "自收到申请之日起20个工作日内"],
    ["主要负责人每年至少听取一次政务公开工作汇报，研究推动工作。", "recurring", null, "每年至少听取一次"],
    ["行政机关每季度要在政府网站公布一次已登记的规范性文件目录。", "recurring", null, "每季度要在政府网站公布一次"],
    ["政府部门主要负责人，每年解读重要政策措施不少于1次。", "recurring", null, "每年解读重要政策措施不少于1次"],
    ["县委党校每年要至少举办一次专题培训班。", "recurring", null, "每年要至少举办一次"],
    // 按月 / 按季度 / 逐月 / 每两年: frequencies too (weifang 2017)
    ["加强财政政策信息公开,按月公开全市财政收支情况,解读财政收支增减变化情况及原因。", "recurring", null, "按月"],
    ["按季度公开重点项目建设进展情况。", "recurring", null, "按季度"],
    ["按季公布一次督查结果。", "recurring", null, "按季公布一次"],
    ["按年度公开政府信息公开工作年度报告。", "recurring", null, "按年度"],
    ["按半年通报网站检查情况。", "recurring", null, "按半年"],
    ["逐月通报办件情况。", "recurring", null, "逐月"],
    ["每两年开展一次第三方评估。", "recurring", null, "每两年开展一次"],
    ["每半年开展一次网站检查。", "recurring", null, "每半年开展一次"],
    ["每3个月更新一次目录。", "recurring", null, "每3个月更新一次"],
    // a completion limit governs a recurring requirement in the same item
    ["每年对从事政务公开工作人员进行培训，3年内对全区政务公开工作人员轮训一遍。", "relative", null, "3年内"],
  ])("%s", (text, kind, due, phrase) => {
    const r = findDeadlineInText(text, Y2019);
    expect(r.deadline).toMatchObject({ kind, due, text: phrase });
  });

  it.each([
    "实现到2020年，公开内容覆盖权力运行全流程、政务服务全过程。",
    "力争到2025年底前全面建成。",
    "重点公开2019年全省8件民生实事的进展情况。",
    "围绕2019年我省经济社会发展总体要求和主要预期目标。",
    "截至2020年底，已公开信息3万条。",
    "定期发布督查和审计结果。",
    "及时公开相关信息。",
    "抓紧制定本单位具体方案。",
    "持续推进政务公开。",
    "实现各相关部门“双随机、一公开”监管全覆盖、常态化。",
    "向公示平台即时推送执法信息。",
    "按照《2019年政务公开工作要点》要求做好工作。",
    "国务院办公厅于2019年4月印发通知。",
    "自2021年1月1日起施行。",
    "近3年内未发生重大舆情。",
    "按年龄段分类公开养老服务信息。",
    "按周期开展评估。",
    "按季节调整公开重点。",
    "按年度计划推进各项工作。",
    "逐年提高主动公开比例。",
    "",
  ])("no deadline: %s", (text) => {
    expect(findDeadlineInText(text, Y2019).deadline).toBeNull();
  });

  it("lists every dated milestone and takes the latest", () => {
    const r = findDeadlineInText("2021年6月底前完成制度建设，12月底前全面完成。", Y2021);
    expect(r.deadline?.due).toBe("2021-12-31");
    expect(r.deadline?.milestones?.map((m) => m.due)).toEqual(["2021-06-30", "2021-12-31"]);
  });

  it("a date inside a recurring phrase is not a deadline of its own", () => {
    expect(kd(findDeadlineInText("每年1月31日前公布上一年度政府信息公开工作年度报告。", Y2021))).toEqual(["recurring", null]);
  });

  it("a year-less date right after a written year is in that year (zhangwu 2020: 2022年底11月前)", () => {
    expect(findDeadlineInText("2022年底11月前，做好其他领域信息公开标准规范工作。", NO_YEAR).deadline).toMatchObject({ due: "2022-11-30" });
    // Not across a clause: the year of a subject does not carry.
    expect(findDeadlineInText("根据2019年要求，6月底前完成。", Y2021).deadline).toMatchObject({ due: "2021-06-30" });
  });

  it("reports a date without a year when the notice has none", () => {
    const r = findDeadlineInText("6月底前完成清理。", NO_YEAR);
    expect(r.deadline).toEqual({ text: "6月底前", due: null, kind: "date" });
    expect(r.diagnostics).toMatchObject([{ severity: "info", code: "deadline-year-unknown" }]);
  });

  it("property: every valid date written 'YYYY年M月D日前' in a deadline column comes back as itself", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split("-").map(Number);
        return parseDeadlineCell(`${y}年${m}月${day}日前`, NO_YEAR).deadline?.due === iso;
      }),
    );
  });
});

describe("hostile input finishes quickly", () => {
  const inputs = [
    "2021年".repeat(20_000),
    "2021年12月底前，".repeat(10_000),
    "每年".repeat(50_000),
    "年内".repeat(50_000),
    "3个工作日内".repeat(15_000),
    "后".repeat(100_000) + "3日内",
    "十".repeat(100_000) + "月",
    "1".repeat(100_000),
    "2021-".repeat(20_000),
    "《".repeat(100_000),
    "至".repeat(100_000),
    "（（（、、、牵头".repeat(12_500),
    "于6月".repeat(30_000),
    "在三季度".repeat(25_000),
    "按".repeat(100_000),
    "按月".repeat(50_000),
    "每两".repeat(50_000),
    "按年度".repeat(30_000),
  ];
  it.each(inputs.map((s, i) => [i, s] as const))("input %i", (_i, input) => {
    for (const run of [() => parseDeadlineCell(input, Y2021), () => findDeadlineInText(input, Y2021), () => findDeadlineInText(input, NO_YEAR)]) {
      // No time bound (see labels.test.ts): a super-linear regex would hang here.
      run();
    }
  });
});

describe("the parsers: candidates with their positions and forms", () => {
  const forms = (s: string, year: number | null = 2021) =>
    scanDates(s, year).map((t) => [s.slice(t.start, t.end), t.form, t.month, t.day] as const);

  it("reads one form per calendar expression, a year merged with the period after it", () => {
    expect(forms("2021年6月底前完成制度建设，年底前全面完成")).toEqual([
      ["2021年6月底前", "month", 6, null],
      ["年底前", "year-end", null, null],
    ]);
    expect(forms("上半年、第三季度末、全年、2021年内、10月中旬")).toEqual([
      ["上半年", "half-year", 6, null],
      ["第三季度末", "quarter", 9, null],
      ["全年", "full-year", null, null],
      ["2021年内", "within-year", null, null],
      ["10月中旬", "month", 10, 20],
    ]);
    // A range within the month form is one token read at its end; across months, the range refiner drops the start.
    expect(forms("3-6月、10月8至15日")).toEqual([
      ["3-6月", "month", 6, null],
      ["10月8至15日", "month", 10, 15],
    ]);
    expect(forms("9月1日至11月30日")).toEqual([
      ["9月1日", "month", 9, 1],
      ["11月30日", "month", 11, 30],
    ]);
    expect(parseDeadlineCell("9月1日至11月30日", Y2021).deadline).toEqual({ text: "9月1日至11月30日", due: "2021-11-30", kind: "date" });
    expect(forms("2021-12-31、2021.12.31、2021/6")).toEqual([
      ["2021-12-31", "numeric", 12, 31],
      ["2021.12.31", "numeric", 12, 31],
      ["2021/6", "numeric", 6, null],
    ]);
  });

  it("holds the span of what reads as no date, as a single scan would (3年内, 每年底, 13月, 2月30日)", () => {
    expect(forms("3年内")).toEqual([]);
    expect(forms("每年底")).toEqual([]);
    expect(forms("2021年13月")).toEqual([]);
    expect(forms("2月30日")).toEqual([]);
    expect(forms("2020年2月29日")).toEqual([["2020年2月29日", "month", 2, 29]]);
  });

  it("resolves relative years from the plan's year", () => {
    expect(scanDates("明年上半年", 2021).map((t) => t.year)).toEqual([2022]);
    expect(scanDates("下一年第一季度", 2021).map((t) => [t.year, t.month])).toEqual([[2022, 3]]);
    expect(scanDates("今年底", null).map((t) => t.year)).toEqual([null]);
  });

  it("finds recurring and relative phrases with their positions", () => {
    const s = "每年1月31日前公布，收到申请后20个工作日内答复";
    expect(findRecurring(s, s).map((p) => [p.text, s.slice(p.start, p.end)])).toEqual([["每年1月31日前", "每年1月31日前"]]);
    expect(findRelative(s, s).map((p) => [p.text, s.slice(p.start, p.end)])).toEqual([["收到申请后20个工作日内", "20个工作日内"]]);
  });
});

describe("cell and text: two configurations of the same parsers", () => {
  it.each<[string, [string, string | null] | null, [string, string | null] | null]>([
    // A bare year or a date is the deadline in a column; in an item's text it is only a subject.
    ["2023年", ["date", "2023-12-31"], null],
    ["2021年6月", ["date", "2021-06-30"], null],
    // Column words: in text they are too vague.
    ["实时", ["relative", null], null],
    ["定期", ["recurring", null], null],
    ["长期坚持", ["ongoing", null], null],
    // Both read a dated limit and a relative one the same way.
    ["2021年6月底前", ["date", "2021-06-30"], ["date", "2021-06-30"]],
    ["3个工作日内", ["relative", null], ["relative", null]],
    // A start is no deadline in either.
    ["自2021年1月1日起", null, null],
  ])("%s: cell %j, text %j", (s, cell, text) => {
    expect(kd(parseDeadlineCell(s, Y2021))).toEqual(cell);
    expect(kd(findDeadlineInText(s, Y2021))).toEqual(text);
  });

  it("reads a long cell (a schedule in sentences) as text", () => {
    expect(kd(parseDeadlineCell("①3月底前，召开动员会议；②6月底前，出台实施细则并组织培训。", Y2021))).toEqual(["date", "2021-06-30"]);
  });

  it("reads day-month dates written with full stops (2021.12.31) in a column", () => {
    expect(parseDeadlineCell("2021.12.31", Y2021).deadline).toEqual({ text: "2021.12.31", due: "2021-12-31", kind: "date" });
  });
});
