import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLibraryResult } from "./checks.js";
import type { Case } from "./corpus.js";
import { LibraryPool, type LibraryResult } from "./harness.js";

/**
 * Hostile web pages through the library, in worker threads with a heap cap and a time limit: deep
 * nesting, entity storms, 50 MB lines, element floods, absurd spans and list numbers, broken
 * charsets and MIME, whitespace built to make a backtracking regex quadratic. A ledger or one line.
 */

const MB = 1024 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);
const page = (body: string) => utf8(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
const refused = (code: string | RegExp) => ({ refused: code });

const CASES: Array<[string, () => Uint8Array, Case["expect"]]> = [
  ["100,000 nested <div>", () => page("<div>".repeat(100_000) + "一、深" + "</div>".repeat(100_000)), refused("corrupt-html")],
  ["20,000 nested tables", () => page("<table><tr><td>".repeat(20_000) + "深" + "</td></tr></table>".repeat(20_000)), refused(/corrupt-html|too-large/)],
  ["1,000,000 unclosed <b>", () => page("<b>".repeat(1_000_000) + "一、加粗"), refused(/corrupt-html|too-large/)],
  ["300,000 paragraphs", () => page("<p>一、任务</p>".repeat(300_000)), refused("too-large")],
  ["entity storm: 5,000,000 &amp;", () => page(`<p>${"&amp;".repeat(5_000_000)}</p>`), refused("too-large")],
  ["entity storm: numeric entities out of range", () => page(`<p>${"&#x110000;&#0;&#xD800;".repeat(100_000)}</p>`), "any"],
  ["a 50 MB line of ASCII", () => page(`<p>${"a".repeat(50 * MB)}</p>`), refused("too-large")],
  ["a 50 MB line of Chinese", () => page(`<p>${"政".repeat((50 * MB) / 3)}</p>`), refused("too-large")],
  ["whitespace between Chinese characters, 2 MB of it", () => page(`<p>中${" \n".repeat(MB)}x</p><p>一、任务（区政府办牵头）</p>`), "any"],
  ["a 1 MB <pre> of line breaks", () => page(`<pre>${"\n".repeat(MB)}</pre>`), "any"],
  ["colspan of 100,000,000", () => page(`<table><tr><td colspan="100000000">a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>`), refused("too-large")],
  ["rowspan of 100,000,000", () => page(`<table><tr><td rowspan="100000000">a</td><td>b</td></tr><tr><td>c</td></tr></table>`), "ok"],
  ["rowspan=0 and negative spans", () => page(`<table><tr><td rowspan="0">a</td><td colspan="-3">b</td></tr><tr><td>c</td></tr></table>`), "ok"],
  ["<ol start> of 1e308 and a Chinese list past 10^20", () => page(`<ol start="1e308"><li>一</li></ol><ol style="list-style-type: cjk-ideographic" start="100000000000000000000"><li>二</li></ol>`), "ok"],
  ["an unknown charset", () => utf8(`<html><head><meta charset="x-evil-8"></head><body><p>一、任务</p></body></html>`), "ok"],
  ["a charset that is not text", () => utf8(`<html><head><meta charset="base64"></head><body><p>一、任务</p></body></html>`), "any"],
  ["an unterminated comment", () => page(`<p>一、任务</p><!--${"x".repeat(MB)}`), "any"],
  ["an unterminated <script>", () => page(`<p>一、任务</p><script>${"var a;".repeat(100_000)}`), "any"],
  ["MHTML without a boundary", () => utf8("MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<html>"), refused("corrupt-html")],
  ["MHTML without an HTML part", () => utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--'), refused("corrupt-html")],
  ["MHTML with broken base64", () => utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@###\r\n--b--'), "any"],
  ["MHTML with 100,000 parts", () => utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n' + "--b\r\nContent-Type: image/png\r\n\r\nx\r\n".repeat(100_000) + "--b--"), refused("corrupt-html")],
  ["a page of NUL bytes with an HTML head", () => new Uint8Array([...utf8("<html><body>"), ...new Uint8Array(64 * 1024)]), "any"],
  ["150,000 unterminated tags", () => page("<a href=x".repeat(150_000)), "any"],
  ["chrome-looking class names everywhere", () => page(`<div class="nav"><div class="content"><p>一、任务</p></div></div>`.repeat(1000)), "any"],
];

const all: Case[] = CASES.map(([id, bytes, expect]) => ({ id, file: "hostile.html", bytes, expect }));
let results: LibraryResult[] = [];
const pool = new LibraryPool();

beforeAll(async () => {
  results = await pool.runAll(all.map((input, id) => ({ id, name: input.file, bytes: input.bytes() })));
});

afterAll(() => pool.close());

describe("hostile web pages", () => {
  it("covers deep nesting, entity storms and 50 MB lines", () => {
    for (const name of ["nested <div>", "entity storm", "50 MB line"]) expect(all.some((input) => input.id.includes(name)), name).toBe(true);
  });

  it.each(all.map((input, index) => [input.id, index] as const))("%s", (_id, index) => {
    checkLibraryResult(all[index], results[index]);
  });
});
