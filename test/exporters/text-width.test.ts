import { describe, expect, it } from "vitest";
import { maxLineWidth, textWidth, wrappedLineCount } from "../../src/exporters/text-width.js";

describe("text width", () => {
  it("counts East Asian wide characters as two columns", () => {
    expect(textWidth("abc")).toBe(3);
    expect(textWidth("长期常态化")).toBe(10);
    expect(textWidth("2021年12月底前")).toBe(14);
    expect(textWidth("（一）“六稳”，。")).toBe(18);
    expect(textWidth("𠀀")).toBe(2);
  });

  it("measures the widest line and wraps per line", () => {
    expect(maxLineWidth("区政数局\n各相关单位配合")).toBe(14);
    expect(wrappedLineCount("一二三四五六七八九十", 10)).toBe(2);
    expect(wrappedLineCount("一二\n三", 10)).toBe(2);
    expect(wrappedLineCount("", 10)).toBe(1);
  });
});
