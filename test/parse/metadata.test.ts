import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuffer, parseFile, parseText } from "../../src/ledger.js";
import { isoDate, isSignatureLine } from "../../src/parse/metadata.js";

/** The real notice 京政办发〔2016〕26号 (fixtures/real/SOURCES.md) without its title and number lines. */
const notice = readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "real", "beijing-2016-points.txt"), "utf8").split("\n");
const body = notice.slice(2).filter(Boolean);

/** The header block government web pages put above a notice, as the Beijing page has it. */
const FIELDS: [string, string][] = [
  ["索 引 号", "000014349/2016-00074"],
  ["发文机构", "北京市人民政府办公厅"],
  ["发文字号", "京政办发〔2016〕26号"],
  ["成文日期", "2016年05月28日"],
  ["标　　题", "北京市人民政府办公厅关于印发《北京市2016年政务公开工作要点》的通知"],
];

const html = (table: string) => new TextEncoder().encode(`<html><body><table>${table}</table>${body.map((l) => `<p>${l}</p>`).join("")}</body></html>`);
const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;

const EXPECTED = {
  docNumber: "京政办发〔2016〕26号",
  issuer: "北京市人民政府办公厅",
  issuedDate: "2016-05-28",
  year: 2016,
  noticeTitle: "北京市人民政府办公厅关于印发《北京市2016年政务公开工作要点》的通知",
  title: "北京市2016年政务公开工作要点",
};

describe("metadata from a notice's header table", () => {
  it("reads 'field | value' rows", async () => {
    const ledger = await parseText([...FIELDS.map(([k, v]) => `${k} | ${v}`), ...body].join("\n"));
    expect(ledger.document).toMatchObject(EXPECTED);
  });

  it("reads a two-column header table", async () => {
    const ledger = await parseBuffer(html(FIELDS.map(row).join("")), { path: "beijing.html" });
    expect(ledger.document).toMatchObject(EXPECTED);
  });

  it("reads a four-column header table whose cells come one per line: a 成文日期 cell is no signature", async () => {
    const cells = FIELDS.flat();
    const table = [row(cells.slice(0, 4)), row(cells.slice(4, 8)), row(cells.slice(8))].join("");
    const ledger = await parseBuffer(html(table), { path: "beijing.html" });
    expect(ledger.document).toMatchObject(EXPECTED);
  });

});

describe("issue dates, read by the deadline parsers", () => {
  it.each<[string, string | null]>([
    ["2016年5月28日", "2016-05-28"],
    ["2016年05月28日", "2016-05-28"],
    ["二〇〇五年六月十一日", "2005-06-11"],
    ["2019 年 7 月 8 日", "2019-07-08"],
    ["二〇一九 年 七 月 八 日", "2019-07-08"],
    ["２０１９年７月８日", "2019-07-08"],
    ["2024-04-26", "2024-04-26"],
    ["2024/4/26", "2024-04-26"],
    ["2024.04.26", "2024-04-26"],
    ["成文日期：2019年08月11日", "2019-08-11"],
    ["2019年13月1日", null],
    ["2019年2月30日", null],
    ["2020年2月29日", "2020-02-29"],
    ["2019年2月29日", null],
    ["2019年7月", null],
    ["3019年7月8日", null],
    ["明年7月8日", null],
    ["2019年7月8日前", null],
  ])("%s → %s", (text, iso) => {
    expect(isoDate(text)).toBe(iso);
  });

  it("knows a signature line by its written date", () => {
    expect(isSignatureLine("2016年5月28日")).toBe(true);
    expect(isSignatureLine("北京市人民政府办公厅 2016年5月28日")).toBe(true);
    expect(isSignatureLine("（2016年5月28日印发）")).toBe(true);
    expect(isSignatureLine("2016-05-28")).toBe(false);
    expect(isSignatureLine("2016年5月28日前完成")).toBe(false);
  });
});

describe("the plan title", () => {
  const set5 = (name: string) => parseFile(join(import.meta.dirname, "..", "..", "fixtures", "real", "set5", name));

  it("is the notice title when the notice issues no other document (滁州 2020)", async () => {
    expect((await set5("chuzhou-2020-key-work.txt")).document.title).toBe("滁州市人民政府关于2020年市政府重点工作及责任分解的通知");
  });

  it("is the line that states the plan the cover notice names, not a heading below it (运城 2017)", async () => {
    expect((await set5("yuncheng-2017-emergency.txt")).document).toMatchObject({
      title: "运城市突发事件应急体系建设“十三五”规划责任分解",
      issuer: "运城市人民政府办公厅",
      issuedDate: "2017-04-13",
    });
  });
});
