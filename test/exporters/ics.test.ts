import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { flattenTasks } from "../../src/exporters/flatten.js";
import { toIcs } from "../../src/exporters/ics.js";
import { parseFile, parseText } from "../../src/ledger.js";
import { checkIcs, events, oneLine, QUICK_FIXTURES } from "./view-checks.js";

/** The deadline calendar, parsed back with ical.js. */

/** The first `count` occurrences of a repeating event, as ISO dates. */
function occurrences(event: ICAL.Event, count: number): string[] {
  const iterator = event.iterator();
  const out: string[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) out.push(next.toString());
  return out;
}

describe("iCalendar", () => {
  it.each(QUICK_FIXTURES)("%s: one all-day event per dated leaf, titled by the task, categorised by the notice", async (file) => {
    checkIcs(await parseFile(file));
  });

  it("has the same UIDs, and the same bytes, every time the same notice is exported; another notice gets others", async () => {
    const ledger = await parseFile("fixtures/chaoyang-2021-ledger.txt");
    const first = toIcs(ledger);
    const again = toIcs(await parseFile("fixtures/chaoyang-2021-ledger.txt"));
    expect(again).toBe(first);
    expect(events(first).length).toBeGreaterThan(10);
    const edited = toIcs({ ...ledger, source: { ...ledger.source, sha256: "0".repeat(64) } });
    const uids = new Set(events(first).map((e) => e.uid));
    for (const e of events(edited)) expect(uids.has(e.uid)).toBe(false);
  });

  it("repeats the recurring deadlines the notice makes exact, and only those", async () => {
    const ledger = await parseText(
      [
        "某区2022年政务公开工作要点",
        "一、更新财政信息（区财政局牵头，每月25日前）",
        "二、报送季度报表（区统计局负责，每季度末）",
        "三、发布年度报告（区政府办负责，每年1月31日前）",
        "四、听取工作汇报（区政府办负责，每年至少听取一次）",
        "五、整理公开目录（区政数局负责，2022年6月底前）",
      ].join("\n"),
      { path: "recurring.txt" },
    );
    const kinds = flattenTasks(ledger).map(({ task }) => [task.id, task.effective.deadline.deadline?.kind]);
    expect(kinds).toEqual([["1", "recurring"], ["2", "recurring"], ["3", "recurring"], ["4", "recurring"], ["5", "date"]]);
    const parsed = events(toIcs(ledger));
    const bySummary = new Map(parsed.map((e) => [e.summary, e]));
    expect([...bySummary.keys()]).toEqual(["更新财政信息", "报送季度报表", "发布年度报告", "整理公开目录"]);
    expect(occurrences(bySummary.get("更新财政信息")!, 20)).toEqual(Array.from({ length: 12 }, (_, m) => `2022-${String(m + 1).padStart(2, "0")}-25`));
    expect(occurrences(bySummary.get("报送季度报表")!, 5)).toEqual(["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]);
    expect(occurrences(bySummary.get("发布年度报告")!, 3)).toEqual(["2022-01-31", "2023-01-31", "2024-01-31"]);
    expect(bySummary.get("整理公开目录")!.isRecurring()).toBe(false);
    expect(bySummary.get("更新财政信息")!.description).toContain("牵头单位：区财政局");
  });
});

describe("iCalendar, any text", () => {
  it("gives every title and unit back through ical.js, whatever they hold", async () => {
    const { default: fc } = await import("fast-check");
    const { syntheticLedger } = await import("./synthetic-ledger.js");
    const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 80 }), fc.constantFrom("分号;逗号,反斜杠\\", "换行\n第二行", "END:VEVENT", "BEGIN:VCALENDAR", "政务公开".repeat(30)));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), text.filter((t) => !/[\r\n\u0000-\u001f\u007f、]/.test(t) && t !== ""), (titles, unit) => {
        const { ledger } = syntheticLedger(titles, unit, "2021-12-31");
        const parsed = events(toIcs(ledger));
        expect(parsed.map((e) => e.summary)).toEqual(titles.map(oneLine));
        for (const e of parsed) expect(e.description.split("\n")[0]).toBe(`牵头单位：${unit}`);
      }),
      { numRuns: 200 },
    );
  });
});
