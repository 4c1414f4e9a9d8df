import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { toTree, type TreeStyle } from "../../src/exporters/tree.js";
import type { Ledger } from "../../src/model/ledger.js";

/**
 * The tree as a terminal shows it, as an HTML page for a screenshot (docs/tree.png): the exporter's
 * own styles, painted with the colours of a dark terminal theme instead of escape codes.
 */

const COLOURS: Record<TreeStyle, string> = {
  heading: "font-weight:bold;color:#f5f5f5",
  meta: "color:#8a8a8a",
  branch: "color:#6c6c6c",
  label: "color:#5fd7d7",
  title: "color:#e4e4e4",
  id: "color:#8a8a8a",
  lead: "color:#87d75f",
  responsible: "color:#5fafff",
  deadline: "color:#d787d7",
  inherited: "color:#8a8a8a",
  error: "color:#ff5f5f;font-weight:bold",
  warning: "color:#ffd75f",
  info: "color:#8a8a8a",
};

// Markers no tree line contains: the exporter replaces control characters from the notice by spaces.
const OPEN = "\u0001";
const MID = "\u0002";
const CLOSE = "\u0003";

export function treePicturePage(ledger: Ledger, width: number, prompt: string): string {
  const marked = toTree(ledger, { width, paint: (style, text) => `${OPEN}${style}${MID}${text}${CLOSE}` });
  const lines = marked.trimEnd().split("\n").map((line) => h("div", spans(line)));
  const page = h("html", { lang: "zh-CN" }, [
    h("head", [h("meta", { charSet: "utf-8" })]),
    h("body", { style: "margin:0;background:#1c1c1c" }, [
      h(
        "pre",
        { style: `margin:0;padding:14px 18px;font:14px/1.45 "DejaVu Sans Mono","WenQuanYi Zen Hei Mono","WenQuanYi Zen Hei",monospace;color:#e4e4e4;width:${width}ch` },
        [h("div", { style: "color:#87d75f" }, prompt), ...lines],
      ),
    ]),
  ]);
  return "<!doctype html>" + toHtml(page);
}

function spans(line: string): (Element | string)[] {
  const out: (Element | string)[] = [];
  const pattern = new RegExp(`${OPEN}([a-z]+)${MID}([^${CLOSE}]*)${CLOSE}|([^${OPEN}]+)`, "gu");
  for (const [, style, text, plain] of line.matchAll(pattern)) {
    out.push(plain !== undefined ? plain : h("span", { style: COLOURS[style as TreeStyle] }, text));
  }
  return out;
}
