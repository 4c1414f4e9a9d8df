import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/index.js";
import type { Task } from "../../src/model/ledger.js";

/**
 * The real PDF notices of ../shared/real-office (published exports from Word 2016 and LibreOffice,
 * outside the repository: skipped where it is absent). Each gives a task tree numbered 一、二、…
 * in order, and every owner clause is whole: it stands in the poppler text (pdftotext, the
 * oracle) as one run, and every unit read from it is a whole word of it, never cut where a line
 * wrapped ("态环境部" for 生态环境部).
 */

const REAL = join(import.meta.dirname, "..", "..", "..", "shared", "real-office");
const PDFS = existsSync(REAL) ? readdirSync(REAL).filter((name) => name.endsWith(".pdf")).sort() : [];
const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;

const CHINESE_ORDINALS = "一二三四五六七八九十";

function flatten(tasks: readonly Task[], out: Task[] = []): Task[] {
  for (const task of tasks) {
    out.push(task);
    flatten(task.children, out);
  }
  return out;
}

/**
 * The poppler text without white space and page numbers (pdftotext keeps them, also inside a
 * clause cut by a page break): a clause that wraps a line or a page is found whole in it.
 */
function popplerText(path: string): string {
  const result = spawnSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return result.stdout.replace(/\s+/g, "").replace(/[-—–]\d{1,4}[-—–]/g, "");
}

describe.skipIf(PDFS.length === 0)("real PDF notices", () => {
  for (const name of PDFS) {
    it(`${name}: a task tree with whole owner clauses`, async () => {
      const path = join(REAL, name);
      const ledger = await parseFile(path);
      expect(ledger.tasks.length).toBeGreaterThanOrEqual(4);
      expect(ledger.tasks.map((task) => task.label)).toEqual(ledger.tasks.map((_, i) => `${CHINESE_ORDINALS[i]}、`));
      const tasks = flatten(ledger.tasks);
      expect(tasks.some((task) => task.level >= 2)).toBe(true);
      const oracle = hasPdftotext ? popplerText(path) : null;
      for (const task of tasks) {
        if (task.ownersText === null) continue;
        expect(task.text).toContain(task.ownersText);
        if (oracle) expect(oracle.includes(task.ownersText.replace(/\s+/g, "")), task.ownersText).toBe(true);
        for (const unit of [...task.lead, ...task.responsible]) {
          expect(task.ownersText).toContain(unit);
          // A unit cut by a wrapped line would start inside a word of the clause.
          const at = task.ownersText.indexOf(unit);
          expect(at === 0 || /[、，,；;：:\s（(和及与]/.test(task.ownersText[at - 1])).toBe(true);
        }
      }
    });
  }

  it.skipIf(!PDFS.includes("mee_2024_tanzuji_guanli_tixi_shishi_fangan_msword2016.pdf"))("mee_2024: 22 owner clauses, units as the notice names them", async () => {
    const tasks = flatten((await parseFile(join(REAL, "mee_2024_tanzuji_guanli_tixi_shishi_fangan_msword2016.pdf"))).tasks);
    expect(tasks.filter((task) => task.ownersText !== null)).toHaveLength(22);
    const units = new Set(tasks.flatMap((task) => [...task.lead, ...task.responsible]));
    expect([...units].sort()).toEqual(
      [
        "中国人民银行", "中国证监会", "交通运输部", "人力资源社会保障部", "农业农村部", "各有关部门", "各部门", "商务部", "国务院国资委", "国家发展改革委",
        "国家数据局", "国家知识产权局", "外交部", "工业和信息化部", "市场监管总局", "教育部", "有关行业协会", "海关总署", "生态环境部", "财政部", "金融监管总局",
      ].sort(),
    );
    expect(tasks.find((task) => task.label === "1.")?.responsible).toEqual(["生态环境部", "国家发展改革委", "市场监管总局"]);
    // Page numbers (— 6 —) are not text of the notice.
    expect(tasks.some((task) => /—\s*\d+\s*—/.test(task.text))).toBe(false);
  });
});
