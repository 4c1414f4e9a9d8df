import { describe, expect, it } from "vitest";
import { importText } from "../../src/importers/txt.js";
import type { Task } from "../../src/model/ledger.js";
import { parseDocument } from "../../src/parse/index.js";

/** Shapes real notices take that the seeds do not show. Texts are paraphrased, not copied. */
const parse = (lines: string[]) => parseDocument(importText(lines.join("\n")));
const flat = (tasks: Task[]): Task[] => tasks.flatMap((t) => [t, ...flat(t.children)]);
const rows = (lines: string[]) =>
  flat(parse(lines).tasks).map((t) => [t.level, t.label, t.title, t.lead, t.responsible, t.deadline && [t.deadline.kind, t.deadline.due]]);

describe("tables rendered as 'cell | cell |' rows by web pages", () => {
  it("places cells by their content when merged cells were dropped", () => {
    expect(
      rows([
        "某市2022年政务公开任务清单",
        "工作任务 | 具体要求 | 责任单位 | 时限要求 | ||",
        "一、助力经济发展。 | (一)公开市场主体政策。 | 1 | 公开涉企政策文件的制定和执行情况。 | 市政府各有关部门,各县市区人民政府负责落实 | 持续推进 |",
        "2 | 开设行业帮扶政策专题。 | 市商务局牵头,各有关部门配合 | 2022年12月底前 | ||",
      ]),
    ).toEqual([
      [1, "一、", "助力经济发展", [], [], null],
      [2, "(一)", "公开市场主体政策", [], [], null],
      [3, "1", "公开涉企政策文件的制定和执行情况", [], ["市政府各有关部门", "各县市区人民政府"], ["ongoing", null]],
      [3, "2", "开设行业帮扶政策专题", ["市商务局"], ["各有关部门"], ["date", "2022-12-31"]],
    ]);
  });

  it("a numbered content cell is the row's task; unnumbered rows continue the category", () => {
    expect(
      rows([
        "工作任务 | 具体要求 | 责任部门 |",
        "一、做好财政信息公开。 | 1.推进预算决算公开。 | 财务科 |",
        "二、做好网站信息公开。 | 2.及时更新概况信息。 | 办公室 |",
        "3.及时反馈网民意见。 | 办公室牵头,各科室配合 | |",
      ]),
    ).toEqual([
      [1, "一、", "做好财政信息公开", [], [], null],
      [2, "1.", "推进预算决算公开", [], ["财务科"], null],
      [1, "二、", "做好网站信息公开", [], [], null],
      [2, "2.", "及时更新概况信息", [], ["办公室"], null],
      [2, "3.", "及时反馈网民意见", ["办公室"], ["各科室"], null],
    ]);
  });

  it("reads rows by position when none lost a cell, ignoring progress columns", () => {
    expect(
      rows([
        "某县2023年度重点工作清单",
        "序号 | 工作事项 | 进度安排 | 进展情况 | 完成情况 |",
        "1 | 启动综合体建设。 | ①2月上旬前,完成设计招标。②5月底前,开工建设。 | ①已完成。 | 序时推进 |",
        "2 | 壮大金融服务业。 | ①3月底前,召开联席会议,明确2023年增长目标。②6月底前,出台贴息政策。 | ①已完成。 | 序时推进 |",
      ]),
    ).toEqual([
      [1, "1", "启动综合体建设", [], [], ["date", "2023-05-31"]],
      [1, "2", "壮大金融服务业", [], [], ["date", "2023-06-30"]],
    ]);
  });

  it("one cell per line with '|' lines between cells, unnumbered task cells as parents", () => {
    const lines = ["工作任务", "|", "具体要求", "|", "责任科室", "|", "时限要求", "|"];
    for (const [task, n, req, unit, when] of [
      ["规范文件公开", "1", "全面清理行政规范性文件并公布目录。", "办公室", "年底前"],
      ["深化政策解读", "2", "持续提升政策解读质量,丰富解读形式。", "各科室", "持续推进"],
      ["", "3", "规范编制政府信息公开年度报告。", "办公室", "持续推进"],
    ]) {
      if (task) lines.push(task, "|");
      lines.push(n, "|", req, "|", unit, "|", when, "|");
    }
    expect(rows(lines)).toEqual([
      [1, null, "规范文件公开", [], [], null],
      [2, "1", "全面清理行政规范性文件并公布目录", [], ["办公室"], ["date", null]],
      [1, null, "深化政策解读", [], [], null],
      [2, "2", "持续提升政策解读质量,丰富解读形式", [], ["各科室"], ["ongoing", null]],
      [2, "3", "规范编制政府信息公开年度报告", [], ["办公室"], ["ongoing", null]],
    ]);
  });
});

describe("cover notices and metadata blocks", () => {
  it("the cover's own numbered requirements are not tasks, even when the plan follows in a table", () => {
    const parsed = parse([
      "区人民政府办公室关于印发2023年重点任务分解方案的通知",
      "各街道办事处,区人民政府各部门:",
      "现将分解方案印发给你们,并就有关事项通知如下:",
      "一、各责任单位要高度重视,于2023年1月15日前报送工作方案。",
      "二、区绩效考评机构要纳入考核范围。",
      "某区人民政府办公室",
      "2023年1月3日",
      "2023年重点任务分解方案",
      "一、主要预期目标",
      "(一)地区生产总值增长6%。",
    ]);
    expect(flat(parsed.tasks).map((t) => [t.label, t.title])).toEqual([["一、", "主要预期目标"], ["(一)", "地区生产总值增长6%"]]);
    expect(parsed.document).toMatchObject({ issuer: "某区人民政府办公室", issuedDate: "2023-01-03", title: "2023年重点任务分解方案", year: 2023 });
  });

  it("reads web-page field blocks in their several renderings", () => {
    expect(parse(["索 引 号 MB1534/2023-05475 发文日期 2023-01-03", "发布机构 区人民政府办公室 文    号 蔡政办〔2023〕1号", "一、推进公开"]).document).toMatchObject({
      docNumber: "蔡政办〔2023〕1号",
      issuer: "区人民政府办公室",
      issuedDate: "2023-01-03",
    });
    expect(parse(["发布机构: | 生成日期: | 2022-12-02 08:54:33", "成文日期:2022-11-30 | |", "一、推进公开"]).document).toMatchObject({ issuedDate: "2022-11-30", issuer: null });
    expect(parse(["【重点工作】滁州市人民政府关于2020年重点工作及责任分解的通知", "一、推进公开"]).document).toMatchObject({
      noticeTitle: "滁州市人民政府关于2020年重点工作及责任分解的通知",
      issuer: "滁州市人民政府",
      // A notice that issues no other document is the plan (issue 12; the gold of fixtures/real/set5/chuzhou).
      title: "滁州市人民政府关于2020年重点工作及责任分解的通知",
    });
  });

  it("a multi-year plan has no working year; a title may end in a note", () => {
    expect(parse(["某市新型基础设施建设三年行动方案（2022—2024年）", "一、总体要求"]).document).toMatchObject({
      title: "某市新型基础设施建设三年行动方案（2022—2024年）",
      year: null,
    });
  });
});

describe("owner conventions of real notices", () => {
  it("'以下均需X落实，不再一一列出' carries X to the following items, marked inherited", () => {
    const tasks = flat(
      parse([
        "一、加强公开",
        "（一）推进审批公开。（牵头单位：市审批局；责任单位：市直有关部门。以下任务均需各区市政府、开发区管委落实，不再一一列出）",
        "（二）推进执法公开。",
        "（三）推进财政公开。（市财政局负责）",
      ]).tasks,
    );
    expect(tasks.map((t) => [t.lead, t.responsible, t.ownersInherited])).toEqual([
      [[], [], false],
      [["市审批局"], ["市直有关部门"], false],
      [[], ["各区市政府", "开发区管委"], true],
      [[], ["市财政局"], false],
    ]);
  });

  it("owner field lines with compound labels; people are not units", () => {
    expect(
      rows(["1.推进综合交通建设。", "牵头责任单位:市发展改革委。", "协同责任单位:市交通局等,各县、市、区政府。", "牵头负责领导:某某"]).map((r) => r.slice(3, 5)),
    ).toEqual([[["市发展改革委"], ["市交通局", "各县、市、区政府"]]]);
  });

  it("a 完成时限 field governs its item", () => {
    expect(rows(["1．规范政策发布。2022年6月底前完成清理。", "完成时限：长期坚持"])[0][5]).toEqual(["ongoing", null]);
  });
});

describe("text whose line breaks were lost", () => {
  it("cuts a run-on notice where its items start", () => {
    const text =
      "某县2018年政务公开工作实施方案为提升政务公开的质量和实效，结合本县实际，制定本方案。一、工作目标。进一步加大政务公开力度，拓宽公开范围和渠道，加强政策解读回应，提升政务服务水平，推动法治政府建设。" +
      "二、工作任务。（一）围绕建设法治政府推进公开。把公开透明作为政府工作的基本要求，坚持以公开为常态、不公开为例外。（二）强化政策解读。政策文件与解读方案同步组织、同步审签、同步部署，做好解读回应工作。";
    expect(rows([text]).map((r) => r.slice(0, 3))).toEqual([
      [1, "一、", "工作目标"],
      [1, "二、", "工作任务"],
      [2, "（一）", "围绕建设法治政府推进公开"],
      [2, "（二）", "强化政策解读"],
    ]);
  });

  it("cuts between a heading that ends without punctuation and its first sub-item (丽水分局, a Word .doc)", () => {
    // From ../shared/real-office/lishui_2014_xiaofeizhe_quanyi_baohu_yijian_msword.doc, whose body is one paragraph.
    const text =
      "提出如下意见：     一、坚持围绕一个目标，倾力打造“养生丽水 和谐金融”（一）围绕消费者权益保护，打造“养生丽水 和谐金融”。分局各部门要坚持以人为本、服务至上，维护公平、公正的市场环境。" +
      " 二、充分认识双重意义，切实转变金融服务理念（二）把银行业消费者权益保护作为践行党的群众路线的具体行动。要充分认识到加强银行业消费者权益保护是发展普惠金融的重要内容。" +
      "（三）把加强银行业消费者权益保护作为实现银行发展的必然选择。银行业是服务行业，提供的产品和服务直接面向终端消费者。" +
      "四、重点关注四类对象，提升消费者权益保护针对性（六）关注普通消费者，提高金融服务普适性。各银行业金融机构要根据经济社会发展和各地实际情况，积极创新产品和服务。";
    expect(rows([text]).map((r) => r.slice(0, 3))).toEqual([
      [1, "一、", "坚持围绕一个目标，倾力打造“养生丽水 和谐金融”"],
      [2, "（一）", "围绕消费者权益保护，打造“养生丽水 和谐金融”"],
      [1, "二、", "充分认识双重意义，切实转变金融服务理念"],
      [2, "（二）", "把银行业消费者权益保护作为践行党的群众路线的具体行动"],
      [2, "（三）", "把加强银行业消费者权益保护作为实现银行发展的必然选择"],
      [1, "四、", "重点关注四类对象，提升消费者权益保护针对性"],
      [2, "（六）", "关注普通消费者，提高金融服务普适性"],
    ]);
  });

  it("says so when it finds no tasks", () => {
    expect(parse(["关于做好某项工作的通知", "各单位：", "请认真做好相关工作。"]).diagnostics.map((d) => [d.severity, d.code])).toContainEqual([
      "warning",
      "no-tasks",
    ]);
  });
});

describe("headings broken across lines", () => {
  it("joins a heading broken inside quotes", () => {
    expect(rows(["1.制作并播发“关于开展创建活动的市领导电视", "讲话”。", "2.统一悬挂宣传标语。"]).map((r) => r[2])).toEqual([
      "制作并播发“关于开展创建活动的市领导电视讲话”",
      "统一悬挂宣传标语",
    ]);
  });

  it("keeps a bracketed word that names no owner in the title", () => {
    expect(rows(["（一）排查整治工业企业（场所）。要逐一建档。（市生态环境局牵头）"])[0].slice(2, 4)).toEqual(["排查整治工业企业（场所）", ["市生态环境局"]]);
  });
});

describe("more shapes from real notices", () => {
  it("a section heading row inside a '|' table, and several numbered cells in one row", () => {
    expect(
      rows([
        "序号 | 部署任务 | 落实措施 | 牵头单位 | 责任单位 | 完成时限 | 备注 |",
        "一、全链条优化审批 | ||||||",
        "(一)实施许可事项清单管理。 | 1.2022年底前编制许可事项清单。 | (1)9月底前公布市级清单。 | 市行政审批局 | 各区县政府 | 2022年9月底 | |",
        "(2)清理整治变相许可。 | 市行政审批局 | 各区县政府 | 2022年11月底 | |",
      ]),
    ).toEqual([
      [1, "一、", "全链条优化审批", [], [], null],
      [2, "(一)", "实施许可事项清单管理", [], [], null],
      [3, "1.", "2022年底前编制许可事项清单", [], [], ["date", "2022-12-31"]],
      [4, "(1)", "9月底前公布市级清单", ["市行政审批局"], ["各区县政府"], ["date", "2022-09-30"]],
      [4, "(2)", "清理整治变相许可", ["市行政审批局"], ["各区县政府"], ["date", "2022-11-30"]],
    ]);
  });

  it("'2.年均增长7%左右' is item 2, not a quantity", () => {
    expect(rows(["1.地区生产总值增长6%。", "2.年均经济增速7%左右。", "3.城镇新增就业1万人。"]).map((r) => r[1])).toEqual(["1.", "2.", "3."]);
  });

  it("a 负责科室 column holds owners", () => {
    expect(rows(["重点任务\t工作内容\t负责科室", "回应关切\t对社会热点问题及时主动回应。\t各业务科室"])).toEqual([
      [1, null, "回应关切", [], [], null],
      [2, null, "对社会热点问题及时主动回应", [], ["各业务科室"], null],
    ]);
  });
});

describe("document numbers written in brackets", () => {
  it("after the notice title, or alone on the line below it", () => {
    expect(parse(["某市委办公室某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(某办发〔2017〕2号)", "一、总体要求"]).document).toMatchObject({
      noticeTitle: "某市委办公室某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知",
      title: "关于全面推进政务公开工作的实施意见",
      docNumber: "某办发〔2017〕2号",
    });
    expect(parse(["某市人民政府办公室关于印发某市2020年政务公开工作要点的通知", "(某府办函〔2020〕8号)", "一、总体要求"]).document).toMatchObject({
      docNumber: "某府办函〔2020〕8号",
      title: "某市2020年政务公开工作要点",
    });
  });
});
