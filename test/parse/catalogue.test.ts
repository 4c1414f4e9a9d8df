import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/model/diagnostic.js";
import { CATALOGUE, messageIn } from "../../src/model/catalogue.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("the diagnostic catalogue", () => {
  it("lists every code the source reports", () => {
    const used = new Set<string>();
    for (const file of sources("src")) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:diagnostic|warn)\(\s*(?:node,\s*)?"([a-z0-9-]+)"/g)) used.add(m[1]);
      // Diagnostics must be built from the catalogue, never as object literals.
      expect(text, file).not.toMatch(/severity: "(?:info|warning|error)", code: "/);
    }
    expect([...used].filter((code) => !Object.hasOwn(CATALOGUE, code))).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });

  it("has a kebab-case code and an English and a Chinese message for each entry", () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      const params = new Proxy({}, { get: (_, key) => `«${String(key)}»` }) as never;
      const en = (entry.en as (p: never) => string)(params);
      const zh = (entry.zh as (p: never) => string)(params);
      expect(en).not.toMatch(/undefined/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      // Both languages show the same parameters.
      expect(zh.match(/«\w+»/g)?.sort() ?? []).toEqual(en.match(/«\w+»/g)?.sort() ?? []);
    }
  });

  it("builds diagnostics whose severity and text come from the catalogue, shown in either language", () => {
    const d = diagnostic("no-deadline", { id: "1.2", title: "公开预算" }, { line: 3 }, "1.2");
    expect(d).toEqual({
      severity: "info",
      code: "no-deadline",
      message: "task 1.2 “公开预算” has no deadline",
      params: { id: "1.2", title: "公开预算" },
      source: { line: 3 },
      taskId: "1.2",
    });
    expect(messageIn(d, "zh")).toBe("任务 1.2“公开预算”没有完成时限");
    expect(messageIn(diagnostic("no-tasks", {}, null), "zh")).toBe("未找到编号条目或任务表格");
    // A code from elsewhere keeps its stored text.
    expect(messageIn({ code: "other", message: "as stored" }, "zh")).toBe("as stored");
  });
});
