import type { Element, ElementContent, Root } from "hast";

/**
 * Which part of a web page is the notice: government sites wrap the article in a known
 * container (#UCAP-CONTENT, #zoom, .TRS_Editor…) inside navigation, 相关链接, share buttons and
 * footers. Known containers win; otherwise the element whose own paragraphs hold the most text
 * outside links is taken, as readability tools do.
 */

/** Elements that are never notice text. */
export const DROPPED_ELEMENTS = new Set([
  "head", "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
  "button", "select", "textarea", "input", "svg", "canvas", "object", "embed", "audio", "video", "map", "menu",
]);

/** id/class words of site chrome (matched as whole words or word parts separated by - and _). */
const CHROME = /(?:^|[\s_-])(?:nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumbs?|crumbs?|position|location|share|bshare|fenxiang|sidebar|side|aside|related|xgxx|xglj|xgwz|copyright|banner|toolbar|login|search|comment|pager|pagination|print|qrcode|ewm|erweima|links?|friendlink|gotop|backtop)(?:$|[\s_-])/i;

/** Containers of the article on government sites and common CMSs, most specific first. */
const CONTENT_IDS = ["ucap-content", "zoom", "fontzoom", "content", "article", "main-content", "xxgkcontent", "artibody", "news_content"];
const CONTENT_CLASSES = ["trs_editor", "trs_ueditor", "pages_content", "article-content", "article_content", "articlecontent", "view", "zw", "news_content", "content", "article", "detail", "main-text", "con"];

export function isChrome(element: Element): boolean {
  if (DROPPED_ELEMENTS.has(element.tagName)) return true;
  const id = typeof element.properties.id === "string" ? element.properties.id : "";
  const classes = Array.isArray(element.properties.className) ? element.properties.className.join(" ") : "";
  const words = `${id} ${classes}`.trim();
  // A "content"-named element is never chrome, whatever else its class says.
  return words !== "" && CHROME.test(words) && !/content|article|zoom|trs_editor/i.test(words);
}

/** The element holding the notice, or the body (or root) when nothing stands out. */
export function articleOf(tree: Root): Element | Root {
  const text = textLengths(tree);
  const body = bodyOf(tree) ?? tree;
  const total = body.type === "root" ? [...text.values()].reduce((a, b) => Math.max(a, b), 0) : (text.get(body) ?? 0);
  // A known container that holds most of the page's text is the article.
  const known = knownContainers(tree)
    .filter((element) => (text.get(element) ?? 0) >= total * 0.5)
    .sort((a, b) => knownRank(a) - knownRank(b) || (text.get(a) ?? 0) - (text.get(b) ?? 0))[0];
  if (known) return known;
  // Otherwise: the smallest container that still holds nearly all of the text, going down from the body.
  let node: Element | Root = body;
  for (;;) {
    const nodeText = node.type === "root" ? total : (text.get(node) ?? 0);
    let best: Element | null = null;
    for (const child of node.children) {
      if (child.type === "element" && text.has(child) && (best === null || text.get(child)! > text.get(best)!)) best = child;
    }
    if (best === null || !isContainer(best) || text.get(best)! < nodeText * 0.8) return node;
    node = best;
  }
}

const CONTAINERS = new Set(["div", "section", "article", "main", "center", "form", "font", "span", "body", "html"]);

/** An element to go down into: a plain container, or a part of a table used for layout. */
function isContainer(element: Element): boolean {
  if (CONTAINERS.has(element.tagName)) return true;
  if (!TABLE_PARTS.has(element.tagName)) return false;
  return !isDataTableLike(element);
}

/** Linkless text length of every element outside the chrome (chrome elements get no entry). */
function textLengths(tree: Root): Map<Element, number> {
  const lengths = new Map<Element, number>();
  const measure = (element: Element): number => {
    if (isChrome(element)) return 0;
    let length = 0;
    for (const child of element.children) {
      if (child.type === "text") length += cjkLength(child.value);
      else if (child.type === "element") length += measure(child);
    }
    lengths.set(element, length);
    return element.tagName === "a" ? 0 : length;
  };
  for (const child of tree.children) if (child.type === "element") measure(child);
  return lengths;
}

const TABLE_PARTS = new Set(["table", "tbody", "thead", "tfoot", "tr", "td", "th"]);

/** A table with at least two rows of two cells or more is data, not layout; its parts too. */
function isDataTableLike(element: Element): boolean {
  if (element.tagName !== "table") return isDataRows(element.children);
  return isDataRows(element.children.flatMap((child) => (child.type === "element" && child.tagName !== "tr" && TABLE_PARTS.has(child.tagName) ? child.children : [child])));
}

function isDataRows(rows: ElementContent[]): boolean {
  let wideRows = 0;
  for (const row of rows) {
    if (row.type === "element" && row.tagName === "tr" && row.children.filter((c) => c.type === "element" && (c.tagName === "td" || c.tagName === "th")).length >= 2) wideRows++;
  }
  return wideRows >= 2;
}

function knownContainers(tree: Root): Element[] {
  const found: Element[] = [];
  const stack: Array<Element | Root> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "element" && knownRank(node) >= 0) found.push(node);
    for (const child of node.children) if (child.type === "element" && !isChrome(child)) stack.push(child);
  }
  return found;
}

function knownRank(element: Element): number {
  const id = typeof element.properties.id === "string" ? element.properties.id.toLowerCase() : "";
  const idRank = CONTENT_IDS.indexOf(id);
  if (idRank >= 0) return idRank;
  const classes = Array.isArray(element.properties.className) ? element.properties.className.map((c) => String(c).toLowerCase()) : [];
  const classRank = Math.min(...classes.map((c) => CONTENT_CLASSES.indexOf(c)).filter((rank) => rank >= 0));
  return Number.isFinite(classRank) ? CONTENT_IDS.length + classRank : -1;
}

/** Letters and digits, CJK counted like any other: what a reader reads, not markup whitespace. */
function cjkLength(text: string): number {
  let count = 0;
  for (const ch of text) if (ch > " " && ch !== "\u00a0" && ch !== "\u3000") count++;
  return count;
}

function bodyOf(tree: Root): Element | null {
  for (const child of tree.children) {
    if (child.type !== "element" || child.tagName !== "html") continue;
    for (const inner of child.children) if (inner.type === "element" && inner.tagName === "body") return inner;
  }
  return null;
}

/**
 * The notice title the page states outside its article: <meta name="ArticleTitle">, else the first
 * <h1>, else the first element before the article whose class or id says it is the title.
 */
export function pageTitle(tree: Root, article: Element | Root): string | null {
  let meta: string | null = null;
  let heading: string | null = null;
  let titled: string | null = null;
  let beforeArticle = true;
  const stack: Array<Element | Root> = [tree];
  while (stack.length > 0 && heading === null) {
    const node = stack.pop()!;
    if (node === article) {
      beforeArticle = false;
      continue;
    }
    if (node.type === "element") {
      const name = String(node.properties.name ?? "").toLowerCase();
      if (node.tagName === "meta" && (name === "articletitle" || name === "title") && typeof node.properties.content === "string") meta ??= node.properties.content.trim() || null;
      if (node.tagName === "h1" && !isChrome(node)) heading = textOf(node).trim() || null;
      if (beforeArticle && titled === null && TITLE_NAME.test(namesOf(node)) && node.tagName !== "title") {
        const text = textOf(node).trim();
        if (text.length >= 6 && text.length <= 120 && /[\u4e00-\u9fff]/.test(text)) titled = text;
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child.type === "element" && !(child.tagName !== "head" && isChrome(child))) stack.push(child);
    }
  }
  return meta ?? heading ?? titled;
}

/** Class or id naming a title: title, article-title, biaoti, bt. */
const TITLE_NAME = /title|biaoti|(?:^|[\s_-])bt(?:$|[\s_-])/i;

function namesOf(element: Element): string {
  const id = typeof element.properties.id === "string" ? element.properties.id : "";
  const classes = Array.isArray(element.properties.className) ? element.properties.className.join(" ") : "";
  return `${id} ${classes}`;
}

function textOf(node: Element): string {
  let text = "";
  for (const child of node.children) {
    if (child.type === "text") text += child.value;
    else if (child.type === "element") text += textOf(child);
  }
  return text.replace(/\s+/g, " ");
}
