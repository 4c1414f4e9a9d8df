import { readFileSync } from "node:fs";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { toReviewHtml } from "../../src/exporters/review-html.js";
import { importBytes } from "../../src/importers/index.js";
import { ledgerFromBlocks } from "../../src/ledger.js";
import { checkReview, elements, hasClass, QUICK_FIXTURES, text, words } from "./view-checks.js";

/** The review page's structure, read back with an HTML parser; its behaviour is tested in Chromium (test/browser/). */

async function review(path: string, bytes: Uint8Array = readFileSync(path)) {
  const blocks = await importBytes(bytes, path);
  const ledger = ledgerFromBlocks(blocks, bytes, { path });
  return { ledger, html: toReviewHtml(ledger, { blocks }) };
}

describe("review page", () => {
  it.each(QUICK_FIXTURES)("%s: one entry per task, each pointing at its source, nothing loaded from outside", async (file) => {
    const { ledger, html } = await review(file);
    checkReview(ledger, html);
  });

  it("marks own and inherited owners and deadlines, collective units, and shows diagnostics where they occur", async () => {
    const { html } = await review("fixtures/lianhuashan-2019-plan.txt");
    const page = fromHtml(html);
    const task = elements(page, (e) => e.properties.id === "t-1.2")[0];
    expect(text(task)).toContain("⚠ “（2）”");
    expect(task.properties.dataWarn).toBe("1");
    const source = elements(page, (e) => e.properties.id === String(task.properties.dataSrc).split(" ")[0])[0];
    expect(hasClass(source, "diag-warning")).toBe(true);
    expect(text(source)).toContain("建立协同联动机制，积极回应社会关切");
    expect(elements(page, (e) => hasClass(e, "collective")).map(text)).toContain("各乡镇");

    const inherited = await review("inherit.txt", new TextEncoder().encode("一、总体任务（区政府办牵头，2021年12月底前）\n（一）整理目录\n"));
    const child = elements(fromHtml(inherited.html), (e) => e.properties.id === "t-1.1")[0];
    const owners = elements(child, (e) => hasClass(e, "owners"))[0];
    expect(hasClass(owners, "inherited")).toBe(true);
    expect(text(owners)).toContain("继承自 1");
    expect(hasClass(elements(child, (e) => hasClass(e, "deadline"))[0], "inherited")).toBe(true);
    expect(child.properties.dataMonth).toBe("2021-12");
  });

  it("offers the units and months the ledger has as filters", async () => {
    const { html } = await review("fixtures/chaoyang-2021-ledger.txt");
    const page = fromHtml(html);
    const options = (id: string) => elements(elements(page, (e) => e.properties.id === id)[0], (e) => e.tagName === "option").map((o) => String(o.properties.value));
    expect(options("f-unit")).toContain("区政数局");
    const months = options("f-month");
    expect(months[0]).toBe("");
    expect(months).toContain("2021-12");
    expect(months.at(-1)).toBe("none");
    expect(months.slice(1, -1)).toEqual([...months.slice(1, -1)].sort());
  });

  it("shows a hostile notice as text: no element, attribute or script comes from it", async () => {
    const hostile = [
      "关于印发<script>alert(1)</script>的通知",
      '一、"><img src=x onerror=alert(1)>推进公开（<b onmouseover=alert(2)>区政府办</b>牵头）',
      "二、</textarea></style></script><svg onload=alert(3)>任务（区政数局牵头，2021年12月底前）",
    ].join("\n");
    const { html } = await review("hostile.txt", new TextEncoder().encode(hostile));
    const page = fromHtml(html);
    expect(elements(page, (e) => ["img", "svg", "b", "textarea"].includes(e.tagName))).toEqual([]);
    expect(elements(page, (e) => e.tagName === "script")).toHaveLength(1);
    expect(elements(page, (e) => Object.keys(e.properties).some((k) => /^on/i.test(k)))).toEqual([]);
    const body = text(elements(page, (e) => e.tagName === "body")[0]);
    expect(body).toContain('"><img src=x onerror=alert(1)>推进公开');
    expect(body).toContain("<svg onload=alert(3)>任务");
  });

  it("shows the ledger alone when no blocks are given", async () => {
    const { ledger } = await review("fixtures/qianjin-2017-plan.txt");
    const page = fromHtml(toReviewHtml(ledger));
    expect(elements(page, (e) => hasClass(e, "source"))).toEqual([]);
    expect(elements(page, (e) => hasClass(e, "task")).length).toBeGreaterThan(10);
  });
});

describe("review page, any text", () => {
  it("shows every title, unit and paragraph exactly as text, whatever it holds", async () => {
    const { default: fc } = await import("fast-check");
    const { syntheticLedger } = await import("./synthetic-ledger.js");
    const hostile = fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><svg/onload=alert(1)>", "&lt;&amp;", "]]><!--", "\u2028\u0000"));
    fc.assert(
      fc.property(fc.array(hostile.filter((t) => t.trim() !== ""), { minLength: 1, maxLength: 6 }), hostile, (titles, unit) => {
        const { ledger, blocks } = syntheticLedger(titles, unit, "2021-12-31");
        const page = fromHtml(toReviewHtml(ledger, { blocks }));
        expect(elements(page, (e) => e.tagName === "script")).toHaveLength(1);
        expect(elements(page, (e) => !["html", "head", "body", "meta", "title", "style", "script", "header", "h1", "h2", "p", "ul", "li", "form", "label", "select", "option", "input", "output", "main", "section", "ol", "div", "span", "time"].includes(e.tagName))).toEqual([]);
        // HTML parsing drops NUL and turns CR into LF: the text survives up to that normalisation.
        const normal = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\u0000/g, "");
        const shownTitles = elements(page, (e) => hasClass(e, "title")).map(text);
        expect(shownTitles).toEqual(titles.map(normal));
        const paragraphs = elements(page, (e) => e.tagName === "p" && hasClass(e, "src")).map(words);
        expect(paragraphs).toEqual(titles.map(normal));
        expect(elements(page, (e) => hasClass(e, "unit")).map(text)).toEqual(titles.map(() => normal(unit)));
      }),
      { numRuns: 100 },
    );
  });
});
