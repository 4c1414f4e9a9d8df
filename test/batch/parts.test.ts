import { describe, expect, it } from "vitest";
import { compileGlob, isGlob } from "../../src/batch/glob.js";
import { ProgressBar } from "../../src/batch/progress.js";
import { inShard, parseShard, shardOf } from "../../src/batch/shard.js";

describe("glob patterns", () => {
  const matches = (pattern: string, path: string) => compileGlob(pattern).regexp.test(path);

  it("splits the literal folder from the pattern", () => {
    expect(compileGlob("notices/2021/**/*.docx")).toMatchObject({ base: "notices/2021", maxDepth: Infinity });
    expect(compileGlob("*.txt")).toMatchObject({ base: ".", maxDepth: 0 });
    expect(compileGlob("/srv/notices/*/*.md")).toMatchObject({ base: "/srv/notices", maxDepth: 1 });
  });

  it("matches *, ?, [..], {a,b} within a folder and ** across folders", () => {
    const base = "notices/";
    const rel = (pattern: string) => pattern.slice(base.length);
    expect(matches(base + "*.docx", rel(base + "a.docx"))).toBe(true);
    expect(matches(base + "*.docx", "sub/a.docx")).toBe(false);
    expect(matches(base + "**/*.docx", "a.docx")).toBe(true);
    expect(matches(base + "**/*.docx", "x/y/a.docx")).toBe(true);
    expect(matches(base + "20??/*.{txt,md}", "2021/a.md")).toBe(true);
    expect(matches(base + "20??/*.{txt,md}", "2021/a.docx")).toBe(false);
    expect(matches(base + "[!x]*.txt", "a.txt")).toBe(true);
    expect(matches(base + "[!x]*.txt", "x.txt")).toBe(false);
    expect(matches(base + "通知(1).txt", "通知(1).txt")).toBe(true);
  });

  it("tells patterns from paths", () => {
    expect(isGlob("notices/**/*.docx")).toBe(true);
    expect(isGlob("notices/2021 plan.docx")).toBe(false);
  });
});

describe("--shard", () => {
  it("parses I/N with 1 ≤ I ≤ N", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3"]) expect(parseShard(bad)).toBeNull();
  });

  it("puts every path in exactly one shard, spread roughly evenly", () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `区县/${i % 7}/通知-${i}.docx`);
    const sizes = [0, 0, 0, 0];
    for (const path of paths) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(path, { index, count: 4 }));
      expect(owners).toHaveLength(1);
      sizes[owners[0] - 1]++;
    }
    for (const size of sizes) expect(size).toBeGreaterThan(600);
  });

  it("depends on the path alone", () => {
    expect(shardOf("a/b.txt", 10)).toBe(shardOf("a/b.txt", 10));
    expect(inShard("anything", null)).toBe(true);
  });
});

describe("progress bar", () => {
  it("draws done/total, rate and ETA on one line (no ETA while warming up), and erases it", () => {
    let written = "";
    const stream = { columns: 80, write: (text: string) => ((written += text), true) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar(stream, 2);
    bar.tick();
    expect(written).toMatch(/^\r\[#*-*\] 1\/2 {2}… files\/s {2}ETA -:--\x1b\[K$/);
    bar.tick();
    expect(written).toContain(" 2/2 ");
    bar.clear();
    expect(written.endsWith("\r\x1b[K")).toBe(true);
  });
});
