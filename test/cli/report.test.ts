import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { MESSAGES, detectLocale } from "../../src/cli/messages.js";
import { escapeData, escapeProperty, formatDiagnostics, formatGithubAnnotations } from "../../src/cli/report.js";
import type { Diagnostic } from "../../src/model/diagnostics.js";

const plain = new Chalk({ level: 0 });

const diagnostics: Diagnostic[] = [
  { severity: "warning", code: "numbering-gap", message: "“5.” follows number 2; expected 3", source: { line: 52 }, taskId: "2.5" },
  { severity: "error", code: "owners-unsplit", message: "100% of\r\nthe clause", source: { line: 7, column: 3, endLine: 8 } },
  { severity: "info", code: "no-deadline", message: "no deadline", source: null },
];

describe("compiler-style report", () => {
  it("prints file:line, severity, message and code in aligned columns, one line each", () => {
    expect(formatDiagnostics("plan.txt", diagnostics, MESSAGES.en, plain)).toBe(
      [
        "plan.txt:52   warning  “5.” follows number 2; expected 3  numbering-gap",
        "plan.txt:7:3  error    100% of the clause  owners-unsplit",
        "plan.txt:1    info     no deadline  no-deadline",
        "",
      ].join("\n"),
    );
  });

  it("aligns Chinese severity words by display width", () => {
    const text = formatDiagnostics("方案.txt", diagnostics.slice(0, 1), MESSAGES.zh, plain);
    expect(text).toBe("方案.txt:52  警告  “5.” follows number 2; expected 3  numbering-gap\n");
  });
});

describe("GitHub Actions annotations", () => {
  it("escapes % CR LF in messages, and also : and , in properties", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("maps severities to error, warning and notice commands with file, line and code as title", () => {
    expect(formatGithubAnnotations("docs/a,b.txt", diagnostics)).toBe(
      [
        "::warning file=docs/a%2Cb.txt,line=52,title=numbering-gap::“5.” follows number 2; expected 3",
        "::error file=docs/a%2Cb.txt,line=7,endLine=8,col=3,title=owners-unsplit::100%25 of%0D%0Athe clause",
        "::notice file=docs/a%2Cb.txt,title=no-deadline::no deadline",
        "",
      ].join("\n"),
    );
  });
});

describe("locale detection", () => {
  it("follows LC_ALL, then LC_MESSAGES, then LANG", () => {
    expect(detectLocale({ LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(detectLocale({ LANG: "zh_CN.UTF-8", LC_ALL: "en_US.UTF-8" })).toBe("en");
    expect(detectLocale({ LANG: "en_US.UTF-8", LC_MESSAGES: "zh_TW" })).toBe("zh");
    expect(detectLocale({ LANG: "zh", LC_ALL: "" })).toBe("zh");
    expect(detectLocale({ LANG: "C.UTF-8" })).toBe("en");
    expect(detectLocale({ LANG: "zu_ZA.UTF-8" })).toBe("en");
    expect(detectLocale({})).toBe("en");
  });
});
