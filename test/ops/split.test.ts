import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/ledger.js";
import type { Task } from "../../src/model/ledger.js";
import { allTasks, holds, ledgerUnits, leaves, shareFileNames, splitByUnit, unitFileName } from "../../src/ops/split.js";

describe("ledger split --by unit", async () => {
  const ledger = await parseFile("fixtures/chaoyang-2021-ledger.txt");
  const shares = splitByUnit(ledger);

  it("gives one share per unit the ledger names, never one for a collective", () => {
    expect(shares.map((s) => s.unit)).toEqual(ledgerUnits(ledger));
    const collectives = new Set(leaves(ledger.tasks).flatMap((t) => t.effective.owners.owners.filter((o) => o.collective).map((o) => o.name)));
    expect(collectives.size).toBeGreaterThan(0);
    for (const name of collectives) expect(shares.map((s) => s.unit)).not.toContain(name);
  });

  it("holds exactly the unit's tasks and those addressed to all, with their ids and the categories above them", () => {
    const allLeaves = leaves(ledger.tasks);
    for (const share of shares) {
      const ids = leaves(share.ledger.tasks).map((t) => t.id);
      expect(ids).toEqual(allLeaves.filter((t) => holds(t, share.unit)).map((t) => t.id));
      expect(share.rows).toBe(ids.length);
      // Every task kept is the ledger's own task, unchanged but for its pruned children.
      const original = new Map(allTasks(ledger.tasks).map((t) => [t.id, t]));
      for (const task of allTasks(share.ledger.tasks)) {
        const { children: _a, ...kept } = task;
        const { children: _b, ...source } = original.get(task.id) as Task;
        expect(kept).toEqual(source);
      }
    }
    const zhengshu = shares.find((s) => s.unit === "区政数局")!;
    const collective = allLeaves.filter((t) => t.effective.owners.owners.some((o) => o.collective) && !t.effective.owners.owners.some((o) => o.name === "区政数局"));
    expect(collective.length).toBeGreaterThan(0);
    for (const t of collective) expect(leaves(zhengshu.ledger.tasks).map((l) => l.id)).toContain(t.id);
  });

  it("names files safely and uniquely", () => {
    expect(unitFileName("区/政:数*局")).toBe("区_政_数_局");
    expect(unitFileName("..")).toBe("_");
    expect(unitFileName(".hidden")).toBe("_hidden");
    const named = shareFileNames([{ unit: "A/B" }, { unit: "A:B" }, { unit: "a_b" }].map((s) => ({ ...s, ledger, rows: 0 })));
    expect(named).toEqual(["A_B", "A_B-2", "a_b-3"]);
  });
});
