import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toReviewHtml } from "../../src/exporters/review-html.js";
import { importBytes } from "../../src/importers/index.js";
import { ledgerFromBlocks } from "../../src/ledger.js";
import { treePicturePage } from "./tree-picture.js";

/**
 * The review page in a real browser: headless Chromium (the Debian package) driven by playwright-core.
 * Opened from a file with every network request refused; clicks, filters, phone width, print, and a
 * hostile notice. Writes the pictures in docs/ (review-page.png, review-page-phone.png, tree.png).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = join(import.meta.dirname, "..", "..");
const DOCS = join(ROOT, "docs");
const available = existsSync(CHROMIUM);
if (!available) console.warn(`test/browser skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

let work: string;
let context: BrowserContext;
/** Every request a page made that was not for a file: there must be none. */
const outside: string[] = [];

async function reviewPage(name: string, input: string, bytes: Uint8Array = readFileSync(join(ROOT, input))): Promise<string> {
  const blocks = await importBytes(bytes, input);
  const ledger = ledgerFromBlocks(blocks, bytes, { path: input });
  const file = join(work, `${name}.html`);
  writeFileSync(file, toReviewHtml(ledger, { blocks }));
  return pathToFileURL(file).href;
}

async function open(url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("dialog", (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

/** What the tests read of a page element (the project compiles without the DOM library); casts only, as the callbacks run in the page. */
type Tagged = { dataset: Record<string, string | undefined>; querySelector(selector: string): unknown };

describe.skipIf(!available)("review page in Chromium", () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "ledger-browser-"));
    context = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    mkdirSync(DOCS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("clicking a task highlights its table row and cell in the notice, and scrolls them into view", async () => {
    const page = await open(await reviewPage("chaoyang", "fixtures/chaoyang-2021-ledger.docx"));
    await page.click("#t-3\\.2\\.1 > .task-head");
    const row = page.locator("tr.src.hl");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator("td.hl-cell").innerText()).toContain(await page.locator("#t-3\\.2\\.1 .title").innerText());
    expect(await row.evaluate((el) => { const r = el.getBoundingClientRect(); const pane = el.closest(".pane")!.getBoundingClientRect(); return r.top >= pane.top && r.bottom <= pane.bottom + 1; })).toBe(true);
    expect(await page.locator(".task.selected").getAttribute("id")).toBe("t-3.2.1");
    await page.screenshot({ path: join(DOCS, "review-page.png") });

    // And the other way: clicking the notice finds the task read from it.
    await page.locator(`tr.src[data-tasks~="1.1.2"] td`).first().click();
    expect(await page.locator(".task.selected").getAttribute("id")).toBe("t-1.1.2");
    expect(errorsOf(page)).toEqual([]);
  });

  it("filters by unit, by due month and by warnings", async () => {
    const page = await open(await reviewPage("chaoyang-filters", "fixtures/chaoyang-2021-ledger.txt"));
    const visibleLeaves = () => page.locator(".task.leaf:visible").evaluateAll((els) => els.map((e) => ({ units: (e as unknown as Tagged).dataset.units!.split("\n"), month: (e as unknown as Tagged).dataset.month })));
    const all = (await visibleLeaves()).length;
    expect(all).toBe(39);

    await page.selectOption("#f-unit", "区司法局");
    const byUnit = await visibleLeaves();
    expect(byUnit.length).toBeGreaterThan(0);
    expect(byUnit.length).toBeLessThan(all);
    for (const leaf of byUnit) expect(leaf.units).toContain("区司法局");
    expect(await page.locator("#f-count").innerText()).toBe(`${byUnit.length} / ${all} 项末级任务`);

    await page.selectOption("#f-unit", "");
    await page.selectOption("#f-month", "2021-12");
    const byMonth = await visibleLeaves();
    expect(byMonth.length).toBeGreaterThan(0);
    for (const leaf of byMonth) expect(leaf.month).toBe("2021-12");

    await page.selectOption("#f-month", "");
    expect((await visibleLeaves()).length).toBe(all);
    expect(errorsOf(page)).toEqual([]);

    const warned = await open(await reviewPage("lianhuashan", "fixtures/lianhuashan-2019-plan.txt"));
    await warned.check("#f-warn");
    const shown = await warned.locator(".task:visible").evaluateAll((els) => els.map((e) => (e as unknown as Tagged).dataset.warn === "1" || (e as unknown as Tagged).querySelector('.task[data-warn="1"]') !== null));
    expect(shown.every(Boolean)).toBe(true);
    expect(await warned.locator('.task[data-warn="1"]:visible').count()).toBe(5);
    await expect.poll(() => warned.locator("p.src.diag-warning").count()).toBe(5);
  });

  it("reads on a phone without sideways scrolling, and prints without the filters", async () => {
    const page = await open(await reviewPage("phone", "fixtures/lianhuashan-2019-plan.txt"), { width: 390, height: 844 });
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.click("#t-1\\.2 > .task-head");
    await page.screenshot({ path: join(DOCS, "review-page-phone.png") });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".filters").isVisible()).toBe(false);
    expect(await page.evaluate("getComputedStyle(document.querySelector('.pane.source')).overflow")).toBe("visible");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("shows a hostile notice as text: nothing runs, nothing is loaded", async () => {
    const hostile = [
      "关于印发<script>alert(1)</script>的通知",
      '一、"><img src=x onerror=alert(1)>推进公开（<b onmouseover=alert(2)>区政府办</b>牵头）',
      "二、<script>document.title='pwned'</script>任务（区政数局牵头，2021年12月底前）",
      "三、<iframe src=https://example.com></iframe>加强培训（区政数局牵头）",
    ].join("\n");
    const page = await open(await reviewPage("hostile", "hostile.txt", new TextEncoder().encode(hostile)));
    await page.click("#t-2 > .task-head");
    expect(await page.locator("#t-1 .title").innerText()).toContain('"><img src=x onerror=alert(1)>推进公开');
    expect(await page.locator("#t-2 .title").innerText()).toBe("<script>document.title='pwned'</script>任务");
    expect(await page.locator("img, iframe, b").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    expect(await page.locator("script").count()).toBe(1);
    expect(errorsOf(page)).toEqual([]);
  });

  it("never asks the network for anything", () => {
    expect(outside).toEqual([]);
  });

  it("pictures the tree as a terminal shows it (docs/tree.png)", async () => {
    const input = "fixtures/lianhuashan-2019-plan.txt";
    const bytes = readFileSync(join(ROOT, input));
    const ledger = ledgerFromBlocks(await importBytes(bytes, input), bytes, { path: input });
    const file = join(work, "tree.html");
    writeFileSync(file, treePicturePage(ledger, 100, `$ ledger tree ${input}`));
    const page = await open(pathToFileURL(file).href, { width: 980, height: 600 });
    await page.locator("pre").screenshot({ path: join(DOCS, "tree.png") });
    expect(await page.locator("pre span").count()).toBeGreaterThan(50);
  });
});
