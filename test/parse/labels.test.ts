import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLabel, parseSequenceCell, RULES } from "../../src/parse/labels.js";

const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十九", "二十", "二十一", "三十五", "九十九"];

function chinese(n: number): string {
  const d = "零一二三四五六七八九";
  if (n < 10) return d[n];
  if (n < 20) return "十" + (n % 10 ? d[n % 10] : "");
  return d[Math.floor(n / 10)] + "十" + (n % 10 ? d[n % 10] : "");
}

describe("parseLabel: every label style real notices use", () => {
  it.each([
    ["一、加强政策解读，回应社会关切", "一、", "cn-comma", 1, "加强政策解读，回应社会关切"],
    [" 二十一、强化保障", "二十一、", "cn-comma", 21, "强化保障"],
    ["（一）细化公文办理程序", "（一）", "cn-paren", 1, "细化公文办理程序"],
    ["(三)推进行政执法信息公开。按照", "(三)", "cn-paren", 3, "推进行政执法信息公开。按照"],
    ["（十二）提升政府网站建设管理水平", "（十二）", "cn-paren", 12, "提升政府网站建设管理水平"],
    ["（2） 建立协同联动机制", "（2）", "arabic-paren", 2, "建立协同联动机制"],
    ["(1)加强培训", "(1)", "arabic-paren", 1, "加强培训"],
    ["1.实行重大决策预公开制度。", "1.", "arabic", 1, "实行重大决策预公开制度。"],
    ["2. 推行行政执法公示制度", "2.", "arabic", 2, "推行行政执法公示制度"],
    ["10、深化市场监管领域信息公开", "10、", "arabic", 10, "深化市场监管领域信息公开"],
    ["３．加强平台建设", "３．", "arabic", 3, "加强平台建设"],
    ["4 推进政务公开", "4", "arabic", 4, "推进政务公开"],
    ["①公开决策草案", "①", "circled", 1, "公开决策草案"],
    ["第一条 为了规范", "第一条", "article", 1, "为了规范"],
    ["第三章 保障措施", "第三章", "chapter", 3, "保障措施"],
    ["第二节 公开范围", "第二节", "section", 2, "公开范围"],
    ["1.1 总体要求", "1.1", "decimal-2", 1, "总体要求"],
    ["1.2.3 细化目录", "1.2.3", "decimal-3", 3, "细化目录"],
  ])("%s", (text, label, style, ordinal, rest) => {
    expect(parseLabel(text)).toEqual({ text: label, style, ordinal, rest });
  });

  it.each([
    "1.5万元用于平台建设",
    "2019年是中华人民共和国成立70周年",
    "11.5.14.2的规定",
    "3个工作日内答复",
    "3 个工作日内答复",
    "一是加强组织领导，二是强化考核",
    "12345政务服务热线",
    "5G时代下的政务新媒体",
    "（此件公开发布）",
    "（以下简称《条例》）",
    "2021年12月底前",
    "一、二级预算单位",
    "",
  ])("rejects what only looks like a label: %s", (text) => {
    expect(parseLabel(text)).toBeNull();
  });

  it("recognises Chinese numerals 1–99 in every Chinese style", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.constantFrom("、", "．"), (n, sep) => {
        const cn = chinese(n);
        expect(parseLabel(`${cn}${sep}推进工作`)?.ordinal).toBe(n);
        expect(parseLabel(`（${cn}）推进工作`)?.ordinal).toBe(n);
        expect(parseLabel(`(${cn})推进工作`)?.ordinal).toBe(n);
      }),
    );
  });

  it("reads any arabic label back with its number and rest", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom(".", "、", "．"),
        fc.constantFrom("推进工作", "加强平台建设。要求", "《条例》宣传"),
        (n, sep, rest) => {
          const got = parseLabel(`${n}${sep}${rest}`);
          expect(got).toMatchObject({ text: `${n}${sep}`, style: "arabic", ordinal: n, rest });
        },
      ),
    );
  });

  it("never takes a quantity for a label", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom("个工作日", "年", "月", "万元", "%", "项任务", "家企业", "小时内"),
        (n, unit) => {
          expect(parseLabel(`${n}${unit}完成`)).toBeNull();
          expect(parseLabel(`${n}.5${unit}`)).toBeNull();
        },
      ),
    );
  });

  it("is fast on adversarial input", () => {
    const long = "（".repeat(50_000) + "一".repeat(50_000) + "1.".repeat(50_000);
    // No time bound here (the default suite never asserts on time): a super-linear regex would hang
    // the test; `npm run test:robustness` measures growth (test/robustness/regex.test.ts).
    parseLabel(long);
    parseLabel("1".repeat(100_000));
    parseLabel(" ".repeat(100_000) + "x");
  });
});

describe("parseSequenceCell", () => {
  it.each(CN.map((c, i) => [c, i]))("序号 %s", (c) => {
    expect(parseSequenceCell(c)?.style).toBe("cn-bare");
  });
  it("reads digits and full labels, rejects prose", () => {
    expect(parseSequenceCell("12")?.ordinal).toBe(12);
    expect(parseSequenceCell("（三）")?.ordinal).toBe(3);
    expect(parseSequenceCell("进一步做好")).toBeNull();
  });
});

describe("the RULES table", () => {
  // parseLabel tries a rule only when the text starts with one of the rule's `first` characters.
  const alphabet = [..."第一二十百〇零两章节条部分（()）①⑳0123456789０９.．、，, \u3000AaZz1年个"];
  it("lists every character each rule's pattern can start with", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }), (chars) => {
        const text = chars.join("");
        for (const rule of RULES) if (rule.re.exec(text)) expect(rule.first, `${rule.style}: ${text}`).toContain(text[0]);
      }),
      { numRuns: 3000 },
    );
  });
});
