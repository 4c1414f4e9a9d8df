import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flattenTasks, walkTasks } from "../../src/exporters/flatten.js";
import { parseFile } from "../../src/ledger.js";
import type { Task } from "../../src/model/ledger.js";
import { checkLeaves, checkWalk, QUICK_FIXTURES, recursive } from "./view-checks.js";

function task(id: string, children: Task[] = []): Task {
  const none = { owners: { owners: [], inherited: false, from: null }, deadline: { deadline: null, inherited: false, from: null } };
  return {
    id, level: id.split(".").length, label: null, ordinal: null, title: `任务${id}`, text: "", lead: [], responsible: [], owners: [],
    ownersText: null, ownersInherited: false, deadline: null, effective: none, source: { line: 1 }, children,
  };
}

/** A random tree of ids "1", "1.2", …, as nested tasks. */
const forest: fc.Arbitrary<Task[]> = fc
  .array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 40 })
  .map((widths) => {
    let next = 0;
    const build = (prefix: string, depth: number): Task[] =>
      Array.from({ length: depth === 0 ? Math.max(1, widths[next++ % widths.length]) : widths[next++ % widths.length] ?? 0 }, (_, i) => {
        const id = prefix ? `${prefix}.${i + 1}` : String(i + 1);
        return task(id, depth < 4 && next < 200 ? build(id, depth + 1) : []);
      });
    return build("", 0);
  });

describe("walkTasks and flattenTasks", () => {
  it.each(QUICK_FIXTURES)("%s: every task once, parents first, in document order, with its ancestors", async (file) => {
    checkWalk(await parseFile(file));
  });

  it.each(QUICK_FIXTURES)("%s: the leaves are the rows of the 台账", async (file) => {
    checkLeaves(await parseFile(file));
  });

  it("agrees with the recursive walk on any tree; takes a list of tasks as well as a ledger", () => {
    fc.assert(
      fc.property(forest, (tasks) => {
        const walked = [...walkTasks(tasks)].map(({ task, ancestors }) => ({ id: task.id, ancestors: ancestors.map((a) => a.id) }));
        expect(walked).toEqual(recursive(tasks));
        const parents = new Set(walked.flatMap((t) => t.ancestors));
        expect(flattenTasks(tasks).map((v) => v.task.id)).toEqual(walked.filter((t) => !parents.has(t.id)).map((t) => t.id));
      }),
    );
  });
});
