import type { Block, BlockDocument, Paragraph } from "../model/blocks.js";
import { diagnostic } from "../model/diagnostic.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { DocumentMeta, Task } from "../model/ledger.js";
import { cellStreamToNodes, flattenedHeaderAt } from "./flattened.js";
import { parseLabel, type Label } from "./labels.js";
import { isCoverLine, isIssuerLine, isPlanTitle, isSignatureLine, readMetadata, type FrontLine } from "./metadata.js";
import { OutlineBuilder, type OutlineNode } from "./outline.js";
import { detectOwnerConventions } from "./owners/index.js";
import { isTraditional, restoreStrings, simplifyDocument, type Simplify } from "./script.js";
import { tableToNodes } from "./tables.js";
import { buildTasks } from "./tasks.js";
import type { UnitAliases } from "./units.js";

export interface ParseOptions {
  /** Canonical unit names (from `--units`), added to each owner when one applies. */
  aliases?: UnitAliases | null;
  /** OpenCC's t→cn converter (`loadSimplify()`): with it, notices in traditional characters are read too. */
  simplify?: Simplify;
}

export interface ParsedDocument {
  document: DocumentMeta;
  tasks: Task[];
  diagnostics: Diagnostic[];
}

/** Lines that end the plan body: distribution lines and attachments after the last task. */
const TAIL = /^(?:抄\s*送|印\s*发|主\s*送|附\s*件\s*[:：\d１-９一二三四五六七八九]|附\s*件$)/;
const TOC = /^目\s*录$/;
const ATTACHMENTS = /^附\s*件/;

/** Blocks → task tree and metadata. */
export function parseDocument(doc: BlockDocument, options: ParseOptions = {}): ParsedDocument {
  if (options.simplify && isTraditional(doc)) {
    const { doc: simplified, restore } = simplifyDocument(doc, options.simplify);
    return restoreStrings(parseDocument(simplified, { ...options, simplify: undefined }), restore);
  }
  const tableNodes = new Map<Block, OutlineNode[] | null>();
  for (const b of doc.blocks) if (b.type === "table") tableNodes.set(b, tableToNodes(b));
  const blocks = splitRunOnText(expandLayoutTables(doc.blocks, tableNodes));
  const builder = new OutlineBuilder();
  const front: FrontLine[] = [];
  let started = false;
  let tail = false;
  let awaitingHeading: Label | null = null;
  let toc: string[] | null = null;
  let inAttachmentList = false;

  const coverEnd = findCoverEnd(blocks);
  const signatureAt = findClosingSignature(blocks, coverEnd);
  const closing: FrontLine[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (signatureAt.has(i) && block.type === "paragraph") {
      closing.push({ text: block.text.trim(), line: block.source.line });
      continue;
    }
    if (i <= coverEnd) {
      if (block.type === "paragraph" && block.text.trim()) front.push({ text: block.text.trim(), line: block.source.line });
      continue;
    }
    if (block.type === "table") {
      const nodes = tableNodes.get(block);
      if (nodes) {
        nodes.forEach((n) => builder.addChild(n));
        started = true;
      }
      continue;
    }
    const text = block.text.trim();
    if (!text) continue;

    const flattened = flattenedHeaderAt(blocks, i);
    if (flattened && blocks.slice(i).every((b) => b.type === "paragraph")) {
      const rows = blocks.slice(i + flattened.length) as Paragraph[];
      cellStreamToNodes(flattened, rows).forEach((n) => builder.addChild(n));
      started = true;
      break;
    }

    if (toc !== null) {
      const entry = normaliseHeading(text);
      if (toc.length === 0 || toc[0] !== entry) {
        toc.push(entry);
        continue;
      }
      toc = null;
    } else if (TOC.test(text)) {
      toc = [];
      continue;
    }

    if (awaitingHeading && builder.current) {
      awaitingHeading.rest = text;
      builder.current.paragraphs[0].text = text;
      awaitingHeading = null;
      continue;
    }

    const label = labelOf(block);
    if (started && TAIL.test(text)) tail = true;
    if (tail) continue;
    // "附件：1.…" / "2.…" in the cover notice lists attachments, not tasks.
    if (!started && ATTACHMENTS.test(text)) inAttachmentList = true;
    else if (inAttachmentList && !(label && text.length <= 60 && !text.includes("。"))) inAttachmentList = false;
    if (inAttachmentList) {
      front.push({ text, line: block.source.line });
      continue;
    }
    if (label) {
      builder.addLabelled(label, label.rest, block.source);
      started = true;
      if (!label.rest) awaitingHeading = label;
      continue;
    }
    if (!started) front.push({ text, line: block.source.line });
    else if (builder.current && continuesBrokenHeading(builder.current, text)) {
      const heading = builder.current.paragraphs[0];
      heading.text += text;
      if (builder.current.label) builder.current.label.rest += text;
    } else builder.current?.paragraphs.push({ text, source: block.source });
  }

  const bodyText = blocks.map((b) => (b.type === "paragraph" ? b.text : "")).join("\n");
  const document = readMetadata(front, bodyText, closing);
  const built = buildTasks(builder.roots, {
    year: document.year,
    issuedDate: document.issuedDate,
    conventions: detectOwnerConventions(bodyText),
    aliases: options.aliases ?? null,
  });
  const diagnostics = [...doc.diagnostics, ...builder.diagnostics, ...built.diagnostics];
  if (built.tasks.length === 0) {
    diagnostics.push(diagnostic("no-tasks", {}, null));
  }
  return { document, tasks: built.tasks, diagnostics };
}

/**
 * Where a numbered item starts inside run-on text: after a sentence end or a closing quote, before 一、 / （一） / 1.;
 * before 一、 / （一） after a run of spaces (a lost line break); before (1) after a sentence end or after the owner
 * clause that closes the previous item: "…。（市工商质监局牵头负责）(2)完善…"; and before （一） right after a heading
 * "二、…" that ends without punctuation, as headings do: "二、充分认识双重意义，切实转变金融服务理念（二）把…".
 */
const RUN_ON_ITEM =
  /(?<=[。；;：:”’」])[\s\u3000]*(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])|[（(][0-9]{1,2}[）)])|(?<=[^\s\u3000][\s\u3000]{2})[\s\u3000]*(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])|(?=[\s\u3000]{0,4}[（(][0-9]{1,2}[）)])(?<=[。；;][\s\u3000]{0,4}[（(][^（()）]{2,40}[）)])[\s\u3000]{0,4}|(?=[（(][一二三四五六七八九十]{1,3}[）)])(?<=(?:^|[。；;：:”’」\s\u3000])[一二三四五六七八九十]{1,3}、[^。；;：:！？!?（()）\n]{2,40})/g;

/**
 * A notice whose line breaks were lost (pasted from a web page as one line, or a Word field result
 * that a converter flattened) holds its items in a few huge paragraphs: when those hold most of the
 * notice's text, cut them where items start. Ordinary notices keep their paragraphs.
 */
function splitRunOnText(blocks: Block[]): Block[] {
  const paras = blocks.filter((b): b is Paragraph => b.type === "paragraph" && b.text.trim() !== "");
  const allChars = paras.reduce((n, b) => n + b.text.length, 0);
  const runOn = new Set<Paragraph>();
  // Once the paragraphs that are not run-on hold more than half of the text, the rest need not be looked at.
  let ordinaryChars = 0;
  for (let i = 0; i < paras.length && ordinaryChars * 2 <= allChars; i++) {
    const b = paras[i];
    if (b.text.length > 100 && matchesTwice(ITEM_LABEL, b.text) && matchesTwice(RUN_ON_ITEM, b.text)) runOn.add(b);
    else ordinaryChars += b.text.length;
  }
  const runOnChars = [...runOn].reduce((n, b) => n + b.text.length, 0);
  if (runOnChars === 0 || runOnChars * 2 < allChars) return blocks;
  return blocks.flatMap((b): Block[] => (b.type === "paragraph" && runOn.has(b) ? b.text.split(RUN_ON_ITEM).map((text) => ({ ...b, text: text.trim() })) : [b]));
}

/** The labels RUN_ON_ITEM looks for, alone: a cheap test that most paragraphs fail, before the costly one. */
const ITEM_LABEL = /[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]|[0-9]{1,2}[.．、]/g;

/** True when the global regex `re` matches `text` at least twice (stops at the second match). */
function matchesTwice(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  let found = 0;
  while (found < 2) {
    const m = re.exec(text);
    if (m === null) break;
    found++;
    if (m[0] === "") re.lastIndex++;
  }
  re.lastIndex = 0;
  return found >= 2;
}

/**
 * A cover notice ("关于印发…的通知", salutation, text, signature and date) may number its own
 * requirements (一、各单位要高度重视…); those are not the plan's tasks. When numbered paragraphs
 * come before the signature date and the plan follows it (its title, numbered items or a table),
 * the cover ends at that date — even if the plan then yields no tasks. Returns its last index, or -1.
 */
function findCoverEnd(blocks: Block[]): number {
  let sawCover = false;
  for (let i = 0; i < Math.min(blocks.length, 200); i++) {
    const b = blocks[i];
    if (b.type !== "paragraph") return -1;
    if (isCoverLine(b.text)) sawCover = true;
    else if (sawCover && isSignatureLine(b.text)) {
      const labelled = (x: Block) => x.type === "paragraph" && labelOf(x) !== null;
      const planFollows = blocks.slice(i + 1).some((x) => x.type === "table" || labelled(x) || isPlanTitle(x.text));
      return blocks.slice(0, i).some(labelled) && planFollows ? i : -1;
    }
  }
  return -1;
}

/** Notes after the signature that are not part of it: （此件公开发布）. */
const PUBLICATION_NOTE = /^[（(]此件[^（()）]{0,10}[）)]$/;

/**
 * A notice issued without a cover notice signs at its end: the issuer's line and the date after the last
 * item. Returns their indices (empty when the notice does not end that way).
 */
function findClosingSignature(blocks: Block[], coverEnd: number): Set<number> {
  const at = new Set<number>();
  let i = blocks.length - 1;
  const skip = () => {
    while (i > coverEnd) {
      const b = blocks[i];
      if (b.type !== "paragraph" || (b.text.trim() !== "" && !PUBLICATION_NOTE.test(b.text.trim()))) return;
      i--;
    }
  };
  skip();
  const last = blocks[i];
  if (i <= coverEnd || last?.type !== "paragraph" || !isSignatureLine(last.text)) return at;
  at.add(i);
  i--;
  skip();
  const prev = blocks[i];
  if (i > coverEnd && prev?.type === "paragraph" && isIssuerLine(prev.text) && labelOf(prev) === null) at.add(i);
  return at;
}

/** A heading line broken inside quotes or brackets ("1.播发“关于…市领导电视" + "讲话”") continues on the next line. */
function continuesBrokenHeading(item: OutlineNode, next: string): boolean {
  if (item.paragraphs.length !== 1 || next.length > 40) return false;
  const heading = item.paragraphs[0].text;
  const open = (heading.match(/[“《（(〔【]/g) ?? []).length;
  const close = (heading.match(/[”》）)〕】]/g) ?? []).length;
  return open > close && /^[^“《（(〔【]*[”》）)〕】]/.test(next);
}

/** The label of a paragraph: Word's automatic numbering when present, else the typed one. */
function labelOf(p: Paragraph): Label | null {
  if (p.label) {
    const typed = parseLabel(`${p.label}${p.text}`);
    if (typed && typed.text === p.label.trim()) return typed;
  }
  return parseLabel(p.text);
}

/** "一、推进…………3" in a table of contents and "一、推进…" in the body are the same heading. */
function normaliseHeading(text: string): string {
  // Leaders and page number cut by a loop: /[.…\s]*\d*$/ backtracks quadratically on a long run of dots mid-line.
  let end = text.length;
  while (end > 0 && /\d/.test(text.charAt(end - 1))) end--;
  while (end > 0 && /[.．…·\s\u3000]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end).replace(/\s+/g, "");
}

/** Tables without a task header (layout tables around the text) are read as their paragraphs. */
function expandLayoutTables(blocks: Block[], tableNodes: Map<Block, OutlineNode[] | null>): Block[] {
  // Most blocks are paragraphs that stay as they are: a loop, not a flatMap that wraps each in an array.
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type !== "table" || tableNodes.get(b) !== null) out.push(b);
    // Web-page field rows ("发布机构: | 某区人民政府 | 成文日期: | …") stay one line each.
    else if (b.cellsShifted) {
      for (const row of b.rows) {
        const cells = row.flatMap((slot) => (slot.kind === "cell" && slot.text ? [slot] : []));
        out.push({ type: "paragraph", text: cells.map((c) => c.text).join(" | "), label: null, style: null, headingLevel: null, source: cells[0]?.source ?? b.source });
      }
    } else {
      for (const row of b.rows) {
        for (const slot of row) {
          if (slot.kind !== "cell") continue;
          for (const t of slot.text.split("\n")) out.push({ type: "paragraph", text: t, label: null, style: null, headingLevel: null, source: slot.source });
        }
      }
    }
  }
  return out;
}
