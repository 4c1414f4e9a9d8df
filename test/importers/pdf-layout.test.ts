import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../src/cli/report.js";
import { MESSAGES } from "../../src/cli/messages.js";
import { importBytes } from "../../src/importers/index.js";
import { parseBuffer } from "../../src/index.js";
import type { Block, Paragraph, Table } from "../../src/model/blocks.js";
import { bodyPage, buildPdf, type TextSpec } from "../robustness/pdf-build.js";

/**
 * Layout → blocks on PDFs built in code (16 pt characters, 28 to a line, as GB/T 9704 sets a
 * notice): lines joined by position without spaces in Chinese, paragraphs from the text column,
 * page furniture dropped, tables from drawn borders.
 */

const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Paragraph => b.type === "paragraph").map((b) => b.text);
const read = async (pages: Parameters<typeof buildPdf>[0]["pages"]) => (await importBytes(buildPdf({ pages }), "notice.pdf")).blocks;

describe("lines", () => {
  it("joins runs by position, with no space between Chinese characters, and keeps Latin word spaces", async () => {
    const texts: TextSpec[] = [
      { text: "中共中央", x: 80, y: 700 },
      { text: " ", x: 144, y: 700 },
      { text: "国务院印发", x: 150, y: 700 },
      { text: "2024", x: 233, y: 700 },
      { text: "年方案", x: 270, y: 700 },
      { text: "PM2.5", x: 80, y: 650 },
      // The test font sets every character 1 em wide: "PM2.5" ends at x = 160.
      { text: "monitoring", x: 165, y: 650 },
    ];
    expect(paragraphs(await read([{ texts }]))).toEqual(["中共中央国务院印发2024年方案", "PM2.5 monitoring"]);
  });

  it("keeps one space where a line sets two things a column apart", async () => {
    const texts = [
      { text: "海南省农业农村厅", x: 80, y: 700 },
      { text: "海南省财政厅", x: 300, y: 700 },
    ];
    expect(paragraphs(await read([{ texts }]))).toEqual(["海南省农业农村厅 海南省财政厅"]);
  });
});

describe("paragraphs", () => {
  const long = "各单位要高度重视政务公开工作，切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处，取得实效。";

  it("a full line continues, a short one ends, an indented line starts a paragraph", async () => {
    const blocks = await read([{ texts: bodyPage(["一、总体要求", long, long]) }]);
    expect(paragraphs(blocks)).toEqual(["一、总体要求", long, long]);
  });

  it("keeps an owner clause whole where a line wraps inside it", async () => {
    const item = "1.发布产品碳足迹核算通则标准。立足国情做好产品碳足迹国际通用核算方法和标准本地化工作，（生态环境部、国家发展改革委、市场监管总局负责）";
    const ledger = await parseBuffer(buildPdf({ pages: [{ texts: bodyPage(["一、主要任务", item]) }] }), { path: "notice.pdf" });
    const task = ledger.tasks[0].children[0];
    expect(task.responsible).toEqual(["生态环境部", "国家发展改革委", "市场监管总局"]);
  });

  it("a paragraph running over a page break is one paragraph; page numbers and running headers go", async () => {
    const page = (number: number, body: TextSpec[]): TextSpec[] => [
      { text: "某某区人民政府办公室文件", x: 200, y: 800, size: 12 },
      ...body,
      { text: [`— ${number} —`, `-${number}-`, `第${number}页`][number - 1], x: 270, y: 40, size: 14 },
    ];
    // 26 + 28 × 24 characters fill page 1 to its last line; the paragraph ends on page 2.
    const text = "推进政务公开".repeat(120) + "。";
    const lines = bodyPage([text]);
    const first = lines.filter((l) => l.y > 90);
    const rest = lines.filter((l) => l.y <= 90).map((l, i) => ({ ...l, y: 760 - 28 * i }));
    const blocks = await read([{ texts: page(1, first) }, { texts: page(2, [...rest, ...bodyPage(["二、保障措施"], { top: 760 - 28 * rest.length })]) }, { texts: page(3, bodyPage(["三、其他"])) }]);
    expect(paragraphs(blocks)).toEqual([text, "二、保障措施", "三、其他"]);
    expect(blocks[0].source).toEqual({ line: 1, page: 1 });
  });
});

describe("tables from drawn borders", () => {
  // Columns at x = 80 | 200 | 360 | 515; rows 700 | 670 | 640 | 610 (PDF space, upwards).
  const grid = (rowLines: number[], merged: boolean): Array<[number, number, number, number]> => [
    ...rowLines.map((y, i): [number, number, number, number] => [merged && i === 2 ? 200 : 80, y, 515, y]),
    ...[80, 200, 360, 515].map((x): [number, number, number, number] => [x, rowLines[rowLines.length - 1], x, rowLines[0]]),
  ];
  const cell = (text: string, col: number, row: number): TextSpec => ({ text, x: [85, 205, 365][col], y: 700 - 30 * row - 20, size: 12 });
  const header = [cell("序号", 0, 0), cell("工作任务", 1, 0), cell("责任单位", 2, 0)];

  it("reads the grid with a merged cell and its covered slot", async () => {
    const texts = [...header, cell("一", 0, 1), cell("任务甲", 1, 1), cell("区政府办", 2, 1), cell("任务乙", 1, 2), cell("区财政局", 2, 2)];
    const [table] = (await read([{ texts, lines: grid([700, 670, 640, 610], true) }])) as Table[];
    expect(table.type).toBe("table");
    const text = table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? slot.text : `^${slot.row},${slot.col}`)));
    expect(text).toEqual([
      ["序号", "工作任务", "责任单位"],
      ["一", "任务甲", "区政府办"],
      ["^1,0", "任务乙", "区财政局"],
    ]);
    expect(table.rows[1][0]).toMatchObject({ kind: "cell", rowSpan: 2, colSpan: 1, source: { page: 1, row: 2, col: 1 } });
  });

  it("a table continuing on the next page under its repeated header row is one table", async () => {
    const page1 = [...header, cell("一", 0, 1), cell("任务甲", 1, 1), cell("区政府办", 2, 1)];
    const page2 = [...header, cell("二", 0, 1), cell("任务乙", 1, 1), cell("区财政局", 2, 1)];
    const blocks = await read([
      { texts: page1, lines: grid([700, 670, 640], false) },
      { texts: page2, lines: grid([700, 670, 640], false) },
    ]);
    expect(blocks).toHaveLength(1);
    const table = blocks[0] as Table;
    expect(table.rows.map((row) => row.map((slot) => (slot.kind === "cell" ? slot.text : "^")))).toEqual([
      ["序号", "工作任务", "责任单位"],
      ["一", "任务甲", "区政府办"],
      ["二", "任务乙", "区财政局"],
    ]);
  });

  it("a lone rule (the red separator line) is no table", async () => {
    const blocks = await read([{ texts: [{ text: "某某区人民政府办公室", x: 150, y: 760 }, ...bodyPage(["关于做好政务公开工作的通知"], { top: 700 })], lines: [[80, 730, 515, 730]] }]);
    expect(blocks.every((b) => b.type === "paragraph")).toBe(true);
  });
});

describe("positions", () => {
  it("diagnostics name the page and the line: notice.pdf:p2:3", async () => {
    const ledger = await parseBuffer(buildPdf({ pages: [{ texts: bodyPage(["一、总体要求"]) }, { texts: bodyPage(["二、主要目标", "加强组织领导。", "四、保障措施"]) }] }), {
      path: "notice.pdf",
    });
    const gap = ledger.diagnostics.find((d) => d.code === "numbering-gap");
    expect(gap?.source).toMatchObject({ page: 2, line: 3 });
    const printed = formatDiagnostics("notice.pdf", [gap!], MESSAGES.en, new Chalk({ level: 0 }));
    expect(printed.startsWith("notice.pdf:p2:3  warning")).toBe(true);
  });
});
