import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { toYaml } from "../../src/exporters/yaml.js";
import { parseFile } from "../../src/ledger.js";
import { noticeFixtures } from "../helpers/fixtures.js";

describe("YAML output", () => {
  it.each(noticeFixtures())("%s: round-trips to the same object", async (file) => {
    const ledger = await parseFile(file);
    expect(parse(toYaml(ledger))).toEqual(JSON.parse(JSON.stringify(ledger)));
  });

  it("reads as Chinese: no escapes, the structure of the JSON", async () => {
    const yaml = toYaml(await parseFile("fixtures/chaoyang-2021-ledger.txt"));
    expect(yaml).not.toMatch(/\\u[0-9a-f]{4}|\\x[0-9a-f]{2}/i);
    expect(yaml).toContain("title: 朝阳区2021年政务公开重点工作任务台账");
    expect(yaml).toMatch(/^schemaVersion: 1\nsource:\n {2}path: fixtures\/chaoyang-2021-ledger\.txt\n/);
    expect(yaml).toMatch(/\n {2}- id: "1"\n {4}level: 1\n {4}label: 一\n/);
  });

  it("quotes what YAML 1.1 readers would misread (dates, ids that look like numbers)", async () => {
    const yaml = toYaml(await parseFile("fixtures/chaoyang-2021-ledger.txt"));
    expect(yaml).toContain('due: "2021-12-31"');
    expect(yaml).toContain('id: "1.1"');
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(parse(yaml, { version: "1.1" })).toEqual(parse(yaml));
  });
});
