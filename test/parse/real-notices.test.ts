import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFile, parseText } from "../../src/ledger.js";
import type { Ledger, Task } from "../../src/model/ledger.js";
import { findDeadlineInText } from "../../src/parse/deadlines/index.js";
import { parseDocument } from "../../src/parse/index.js";
import { parseOwnerLine, splitUnits } from "../../src/parse/owners/index.js";

/** Real notices collected for issue 12 (fixtures/real/SOURCES.md), each with a hand-made gold ledger. */
const REAL = join(import.meta.dirname, "..", "..", "fixtures", "real");
const EVAL = join(import.meta.dirname, "..", "..", "..", "shared", "eval");
const notices = readdirSync(REAL).filter((f) => f.endsWith(".txt")).sort();
const read = (name: string) => parseFile(join(REAL, name));
const text = (name: string) => readFileSync(join(REAL, name), "utf8");

function flat(tasks: readonly Task[]): Task[] {
  return tasks.flatMap((t) => [t, ...flat(t.children)]);
}
const byLabel = (ledger: Ledger, label: string) => flat(ledger.tasks).find((t) => t.label === label)!;

describe.skipIf(!existsSync(join(EVAL, "score.py")))("real notices against their gold", () => {
  const out = mkdtempSync(join(tmpdir(), "ledger-real-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("score at least as well as when the rules were last changed", async () => {
    for (const name of notices) writeFileSync(join(out, name.replace(/\.txt$/, ".json")), JSON.stringify(await read(name)));
    const report = JSON.parse(execFileSync("python3", [join(EVAL, "score.py"), "--dir", join(REAL, "gold"), out, "--json"], { encoding: "utf8" })) as {
      scores: Record<string, Record<string, number>>;
    };
    expect(notices.length).toBeGreaterThanOrEqual(10);
    // First look before the fixes: task 0.986, unit 0.878, role 0.781, deadline 0.778, metadata 0.778; role 0.910
    // until a single unit under 列第一位者为牵头单位 stayed responsible.
    const total = report.scores.ALL;
    expect(total.task_f1).toBeGreaterThanOrEqual(0.99);
    expect(total.unit_f1).toBeGreaterThanOrEqual(0.99);
    expect(total.role_f1).toBe(1);
    expect(total.deadline_f1).toBeGreaterThanOrEqual(0.94);
    expect(total.meta_acc).toBe(1);
  });
});

describe("shapes of real notices", () => {
  it("reads notices in traditional characters and reports them as written (繁體)", async () => {
    const ledger = await read("xianyang-2022-fangguanfu.trad.txt");
    expect(ledger.document.title).toBe("鹹陽市2022年深化“放管服”改革最佳化營商環境工作要點");
    expect(ledger.document.year).toBe(2022);
    const item = byLabel(ledger, "1.");
    expect(item.lead).toEqual(["市政府辦公室", "市行政審批制度改革工作領導小組辦公室"]);
    // Units joined by 及.
    expect(item.responsible).toEqual(["市級各有關部門", "各縣市區政府"]);
    expect(item.deadline).toMatchObject({ text: "2022年10月底前", due: "2022-10-31" });
    expect(item.owners.find((o) => o.name === "市級各有關部門")?.collective).toBe(true);
    const dongguan = await read("dongguan-2021-employment.trad.txt");
    expect(dongguan.document.docNumber).toBe("東府〔2021〕54號");
    expect(byLabel(dongguan, "2.").responsible).toEqual(["市殘聯", "市財政局", "市稅務局"]);
  });

  it("leaves notices in simplified characters alone", async () => {
    const ledger = await read("lishan-2023-division.txt");
    expect(ledger.document.title).toBe("立山区政府2023年重点工作任务分解和责任分工方案");
  });

  it("does not take the period a policy applies for a deadline", async () => {
    const ledger = await read("dongguan-2021-employment.trad.txt");
    // 實施期限至2021年12月31日, 2021年5月1日至2022年4月30日實施…
    expect(flat(ledger.tasks).map((t) => t.deadline)).toEqual([null, null, null, null]);
    // 审批时间压缩至90个工作日以内 is a target for how long approval takes.
    expect(findDeadlineInText(text("suining-2019-approval-reform.txt").split("\n").find((l) => l.startsWith("(三)"))!, { year: 2019 }).deadline).toBeNull();
    expect(findDeadlineInText("对符合条件的小微企业在两年之内实行减半征收。", { year: 2021 }).deadline).toBeNull();
  });

  it("makes a stage heading with a period due at its end", async () => {
    const stages = flat((await read("province-2005-env-stages.txt")).tasks);
    expect(stages.map((t) => t.deadline?.text)).toEqual(["7月3日至7月15日", "7月16日至8月31日", "9月1日至9月30日", "10月1日至11月10日"]);
    // No working year: the 2003年以来 of the body is looked back on, not the year of the dates after it.
    expect(stages.map((t) => t.deadline?.due)).toEqual([null, null, null, null]);
    const months = flat((await read("region-2009-env-stages.txt")).tasks).filter((t) => t.level === 2);
    expect(months.map((t) => t.deadline?.text)).toEqual(["5月", "5月-8月", "8月-11月", "11月"]);
    const heading = stages[1].text.split("\n")[0];
    expect(findDeadlineInText(heading, { year: 2005 }).deadline).toMatchObject({ due: "2005-08-31", kind: "date" });
  });

  it("resolves a date without a year to the plan's working year", () => {
    const sentence = text("province-2005-env-stages.txt").split("\n")[1].split("。").find((s) => s.includes("9月25日前"))!;
    expect(findDeadlineInText(sentence, { year: 2005 }).deadline).toMatchObject({ text: "9月25日前", due: "2005-09-25" });
  });

  it("flags a deadline before the notice's own date", async () => {
    const notice = ["某市环保专项行动实施方案", ...text("province-2005-env-stages.txt").split("\n"), "某市环保专项行动领导小组办公室", "2005年8月1日"];
    const ledger = await parseText(notice.join("\n"), { path: "stages.txt" });
    expect(ledger.document.issuedDate).toBe("2005-08-01");
    const flagged = ledger.diagnostics.filter((d) => d.code === "deadline-before-notice");
    expect(flagged.map((d) => d.params)).toEqual([{ text: "7月3日至7月15日", due: "2005-07-15", issued: "2005-08-01" }]);
    expect(flagged[0].severity).toBe("warning");
  });

  it("reads the issue date under the signature at the end", async () => {
    const body = text("lishui-2023-report-tasks.txt").split("\n").slice(3);
    const ledger = await parseText([...body, "丽水市人民政府办公室", "2023年7月11日", "（此件公开发布）"].join("\n"), { path: "x.txt" });
    expect(ledger.document).toMatchObject({ issuer: "丽水市人民政府办公室", issuedDate: "2023-07-11" });
    expect(flat(ledger.tasks).at(-1)!.text).not.toContain("丽水市人民政府办公室");
  });

  it("takes the plan title from the notice title when the notice is the plan, and its own number beside it", async () => {
    const chizhou = await read("chizhou-2017-business-environment.txt");
    expect(chizhou.document).toMatchObject({ title: "池州市人民政府关于创优“四最”营商环境的实施意见", docNumber: "池政〔2017〕101号" });
    const dongguan = await read("dongguan-2021-employment.trad.txt");
    expect(dongguan.document.title).toBe("東莞市人民政府關于貫徹落實《廣東省進一步穩定和擴大就業若干政策措施》的實施意見");
    const beijing = await read("beijing-2016-points.txt");
    expect(beijing.document).toMatchObject({ title: "北京市2016年政务公开工作要点", noticeTitle: "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知" });
  });

  it("reads a table whose rows have an unlabelled 序号 column one cell wider than the header", async () => {
    const ledger = await read("chizhou-xfj-tasks.txt");
    const top = ledger.tasks.map((t) => t.title);
    expect(top).toContain("做好主动公开基础工作");
    const basics = ledger.tasks.find((t) => t.title === "做好主动公开基础工作")!;
    expect(basics.children.map((t) => [t.label, t.responsible, t.deadline?.kind])).toEqual([
      ["3", ["各科室"], "ongoing"],
      ["4", ["办公室"], "ongoing"],
    ]);
  });

  it("does not read a sentence about what a group does as an owner line", async () => {
    const ledger = await read("region-2009-env-stages.txt");
    expect(flat(ledger.tasks).flatMap((t) => t.owners)).toEqual([]);
  });

  it("reads 列第一位为牵头 once declared, and 分别牵头 as several leads", async () => {
    const tasks = flat((await read("lishui-2023-report-tasks.txt")).tasks);
    const four = tasks.find((t) => t.label === "4.")!;
    expect(four.lead).toEqual(["市发改委"]);
    expect(four.responsible).toHaveLength(11);
    expect(tasks.find((t) => t.label === "6.")!.lead).toEqual(["市人力社保局", "市农业农村局"]);
  });

  it("splits units joined by 会 or written one after another, and X牵头，Y配合 in one line", () => {
    expect(splitUnits("宣传处会办公室")).toEqual(["宣传处", "办公室"]);
    expect(splitUnits("市行政审批局市司法局")).toEqual(["市行政审批局", "市司法局"]);
    // Names that only look joined stay whole.
    expect(splitUnits("市人力资源社会保障局")).toEqual(["市人力资源社会保障局"]);
    expect(splitUnits("区人大常委会办公室")).toEqual(["区人大常委会办公室"]);
    expect(parseOwnerLine("市发改委牵头，市财政局、市自然资源局配合")).toMatchObject({ lead: ["市发改委"], responsible: ["市财政局", "市自然资源局"] });
  });
});

describe("shapes met in notices not kept here (no public copy in the collection)", () => {
  it("makes each 存在问题 the parent of the 整改措施 beside it, its merged cell spanning them", () => {
    const cell = (text: string, line: number, rowSpan = 1) => ({ kind: "cell" as const, text, rowSpan, colSpan: 1, source: { line } });
    const table = {
      type: "table" as const,
      source: { line: 1 },
      rows: [
        [cell("存在问题", 1), cell("整改目标和措施", 1), cell("责任单位", 1), cell("整改时限", 1)],
        [cell("政务公开栏目更新不及时", 2, 2), cell("及时更新栏目内容", 2), cell("办公室", 2), cell("长期坚持", 2)],
        [{ kind: "covered" as const, row: 1, col: 0 }, cell("建立栏目更新台账", 3), cell("办公室", 3), cell("2021年6月底前", 3)],
        [cell("政策解读不到位", 4), cell("丰富解读形式", 4), cell("宣传科", 4), cell("2021年12月底前", 4)],
      ],
    };
    const { tasks } = parseDocument({ format: "docx", encoding: null, blocks: [table], diagnostics: [] });
    expect(tasks.map((t) => [t.title, t.children.map((c) => [c.title, c.responsible, c.deadline?.text])])).toEqual([
      ["政务公开栏目更新不及时", [["及时更新栏目内容", ["办公室"], "长期坚持"], ["建立栏目更新台账", ["办公室"], "2021年6月底前"]]],
      ["政策解读不到位", [["丰富解读形式", ["宣传科"], "2021年12月底前"]]],
    ]);
  });
});
