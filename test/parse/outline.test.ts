import { describe, expect, it } from "vitest";
import { importText } from "../../src/importers/txt.js";
import type { Task } from "../../src/model/ledger.js";
import { parseDocument } from "../../src/parse/index.js";

const parse = (text: string) => parseDocument(importText(text));
const shape = (tasks: Task[]): unknown[] => tasks.map((t) => [t.label, t.level, ...(t.children.length ? [shape(t.children)] : [])]);
const codes = (text: string) => parse(text).diagnostics.filter((d) => d.severity === "warning").map((d) => [d.code, d.source?.line]);

describe("outline: levels from the document's own order of label styles", () => {
  it("nests 一、 / （一） / 1. / （1） / ①", () => {
    const doc = ["一、总体要求", "（一）指导思想", "1.坚持公开", "（1）全文公开", "①主动公开", "②依申请公开", "（2）删减公开", "2.坚持解读", "（二）基本原则", "二、主要任务"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([
      ["一、", 1, [["（一）", 2, [["1.", 3, [["（1）", 4, [["①", 5], ["②", 5]]], ["（2）", 4]]], ["2.", 3]]], ["（二）", 2]]],
      ["二、", 1],
    ]);
    expect(codes(doc)).toEqual([]);
  });

  it("takes the first style seen as the top, whatever it is", () => {
    const doc = ["1.总体要求", "（1）公开", "（2）解读", "2.保障措施"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["1.", 1, [["（1）", 2], ["（2）", 2]]], ["2.", 1]]);
  });

  it("reads chapters and articles", () => {
    const doc = ["第一章 总则", "第一条 为了规范政务公开工作，制定本办法。", "第二条 本办法适用于全区。", "第二章 公开内容", "第三条 主动公开。"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([
      ["第一章", 1, [["第一条", 2], ["第二条", 2]]],
      ["第二章", 1, [["第三条", 2]]],
    ]);
  });
});

describe("outline: the mistakes real notices contain", () => {
  it("（一） then （2）, （3） are siblings (numbering-style-mixed)", () => {
    const doc = ["一、加强政策解读", "（一）细化公文办理程序。", "（2） 建立协同联动机制。", "（3） 完善会议公开制度。", "二、推进决策公开", "（一）推进重大决策公开。", "（2） 推进重大部署执行公开。"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([
      ["一、", 1, [["（一）", 2], ["（2）", 2], ["（3）", 2]]],
      ["二、", 1, [["（一）", 2], ["（2）", 2]]],
    ]);
    expect(codes(doc)).toEqual([
      ["numbering-style-mixed", 3],
      ["numbering-style-mixed", 7],
    ]);
  });

  it("a child list in the mixed style still nests: （2） then （1）", () => {
    const doc = ["一、任务", "（一）甲", "（2）乙", "（1）乙的第一项", "（2）乙的第二项"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["一、", 1, [["（一）", 2], ["（2）", 2, [["（1）", 3], ["（2）", 3]]]]]]);
  });

  it("a repeated 三、 stays a sibling (numbering-duplicate)", () => {
    const doc = ["一、甲", "二、乙", "三、丙", "（一）丙一", "三、丁", "（一）丁一"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["一、", 1], ["二、", 1], ["三、", 1, [["（一）", 2]]], ["三、", 1, [["（一）", 2]]]]);
    expect(codes(doc)).toEqual([["numbering-duplicate", 5]]);
  });

  it("items 1, 2, 5 are siblings (numbering-gap)", () => {
    const doc = ["（一）平台建设", "1.加强政府网站建设。", "2.强化政府公报。", "5.更好发挥新闻媒体作用。"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["（一）", 1, [["1.", 2], ["2.", 2], ["5.", 2]]]]);
    expect(codes(doc)).toEqual([["numbering-gap", 4]]);
  });

  it("numbering that runs on across sections is accepted", () => {
    const doc = ["一、甲", "(一)甲一", "(二)甲二", "二、乙", "(三)乙一", "(四)乙二"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["一、", 1, [["(一)", 2], ["(二)", 2]]], ["二、", 1, [["(三)", 2], ["(四)", 2]]]]);
    expect(codes(doc)).toEqual([]);
  });

  it("a skipped level nests under the item it follows (level-skipped)", () => {
    const doc = ["一、甲", "（一）甲一", "1.甲一一", "二、乙", "1.乙一", "2.乙二"].join("\n");
    expect(shape(parse(doc).tasks)).toEqual([["一、", 1, [["（一）", 2, [["1.", 3]]]]], ["二、", 1, [["1.", 2], ["2.", 2]]]]);
    expect(codes(doc)).toEqual([["level-skipped", 5]]);
  });
});

describe("outline: what is not a task", () => {
  it("skips cover notice, preamble, signature, table of contents and attachments", () => {
    const doc = [
      "关于印发某区2020年政务公开工作要点的通知",
      "各街道，区政府各部门：",
      "现将《某区2020年政务公开工作要点》印发给你们，请认真贯彻落实。",
      "附件：1.某区2020年政务公开工作要点",
      "2.任务分工表",
      "某区人民政府办公室",
      "2020年3月2日",
      "某区2020年政务公开工作要点",
      "目录",
      "一、推进决策公开……1",
      "二、强化保障……3",
      "为做好2020年政务公开工作，制定本要点。",
      "一、推进决策公开",
      "（一）实行重大决策预公开。",
      "二、强化保障",
      "（一）加强组织领导。",
      "抄送：区委办公室。",
    ].join("\n");
    const parsed = parse(doc);
    expect(shape(parsed.tasks)).toEqual([["一、", 1, [["（一）", 2]]], ["二、", 1, [["（一）", 2]]]]);
    expect(parsed.tasks[1].children[0].text).toBe("加强组织领导。");
  });

  it("body paragraphs are the item's text; the title is the heading", () => {
    const doc = ["一、加强政策解读", "（一）细化公文办理程序，做好解读工作。", "要将政务公开贯穿公文办理全过程。", "（二）推进重要决策公开。在出台或调整相关政策时，要广泛征求意见。"].join("\n");
    const [one] = parse(doc).tasks;
    expect(one.children.map((t) => t.title)).toEqual(["细化公文办理程序，做好解读工作", "推进重要决策公开"]);
    expect(one.children[0].text).toBe("细化公文办理程序，做好解读工作。\n要将政务公开贯穿公文办理全过程。");
  });
});
