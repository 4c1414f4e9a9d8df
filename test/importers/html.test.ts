import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { importHtml } from "../../src/importers/html.js";
import { importBytes } from "../../src/importers/index.js";
import { parseBuffer } from "../../src/ledger.js";
import type { Block, Table } from "../../src/model/blocks.js";
import type { Task } from "../../src/model/ledger.js";
import { FIXTURES } from "../helpers/fixtures.js";

const read = (path: string) => new Uint8Array(readFileSync(path));
const paragraphs = (blocks: readonly Block[]) => blocks.flatMap((block) => (block.type === "paragraph" ? [(block.label ?? "") + block.text] : []));
const grid = (table: Table) => table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? `${slot.text}|${slot.rowSpan}x${slot.colSpan}` : `^${slot.row},${slot.col}`)));

function outline(tasks: readonly Task[]): string[] {
  return tasks.flatMap((task) => [`${task.label ?? ""}|${task.title}|${task.owners.map((owner) => owner.name).join("、")}|${task.deadline?.text ?? ""}`, ...outline(task.children)]);
}

/** A district government's notice page as such sites serve it: GB2312, navigation, the article in #zoom, related links, footer. */
const GOVERNMENT_PAGE = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发某某区2021年政务公开工作要点的通知_通知公告_某某区人民政府</title>
<meta name="ArticleTitle" content="关于印发某某区2021年政务公开工作要点的通知">
<script>var 首页统计 = 1;</script><style>.nav { color: red }</style></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>
<div class="main">
 <h1 class="article-title">关于印发某某区2021年政务公开工作要点的通知</h1>
 <div class="info">发布日期：2021-03-01　来源：区政府办</div>
 <div id="zoom">
  <p>各街道办事处，区政府各部门：</p>
  <p>现将《某某区2021年政务公开工作要点》印发给你们，请认真贯彻执行。</p>
  <p>一、推进决策公开<br>（一）完善重大决策预公开制度。（区政府办牵头，各部门落实；2021年6月底前完成）</p>
  <p>二、深化执行
     公开&nbsp;&amp;&#x20;结果公开</p>
  <table border="1"><tbody>
   <tr><th>序号</th><th>任务</th><th>牵头单位</th><th>完成时限</th></tr>
   <tr><td rowspan="2">1</td><td>公开预算</td><td>区财政局</td><td>2021年6月底前</td></tr>
   <tr><td>公开决算</td><td colspan="2">区财政局<br>各部门</td></tr>
  </tbody></table>
  <ol><li>第一项</li><li><p>第二项</p></li></ol>
  <ol type="a" start="3"><li>字母项</li></ol>
  <ol style="list-style-type: cjk-ideographic"><li>中文项</li><li>又一项</li></ol>
  <p>【打印本页】【关闭窗口】</p>
 </div>
 <div class="xglj"><h3>相关链接</h3><ul><li><a href="http://www.gov.cn">中国政府网</a></li></ul></div>
 <div class="bshare">分享到：微信 微博</div>
</div>
<div class="footer">版权所有：某某区人民政府　ICP备00000000号</div>
</body></html>`;

describe("web pages: the article, not the site", () => {
  const doc = importHtml(iconv.encode(GOVERNMENT_PAGE, "gb2312"));
  const text = paragraphs(doc.blocks);

  it("decodes the charset the page declares", () => {
    expect(doc.encoding).toBe("gb18030");
    expect(text).toContain("各街道办事处，区政府各部门：");
  });

  it("starts with the notice title and leaves out navigation, tools, related links and footer", () => {
    expect(text[0]).toBe("关于印发某某区2021年政务公开工作要点的通知");
    const all = text.join("\n");
    for (const chrome of ["首页", "当前位置", "相关链接", "中国政府网", "分享到", "版权所有", "打印本页", "var "]) expect(all).not.toContain(chrome);
  });

  it("makes a paragraph of each <br> line and collapses whitespace as a browser does, entities decoded", () => {
    expect(text).toContain("一、推进决策公开");
    expect(text).toContain("（一）完善重大决策预公开制度。（区政府办牵头，各部门落实；2021年6月底前完成）");
    // A source line break between two Chinese characters disappears; &nbsp; stays a space.
    expect(text).toContain("二、深化执行公开\u00a0& 结果公开");
  });

  it("numbers <ol> items as they are rendered, start, type and list-style-type included", () => {
    expect(text).toEqual(expect.arrayContaining(["1.第一项", "2.第二项", "c.字母项", "一、中文项", "二、又一项"]));
  });

  it("lays tables out on their grid, rowspan and colspan as covered slots", () => {
    const table = doc.blocks.find((block): block is Table => block.type === "table")!;
    expect(grid(table)).toEqual([
      ["序号|1x1", "任务|1x1", "牵头单位|1x1", "完成时限|1x1"],
      ["1|2x1", "公开预算|1x1", "区财政局|1x1", "2021年6月底前|1x1"],
      ["^1,0", "公开决算|1x1", "区财政局\n各部门|1x2", "^2,2"],
    ]);
    expect(table.rows[1][2]).toMatchObject({ source: { table: 1, row: 2, col: 3 } });
  });

  it("says what it left out", () => {
    expect(doc.diagnostics.map((d) => d.code)).toContain("html-chrome-dropped");
  });

  it("reads the same page saved as one file (.mht)", async () => {
    const body = Buffer.from(iconv.encode(GOVERNMENT_PAGE, "gb2312")).toString("base64").replace(/.{76}/g, "$&\r\n");
    const mht = `From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="----b"\r\n\r\n------b\r\nContent-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n------b--\r\n`;
    const saved = await importBytes(new TextEncoder().encode(mht), "notice.mht");
    expect(paragraphs(saved.blocks)).toEqual(text);
  });

  it("takes the title from an element named for it when the page has no ArticleTitle and no <h1>", () => {
    const titled = GOVERNMENT_PAGE.replace(/<meta name="ArticleTitle"[^>]*>/, "").replace(/<h1 class="article-title">([^<]*)<\/h1>/, '<div class="wz_title">$1</div>');
    expect(paragraphs(importHtml(iconv.encode(titled, "gb2312")).blocks)[0]).toBe("关于印发某某区2021年政务公开工作要点的通知");
  });

  it("takes a page whose article sits in a layout table, without a known container", () => {
    const page = `<html><body><table><tr><td><a href="/">首页</a> <a href="/a">机构</a></td></tr><tr><td>
      <p>关于做好政务公开工作的通知</p><p>一、加强组织领导。各单位要高度重视政务公开工作，明确分管领导和工作人员。</p>
      <p>二、强化监督检查。区政府办要定期通报各单位政务公开工作情况。</p></td></tr><tr><td>网站标识码 主办单位</td></tr></table></body></html>`;
    const read = paragraphs(importHtml(new TextEncoder().encode(page)).blocks);
    expect(read[0]).toBe("关于做好政务公开工作的通知");
    expect(read).toContain("二、强化监督检查。区政府办要定期通报各单位政务公开工作情况。");
  });
});

describe("LibreOffice's HTML export of the fixtures", () => {
  // Typed labels survive the export: the page gives the .docx's ledger.
  it.each(["chaoyang-2021-ledger", "lianhuashan-2019-plan", "zhonglou-2018-plan"])("%s: the same tasks, owners and deadlines as the .docx", async (name) => {
    const docx = await parseBuffer(read(join(FIXTURES, `${name}.docx`)), { path: `${name}.docx` });
    const html = await parseBuffer(read(join(FIXTURES, "formats", `${name}.html`)), { path: `${name}.html` });
    expect(html.source.format).toBe("html");
    expect(outline(html.tasks)).toEqual(outline(docx.tasks));
  });

  // Word's automatic 一、/（一） numbering is exported as plain <ol>: a browser shows 1., 2., and so do we.
  it.each(["qianjin-2017-plan", "shanxi-2019-plan"])("%s: automatic numbering as the browser renders it, the same number of tasks", async (name) => {
    const docx = await parseBuffer(read(join(FIXTURES, `${name}.docx`)), { path: `${name}.docx` });
    const html = await parseBuffer(read(join(FIXTURES, "formats", `${name}.html`)), { path: `${name}.html` });
    const count = (tasks: readonly Task[]): number => tasks.reduce((sum, task) => sum + 1 + count(task.children), 0);
    expect(count(html.tasks)).toBe(count(docx.tasks));
  });
});
