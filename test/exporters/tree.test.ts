import { Chalk } from "chalk";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { chalkPaint, toTree } from "../../src/exporters/tree.js";
import { parseFile, parseText } from "../../src/ledger.js";
import { checkTree, ESCAPES, QUICK_FIXTURES } from "./view-checks.js";

/** The terminal tree as the exporter writes it (the command, under a pty and piped, is tested in tree-cli.slow.test.ts). */

describe("tree", () => {
  it.each(QUICK_FIXTURES)("%s: a line per task under the title, every line within the width", async (file) => {
    checkTree(await parseFile(file));
  });

  it("shows labels, units by role, deadlines, and marks collective and inherited owners", async () => {
    const tree = toTree(await parseFile("fixtures/chaoyang-2021-ledger.txt"));
    expect(tree).toMatch(/^朝阳区2021年政务公开重点工作任务台账\nfixtures\/chaoyang-2021-ledger\.txt · 72 项任务（39 项末级）/);
    expect(tree).toContain("│  ├─ 1、做好法定公开内容的日常维护\n");
    expect(tree).toContain("#1.1.2  牵头 区政数局  责任 各相关单位*  长期常态化\n");
    expect(tree).toContain("#1.3.1  牵头 区政府办、区政数局  责任 制发文各单位*  2021-12-31（2021年12月底前）\n");
    const inherited = toTree(await parseText("一、总体任务（区政府办牵头，2021年12月底前）\n（一）整理目录\n（二）更新专栏\n", { path: "x.txt" }));
    expect(inherited).toBe(
      [
        "（无标题）",
        "x.txt · 3 项任务（2 项末级） · ↑ 继承自上级任务  * 泛指单位",
        "└─ 一、总体任务",
        "   │  #1  牵头 区政府办  2021-12-31（2021年12月底前）",
        "   ├─ （一）整理目录",
        "   │     #1.1  ↑牵头 区政府办  ↑2021-12-31（2021年12月底前）",
        "   └─ （二）更新专栏",
        "         #1.2  ↑牵头 区政府办  ↑2021-12-31（2021年12月底前）",
        "",
      ].join("\n"),
    );
  });

  it("puts each warning under its task, in Chinese or English", async () => {
    const ledger = await parseFile("fixtures/lianhuashan-2019-plan.txt");
    const lines = toTree(ledger).split("\n");
    const task = lines.findIndex((l) => l.endsWith("├─ （2）建立协同联动机制，积极回应社会关切"));
    expect(lines[task + 2]).toMatch(/^│ {2}│ {5}⚠ “（2）”.*\(numbering-style-mixed\)$/);
    expect(lines.filter((l) => l.includes("numbering-style-mixed"))).toHaveLength(5);
    expect(toTree(ledger, { locale: "en" })).toContain("⚠ “（2）” (arabic-paren) continues a list numbered in cn-paren style (numbering-style-mixed)");
    expect(toTree(ledger)).not.toContain("ℹ");
    expect(toTree(ledger, { infos: true })).toContain("ℹ");
  });

  it("cuts wide text by display columns, Chinese characters counting two", async () => {
    const ledger = await parseText("一、推进政务公开标准化规范化建设工作全面落实各项任务要求（区政数局牵头）\n", { path: "w.txt" });
    const line = toTree(ledger, { width: 20 }).split("\n")[2];
    expect(line).toBe("└─ 一、推进政务公开…");
    expect(stringWidth(line)).toBe(20);
  });

  it("colours with chalk, and the colours hide nothing and add nothing", async () => {
    const ledger = await parseFile("fixtures/lianhuashan-2019-plan.txt");
    const coloured = toTree(ledger, { width: 80, paint: chalkPaint(new Chalk({ level: 1 })) });
    expect(coloured).toMatch(ESCAPES);
    expect(coloured.replace(ESCAPES, "")).toBe(toTree(ledger, { width: 80 }));
  });

  it("prints no control characters from a hostile notice", async () => {
    const tree = toTree(await parseText("一、正常标题\u001b]0;pwned\u0007\u001b[2J（区政府办牵头）\n", { path: "h.txt" }));
    expect(tree).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("tree, any text", () => {
  it("stays within the width and prints no control character, whatever the titles hold", async () => {
    const { default: fc } = await import("fast-check");
    const { syntheticLedger } = await import("./synthetic-ledger.js");
    const text = fc.string({ unit: fc.oneof(fc.constantFrom("政", "务", "公", "开", "〔", "”", "…", "\u001b", "\n", "\t", "\u0085", "\u2028", "👨‍👩‍👧", "e\u0301", "\u200b"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 60 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), text, fc.integer({ min: 20, max: 120 }), (titles, unit, width) => {
        const { ledger } = syntheticLedger(titles, unit, "2021-12-31");
        const tree = toTree(ledger, { width });
        expect(tree).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
        for (const line of tree.trimEnd().split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });
});
