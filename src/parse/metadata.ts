import type { DocumentMeta } from "../model/ledger.js";
import { calendarDates, type CalendarDate } from "./deadlines/index.js";
import { YEAR_RANGE } from "./lexicon/numerals.js";

/**
 * Notice metadata from the paragraphs before the plan body (the "front matter": letterhead,
 * 发文字号, cover notice, signature) plus the plan's own title line.
 */

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,15}?)\s*[〔［\[【(（]\s*((?:19|20)\d{2})\s*[〕］\]】)）]\s*(\d{1,4})\s*号/;
const ORG_SUFFIX = /(?:人民政府|政府|办公室|办公厅|委员会|领导小组|局|厅|委|办|院|部|中心|管委会|公司|室|处|科|会)$/;
const PLAN_WORDS = /(?:方案|要点|计划|台账|清单|意见|办法|规划|细则|任务|安排|分工|分解|通知|规定|制度|措施|实施|表|一览|明细|路线图|事项)$/;
/** Field labels of the header block that government web pages put above a notice. */
const FIELD_NAMES = ["索引号", "主题分类", "分类", "发布机构", "发文机构", "发文机关", "成文日期", "发文日期", "印发日期", "生成日期", "发布日期", "标题", "名称", "发文字号", "文号", "主题词", "有效性", "时效"];
const spaced = (name: string) => [...name].join("[ \\t\u3000]*");
const FIELD_LABEL = new RegExp(`(?<=^|[|\\s\u3000])(${FIELD_NAMES.map(spaced).join("|")})[ \\t\u3000]*(?:[:：][ \\t\u3000|]*|\\|[ \\t\u3000]*|[ \\t\u3000]+|$)`, "g");
const FIELD = new RegExp(`^[ \\t\u3000]*(?:${FIELD_NAMES.map(spaced).join("|")})[ \\t\u3000]*(?:[:：|]|[ \\t\u3000]+\\S)`);
/** A field label alone on its line: a header table read one cell per line ("发文字号", then "京政办发〔2016〕26号"). */
const FIELD_ALONE = new RegExp(`^[ \\t\u3000]*(${FIELD_NAMES.map(spaced).join("|")})[ \\t\u3000]*[:：]?[ \\t\u3000]*$`);
const TAG = /^【[^】]{1,40}】\s*/;

export interface FrontLine {
  text: string;
  line: number;
}

/** ISO date from "2019年7月8日", "二〇〇五年六月十一日" or "2024-04-26": the first full date in `text`. */
export function isoDate(text: string): string | null {
  return calendarDates(text).dates[0]?.iso ?? null;
}

/** The text with its dates' spaces closed, and its first date written as a signature writes it (2019年7月8日). */
function writtenDate(line: string): { text: string; date: CalendarDate | undefined } {
  const { text, dates } = calendarDates(line);
  return { text, date: dates.find((d) => !d.numeric) };
}

/** A line that is a date and nothing else ("2019年7月8日", "（2019年7月8日印发）"). */
function isDateLine(line: string, { text, date } = writtenDate(line)): boolean {
  return date !== undefined && (text.slice(0, date.start) + text.slice(date.end)).replace(/[\s\u3000()（）印发]/g, "").length === 0;
}

/** The date under a signature, or "某区人民政府办公室 2018年7月30日" on one line. */
export function isSignatureLine(text: string): boolean {
  const t = text.trim();
  if (!t.includes("年") || t.length > 80) return false;
  const written = writtenDate(t);
  if (isDateLine(t, written)) return true;
  const { text: closed, date } = written;
  if (!date || closed.slice(date.end).replace(/[\s\u3000印发]/g, "")) return false;
  const before = closed.slice(0, date.start).trim();
  return before.length <= 40 && ORG_SUFFIX.test(before) && !/[，。,]/.test(before);
}

/** An issuer's name on its own line above the date: "某区人民政府办公室". */
export function isIssuerLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 40 && ORG_SUFFIX.test(t) && !/[，。,：:]/.test(t);
}

/** A salutation ("各乡镇，各有关部门：") or a notice title: the signs of a cover notice. */
export function isCoverLine(text: string): boolean {
  const t = text.trim();
  return (/^[^。|]{2,80}[：:]$/.test(t) && !FIELD.test(t)) || NOTICE_TITLE.test(t);
}

/**
 * `front`: paragraphs before the first task, in order. `planTitleHint`: a caption that a table
 * importer already set apart (the 台账 title above its table).
 */
export function readMetadata(front: FrontLine[], bodyText: string, closing: FrontLine[] = []): DocumentMeta {
  // "【市政府重点工作】滁州市人民政府关于…的通知": the web page's tag is not part of the title.
  const all = front.map((l) => unwrapTitle(l.text.trim().replace(TAG, ""))).filter(Boolean);
  const { fields, cells } = headerFields(all);
  // The cells of a header table are fields, not the notice's own lines (a 成文日期 cell is no signature).
  const lines = cells.size === 0 ? all : all.filter((_, i) => !cells.has(i));
  const field = (...names: string[]) => names.map((n) => fields.get(n)).find((v) => v) ?? null;
  const named = field("标题", "名称");
  const noticeTitle = findNoticeTitle(lines.filter((l) => !FIELD.test(l))) ?? (named && NOTICE_TITLE.test(named) ? named : null);
  const title = findPlanTitle(lines, noticeTitle) ?? (named && !NOTICE_TITLE.test(named) ? named : null);
  // The date under the signature: above the plan when a cover notice issues it, else at the notice's end.
  const signature = findSignature(lines) ?? findSignature(closing.map((l) => l.text.trim()));
  const issuer = signature?.issuer ?? field("发文机关", "发布机构", "发文机构") ?? issuerOfNoticeTitle(noticeTitle);
  const issuedDate = signature?.date ?? isoDate(field("成文日期", "发文日期", "印发日期", "生成日期") ?? "");
  const docNumber = findDocNumber(lines, fields);
  return {
    title,
    noticeTitle,
    docNumber,
    issuer,
    issuedDate,
    year: yearOf(title, noticeTitle, issuedDate, lines.join("\n") + "\n" + bodyText.slice(0, 2000)),
    recipients: findRecipients(lines),
    signer: /签\s*发\s*人\s*[:：]\s*([\u4e00-\u9fa5·]{2,6})/.exec(lines.join("\n"))?.[1] ?? null,
  };
}

/**
 * 政府信息公开 web pages prefix a field block, in several renderings: "发布机构: | 山西省人民政府 |
 * 成文日期: | 2019年08月11日 |", "成文日期:2024-04-26 | |", "发布机构 区人民政府办公室 文    号 蔡政办〔2023〕1号".
 */
function headerFields(lines: string[]): { fields: Map<string, string>; cells: Set<number> } {
  const fields = new Map<string, string>();
  const cells = new Set<number>();
  lines.forEach((line, i) => {
    const alone = FIELD_ALONE.exec(line);
    if (alone) {
      // A header table read one cell per line: the label's value is the next line, unless that is a label too.
      const value = lines[i + 1];
      const key = alone[1].replace(/[\s\u3000]/g, "");
      cells.add(i);
      if (value === undefined || FIELD_ALONE.test(value) || FIELD.test(value)) return;
      cells.add(i + 1);
      if (!fields.has(key)) fields.set(key, trimFieldValue(value));
      return;
    }
    if (!FIELD.test(line)) return;
    const labels = [...line.matchAll(FIELD_LABEL)];
    labels.forEach((m, k) => {
      const from = m.index + m[0].length;
      const to = labels[k + 1]?.index ?? line.length;
      const value = trimFieldValue(line.slice(from, to));
      const key = m[1].replace(/[\s\u3000]/g, "");
      if (value && !fields.has(key)) fields.set(key, value);
    });
  });
  return { fields, cells };
}

/** A field value without the separators around it, by loops: /[\s|]+$/ backtracks quadratically on a long run of spaces. */
function trimFieldValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && /[\s|:：]/.test(value.charAt(start))) start++;
  while (end > start && /[\s|]/.test(value.charAt(end - 1))) end--;
  return value.slice(start, end);
}

/** "滁州市人民政府关于…的通知": the issuing organ leads the title. */
function issuerOfNoticeTitle(noticeTitle: string | null): string | null {
  const m = noticeTitle && /^([\u4e00-\u9fa5]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅))关于/.exec(noticeTitle);
  return m ? m[1] : null;
}

/** "《某市人民政府办公厅关于印发〈…〉的通知》": a title quoted whole on a web page. */
function unwrapTitle(line: string): string {
  return /^《[^《》]+(?:〈[^〈〉]*〉[^《》]*)*》$/.test(line) ? line.slice(1, -1) : line;
}

/** "（某区人民政府办公室）关于印发…的通知". */
const NOTICE_START = /^[\u4e00-\u9fa5]{0,30}?(?:关于|印发|转发)/;
const NOTICE_TITLE = /^[\u4e00-\u9fa5]{0,30}?(?:关于|印发|转发).{2,100}(?:通知|通报|决定|批复)$/;

/** "关于印发…的通知", joined when it wraps over two or three lines. */
function findNoticeTitle(lines: string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(OWN_NUMBER, "");
    if (FIELD.test(line) || !NOTICE_START.test(line) || /[。：:]/.test(line)) continue;
    let joined = line;
    for (let k = i + 1; k <= i + 2 && !/(?:通知|通报|函|决定|批复)$/.test(joined) && k < lines.length; k++) {
      if (/[。：:]/.test(lines[k]) || lines[k].length > 40) break;
      joined += lines[k];
    }
    if (/(?:通知|通报|函|决定|批复)$/.test(joined) && joined.length <= 120) return joined.replace(/\s+/g, "");
  }
  return null;
}

/** The plan's own title: the last title-like line(s) before the body, after any cover notice. */
function findPlanTitle(lines: string[], noticeTitle: string | null): string | null {
  // A cover notice names the plan it issues: 关于印发《X》的通知 / 关于印发X的通知.
  const named = noticeTitle && /(?:印发|转发)(.+?)的通知$/.exec(noticeTitle)?.[1];
  const issued = named && (/^[《〈<][^《》〈〉<>]+[》〉>]$/.test(named) ? named.slice(1, -1) : named);
  // A line that states the plan the notice names is its title, even above the plan's own headings.
  if (issued && lines.some((l) => l.replace(OWN_NUMBER, "").replace(/\s+/g, "") === issued)) return issued;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i].replace(OWN_NUMBER, "");
    if (!isTitleLike(t) || !PLAN_WORDS.test(withoutTrailingNote(t))) continue;
    if (noticeTitle && noticeTitle.endsWith(t.replace(/\s+/g, ""))) break;
    const prev = lines[i - 1];
    const joined = prev && isTitleLike(prev) && !PLAN_WORDS.test(prev) && !ORG_SUFFIX.test(prev) && !DOC_NUMBER.test(prev) ? prev + t : t;
    return joined.replace(/\s+/g, "");
  }
  if (issued) return issued;
  // A notice that issues nothing is the plan itself (滁州市人民政府关于2020年市政府重点工作及责任分解的通知).
  return noticeTitle && !ISSUES_ANOTHER.test(noticeTitle) ? noticeTitle : null;
}

/** 关于印发… / 关于转发…: a cover notice of another document. */
const ISSUES_ANOTHER = /印发|转发/;

/** "…三年行动方案（2022—2024年）", "…办法（试行）": the note after the title word. */
const withoutTrailingNote = (t: string) => t.replace(/[（(][^（()）]{1,20}[）)]$/, "");

/** A line that reads as a plan's title ("某区2021年政务公开工作要点", "…实施方案（试行）"). */
export function isPlanTitle(text: string): boolean {
  const t = text.trim();
  return isTitleLike(t) && PLAN_WORDS.test(withoutTrailingNote(t)) && !NOTICE_TITLE.test(t);
}

function isTitleLike(t: string): boolean {
  return t.length >= 4 && t.length <= 60 && !/[。，,；;：:！？|]/.test(t) && !isDateLine(t) && !FIELD.test(t) && !/^[（(]/.test(t);
}

/** The issuer line directly above the date, or both on one line ("常州市钟楼区人民政府办公室 2018年7月30日"). */
function findSignature(lines: string[]): { issuer: string | null; date: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const written = writtenDate(lines[i]);
    const { text, date } = written;
    if (!date) continue;
    const before = text.slice(0, date.start).trim();
    if (before && ORG_SUFFIX.test(before) && before.length <= 40 && !/[，。,]/.test(before)) return { issuer: before, date: date.iso };
    if (!isDateLine(lines[i], written)) continue;
    const prev = lines[i - 1]?.trim();
    const issuer = prev && ORG_SUFFIX.test(prev) && prev.length <= 40 && !/[，。,：:]/.test(prev) ? prev : null;
    return { issuer, date: date.iso };
  }
  return null;
}

const OWN_NUMBER = /[（(]([^（()）]{2,20}[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*\d{1,4}\s*号)[）)]$/;

function compactDocNumber(text: string): string | null {
  const m = DOC_NUMBER.exec(text);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : null;
}

function findDocNumber(lines: string[], fields: Map<string, string>): string | null {
  const field = fields.get("发文字号") ?? fields.get("文号");
  const m = field && DOC_NUMBER.exec(field);
  if (m) return `${m[1]}〔${m[2]}〕${m[3]}号`;
  for (const line of lines) {
    // "…的通知（岳办发〔2017〕2号）": the notice title carries its own number.
    const own = OWN_NUMBER.exec(line);
    if (own && (NOTICE_TITLE.test(line.slice(0, own.index)) || isPlanTitle(line.slice(0, own.index)))) return compactDocNumber(own[1]);
    if (/^[《“]|关于|印发|根据|按照/.test(line)) continue;
    const m = DOC_NUMBER.exec(line);
    // A number in brackets is a citation, unless it stands alone on its line: "（乐府办函〔2020〕8号）".
    if (m && (!/[（(《]$/.test(line.slice(0, m.index)) || /^[（(][^（()）]+[）)]$/.test(line))) return `${m[1]}〔${m[2]}〕${m[3]}号`;
  }
  return null;
}

/** "（2021—2025年）", "十四五", "五年": a plan over several years. */
const MULTI_YEAR = new RegExp(`(?:19|20)\\d{2}\\s*${YEAR_RANGE}\\s*(?:19|20)?\\d{2}|十[一二三四五六七八九]五|五年`);

/** The working year: from the title, else the notice title, else the date, else the documents it cites. */
function yearOf(title: string | null, noticeTitle: string | null, issuedDate: string | null, text: string): number | null {
  // A multi-year plan ("（2021—2025年）", "十四五") has no single working year.
  if ([title, noticeTitle].some((t) => t && MULTI_YEAR.test(t))) return null;
  for (const t of [title, noticeTitle]) {
    const m = t && /((?:19|20)\d{2})\s*年/.exec(t);
    if (m) return Number(m[1]);
  }
  if (issuedDate) return Number(issuedDate.slice(0, 4));
  const cited = [...text.matchAll(/[〔［\[]\s*((?:19|20)\d{2})\s*[〕］\]]/g)].map((m) => Number(m[1]));
  // Not Math.max(...cited): a line of 200,000 "〔2020〕" would overflow the call stack.
  return cited.length ? cited.reduce((a, b) => Math.max(a, b)) : null;
}

/** The salutation: "各乡镇，各有关部门：" (possibly followed by the notice text on the same line). */
function findRecipients(lines: string[]): string[] {
  for (const line of lines) {
    const m = /^([^。：:|《“]{2,80}?)[：:]/.exec(line);
    if (!m || FIELD.test(line) || /签发人|发文|附件|抄送|日期/.test(m[1])) continue;
    if (!/(?:各|有关|单位|部门|政府|局|委|办|厅|街道|乡镇|镇)/.test(m[1])) continue;
    return m[1].split(/[，,；;]/).map((s) => s.trim()).filter(Boolean);
  }
  return [];
}
