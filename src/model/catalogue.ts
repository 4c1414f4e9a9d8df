import type { Severity } from "./diagnostics.js";

/**
 * Every diagnostic code, once: the stage that reports it, its severity, and its message in English and
 * Chinese, built from the same parameters. A diagnostic stores its code and parameters, so any reader
 * (CLI, 诊断 sheet) can show it in the user's language. New codes are added here and nowhere else.
 */

export type Stage = "import" | "parse";
export type Locale = "en" | "zh";
export type Params = Record<string, string | number>;

export interface CatalogueEntry<P extends Params> {
  stage: Stage;
  severity: Severity;
  en: (p: P) => string;
  zh: (p: P) => string;
}

const entry = <P extends Params = None>(
  stage: Stage,
  severity: Severity,
  en: (p: P) => string,
  zh: (p: P) => string,
): CatalogueEntry<P> => ({ stage, severity, en, zh });

type None = Record<never, never>;
type Label = { label: string };
type Task = { id: string; title: string };

export const CATALOGUE = {
  // import
  "page-numbers-dropped": entry<{ count: number }>(
    "import",
    "info",
    (p) => `dropped ${p.count} page-number line(s)`,
    (p) => `删除了 ${p.count} 行页码`,
  ),
  "markdown-read-as-text": entry<{ reason: string }>(
    "import",
    "warning",
    (p) => `the Markdown was read as plain text: ${p.reason}`,
    (p) => `Markdown 已按纯文本读取：${p.reason === "it nests too deeply" ? "嵌套过深" : p.reason}`,
  ),
  "docx-numbering-start-clamped": entry<{ values: string }>(
    "import",
    "warning",
    (p) => `numbering start value(s) outside Word's range 0–32767 (${p.values}) were clamped`,
    (p) => `超出 Word 范围 0–32767 的编号起始值（${p.values}）已截取到范围内`,
  ),
  "docx-numbering-value": entry<{ numId: string }>(
    "import",
    "info",
    (p) => `numbering ${p.numId} renders a label too long to be one; the paragraph has no label`,
    (p) => `编号 ${p.numId} 生成的编号过长，不像编号；该段落不带编号`,
  ),
  "docx-numbering-missing": entry<{ numId: string }>(
    "import",
    "info",
    (p) => `numbering ${p.numId} is not defined in the document's numbering; the paragraph has no label`,
    (p) => `文档的编号定义中没有编号 ${p.numId}；该段落不带编号`,
  ),
  "docx-style-missing": entry<{ style: string }>(
    "import",
    "info",
    (p) => `paragraph style ${p.style} is not defined in the document's styles`,
    (p) => `文档样式中没有段落样式 ${p.style}`,
  ),
  "doc-auto-numbering-lost": entry<{ count: number }>(
    "import",
    "warning",
    (p) => `${p.count} paragraph(s) carry automatic numbering the built-in reader cannot show (their labels are missing); install LibreOffice for them`,
    (p) => `${p.count} 个段落使用了内置读取器无法显示的自动编号（缺少编号）；请安装 LibreOffice 以读取`,
  ),
  "doc-nested-tables": entry<None>(
    "import",
    "info",
    () => "tables nested in table cells are read as lines of the outer cell",
    () => "嵌套在单元格中的表格按外层单元格的文字行读取",
  ),
  "doc-merged-cells-unknown": entry<{ table: number }>(
    "import",
    "warning",
    (p) => `table ${p.table}: rows have different numbers of cells and the file records no cell edges; merged cells are shown as separate cells`,
    (p) => `表格 ${p.table}：各行单元格数不同，文件又未记录单元格边界；合并单元格按单独的单元格显示`,
  ),
  "html-chrome-dropped": entry<{ count: number }>(
    "import",
    "info",
    (p) => `${p.count} line(s) of site tools and related links were left out`,
    (p) => `略去了 ${p.count} 行网站工具栏和相关链接`,
  ),
  "ledger-rows-unmatched": entry<{ count: number }>(
    "import",
    "warning",
    (p) => `${p.count} row(s) of the 台账 match no task of the ledger it was written from (added, or their 任务编号 changed); ledger merge lists them`,
    (p) => `台账中有 ${p.count} 行对应不到原台账的任务（新增的，或任务编号已改）；ledger merge 会列出这些行`,
  ),
  "docx-numbering-unaligned": entry<None>(
    "import",
    "warning",
    () => "automatic numbering labels could not be matched to the paragraphs safely and were left out",
    () => "自动编号无法可靠地对应到段落，已略去",
  ),
  "docx-numbering-format": entry<{ format: string }>(
    "import",
    "info",
    (p) => `numbering format ${p.format} is shown as decimal numbers`,
    (p) => `编号格式 ${p.format} 按阿拉伯数字显示`,
  ),
  "docx-notes-ignored": entry<{ count: number }>(
    "import",
    "info",
    (p) => `${p.count} footnote/endnote reference(s) and their notes were not imported`,
    (p) => `未导入 ${p.count} 处脚注/尾注`,
  ),
  // parse: outline
  "level-skipped": entry<Label & { level: number; depth: number }>(
    "parse",
    "warning",
    (p) => `“${p.label}” is a level-${p.level} label directly under a level-${p.depth} item`,
    (p) => `“${p.label}”是第 ${p.level} 级编号，却直接位于第 ${p.depth} 级条目之下`,
  ),
  "numbering-gap": entry<Label & { number: number; expected: number }>(
    "parse",
    "warning",
    (p) => `“${p.label}” is numbered ${p.number}; expected ${p.expected}`,
    (p) => `“${p.label}”编号为 ${p.number}，应为 ${p.expected}`,
  ),
  "numbering-duplicate": entry<Label>(
    "parse",
    "warning",
    (p) => `“${p.label}” repeats the previous number`,
    (p) => `“${p.label}”与上一条编号重复`,
  ),
  "numbering-style-mixed": entry<Label & { found: string; expected: string }>(
    "parse",
    "warning",
    (p) => `“${p.label}” (${p.found}) continues a list numbered in ${p.expected} style`,
    (p) => `“${p.label}”（${p.found}）接续了以 ${p.expected} 格式编号的列表`,
  ),
  "no-tasks": entry<None>(
    "parse",
    "warning",
    () => "found no numbered items and no task table",
    () => "未找到编号条目或任务表格",
  ),
  // parse: owners and deadlines
  "owners-unsplit": entry<{ text: string }>(
    "parse",
    "warning",
    (p) => `could not split the owner clause “${p.text}”`,
    (p) => `无法拆分责任单位“${p.text}”`,
  ),
  "no-owner": entry<Task>(
    "parse",
    "info",
    (p) => `task ${p.id} “${p.title}” names no owner unit`,
    (p) => `任务 ${p.id}“${p.title}”未写明责任单位`,
  ),
  "no-deadline": entry<Task>(
    "parse",
    "info",
    (p) => `task ${p.id} “${p.title}” has no deadline`,
    (p) => `任务 ${p.id}“${p.title}”没有完成时限`,
  ),
  "deadline-year-unknown": entry<{ text: string }>(
    "parse",
    "info",
    (p) => `"${p.text}" names no year and the notice states none, so its due date is left empty`,
    (p) => `“${p.text}”未写年份，通知也未说明年度，故不填到期日`,
  ),
  "deadline-unrecognised": entry<{ text: string }>(
    "parse",
    "info",
    (p) => `deadline cell "${p.text}" is not a date, period or frequency`,
    (p) => `时限单元格“${p.text}”不是日期、期间或频次`,
  ),
  "deadline-before-notice": entry<{ text: string; due: string; issued: string }>(
    "parse",
    "warning",
    (p) => `deadline "${p.text}" (${p.due}) falls before the notice's own date ${p.issued}`,
    (p) => `时限“${p.text}”（${p.due}）早于通知印发日期 ${p.issued}`,
  ),
} satisfies Record<string, CatalogueEntry<never>>;

export type DiagnosticCode = keyof typeof CATALOGUE;
export type ParamsOf<C extends DiagnosticCode> = Parameters<(typeof CATALOGUE)[C]["en"]>[0];

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(CATALOGUE, code);
}

/** A diagnostic's message in `locale`; codes from elsewhere (an older ledger) keep their stored text. */
export function messageIn(d: { code: string; message: string; params?: Params }, locale: Locale): string {
  if (locale === "en" || !isDiagnosticCode(d.code)) return d.message;
  const { en, zh } = CATALOGUE[d.code] as CatalogueEntry<Params>;
  const params = d.params ?? {};
  // Without parameters only a parameterless message can be rendered again.
  return d.params !== undefined || en(params) === d.message ? zh(params) : d.message;
}
