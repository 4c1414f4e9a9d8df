import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import ICAL from "ical.js";
import stringWidth from "string-width";
import { expect } from "vitest";
import { inert, toCsv } from "../../src/exporters/csv.js";
import { flatRecords } from "../../src/exporters/flat-record.js";
import { flattenTasks, walkTasks } from "../../src/exporters/flatten.js";
import { toIcs } from "../../src/exporters/ics.js";
import { toNdjson } from "../../src/exporters/ndjson.js";
import { ledgerTable } from "../../src/exporters/table.js";
import { toTree } from "../../src/exporters/tree.js";
import type { Ledger, Task } from "../../src/model/ledger.js";
import { FIXTURES, noticeFixtures } from "../helpers/fixtures.js";

/**
 * What each view must do on a real notice, as checks on a ledger: run by each view's quick tests on a
 * few fixtures of every shape, and by views-every-fixture.slow.test.ts on every fixture, PDFs and web
 * pages included (each parsed once for all the views).
 */

/** One notice of each shape: Word 台账 table, text with numbering warnings, Markdown, flattened web-page table (PDFs: in the slow file). */
export const QUICK_FIXTURES = ["fixtures/chaoyang-2021-ledger.docx", "fixtures/lianhuashan-2019-plan.txt", "fixtures/qianjin-2017-plan.md", "fixtures/zhonglou-2018-plan.txt"];

/** Every fixture the views are checked on: the notices, and the PDFs and web pages read without LibreOffice. */
export function everyFixture(): string[] {
  return [
    ...noticeFixtures(),
    ...readdirSync(join(FIXTURES, "pdf")).filter((f) => f.endsWith(".pdf") && !f.startsWith("encrypted")).map((f) => `fixtures/pdf/${f}`),
    ...readdirSync(join(FIXTURES, "formats")).filter((f) => f.endsWith(".html")).map((f) => `fixtures/formats/${f}`),
  ].sort();
}

/** The obvious recursive walk, as the oracle for the iterative one. */
export function recursive(tasks: readonly Task[], above: Task[] = []): { id: string; ancestors: string[] }[] {
  return tasks.flatMap((task) => [{ id: task.id, ancestors: above.map((a) => a.id) }, ...recursive(task.children, [...above, task])]);
}

export function events(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
}

/** A summary is one line: line breaks and control characters in a title become spaces. */
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, " ");

function datedLeaves(ledger: Ledger) {
  return flattenTasks(ledger).filter(({ task }) => task.effective.deadline.deadline?.due);
}

// eslint-disable-next-line no-control-regex
export const ESCAPES = /\u001b\[[0-9;]*m/g;

export function elements(node: Root | Element, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (test(child)) out.push(child);
    elements(child, test, out);
  }
  return out;
}

export const hasClass = (e: Element, name: string) => Array.isArray(e.properties.className) && e.properties.className.includes(name);
export const text = (e: Element): string => e.children.map((c) => (c.type === "text" ? c.value : c.type === "element" ? text(c) : "")).join("");
/** The notice's own words in a source element, without the line number shown beside them. */
export const words = (e: Element): string => e.children.map((c) => (c.type === "text" ? c.value : c.type === "element" && !hasClass(c, "ln") ? words(c) : "")).join("");

/** Every task once, parents first, in document order, with its ancestors. */
export function checkWalk(ledger: Ledger): void {
  const walked = [...walkTasks(ledger)].map(({ task, ancestors }) => ({ id: task.id, ancestors: ancestors.map((a) => a.id) }));
  expect(walked).toEqual(recursive(ledger.tasks));
}

/** The leaves are the rows of the 台账. */
export function checkLeaves(ledger: Ledger): void {
  const leaves = flattenTasks(ledger);
  const table = ledgerTable([ledger]);
  expect(leaves.map((l) => l.task.id)).toEqual(table.rows.map((row) => row[row.length - 1]!.text));
  for (const { task, ancestors } of leaves) {
    expect(task.children).toEqual([]);
    ancestors.forEach((a, i) => expect(a.children).toContain(i + 1 < ancestors.length ? ancestors[i + 1] : task));
  }
}

/** Reads back as one row per leaf, the effective owners and deadline, the ancestors by level. */
export function checkCsv(ledger: Ledger): void {
  const csv = toCsv(ledger);
  expect(csv.startsWith("\uFEFF")).toBe(true);
  // A line break of either kind ends a record unless it is quoted, as in Excel and LibreOffice.
  const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true, record_delimiter: ["\r\n", "\n", "\r"] });
  const records = flatRecords(ledger);
  expect(rows).toHaveLength(flattenTasks(ledger).length);
  rows.forEach((row, i) => {
    const r = records[i];
    expect(row.id).toBe(r.id);
    expect(row.title).toBe(inert(r.title));
    expect(row.text).toBe(inert(r.text));
    expect(row.lead).toBe(r.lead.join("、"));
    expect(row.responsible).toBe(r.responsible.join("、"));
    expect(row.deadline).toBe(r.deadline ?? "");
    expect(row.due).toBe(r.due ?? "");
    expect(row.kind).toBe(r.kind ?? "");
    expect(row.ownersInherited).toBe(String(r.ownersInherited));
    expect(row.line).toBe(String(r.source.line));
    r.ancestors.forEach((a, level) => expect(row[`ancestor${level + 1}`]).toBe(inert(a.title)));
  });
}

/** One JSON object per leaf and line, the CSV's fields. */
export function checkNdjson(ledger: Ledger): void {
  const text = toNdjson(ledger);
  const lines = text.split("\n");
  expect(lines.pop()).toBe("");
  expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(JSON.stringify(flatRecords(ledger))));
  expect(lines).toHaveLength(flattenTasks(ledger).length);
  const csvHeader = parse(toCsv(ledger), { bom: true, to_line: 1 })[0] as string[];
  // Ancestor columns are as many as the tree is deep: none for a flat list.
  const csvFields = new Set(["ancestors", ...csvHeader.map((h) => (/^ancestor\d+$/.test(h) ? "ancestors" : ["line", "page", "sheet", "table", "row", "col"].includes(h) ? "source" : h))]);
  for (const line of lines) expect(new Set(Object.keys(JSON.parse(line)))).toEqual(csvFields);
}

/** One all-day event per dated leaf, titled by the task, categorised by the notice. */
export function checkIcs(ledger: Ledger): void {
  const parsed = events(toIcs(ledger));
  const dated = datedLeaves(ledger);
  expect(parsed.filter((e) => !e.isRecurring())).toHaveLength(dated.length);
  dated.forEach(({ task }, i) => {
    const event = parsed.filter((e) => !e.isRecurring())[i];
    expect(event.summary).toBe(oneLine(task.title));
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(task.effective.deadline.deadline!.due);
    expect(event.component.getFirstPropertyValue("categories")).toBe(oneLine(ledger.document.title ?? ledger.document.noticeTitle ?? ledger.source.path ?? "").trim());
    const lead = task.effective.owners.owners.filter((o) => o.role === "lead").map((o) => o.name);
    if (lead.length > 0) expect(event.description).toContain(`牵头单位：${lead.join("、")}`);
    expect(event.description).toContain(`任务编号：${task.id}`);
  });
  expect(new Set(parsed.map((e) => e.uid)).size).toBe(parsed.length);
}

/** A line per task under the title, every line within the width. */
export function checkTree(ledger: Ledger): void {
  const tasks = [...walkTasks(ledger)];
  for (const width of [40, 80, 132]) {
    const lines = toTree(ledger, { width }).trimEnd().split("\n");
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    expect(lines.filter((l) => /^[│ ]*[├└]─ /.test(l))).toHaveLength(tasks.length);
  }
  const plain = toTree(ledger);
  expect(plain).not.toMatch(ESCAPES);
  for (const { task } of tasks) expect(plain).toContain(task.title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, " "));
}

/** One entry per task, each pointing at its source, nothing loaded from outside. */
export function checkReview(ledger: Ledger, html: string): void {
  const page = fromHtml(html);
  const tasks = elements(page, (e) => e.tagName === "li" && hasClass(e, "task"));
  expect(tasks.map((t) => t.properties.id)).toEqual([...walkTasks(ledger)].map(({ task }) => `t-${task.id}`));
  const byId = new Map(elements(page, (e) => typeof e.properties.id === "string").map((e) => [String(e.properties.id), e]));
  const squeeze = (s: string) => s.replace(/\s+/g, "");
  for (const { task } of walkTasks(ledger)) {
    const targets = String(byId.get(`t-${task.id}`)!.properties.dataSrc).split(" ");
    expect(targets[0], `${task.id} has a source`).not.toBe("");
    for (const id of targets) expect(byId.has(id)).toBe(true);
    // The innermost target (the cell, else the paragraph or row) holds the task's words, or its label alone on its line.
    const shown = squeeze(words(byId.get(targets[targets.length - 1])!));
    expect(shown.includes(squeeze(task.title).slice(0, 12)) || (task.label !== null && shown === squeeze(task.label)), `${task.id} in “${shown.slice(0, 40)}”`).toBe(true);
  }
  // Self-contained: no external resource, no other script than the page's own (allowed by its hash).
  expect(elements(page, (e) => ["link", "img", "iframe", "object", "embed"].includes(e.tagName))).toEqual([]);
  const scripts = elements(page, (e) => e.tagName === "script");
  expect(scripts).toHaveLength(1);
  expect(scripts[0].properties.src).toBeUndefined();
  const csp = elements(page, (e) => e.tagName === "meta" && e.properties.httpEquiv?.toString().toLowerCase() === "content-security-policy")[0];
  const hash = createHash("sha256").update(text(scripts[0])).digest("base64");
  expect(String(csp.properties.content)).toContain(`script-src 'sha256-${hash}'`);
  expect(String(csp.properties.content)).toContain("default-src 'none'");
  expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
}
