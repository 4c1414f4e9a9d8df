import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadUnitAliases } from "../../src/parse/units.js";

describe("loadUnitAliases", () => {
  it("reads a mapping canonical → aliases", () => {
    const units = loadUnitAliases("发展改革委: [发改委, 发展和改革委员会]\n规划和自然资源局: 国土资源局\n区委宣传部:\n");
    expect(units.canonical("发改委")).toBe("发展改革委");
    expect(units.canonical("发展和改革委员会")).toBe("发展改革委");
    expect(units.canonical("发展改革委")).toBe("发展改革委");
    // an old name → the new one
    expect(units.canonical("国土资源局")).toBe("规划和自然资源局");
    expect(units.canonical("区委宣传部")).toBe("区委宣传部");
    expect(units.canonical("区财政局")).toBeNull();
  });

  it("reads a list of {name, aliases}", () => {
    const units = loadUnitAliases("- name: 区政务服务和数据管理局\n  aliases: [区政数局, 政数局]\n- name: 区卫生健康局\n");
    expect(units.canonical("区政数局")).toBe("区政务服务和数据管理局");
    expect(units.canonical("政数局")).toBe("区政务服务和数据管理局");
    expect(units.canonical("区卫生健康局")).toBe("区卫生健康局");
  });

  it("resolves an alias after a place prefix, unless the canonical name has its own level", () => {
    const units = loadUnitAliases("发展改革委: [发改委]\n区政府办公室: [政府办]\n");
    expect(units.canonical("省发改委")).toBe("省发展改革委");
    expect(units.canonical("长春市发改委")).toBe("长春市发展改革委");
    expect(units.canonical("区政府办")).toBeNull();
    expect(units.canonical("审计局发改委")).toBeNull();
  });

  it("ignores whitespace inside names", () => {
    expect(loadUnitAliases("发展改革委: [发 改 委]").canonical(" 发改委 ")).toBe("发展改革委");
  });

  it("accepts an empty file", () => {
    expect(loadUnitAliases("").canonical("发改委")).toBeNull();
  });

  it("loads the example file", () => {
    const units = loadUnitAliases(readFileSync(new URL("../../fixtures/units.example.yaml", import.meta.url), "utf8"));
    expect(units.canonical("区发改委")).toBe("区发展改革委");
    expect(units.canonical("区政数局")).toBe("区政务服务数据管理局");
    expect(units.canonical("区政府办")).toBe("区政府办公室");
  });

  it.each([
    ["发展改革委: [发改委\n", /not valid YAML/],
    ["发展改革委: {a: 1}", /expected a mapping/],
    ["- 发改委\n- 财政局", /expected a mapping/],
    ["- name: 财政局\n  alias: [财政厅]", /expected a mapping/],
    ["发展改革委: [发改委]\n发展改革局: [发改委]", /"发改委" is given for both "发展改革委" and "发展改革局"/],
    ["42", /expected a mapping/],
  ])("rejects a bad file with a one-line message: %j", (yaml, message) => {
    let error: unknown;
    try {
      loadUnitAliases(yaml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^units file: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("looks up a long string quickly", () => {
    const units = loadUnitAliases("发展改革委: [发改委]");
    // No time bound (see labels.test.ts): a super-linear lookup would hang here.
    units.canonical("区".repeat(100_000) + "发改委");
  });
});
