import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  declaresCarryOver,
  detectOwnerConventions,
  findOwnerClauses,
  findTrailingOwnerClause,
  looksLikeUnitList,
  mergeOwnerAssignments,
  parseOwnerCell,
  parseOwnerLine,
  splitUnits,
} from "../../src/parse/owners/index.js";
import { parseClause } from "../../src/parse/owners/clause.js";
import { SHAPES } from "../../src/parse/owners/shapes.js";

const FIRST_IS_LEAD = { firstIsLead: true };

/** [lead, responsible] of the trailing owner clause of `text`, or null. */
function roles(text: string, conv = { firstIsLead: false }): [string[], string[]] | null {
  const found = findTrailingOwnerClause(text, conv);
  return found ? [found.assignment.lead, found.assignment.responsible] : null;
}

describe("findTrailingOwnerClause: owner parentheticals from the seeds", () => {
  it.each<[string, string[], string[]]>([
    ["（牵头单位：区政府办；落实单位：区政府各部门）", ["区政府办"], ["区政府各部门"]],
    // clauses separated by 、 instead of ；
    ["（牵头单位：区委宣传部、落实单位：区政府各部门）", ["区委宣传部"], ["区政府各部门"]],
    ["（牵头单位：区政府办公室，区政府各部门；落实单位：区政府各部门）", ["区政府办公室", "区政府各部门"], ["区政府各部门"]],
    ["（牵头单位：区人大常委会办公室、区政府办公室、区政协办公室；落实单位：区政府各部门）", ["区人大常委会办公室", "区政府办公室", "区政协办公室"], ["区政府各部门"]],
    ["（牵头单位：区农业和水务局；落实单位：区政府各部门）", ["区农业和水务局"], ["区政府各部门"]],
    ["（牵头单位：区纪委、区政府办公室、区人社局）", ["区纪委", "区政府办公室", "区人社局"], []],
    ["(省司法厅、省审批服务管理局牵头,省直各部门和各市人民政府负责落实)", ["省司法厅", "省审批服务管理局"], ["省直各部门", "各市人民政府"]],
    ["(省直各部门和各市县人民政府负责落实)", [], ["省直各部门", "各市县人民政府"]],
    ["(省财政厅和各市、县人民政府负责落实)", [], ["省财政厅", "各市、县人民政府"]],
    ["(省地方金融监管局、省财政厅、省扶贫办、省生态环境厅和各市县人民政府负责落实)", [], ["省地方金融监管局", "省财政厅", "省扶贫办", "省生态环境厅", "各市县人民政府"]],
    ["(各市人民政府负责落实)", [], ["各市人民政府"]],
    [
      "（各乡镇，各部门按照职责分别落实；管委会办公室负责做好以管委会名义制定的政策文件报送材料要件把关工作）",
      [],
      ["各乡镇", "各部门", "管委会办公室"],
    ],
    ["（法制办牵头组织推动统一的执法信息公示平台建设和相关制度的建立；各乡镇，各部门按照职责分别落实）", ["法制办"], ["各乡镇", "各部门"]],
    [
      "（金融办、发改局、财政局、建委、农业局、生态环境分局、林业局、水利局等牵头抓好相关领域政府信息公开工作）",
      ["金融办", "发改局", "财政局", "建委", "农业局", "生态环境分局", "林业局", "水利局"],
      [],
    ],
    [
      "（发改局、财政局、建委、政务公开办、税务局、公安分局、规划和自然资源分局、工商分局等牵头抓好相关领域政府信息公开工作；其他部门对应相关工作任务分别落实）",
      ["发改局", "财政局", "建委", "政务公开办", "税务局", "公安分局", "规划和自然资源分局", "工商分局"],
      ["其他部门"],
    ],
    [
      "（发改局、教育卫生计生局、民政局、财政局、人社局、建委、农业局、文体旅游科技局、审计局、政务公开办、安居办、规划和自然资源分局等对应职能做好相关领域政府信息公开工作；其他部门对应相关工作任务分别落实）",
      [],
      ["发改局", "教育卫生计生局", "民政局", "财政局", "人社局", "建委", "农业局", "文体旅游科技局", "审计局", "政务公开办", "安居办", "规划和自然资源分局", "其他部门"],
    ],
    ["（各乡镇对应相关工作分别落实）", [], ["各乡镇"]],
    ["（政务公开办、信息网络中心分别牵头抓好相关工作；各乡镇，各部门按照职责分别落实）", ["政务公开办", "信息网络中心"], ["各乡镇", "各部门"]],
    ["（信息网络中心、政务公开办牵头抓好相关工作）", ["信息网络中心", "政务公开办"], []],
  ])("%s", (clause, lead, responsible) => {
    expect(roles(`要加强监督。${clause}`)).toEqual([lead, responsible]);
  });

  it("returns where the clause starts and ends, and the clause text without brackets", () => {
    const text = "1.实行重大决策预公开制度。……同时公布决策制定时意见收集和采纳情况。（牵头单位：区政府办；落实单位：区政府各部门） ";
    const found = findTrailingOwnerClause(text);
    expect(found).not.toBeNull();
    expect(text.slice(found!.start, found!.end)).toBe("（牵头单位：区政府办；落实单位：区政府各部门）");
    expect(found!.assignment.text).toBe("牵头单位：区政府办；落实单位：区政府各部门");
    expect(found!.assignment.unsplit).toBeUndefined();
  });

  it("finds the clause on a heading and when followed by 。", () => {
    expect(roles("推进管委会门户网站建设（信息网络中心、政务公开办牵头抓好相关工作）。")).toEqual([["信息网络中心", "政务公开办"], []]);
  });
});

describe("findTrailingOwnerClause: other phrase classes", () => {
  it.each<[string, string[], string[]]>([
    ["（市发展改革委牵头，市财政局、市审计局配合）", ["市发展改革委"], ["市财政局", "市审计局"]],
    ["（省教育厅负责）", [], ["省教育厅"]],
    ["（区财政局指导，各乡镇负责落实）", [], ["区财政局", "各乡镇"]],
    ["（区财政局会同区审计局负责）", [], ["区财政局", "区审计局"]],
    ["（由区财政局牵头，区审计局配合）", ["区财政局"], ["区审计局"]],
    ["（区政数局为牵头单位，各相关单位为配合单位）", ["区政数局"], ["各相关单位"]],
    ["（市委网信办、市公安局按职责分工负责）", [], ["市委网信办", "市公安局"]],
    ["（区发改局、区财政局分别牵头）", ["区发改局", "区财政局"], []],
    ["（负责部门：区政务服务中心；适用范围：全区各乡镇）", [], ["区政务服务中心"]],
    ["【牵头单位：区委宣传部；配合单位：区融媒体中心】", ["区委宣传部"], ["区融媒体中心"]],
    ["〔责任单位：区应急管理局〕", [], ["区应急管理局"]],
    ["（牵头单位：市住建局（市人防办）；配合单位：各县（市、区）人民政府）", ["市住建局（市人防办）"], ["各县（市、区）人民政府"]],
    ["（区发改局（牵头）、区财政局）", ["区发改局"], ["区财政局"]],
    ["(市政府办公室牵头;各县区人民政府、市直各部门按职责落实)", ["市政府办公室"], ["各县区人民政府", "市直各部门"]],
    ["（区残疾人联合会、区总工会负责）", [], ["区残疾人联合会", "区总工会"]],
    ["（区就业指导中心负责）", [], ["区就业指导中心"]],
    // owners plus a completion time in the same clause: the time is not a unit
    ["（省卫生健康委、省医保局按职责分工负责，2021年12月底前完成）", [], ["省卫生健康委", "省医保局"]],
    // a bare unit list: responsible, unless a convention says the first leads
    ["（区委组织部、区委编办、区人社局）", [], ["区委组织部", "区委编办", "区人社局"]],
  ])("%s", (clause, lead, responsible) => {
    expect(roles(`加强基础工作。${clause}`)).toEqual([lead, responsible]);
  });

  it("looks past a trailing time note to the owner clause before it", () => {
    const text = "建立健全制度（牵头单位：区发改局）（2021年底前完成）。";
    const found = findTrailingOwnerClause(text);
    expect(found?.assignment.lead).toEqual(["区发改局"]);
    expect(text.slice(found!.start, found!.end)).toBe("（牵头单位：区发改局）");
  });

  it.each([
    "（以下简称《条例》）",
    "（试行）",
    "（国办发〔2019〕14号）",
    "（吉政办函〔2020〕21号）",
    "（2015-2020年）",
    "（全文公开、删减后公开、不予公开）",
    "（主动公开、依申请公开）",
    "（互联网协议第6版）",
    "（含县级市）",
    "（此件公开发布）",
    "（详见附件1）",
    "（以下简称“双随机”）",
    "（2021年底前完成）",
    "（部门）",
    "（街道）",
    "（试点地区）",
    "（按照国家统一部署推进）",
  ])("%s is not an owner clause", (clause) => {
    expect(findTrailingOwnerClause(`严格依照《中华人民共和国政府信息公开条例》${clause}`)).toBeNull();
    expect(findTrailingOwnerClause(`要明确公开属性${clause}。`)).toBeNull();
  });

  it("does not read another name of a unit as owners", () => {
    expect(findTrailingOwnerClause("统一报送区政府办公室（区政务公开办）。")).toBeNull();
  });

  it("does not see a clause when the text does not end with one", () => {
    expect(findTrailingOwnerClause("（牵头单位：区政府办）负责统筹")).toBeNull();
    expect(findTrailingOwnerClause("")).toBeNull();
    expect(findTrailingOwnerClause("区政府办牵头）")).toBeNull();
  });
});

/** [lead, responsible] of every owner clause in `text`. */
function allRoles(text: string): Array<[string[], string[]]> {
  return findOwnerClauses(text).map((c) => [c.assignment.lead, c.assignment.responsible]);
}

describe("findOwnerClauses: every owner parenthetical of an item, wherever it stands", () => {
  it("finds owner brackets after each sentence of the body (beijing 2018)", () => {
    const text =
      "围绕抓好“三件大事”做好信息公开。制定发布城市设计导则等规划信息。(市规划国土委负责落实)推进支持雄安新区建设等信息公开。" +
      "(市发展改革委、市经济信息化委、市教委分别负责落实)及时公开延崇高速建设情况。(市交通委负责落实)推进冬奥会场馆信息公开。" +
      "(市重大项目办、市体育局、市教委分别负责落实)";
    expect(allRoles(text)).toEqual([
      [[], ["市规划国土委"]],
      [[], ["市发展改革委", "市经济信息化委", "市教委"]],
      [[], ["市交通委"]],
      [[], ["市重大项目办", "市体育局", "市教委"]],
    ]);
    const found = findOwnerClauses(text);
    expect(text.slice(found[0].start, found[0].end)).toBe("(市规划国土委负责落实)");
    expect(found[3].end).toBe(text.length);
  });

  it("finds labelled owner brackets in the middle of a sentence (xunyang 2023)", () => {
    const text =
      "做好重大战略部署落实情况信息公开。推进产业迭代升级。(牵头单位:区发改委、区工信局;责任单位:区政府各相关部门、各街道)、" +
      "重塑大中路核心商圈(牵头单位:区商务局;责任单位:区政府各相关部门、各街道)、积极引导市场预期。(责任单位:区发改委)," +
      "深化国有企业改革行动。(责任单位:区国资中心)、深化绿色金融改革创新。(责任单位:区政府办)";
    expect(allRoles(text)).toEqual([
      [["区发改委", "区工信局"], ["区政府各相关部门", "各街道"]],
      [["区商务局"], ["区政府各相关部门", "各街道"]],
      [[], ["区发改委"]],
      [[], ["区国资中心"]],
      [[], ["区政府办"]],
    ]);
  });

  it("includes the trailing clause, also behind a time note, and finds nothing in an empty text", () => {
    expect(allRoles("建立健全制度（牵头单位：区发改局）（2021年底前完成）。")).toEqual([[["区发改局"], []]]);
    expect(allRoles("要加强监督。（区委组织部、区委编办、区人社局）")).toEqual([[[], ["区委组织部", "区委编办", "区人社局"]]]);
    expect(findOwnerClauses("")).toEqual([]);
  });

  it.each([
    "（以下简称《条例》）",
    "（试行）",
    "（国办发〔2019〕14号）",
    "（2015-2020年）",
    "（全文公开、删减后公开、不予公开）",
    "（以下简称“双随机”）",
    "（2021年底前完成）",
    "（部门）",
  ])("%s inside the text is not an owner clause", (clause) => {
    expect(findOwnerClauses(`严格依照《中华人民共和国政府信息公开条例》${clause}做好工作。推进信息公开${clause}，及时发布。`)).toEqual([]);
  });

  it("reads a bare unit list inside the text only right after a sentence, never as another name of a unit", () => {
    expect(allRoles("做好规划信息公开。（市规划国土委、市交通委）推进支持雄安新区建设。")).toEqual([[[], ["市规划国土委", "市交通委"]]]);
    expect(findOwnerClauses("各街道(功能区)办事处(管委会),区政府各部门,区属各企事业单位:")).toEqual([]);
    expect(findOwnerClauses("加强与市委宣传部（市新闻办）的沟通，统一报送区政府办公室（区政务公开办）审核。")).toEqual([]);
  });
});

describe("mergeOwnerAssignments", () => {
  it("unions lead and responsible in order of appearance, once per role, and joins the texts with ；", () => {
    const parts = findOwnerClauses("推进升级。(牵头单位:区发改委、区工信局;责任单位:各街道)、引导预期。(责任单位:区发改委、各街道)").map((c) => c.assignment);
    expect(mergeOwnerAssignments(parts)).toEqual({
      lead: ["区发改委", "区工信局"],
      responsible: ["各街道", "区发改委"],
      text: "牵头单位:区发改委、区工信局;责任单位:各街道；责任单位:区发改委、各街道",
    });
  });

  it("merges owner lines (lishan 2023) and keeps a single clause as it is", () => {
    const lead = parseOwnerLine("牵头单位:区发改局")!;
    const responsible = parseOwnerLine("责任单位:立山经济开发区,全区经济运行各专班")!;
    expect(mergeOwnerAssignments([lead, responsible])).toMatchObject({
      lead: ["区发改局"],
      responsible: ["立山经济开发区", "全区经济运行各专班"],
      text: "牵头单位:区发改局；责任单位:立山经济开发区,全区经济运行各专班",
    });
    expect(mergeOwnerAssignments([lead])).toBe(lead);
    expect(mergeOwnerAssignments([])).toBeNull();
  });

  it("keeps the unsplit and first-is-lead marks of any part", () => {
    const merged = mergeOwnerAssignments([
      { lead: ["区发改局"], responsible: ["区财政局"], text: "区发改局、区财政局", firstIsLead: true },
      { lead: [], responsible: ["全体"], text: "全体", unsplit: true },
    ]);
    expect(merged).toMatchObject({ firstIsLead: true, unsplit: true });
  });
});

describe("what follows an owner label must still be a unit", () => {
  it.each<[string, string[], string[]]>([
    // jingmen 2022: a scope note after the units
    [
      "（牵头单位:市审批局、市发改委、市市场监管局;责任单位:市直各部门,各县市区,以下均需各县市区落实,不再逐一列出）",
      ["市审批局", "市发改委", "市市场监管局"],
      ["市直各部门", "各县市区"],
    ],
    // sichuan: a sentence of scope note, then 下同
    [
      "〔责任单位:省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕",
      [],
      ["省发展改革委", "省市场监管局", "商务厅", "省大数据中心"],
    ],
    // xiangxi 2020: a completion time among the units (the deadline finder reads it)
    [
      "(牵头单位:州行政审批服务局;责任单位:州司法局、州委编办及州直相关单位,各县市人民政府、湘西经开区管委会,6月底完成)",
      ["州行政审批服务局"],
      ["州司法局", "州委编办", "州直相关单位", "各县市人民政府", "湘西经开区管委会"],
    ],
    ["（牵头单位：区发改局；责任单位：区财政局，2022年6月底前完成）", ["区发改局"], ["区财政局"]],
    // zhoushan 2022: the 以下…不再列出 sentence is a scope note
    [
      "(市府办〔市大数据局〕牵头,市政府各部门、各县〔区〕政府、各功能区管委会负责。以下工作均需各县〔区〕政府、各功能区管委会落实,不再列出)",
      ["市府办〔市大数据局〕"],
      ["市政府各部门", "各县〔区〕政府", "各功能区管委会"],
    ],
  ])("%s", (clause, lead, responsible) => {
    const found = findTrailingOwnerClause(`加强市场体系建设。${clause}`);
    expect(found?.assignment).toMatchObject({ lead, responsible });
    expect(found?.assignment.unsplit).toBeUndefined();
  });

  it("drops the time limit from an owner line too", () => {
    expect(parseOwnerLine("责任单位：区发改局，2022年6月底前完成")).toEqual({ lead: [], responsible: ["区发改局"], text: "责任单位：区发改局，2022年6月底前完成" });
  });

  it("keeps a name it does not know after a label, flagged unsplit, but never prose", () => {
    expect(parseOwnerLine("责任单位：区发改局、市电信、市移动")).toMatchObject({ responsible: ["区发改局", "市电信", "市移动"], unsplit: true });
    expect(parseOwnerLine("牵头单位：市人大常委会办公室、市政协；责任单位：各高校")).toMatchObject({
      lead: ["市人大常委会办公室", "市政协"],
      responsible: ["各高校"],
    });
    expect(splitUnits("责任单位：市直各部门,各县市区,以下均需各县市区落实,不再逐一列出")).toEqual(["市直各部门", "各县市区"]);
  });

  it("a bare unit list with a completion time is still an owner clause", () => {
    expect(roles("加强基础工作。（区委组织部、区人社局，2021年底前完成）")).toEqual([[], ["区委组织部", "区人社局"]]);
  });
});

describe("another name of a unit in 〔〕 or 【】 stays part of the unit", () => {
  it.each<[string, string[], string[]]>([
    ["（市府办〔市大数据局〕牵头，市政府各部门负责）", ["市府办〔市大数据局〕"], ["市政府各部门"]],
    ["（市府办(市大数据局)牵头，市政府各部门负责）", ["市府办(市大数据局)"], ["市政府各部门"]],
    ["（区政府办【区政务公开办】牵头，各部门负责）", ["区政府办【区政务公开办】"], ["各部门"]],
    ["（牵头单位：区政府办【区政务公开办】；责任单位：各部门）", ["区政府办【区政务公开办】"], ["各部门"]],
    ["（市府办〔市大数据局〕、市财政局）", [], ["市府办〔市大数据局〕", "市财政局"]],
  ])("%s", (clause, lead, responsible) => {
    expect(roles(`夯实主动公开基础。${clause}`)).toEqual([lead, responsible]);
  });

  it("still reads 【…】 labels", () => {
    expect(parseOwnerLine("【牵头单位】区发改局【责任单位】区财政局【完成时限】2021年底")).toMatchObject({ lead: ["区发改局"], responsible: ["区财政局"] });
  });
});

describe("conventions", () => {
  it("detects 列第一位者为牵头单位 and its variants", () => {
    expect(detectOwnerConventions("一、加强组织领导（省政府办公厅、省发展改革委，列第一位者为牵头单位，下同）")).toEqual(FIRST_IS_LEAD);
    expect(detectOwnerConventions("责任单位中排在第一位的为牵头单位。")).toEqual(FIRST_IS_LEAD);
    expect(detectOwnerConventions("各单位牵头做好本领域工作。")).toEqual({ firstIsLead: false });
  });

  it("makes the first listed unit the lead when the clause names no 牵头", () => {
    const found = findTrailingOwnerClause("（区委组织部、区委编办、区人社局）", FIRST_IS_LEAD);
    expect(found?.assignment).toMatchObject({ lead: ["区委组织部"], responsible: ["区委编办", "区人社局"], firstIsLead: true });
    expect(roles("（省发展改革委、省财政厅按职责分工负责）", FIRST_IS_LEAD)).toEqual([["省发展改革委"], ["省财政厅"]]);
    // an explicit 牵头 wins over the convention
    expect(roles("（市发展改革委牵头，市财政局配合）", FIRST_IS_LEAD)).toEqual([["市发展改革委"], ["市财政局"]]);
    // a single unit has no one to lead: 责任单位：市发改委 stays responsible (丽水, fixtures/real)
    expect(parseOwnerLine("责任单位：市发改委", FIRST_IS_LEAD)).toMatchObject({ lead: [], responsible: ["市发改委"] });
    expect(parseOwnerLine("责任单位：市发改委", FIRST_IS_LEAD)?.firstIsLead).toBeUndefined();
  });

  it("applies a convention stated inside the clause itself, and drops the statement", () => {
    const found = findTrailingOwnerClause("（省发展改革委、省财政厅、省政务服务办，列第一位者为牵头单位，下同）");
    expect(found?.assignment).toMatchObject({ lead: ["省发展改革委"], responsible: ["省财政厅", "省政务服务办"], firstIsLead: true });
    expect(parseOwnerLine("责任单位：区发改局、区财政局（列第一位者为牵头单位）")).toMatchObject({ lead: ["区发改局"], responsible: ["区财政局"] });
  });

  it("recognises carry-over declarations", () => {
    expect(declaresCarryOver("省发展改革委牵头，下同")).toBe(true);
    expect(declaresCarryOver("省政府办公厅牵头，各地各部门负责落实，以下均需各地各部门落实，不再列出")).toBe(true);
    expect(declaresCarryOver("责任单位:市直各部门,各县市区,以下均需各县市区落实,不再逐一列出")).toBe(true);
    expect(declaresCarryOver("市府办〔市大数据局〕牵头,市政府各部门负责。以下工作均需各县〔区〕政府、各功能区管委会落实,不再列出")).toBe(true);
    expect(declaresCarryOver("责任单位:省发展改革委按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。")).toBe(true);
    expect(declaresCarryOver("牵头单位：区政府办；落实单位：区政府各部门")).toBe(false);
    const found = findTrailingOwnerClause("（省政府办公厅牵头，各地各部门负责落实，以下均需各地各部门落实，不再列出）");
    expect(found?.assignment).toMatchObject({ lead: ["省政府办公厅"], responsible: ["各地各部门"] });
  });
});

describe("parseOwnerLine", () => {
  it.each<[string, string[], string[]]>([
    ["责任单位：区政府办", [], ["区政府办"]],
    ["牵头单位：区发改局；配合单位：区财政局、区审计局", ["区发改局"], ["区财政局", "区审计局"]],
    ["牵头单位：区政府办  配合单位：区各部门  完成时限：2021年底", ["区政府办"], ["区各部门"]],
    ["【牵头单位】区发改局 【责任单位】区财政局", ["区发改局"], ["区财政局"]],
    ["责任领导：张三；责任单位：区发改局", [], ["区发改局"]],
    ["（牵头单位：区政府办）", ["区政府办"], []],
    ["区政数局牵头，各相关单位配合落实。", ["区政数局"], ["各相关单位"]],
  ])("%s", (line, lead, responsible) => {
    expect(parseOwnerLine(line)).toMatchObject({ lead, responsible });
  });

  it.each([
    "各部门要按照职责认真落实本方案。",
    "区教育卫生计生局要通过多种形式及时公开义务教育招生方案、招生范围、招生程序。",
    "各单位、各部门要严格按照本方案内容，结合工作实际，抓紧制定本单位实施年度政务公开工作任务的具体方案，落实工作责任，切实推动全区政务公开工作取得实效。",
    "政策文件印发后，解读材料由起草部门同步上传至管委会门户网站平台公开。",
    "完成时限：2021年12月底前",
    "",
  ])("%s is not an owner line", (line) => {
    expect(parseOwnerLine(line)).toBeNull();
  });
});

describe("parseOwnerCell", () => {
  it.each<[string, string[], string[]]>([
    ["区政数局牵头，各相关单位配合落实", ["区政数局"], ["各相关单位"]],
    ["区政府办、区政数局按职责分别牵头，制发文各单位配合落实", ["区政府办", "区政数局"], ["制发文各单位"]],
    ["涉及“六稳、六保”政策起草制定的各相关单位分别落实；\n区政府办、区政数局做好审核把关", [], ["涉及“六稳、六保”政策起草制定的各相关单位", "区政府办", "区政数局"]],
    ["区政数局牵头，涉及政府采购、工程建设、产权交易、土地（矿业权）交易等相关单位按职责分别落实", ["区政数局"], ["涉及政府采购、工程建设、产权交易、土地（矿业权）交易等相关单位"]],
    ["区政数局牵头，涉及26个重点领域基层政务公开标准化规范化部门配合落实", ["区政数局"], ["涉及26个重点领域基层政务公开标准化规范化部门"]],
    ["区教育局、区卫健局、区住建局等行业主管部门按职能分别落实", [], ["区教育局", "区卫健局", "区住建局"]],
    ["区财政局牵头，各财政核算单位配合完成落实", ["区财政局"], ["各财政核算单位"]],
    ["区发改局、区政府办按职责分别牵头，政府重大行政决策制定部门按要求落实", ["区发改局", "区政府办"], ["政府重大行政决策制定部门"]],
    ["区民政局、各街镇按职责落实", [], ["区民政局", "各街镇"]],
    ["街镇开发区、区政府各部门、各垂管部门按职责分别落实", [], ["街镇开发区", "区政府各部门", "各垂管部门"]],
    ["区发改局、区规自分局按职责分别落实", [], ["区发改局", "区规自分局"]],
    ["政策性文件起草单位分别落实；\n区政府办、区政数局按职责分别落实", [], ["政策性文件起草单位", "区政府办", "区政数局"]],
    ["区市场监管分局按职责落实", [], ["区市场监管分局"]],
    ["区生态环境分局落实", [], ["区生态环境分局"]],
    ["各相关责任单位按职责分别落实", [], ["各相关责任单位"]],
    ["区政数局、区文旅局牵头，各相关单位配合落实", ["区政数局", "区文旅局"], ["各相关单位"]],
    ["区政数局牵头，各单位按职责配合落实", ["区政数局"], ["各单位"]],
  ])("责任分工 %s", (cell, lead, responsible) => {
    expect(parseOwnerCell(cell, "mixed")).toMatchObject({ lead, responsible });
  });

  it("uses the column's role for a bare list", () => {
    expect(parseOwnerCell("区政府办", "lead")).toMatchObject({ lead: ["区政府办"], responsible: [] });
    expect(parseOwnerCell("区各有关\n部门", "responsible")).toMatchObject({ lead: [], responsible: ["区各有关部门"] });
    expect(parseOwnerCell("区编办、\n政务办", "lead")).toMatchObject({ lead: ["区编办", "政务办"] });
    expect(parseOwnerCell("区委农工办,区民政局、市场监管局、钟楼环保局", "lead")).toMatchObject({
      lead: ["区委农工办", "区民政局", "市场监管局", "钟楼环保局"],
    });
    expect(parseOwnerCell("区政府办,各有关", "lead")).toMatchObject({ lead: ["区政府办", "各有关"] });
    expect(parseOwnerCell("区教文局、民政局、人社局、卫计局、市场监管局、房管局、安监局、钟楼环保局等有关单位", "lead")?.lead).toEqual([
      "区教文局", "民政局", "人社局", "卫计局", "市场监管局", "房管局", "安监局", "钟楼环保局",
    ]);
  });

  it("keeps an explicit 牵头 in a 责任单位 column and applies a first-is-lead convention there", () => {
    expect(parseOwnerCell("区财政局牵头，各单位配合", "responsible")).toMatchObject({ lead: ["区财政局"], responsible: ["各单位"] });
    expect(parseOwnerCell("区发改局、区财政局", "responsible", FIRST_IS_LEAD)).toMatchObject({
      lead: ["区发改局"],
      responsible: ["区财政局"],
      firstIsLead: true,
    });
    expect(parseOwnerCell("区发改局、区财政局", "lead", FIRST_IS_LEAD)).toMatchObject({ lead: ["区发改局", "区财政局"], responsible: [] });
  });

  it("returns null for an empty cell and keeps an unreadable one whole, flagged unsplit", () => {
    expect(parseOwnerCell("", "lead")).toBeNull();
    expect(parseOwnerCell(" — ", "responsible")).toBeNull();
    expect(parseOwnerCell("全体", "responsible")).toEqual({ lead: [], responsible: ["全体"], text: "全体", unsplit: true });
  });
});

describe("splitUnits", () => {
  it.each<[string, string[]]>([
    ["省直各部门和各市县人民政府", ["省直各部门", "各市县人民政府"]],
    ["省财政厅和各市、县人民政府", ["省财政厅", "各市、县人民政府"]],
    ["规划和自然资源分局", ["规划和自然资源分局"]],
    ["区农业和水务局", ["区农业和水务局"]],
    ["区住房和城乡建设局、区工业和信息化局", ["区住房和城乡建设局", "区工业和信息化局"]],
    ["区委组织部和区人社局", ["区委组织部", "区人社局"]],
    ["区财政局及各预算单位", ["区财政局", "各预算单位"]],
    ["各市、县、区人民政府", ["各市、县、区人民政府"]],
    ["市、县两级政府", ["市、县两级政府"]],
    ["各乡镇、区直各部门", ["各乡镇", "区直各部门"]],
    ["金融办、发改局、水利局等", ["金融办", "发改局", "水利局"]],
    ["区教文局、民政局…等有关单位", ["区教文局", "民政局"]],
    ["区教育局、区卫健局、区住建局等行业主管部门按职能分别落实", ["区教育局", "区卫健局", "区住建局"]],
    ["区发改局 区财政局", ["区发改局", "区财政局"]],
    ["各县（市、区）人民政府、市直各部门", ["各县（市、区）人民政府", "市直各部门"]],
    ["区政府各部门", ["区政府各部门"]],
    ["各乡镇，各部门按照职责分别落实", ["各乡镇", "各部门"]],
    ["各相关单位", ["各相关单位"]],
    ["区高等教育服务中心", ["区高等教育服务中心"]],
  ])("%s", (list, units) => {
    expect(splitUnits(list)).toEqual(units);
  });

  const NAMES = ["区发改局", "区政府办公室", "各乡镇", "区政府各部门", "省直各部门", "规划和自然资源分局", "区农业和水务局", "区融媒体中心", "市委网信办", "各相关单位", "区交警大队", "各市县人民政府"];
  it("property: a list joined with any separator splits back into its units", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("、", "，", ",", "；", " "),
        fc.constantFrom("", "等", "负责落实", "按职责分别落实", "配合落实", "牵头"),
        (units, sep, tail) => {
          expect(splitUnits(units.join(sep) + tail)).toEqual(units);
        },
      ),
    );
  });
});

describe("looksLikeUnitList", () => {
  it.each([
    "区政府办",
    "区发改局、建设局、规划分局、国土分局、政务办",
    "区委农工办,区民政局、市场监管局、钟楼环保局",
    "区教文局、民政局、人社局、卫计局、市场监管局、房管局、安监局、钟楼环保局等有关单位",
    "区各有关",
    "部门",
    "单位",
    "区编办、",
    "区政府办,各有关",
    "区政数局牵头，各相关单位配合落实",
    "区政数局牵头，涉及政府采购、工程建设、产权交易、土地（矿业权）交易等相关单位按职责分别落实",
    "各县（市、区）人民政府",
    "区政协办公室、区人大办",
  ])("yes: %s", (line) => {
    expect(looksLikeUnitList(line)).toBe(true);
  });

  it.each([
    "推动全面实施“双随机、一公开”抽查,及时公开抽查结果信息。",
    "结合政府机构改革和职能优化,做好政府部门权责清单调整和公开工作",
    "公共企事业单位主管部门履行监管职责，加强分类指导",
    "各有关单位要高度重视",
    "(一)及时发布各项重大政策",
    "1、做好法定公开内容的日常维护",
    "进一步做好政府信息公开条例的实施",
    "高质量推进政务发布解读回应工作",
    "牵头单位",
    "责任单位",
    "责任分工",
    "完成时限",
    "2021年12月底前",
    "长期常态化",
    "一、",
    "目标",
    "推进示范区",
    "",
  ])("no: %s", (line) => {
    expect(looksLikeUnitList(line)).toBe(false);
  });
});

describe("hostile input finishes quickly", () => {
  const inputs = [
    "（（（、、、牵头".repeat(12_500),
    "（".repeat(100_000) + "）",
    "（牵头单位：" + "区发改局、".repeat(20_000) + "）",
    "和".repeat(100_000),
    "区发改局和".repeat(20_000),
    "涉及".repeat(50_000),
    "市、".repeat(50_000) + "县人民政府",
    "、".repeat(100_000),
    "：".repeat(100_000),
    "“".repeat(100_000),
    "列第一".repeat(30_000),
    "以下".repeat(50_000),
    "区政数局牵头，".repeat(14_000),
    "。（区发改局）".repeat(15_000),
    "（区发改局牵头）".repeat(12_000),
    "【区发改局】".repeat(15_000),
    "（".repeat(50_000) + "）".repeat(50_000),
    "）（".repeat(50_000),
    "责任单位：以下均需".repeat(10_000),
    "不再".repeat(50_000),
    "6月底完成，".repeat(15_000),
  ];
  it.each(inputs.map((s, i) => [i, s] as const))("input %i", (_i, input) => {
    for (const run of [
      () => findTrailingOwnerClause(input),
      () => findTrailingOwnerClause(input + "）"),
      () => findOwnerClauses(input),
      () => findOwnerClauses("推进工作。" + input + "。（牵头单位：区发改局）"),
      () => parseOwnerLine(input),
      () => parseOwnerCell(input, "mixed"),
      () => looksLikeUnitList(input),
      () => splitUnits(input),
      () => detectOwnerConventions(input),
      () => declaresCarryOver(input),
    ]) {
      // No time bound (see labels.test.ts): a super-linear regex would hang here.
      run();
    }
  });
});

describe("the shapes' cheap looks never turn away what their rules accept", () => {
  // Clause-like strings from the vocabulary owner clauses are written in.
  const piece = fc.constantFrom(
    "区财政局", "区政府办公室", "各街道", "区发改委", "宣传处会办公室", "市行政审批局市司法局", "牵头", "负责", "配合", "落实", "做好审核",
    "按职责分别", "会同", "责任单位", "牵头单位", "：", "、", "，", "；", "。", "（", "）", "下同", "列第一位者为牵头单位", "推进工作", "6月底完成", " ",
  );
  const text = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(""));

  it("an owner line is what the line rule says of its clause", () => {
    fc.assert(
      fc.property(text, (line) => {
        let t = line.trim();
        while (t !== "" && "。．.；;，,、".includes(t.charAt(t.length - 1))) t = t.slice(0, -1).trimEnd();
        const found = parseOwnerLine(line);
        // Without the cheap look: read the clause and apply the rule (a line that opens with a bracket may be wrapped: skipped).
        if (/^[（(〔【[]/u.test(t)) return;
        const accepted = t !== "" && SHAPES.ownerLine.accepts(parseClause(t), { text: t, wrapped: false }) && parseClause(t).units.length > 0;
        expect(found !== null, line).toBe(accepted);
      }),
      { numRuns: 2000 },
    );
  });
});
