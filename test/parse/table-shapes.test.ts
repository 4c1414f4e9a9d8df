import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importText } from "../../src/importers/txt.js";
import type { Task } from "../../src/model/ledger.js";
import { parseDocument } from "../../src/parse/index.js";

/**
 * Table shapes of issue 12 on real text: rows of 池州市信访局's task list (fixtures/real/chizhou-xfj-tasks.txt) and
 * of a 江门 土地储备中心 page (http://sd-xs.com/bmpd/jmstdcbzx/zwdt/tzgg/content/post_2452685.html), cut and
 * re-laid in the shapes other pages and converters give the same tables. Expected trees were written first.
 */
const parse = (text: string) => parseDocument(importText(text));
const flat = (tasks: Task[]): Task[] => tasks.flatMap((t) => [t, ...flat(t.children)]);
const rows = (text: string) =>
  flat(parse(text).tasks).map((t) => [t.level, t.label, t.title, t.lead, t.responsible, t.deadline && [t.deadline.kind, t.deadline.due]]);
const chizhou = readFileSync(new URL("../../fixtures/real/chizhou-xfj-tasks.txt", import.meta.url), "utf8");

const ongoing = ["ongoing", null];
const chizhouBasics = [
  [1, null, "做好主动公开基础工作", [], [], null],
  [2, "3", "严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容", [], ["各科室"], ongoing],
  [2, "4", "规范做好政府信息公开工作年度报告编制发布工作,接受社会监督", [], ["办公室"], ongoing],
  [1, null, "规范办理依申请公开", [], [], null],
  [2, "5", "依法依规办理政府信息公开申请,防范法律风险", [], ["各科室"], ongoing],
];
const chizhouRows = [
  ["做好主动公开基础工作", "3", "严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容。", "各科室", "持续推进"],
  ["做好主动公开基础工作", "4", "规范做好政府信息公开工作年度报告编制发布工作,接受社会监督。", "办公室", "持续推进"],
  ["规范办理依申请公开", "5", "依法依规办理政府信息公开申请,防范法律风险。", "各科室", "持续推进"],
];
const chizhouHeader = ["工作任务", "序号", "具体要求", "责任科室", "时限要求"];

describe("a merged category repeated on every row of a flattened table is one parent", () => {
  it("'cell | cell' rows of a web page, numbered categories", () => {
    expect(
      rows(
        [
          "工作任务 | 具体要求 | 责任部门 |",
          "二、做好政府网站专栏信息公开。 | 2.及时更新网站频道的各类型概况信息。 | 办公室 |",
          "二、做好政府网站专栏信息公开。 | 3.及时反馈网民对调查征集信息的意见。 | 各科室 |",
          "二、做好政府网站专栏信息公开。 | 4.及时更新微信公众号信息。 | 办公室牵头,各科室配合 |",
          "三、持续加强重大政策发布解读。 | 5.聚焦我中心工作,切实加强重大政策实施的发布解读。 | 各科室 |",
        ].join("\n"),
      ),
    ).toEqual([
      [1, "二、", "做好政府网站专栏信息公开", [], [], null],
      [2, "2.", "及时更新网站频道的各类型概况信息", [], ["办公室"], null],
      [2, "3.", "及时反馈网民对调查征集信息的意见", [], ["各科室"], null],
      [2, "4.", "及时更新微信公众号信息", ["办公室"], ["各科室"], null],
      [1, "三、", "持续加强重大政策发布解读", [], [], null],
      [2, "5.", "聚焦我中心工作,切实加强重大政策实施的发布解读", [], ["各科室"], null],
    ]);
  });

  it("'cell | cell' rows with an unnumbered category and a 序号 column between it and the content", () => {
    expect(rows([chizhouHeader, ...chizhouRows].map((r) => `${r.join(" | ")} |`).join("\n"))).toEqual(chizhouBasics);
  });

  it("tab-separated cells (Tika, a spreadsheet copied as text)", () => {
    expect(rows([chizhouHeader, ...chizhouRows].map((r) => r.join("\t")).join("\n"))).toEqual(chizhouBasics);
  });

  it("one cell per line with '|' lines between cells", () => {
    const repeated = chizhou.replace("防范泄密风险。\n|\n各科室\n|\n持续推进\n|\n4\n", "防范泄密风险。\n|\n各科室\n|\n持续推进\n|\n做好主动公开基础工作\n|\n4\n");
    const tree = parse(repeated).tasks;
    expect(tree.map((t) => t.title).filter((t) => t === "做好主动公开基础工作")).toHaveLength(1);
    expect(tree.find((t) => t.title === "做好主动公开基础工作")!.children.map((t) => t.label)).toEqual(["3", "4"]);
    expect(tree).toHaveLength(7);
  });
});

describe("data rows one cell wider than the header (an unlabelled 序号 column)", () => {
  // The first rows of the 池州 list as a page wrote them: the header has no cell over the row numbers.
  const rowsOf = [
    ["工作任务", "具体要求", "责任科室", "时限要求"],
    ["强化行政规范性文件集中规范公开", "1", "对行政规范性文件进行全面清理,并向社会公布现行有效行政规范性文件目录。", "办公室", "年底前"],
    ["深化政策解读形式", "2", "积极做好政策解读工作,持续提升政策解读质量,丰富解读形式。", "各科室", "持续推进"],
    ["做好主动公开基础工作", "3", "严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容。", "各科室", "持续推进"],
    ["4", "规范做好政府信息公开工作年度报告编制发布工作,接受社会监督。", "办公室", "持续推进"],
  ];
  const expected = [
    [1, null, "强化行政规范性文件集中规范公开", [], [], null],
    [2, "1", "对行政规范性文件进行全面清理,并向社会公布现行有效行政规范性文件目录", [], ["办公室"], ["date", null]],
    [1, null, "深化政策解读形式", [], [], null],
    [2, "2", "积极做好政策解读工作,持续提升政策解读质量,丰富解读形式", [], ["各科室"], ongoing],
    [1, null, "做好主动公开基础工作", [], [], null],
    [2, "3", "严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容", [], ["各科室"], ongoing],
    [2, "4", "规范做好政府信息公开工作年度报告编制发布工作,接受社会监督", [], ["办公室"], ongoing],
  ];

  it.each([
    ["'cell | cell' rows", rowsOf.map((r) => `${r.join(" | ")} |`).join("\n")],
    ["tab-separated rows", rowsOf.map((r) => r.join("\t")).join("\n")],
    ["Tika's one cell per line", rowsOf.map((r) => r.map((c) => `\t${c}`).join("\n")).join("\n\n")],
  ])("%s: the number labels its row, the owners stay in their column", (_shape, text) => {
    expect(rows(text)).toEqual(expected);
  });
});

describe("deadline cells are never task titles", () => {
  it("a time column the header does not name: 持续推进 is each row's deadline", () => {
    const noTimeColumn = chizhou.replace("|\n时限要求\n", "").replace("|\n年底前\n", "");
    const tasks = flat(parse(noTimeColumn).tasks);
    expect(tasks.map((t) => t.title)).not.toContain("持续推进");
    expect(parse(noTimeColumn).tasks.map((t) => t.title)).toEqual(parse(chizhou).tasks.map((t) => t.title));
    const leaves = tasks.filter((t) => t.children.length === 0);
    expect(leaves.map((t) => t.deadline?.kind ?? null)).toEqual([null, ...Array(7).fill("ongoing")]);
  });

  it("rows that lost their owner cell: the time limit follows the content", () => {
    const short = chizhou.replace("接受社会监督。\n|\n办公室\n|\n持续推进", "接受社会监督。\n|\n持续推进").replace("认真总结报送优秀稿件。\n|\n各科室\n|\n持续推进", "认真总结报送优秀稿件。\n|\n长期推进");
    const tasks = flat(parse(short).tasks);
    expect(tasks.map((t) => t.title)).not.toContain("持续推进");
    expect(tasks.map((t) => t.title)).not.toContain("长期推进");
    expect(tasks.find((t) => t.label === "4")).toMatchObject({ responsible: [], deadline: { kind: "ongoing" } });
    expect(tasks.find((t) => t.label === "7")).toMatchObject({ responsible: [], deadline: { kind: "ongoing", text: "长期推进" } });
  });
});

describe("problem → measure tables and owner cells", () => {
  it("each 存在问题 is the parent of the measures beside it; units joined by 会 / 及 or run together are split", () => {
    expect(
      rows(
        [
          "存在问题 | 整改目标和措施 | 责任单位 | 整改时限 |",
          "政府信息公开专栏更新不及时 | 1.建立栏目更新台账,专人负责。 | 办公室 | 长期坚持 |",
          "2.每季度开展一次自查。 | 办公室会各科室 | 2021年6月底前 |",
          "政策解读形式单一 | 3.丰富图解、视频等解读形式。 | 宣传科及各科室 | 2021年12月底前 |",
          "政务服务事项清单未公开 | 4.编制并公开政务服务事项清单。 | 市行政审批局市司法局 | 2021年9月底前 |",
        ].join("\n"),
      ),
    ).toEqual([
      [1, null, "政府信息公开专栏更新不及时", [], [], null],
      [2, "1.", "建立栏目更新台账,专人负责", [], ["办公室"], ongoing],
      [2, "2.", "每季度开展一次自查", [], ["办公室", "各科室"], ["date", "2021-06-30"]],
      [1, null, "政策解读形式单一", [], [], null],
      [2, "3.", "丰富图解、视频等解读形式", [], ["宣传科", "各科室"], ["date", "2021-12-31"]],
      [1, null, "政务服务事项清单未公开", [], [], null],
      [2, "4.", "编制并公开政务服务事项清单", [], ["市行政审批局", "市司法局"], ["date", "2021-09-30"]],
    ]);
  });

  it("X牵头，Y配合 in one cell of a 责任分工 column", () => {
    expect(
      rows(
        [
          "序号 | 工作任务 | 责任分工 | 完成时限 |",
          "1 | 及时更新微信公众号信息 | 办公室牵头，各科室配合 | 持续推进 |",
          "2 | 修订本单位政府信息公开指南 | 办公室牵头，财务科、各科室配合 | 2021年12月底前 |",
        ].join("\n"),
      ),
    ).toEqual([
      [1, "1", "及时更新微信公众号信息", ["办公室"], ["各科室"], ongoing],
      [1, "2", "修订本单位政府信息公开指南", ["办公室"], ["财务科", "各科室"], ["date", "2021-12-31"]],
    ]);
  });
});
