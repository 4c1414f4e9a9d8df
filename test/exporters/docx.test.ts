import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import { toDocx } from "../../src/exporters/docx.js";
import { ledgerTable } from "../../src/exporters/table.js";
import { parseFile } from "../../src/ledger.js";
import type { Ledger, Task } from "../../src/model/ledger.js";
import { CHAOYANG_LEDGER_HEADERS } from "../helpers/ledger-headers.js";

interface WordCell {
  text: string;
  vMerge: "restart" | "continue" | null;
}

interface WordTable {
  rows: { header: boolean; cells: WordCell[] }[];
  grid: number[];
}

/** The tables of word/document.xml: each cell's text (paragraphs joined by "\n") and its vertical merge. */
function readTables(xml: string): WordTable[] {
  const tables: WordTable[] = [];
  let table: WordTable | null = null;
  let row: WordTable["rows"][number] | null = null;
  let cell: WordCell | null = null;
  let paragraphs: string[] = [];
  let inText = false;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const val = tag.attributes["w:val"] as string | undefined;
    if (tag.name === "w:tbl") tables.push((table = { rows: [], grid: [] }));
    else if (tag.name === "w:gridCol") table!.grid.push(Number(tag.attributes["w:w"]));
    else if (tag.name === "w:tr") table!.rows.push((row = { header: false, cells: [] }));
    else if (tag.name === "w:tblHeader") row!.header = val !== "false" && val !== "0";
    else if (tag.name === "w:tc") {
      cell = { text: "", vMerge: null };
      paragraphs = [];
    } else if (tag.name === "w:vMerge" && cell) cell.vMerge = val === "restart" ? "restart" : "continue";
    else if (tag.name === "w:p" && cell) paragraphs.push("");
    else if (tag.name === "w:t") inText = true;
  });
  parser.on("text", (text) => {
    if (inText && cell) paragraphs[paragraphs.length - 1] += text;
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:t") inText = false;
    else if (tag.name === "w:tc") {
      cell!.text = paragraphs.join("\n");
      row!.cells.push(cell!);
      cell = null;
    }
  });
  parser.write(xml).close();
  return tables;
}

function leaves(tasks: Task[]): Task[] {
  return tasks.flatMap((t) => (t.children.length === 0 ? [t] : leaves(t.children)));
}

describe("Word 台账 of the 朝阳区 fixture", () => {
  let ledger: Ledger;
  let files: Record<string, Uint8Array>;
  let document: string;
  let table: WordTable;

  beforeAll(async () => {
    ledger = await parseFile("fixtures/chaoyang-2021-ledger.docx");
    files = unzipSync(await toDocx(ledger));
    document = strFromU8(files["word/document.xml"]);
    [table] = readTables(document);
  });

  it("is landscape A4", () => {
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it("opens with the notice's title", () => {
    const title = /<w:body><w:p>.*?<\/w:p>/.exec(document)![0];
    expect(title).toContain("朝阳区2021年政务公开重点工作任务台账");
    expect(title).toContain('<w:jc w:val="center"/>');
  });

  it("sets a Chinese font for East Asian text", () => {
    expect(strFromU8(files["word/styles.xml"])).toMatch(/<w:rFonts[^>]*w:eastAsia="宋体"/);
  });

  it("has the same columns as the Excel 台账, the header row repeated on every page", () => {
    expect(table.rows[0].header).toBe(true);
    expect(table.rows.slice(1).some((r) => r.header)).toBe(false);
    expect(table.rows[0].cells.map((c) => c.text)).toEqual(ledgerTable([ledger]).columns.map((c) => c.header));
    expect(table.rows[0].cells.map((c) => c.text)).toEqual(CHAOYANG_LEDGER_HEADERS);
  });

  it("fills the page width, wide for content and narrow for 序号", () => {
    const total = table.grid.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(14500);
    expect(total).toBeLessThanOrEqual(14798);
    expect(table.grid[3]).toBeGreaterThan(3 * table.grid[0]);
  });

  it("has one row per leaf task with its id, content and owners", () => {
    const body = table.rows.slice(1);
    expect(body.map((r) => r.cells[9].text)).toEqual(leaves(ledger.tasks).map((t) => t.id));
    const row = body.find((r) => r.cells[9].text === "1.1.2")!;
    expect(row.cells[3].text).toMatch(/^落实专人专责/);
    expect(row.cells[4].text).toBe("区政数局");
    expect(row.cells[6].text).toBe("长期常态化");
  });

  it("merges 序号 and parent tasks vertically over their children", () => {
    const body = table.rows.slice(1);
    const top = ledger.tasks[0];
    const topRows = leaves([top]).length;
    // 序号 "一": starts a merge on the first row and continues over the rest of the group.
    expect(body[0].cells[0]).toEqual({ text: "一", vMerge: "restart" });
    for (let r = 1; r < topRows; r++) expect(body[r].cells[0].vMerge).toBe("continue");
    expect(body[topRows].cells[0]).toMatchObject({ text: "二", vMerge: "restart" });
    // 具体任务 "1、…" spans its two content rows.
    expect(body[0].cells[2]).toEqual({ text: "1、做好法定公开内容的日常维护", vMerge: "restart" });
    expect(body[1].cells[2].vMerge).toBe("continue");
    expect(body[2].cells[2]).toMatchObject({ text: "2、优化依申请公开的服务体系" });
    // Leaf columns are never merged.
    for (const r of body) expect(r.cells[3].vMerge).toBeNull();
  });
});

describe("Word 台账 widths and content", () => {
  it("gives 工作内容 35–40 % of the width, 任务编号 and 备注 narrow", async () => {
    const ledger = await parseFile("fixtures/chaoyang-2021-ledger.docx");
    const [table] = readTables(strFromU8(unzipSync(await toDocx(ledger))["word/document.xml"]));
    const headers = table.rows[0].cells.map((c) => c.text);
    const total = table.grid.reduce((a, b) => a + b, 0);
    const share = (header: string) => table.grid[headers.indexOf(header)] / total;
    expect(share("工作内容")).toBeGreaterThanOrEqual(0.35);
    expect(share("工作内容")).toBeLessThanOrEqual(0.4);
    expect(share("任务编号")).toBeLessThan(0.08);
    expect(share("备注")).toBeLessThan(0.08);
    expect(share("进展情况")).toBeLessThan(share("工作内容") / 3);
  });

  it("leaves the trailing owner parenthetical out of 工作内容 (the owner columns show it) and marks inherited owners", async () => {
    const ledger = await parseFile("fixtures/lianhuashan-2019-plan.txt");
    const xml = strFromU8(unzipSync(await toDocx(ledger))["word/document.xml"]);
    const [table] = readTables(xml);
    const content = table.rows[0].cells.findIndex((c) => c.text === "工作内容");
    const leaf = leaves(ledger.tasks).find((t) => t.ownersText && t.text.endsWith(`（${t.ownersText}）`))!;
    const row = table.rows.find((r) => r.cells[r.cells.length - 1].text === leaf.id)!;
    expect(row.cells[content].text).not.toContain(leaf.ownersText!);
    expect(leaf.text).toContain(leaf.ownersText!);
    if (leaves(ledger.tasks).some((t) => t.effective.owners.inherited && t.effective.owners.owners.length > 0)) {
      expect(xml).toMatch(/<w:i\/>[\s\S]{0,40}<w:color w:val="7F7F7F"\/>|<w:color w:val="7F7F7F"\/>[\s\S]{0,40}<w:i\/>/);
    }
  });
});
