/**
 * Owner clauses: who leads (牵头) and who carries out (责任 / 落实 / 配合 …) each task, read from a trailing
 * parenthetical, an owner line, or a table cell. Every regex uses bounded repetition or literal alternation,
 * and every loop is linear, so hostile input cannot make parsing slow.
 */

import { alt } from "./lexicon/words.js";
import { LEAD, LEAD_START_RE, OFFICE, RESPONSIBLE_WORDS } from "./lexicon/roles.js";
import { BARE_COLLECTIVES, UNIT_SUFFIX_RE } from "./lexicon/units.js";

export interface OwnerAssignment {
  /** 牵头 units, as written, without role words. */
  lead: string[];
  /** Every other named unit. */
  responsible: string[];
  /** The clause the units were read from, as written. */
  text: string;
  /** Set when a "列第一位者为牵头单位" convention decided the lead. */
  firstIsLead?: boolean;
  /** The clause looked like owners but part of it could not be split into units confidently. */
  unsplit?: boolean;
}

/** Conventions a notice declares for itself. */
export interface OwnerConventions {
  /** "列第一位者为牵头单位": in a list without an explicit 牵头, the first unit leads. */
  firstIsLead: boolean;
}

type Role = "lead" | "responsible";
/** An owner column's role from its header: 牵头单位 / 责任单位 (配合, 落实 …) / 责任分工 (the cell says who leads). */
export type OwnerColumn = "lead" | "responsible" | "mixed";

const NO_CONVENTIONS: OwnerConventions = { firstIsLead: false };

// ---------------------------------------------------------------------------------------------
// Unit names

/** How unit names end: 局, 办, 委, 中心, 人民政府, 部门, 各乡镇 … */
/** Collectives that carry no suffix of their own. */
const COLLECTIVE_RE = new RegExp(`^(?:${alt(BARE_COLLECTIVES)})$`, "u");
/** Pieces that start like a sentence, an explanation or a scope note are never unit names. */
const NOT_UNIT_START_RE =
  /^(?:推进|推动|加强|加快|建立|健全|完善|做好|开展|实行|实施|深化|强化|提升|提高|优化|规范|落实|全面|进一步|积极|持续|严格|抓好|探索|围绕|按照|根据|结合|依托|坚持|确保|切实|及时|主动|定期|认真|继续|依法|充分|大力|不断|着力|扎实|稳步|以下|简称|下称|含|包括|不含|除|即|如|例如|注|详见|见|此件|其中|特别是|重点|主要是|全文|试行|暂行)/u;
/** Notes on scope inside an owner clause: they name no unit, and what follows them in the sentence is note too. */
const SCOPE_NOTE_RE = /^(?:以下|以上|上述|下同|同上|具体(?:任务|工作|事项)|不再|均需|均要|均涉及|此外|注[:：]?)/u;
/** A completion time written among the units: 6月底完成, 2022年6月底前完成, 长期坚持. */
const TIME_NOTE_RE =
  /[\d〇零一二三四五六七八九十两](?:年|月|日|号|季度|个?工作日|小时|天)|年底|年末|年内|[上下]半年|季度|[上中下]旬|完成|办结|长期|常态化|持续推进/u;

/** A bare administrative level that shares the head noun of the next piece: 各市、县人民政府. */
const BARE_ADMIN_RE = /^各?[市县区镇乡旗州]$/u;
const ADMIN_HEAD_RE = /^[市县区镇乡旗州](?:人民政府|政府|党委|委|级|两级|三级|[（(])/u;
/** Generic head nouns: a whole cell only as the tail of a name broken by a flattened table ("区各有关" + "部门"). */
const GENERIC_RE = /^(?:部门|单位|机构|机关|处室|科室|人员|街道|乡镇|社区|村)$/u;
/** The head of such a broken name, kept as written when its tail is lost (区政府办,各有关). */
const FRAGMENT_RE = /^[省市区县]?各?(?:有关|相关)$|^各$/u;

/** Drop a bracketed tail for suffix checks: 各县（市、区） → 各县, 市府办〔市大数据局〕 → 市府办. */
function withoutTrailingBrackets(s: string): string {
  return s.replace(/[（(〔【][^（()）〔〕【】]{0,20}[）)〕】]$/u, "");
}

/** A piece that reads as a sentence or a note, not as a name the unit check does not know. */
function isProse(s: string): boolean {
  return s.length > 30 || NOT_UNIT_START_RE.test(s) || SCOPE_NOTE_RE.test(s) || TIME_NOTE_RE.test(s) || /[，。；：:！？“”"《》]|的/u.test(s);
}

function isUnitName(s: string): boolean {
  if (s.startsWith("涉及")) return s.length <= 80 && UNIT_SUFFIX_RE.test(s);
  if (s.length < 2 || s.length > 30) return false;
  if (/[，。；：:！？“”"《》]|的/u.test(s) || NOT_UNIT_START_RE.test(s) || SCOPE_NOTE_RE.test(s)) return false;
  return UNIT_SUFFIX_RE.test(withoutTrailingBrackets(s)) || COLLECTIVE_RE.test(s) || FRAGMENT_RE.test(s);
}

// ---------------------------------------------------------------------------------------------
// Trimming: loops, because /[…]+$/ backtracks quadratically on a long run that is not at the end

const FIELD_JUNK = "、，,；;。";

/** `s` without trailing whitespace or characters from `chars`. */
function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && (chars.includes(s.charAt(end - 1)) || /\s/u.test(s.charAt(end - 1)))) end--;
  return s.slice(0, end);
}

/** `s` without leading or trailing whitespace or characters from `chars`. */
function trimChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && (chars.includes(s.charAt(start)) || /\s/u.test(s.charAt(start)))) start++;
  return trimEndChars(s.slice(start), chars);
}

// ---------------------------------------------------------------------------------------------
// Nesting: separators and role words inside （…） or “…” do not count

const OPEN = "（(〔【[{「『《“‘";
const CLOSE = "）)〕】]}」』》”’";
const BRACKET_RE = /[（(〔【[{「『《“‘）)〕】\]}」』》”’]/gu;

/** `s` with everything inside brackets or quotes replaced by □ (same length); unbalanced text is left as is. */
function maskNested(s: string): string {
  let depth = 0;
  let asciiQuote = false;
  let out = "";
  for (const c of s) {
    if (c === '"') {
      asciiQuote = !asciiQuote;
      out += c;
      continue;
    }
    if (OPEN.includes(c)) {
      depth++;
      out += depth === 1 && !asciiQuote ? c : "□";
      continue;
    }
    if (CLOSE.includes(c) && depth > 0) {
      depth--;
      out += depth === 0 && !asciiQuote ? c : "□";
      continue;
    }
    out += depth > 0 || asciiQuote ? "□".repeat(c.length) : c;
  }
  return depth === 0 && !asciiQuote ? out : s;
}

/** Split `s` at separators found in `masked` (same length), trimming each part. */
function splitMasked(s: string, masked: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of masked.matchAll(sep)) {
    parts.push(s.slice(from, m.index));
    from = (m.index ?? 0) + m[0].length;
  }
  parts.push(s.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

// ---------------------------------------------------------------------------------------------
// Splitting a list of units

const LIST_SEP_RE = /[、，,；;／/\s…⋯]+/gu;
/** 和 / 及 / 与, and 会 after an office (宣传处会办公室: 宣传处 with 办公室; 社会, 委员会 and 会同 are not joins). */
const JOIN_WORD_RE = /以及|和|及|与|(?<=[处科室局办厅股])会(?!同|议|商|签|审)/gu;
/** Names written one after another (市行政审批局市司法局): a new name starts at 省/市/区/县 after 局 or 厅. */
const RUN_TOGETHER_RE = /(?<=[局厅])(?=[省市区县])/gu;
/** 等 / 等有关单位 / 等行业主管部门 closing a list; 高等 / 平等 are words. */
const ETC_RE = /(?<![高平同初中均对上次])等(?:[^、，,；;]{0,10}?(?:单位|部门|机构|机关|方面))?$/u;
const TRAILING_MODAL_RE = /(?:应当|必须|要按照|具体|主要|共同|分别|各自|要|应|须|需|均|都)$/u;
const LEADING_AGENT_RE = /^(?:由|请|交由)/u;
/** （牵头） after a unit marks its role inside a list. */
const UNIT_ROLE_NOTE_RE = new RegExp(`[（(]((?:${LEAD})(?:${OFFICE})?|(?:配合|协办|参与|负责)(?:${OFFICE})?)[）)]$`, "u");

interface UnitPiece {
  name: string;
  role: Role | null;
}

/** Split a piece on 和/及/与 only where both sides are units (省直各部门和各市县人民政府, not 规划和自然资源分局). */
function splitOnJoinWords(piece: string): string[] {
  for (const m of piece.matchAll(JOIN_WORD_RE)) {
    const i = m.index ?? 0;
    if (i > 80) break;
    const left = piece.slice(0, i);
    const right = piece.slice(i + m[0].length);
    if (isUnitName(left) && (isUnitName(right) || BARE_ADMIN_RE.test(right))) {
      return [left, ...splitOnJoinWords(right)];
    }
  }
  return [piece];
}

/** Cut names written without a separator, where every part is a unit name of its own. */
function splitRunTogether(piece: string): string[] {
  if (piece.length < 6 || piece.length > 80) return [piece];
  const parts = piece.split(RUN_TOGETHER_RE);
  return parts.length > 1 && parts.every((p) => p.length >= 3 && isUnitName(p)) ? parts : [piece];
}

/** How far a name split by 、 may run on (各市、县、区人民政府; 涉及A、B、C等相关单位). */
const MAX_REJOIN = 12;

/** Rejoin pieces that 、 split inside one name: 各市、县人民政府; 涉及政府采购、工程建设…等相关单位. */
function rejoin(pieces: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let cur = pieces[i];
    const limit = Math.min(pieces.length, i + MAX_REJOIN);
    if (BARE_ADMIN_RE.test(cur)) {
      let j = i + 1;
      while (j < limit && BARE_ADMIN_RE.test(pieces[j]) && !pieces[j].startsWith("各")) j++;
      if (j < limit && ADMIN_HEAD_RE.test(pieces[j])) {
        cur = pieces.slice(i, j + 1).join("、");
        i = j;
      }
    } else if (cur.startsWith("涉及") && !UNIT_SUFFIX_RE.test(cur)) {
      let j = i + 1;
      while (j < limit && !UNIT_SUFFIX_RE.test(pieces[j])) j++;
      if (j < limit) {
        cur = pieces.slice(i, j + 1).join("、");
        i = j;
      }
    }
    out.push(cur);
  }
  return out;
}

function cleanUnit(raw: string): UnitPiece {
  let name = raw.trim().replace(LEADING_AGENT_RE, "");
  let role: Role | null = null;
  const note = UNIT_ROLE_NOTE_RE.exec(name);
  if (note) {
    role = LEAD_START_RE.test(note[1]) ? "lead" : "responsible";
    name = name.slice(0, note.index);
  }
  if (!name.startsWith("涉及")) name = name.replace(ETC_RE, "");
  name = name.replace(TRAILING_MODAL_RE, "").trim();
  return { name, role };
}

/** A unit list without role words → units, as written. */
function splitList(list: string): UnitPiece[] {
  const s = list.trim();
  const pieces = splitMasked(s, maskNested(s), LIST_SEP_RE).flatMap(splitOnJoinWords).flatMap(splitRunTogether);
  return rejoin(pieces)
    .map(cleanUnit)
    .filter((u) => u.name !== "");
}

// ---------------------------------------------------------------------------------------------
// Role words

/**
 * Where a unit list ends and its duty begins: X牵头, X负责落实, X按职责分别落实, X配合, X做好审核把关 …
 * Look-arounds keep role words that are part of a name from cutting it: 区政协办公室, 指导中心, 联合会, 负责人.
 */
const ROLE_MARKER_RE =
  new RegExp(`(?:作为|为)(?:${LEAD}|责任|配合|落实|协办|参与|承办)(?:单位|部门)|${LEAD}|负责(?!人)|落实(?!办)|配合|参与|会同|承办|(?<!政)协(?:办|助|同)|联合(?![会办体])|指导(?![中站处科室组所办])|督促|督导(?![组室办])|统筹(?![办中])|做好|抓好|对应|对口(?!支援)|承担|组织实施|按(?:职|要求|规定|分工|照|各自)|依(?:职|法|据|照)|根据|结合|分别|分工|共同|各自`, "gu");
const CONNECTOR_RE = /^(?:会同|联合|协同)/u;
const LEAD_WITHIN_RE = new RegExp(`^[^，,；;]{0,8}?(?:${LEAD})`, "u");
const MODAL_END_RE = /(?:要|应|须|需|必须|应当)$/u;

function roleOfDuty(tail: string): Role {
  if (/^(?:配合|协助|协办|参与)/u.test(tail)) return "responsible";
  return LEAD_WITHIN_RE.test(tail) ? "lead" : "responsible";
}

interface SubClause {
  units: UnitPiece[];
  /** Role from the clause's own duty words, null for a bare list. */
  role: Role | null;
  /** Length of the duty text after the units. */
  dutyLength: number;
  /** Pieces that should have been units but do not look like unit names. */
  doubtful: string[];
  /** The units are the subject of a sentence (X要…, X应…), not an owner list. */
  modal: boolean;
}

/** The first role word at or after `from` in `masked`. */
function markerAt(masked: string, from: number): { index: number; length: number } | null {
  ROLE_MARKER_RE.lastIndex = from;
  const m = ROLE_MARKER_RE.exec(masked);
  return m ? { index: m.index, length: m[0].length } : null;
}

/** One comma-free clause: "X、Y按职责分别牵头", "X会同Y负责落实", or a bare list "X、Y". */
function parseSubClause(text: string): SubClause | null {
  const s = text.trim().replace(LEADING_AGENT_RE, "");
  const masked = maskNested(s);
  let marker = markerAt(masked, 0);
  let unitsText = marker ? s.slice(0, marker.index) : s;
  // X会同Y负责: the units on both sides of 会同 share the duty that follows Y.
  while (marker && unitsText !== "" && CONNECTOR_RE.test(masked.slice(marker.index))) {
    const next = markerAt(masked, marker.index + marker.length);
    if (!next) break;
    const between = s.slice(marker.index + marker.length, next.index);
    if (between === "" || !splitList(between).every((u) => isUnitName(u.name))) break;
    unitsText = `${unitsText}、${between}`;
    marker = next;
  }
  const units = splitList(unitsText);
  if (units.length === 0) return null;
  const tail = marker ? s.slice(marker.index) : "";
  const doubtful = units.filter((u) => !isUnitName(u.name)).map((u) => u.name);
  const modal = MODAL_END_RE.test(unitsText.trim());
  return { units, role: marker ? roleOfDuty(tail) : null, dutyLength: tail.length, doubtful, modal };
}

// ---------------------------------------------------------------------------------------------
// Labels: 牵头单位：X；配合单位：Y

/** An owner field label just before a colon (or inside 【】); the role word decides lead or not. */
const OWNER_LABEL_END_RE = new RegExp(
  `(?:${LEAD}|协同|配合|具体|主要)?(?:${LEAD}|${alt(RESPONSIBLE_WORDS)})(?:${OFFICE}|领导|人)?$`,
  "u",
);
const LABEL_COLON_RE = /[：:]|【[^【】]{1,8}】/gu;

interface Field {
  role: Role | null;
  value: string;
  owner: boolean;
}

/** Cut a clause at its labels. Returns null when it has no owner label. `prefix` is the text before the first label. */
function labelledFields(s: string): { fields: Field[]; prefix: string } | null {
  const masked = maskNested(s);
  const labels: { start: number; end: number; role: Role | null; owner: boolean }[] = [];
  for (const m of s.matchAll(LABEL_COLON_RE)) {
    const at = m.index ?? 0;
    if (masked.charAt(at) === "□") continue;
    let word: string;
    let start = at;
    let end = at + m[0].length;
    if (m[0].startsWith("【")) {
      word = m[0].slice(1, -1);
      // 区政府办【区政务公开办】: another name of a unit, not a label.
      if (OWNER_LABEL_END_RE.exec(word)?.index !== 0 && isUnitName(word)) continue;
      if (/^[：:]/u.test(s.charAt(end))) end++;
    } else {
      const before = s.slice(Math.max(0, at - 8), at).trimEnd();
      word = OWNER_LABEL_END_RE.exec(before)?.[0] ?? /[\u4e00-\u9fff]{1,8}$/u.exec(before)?.[0] ?? "";
      start = Math.max(0, at - 8) + before.length - word.length;
    }
    const owner = OWNER_LABEL_END_RE.exec(word)?.index === 0 && !/(?:领导|人)$/u.test(word);
    const role: Role | null = owner ? (LEAD_START_RE.test(word) ? "lead" : "responsible") : null;
    labels.push({ start, end, role, owner });
  }
  if (!labels.some((l) => l.owner)) return null;
  const fields = labels.map((l, i) => ({
    role: l.role,
    owner: l.owner,
    value: trimChars(s.slice(l.end, i + 1 < labels.length ? labels[i + 1].start : s.length), FIELD_JUNK),
  }));
  return { fields, prefix: trimEndChars(s.slice(0, labels[0].start), FIELD_JUNK) };
}

// ---------------------------------------------------------------------------------------------
// Conventions

const FIRST_IS_LEAD_RE = new RegExp(`(?:列|排|名)[^，。；（）()]{0,6}?(?:第一|首)[^，。；（）()]{0,6}?(?:为|是)[^，。；（）()]{0,2}?(?:${LEAD})(?:单位|部门)?`, "u");
const CARRY_OVER_RE = /下同|以下[^。；]{0,40}?不再(?:一一|逐一|逐项|单独)?(?:列出|列明|标注|注明)/u;

export function detectOwnerConventions(fullText: string): OwnerConventions {
  return { firstIsLead: FIRST_IS_LEAD_RE.test(fullText) };
}

export function declaresCarryOver(clauseText: string): boolean {
  return CARRY_OVER_RE.test(clauseText);
}

const CARRIED_UNITS_RE = /以下[^。；;]{0,20}?(?:均需|均由|均要|需|由)([^。；;]{2,80}?)(?:负责|落实|承担|执行|配合)[^。；;]{0,20}?不再/u;

/**
 * What a carry-over statement carries: "以下任务均需各区市政府、开发区管委落实，不再一一列出" names
 * the units that also act on every following item (not the clause's lead); "下同" carries the
 * whole clause (null).
 */
export function carriedOverUnits(clauseText: string): { units: string[]; text: string } | null {
  const m = CARRIED_UNITS_RE.exec(clauseText);
  if (!m) return null;
  const end = clauseText.slice(m.index).search(/[。；;）)]|$/u);
  return { units: splitUnits(m[1]), text: clauseText.slice(m.index, m.index + end) };
}

const FIRST_IS_LEAD_ALL_RE = new RegExp(FIRST_IS_LEAD_RE.source, "gu");
const CARRY_OVER_ALL_RE = new RegExp(CARRY_OVER_RE.source, "gu");

/** Remove the convention statements themselves from a clause before reading units. */
function withoutConventionStatements(s: string): string {
  return s
    .replace(CONVENTION_ASIDE_RE, "")
    .replace(FIRST_IS_LEAD_ALL_RE, "")
    .replace(CARRY_OVER_ALL_RE, "")
    .replace(/[（(]\s*[）)]/gu, "");
}

/** "市税务局（列第一位者为工作牵头单位或汇总单位，下同）": the whole aside goes, not just its key words. */
const CONVENTION_ASIDE_RE = /[（(][^（）()]{0,40}?(?:列第一位|排第一位|排在第一|列首位|下同)[^（）()]{0,40}?[）)]/gu;

// ---------------------------------------------------------------------------------------------
// Whole clauses

interface Parsed {
  /** Units with the role their own words give them (null: bare list). */
  units: UnitPiece[];
  labelled: boolean;
  /** Clauses with a duty word whose units all look like unit names. */
  marked: number;
  /** Pieces read as units without looking like unit names. */
  doubtful: string[];
  /** Clauses that were not units at all (a deadline, a duty sentence). */
  noise: number;
  /** The longest duty text after a unit list. */
  longestDuty: number;
  /** Some unit list is the subject of a sentence (各部门要…). */
  modal: boolean;
  /** The clause starts with a label (责任单位：…, 责任领导：…). */
  labelAtStart: boolean;
  /** The clause names its own first-is-lead convention. */
  firstIsLead: boolean;
}

/**
 * Read a clause without labels (or one label's value). Bare lists take the role of the next clause with a
 * duty word (各乡镇，各部门按照职责分别落实), else the field's role; an explicit 牵头 beats the field's role.
 */
function readRoleText(text: string, fieldRole: Role | null, out: Parsed): void {
  for (const segment of splitMasked(text, maskNested(text), /[；;。\n]+/gu)) {
    const pending: UnitPiece[] = [];
    for (const part of splitMasked(segment, maskNested(segment), /[，,]+/gu)) {
      // A scope note (以下均需…, 具体任务均涉及…, 不再做分工) ends the units of its sentence.
      if (SCOPE_NOTE_RE.test(part)) {
        out.noise++;
        break;
      }
      const sub = parseSubClause(part);
      // A time limit among the units (6月底完成) is the deadline finder's, and no unit.
      if ((sub === null || sub.doubtful.length === sub.units.length) && TIME_NOTE_RE.test(part)) continue;
      // A duty sentence or a deadline inside the clause is not a unit list; a label vouches for its value.
      const notUnits = sub === null || (fieldRole === null && (sub.role === null ? sub.doubtful.length > 0 : sub.doubtful.length === sub.units.length));
      if (notUnits) {
        out.noise++;
        continue;
      }
      if (fieldRole !== null && sub.doubtful.length > 0) {
        // A label vouches for names it does not know (市政协), not for prose (以下均需各县市区).
        const prose = sub.units.filter((u) => !isUnitName(u.name) && isProse(u.name));
        if (prose.length > 0) {
          out.noise++;
          sub.units = sub.units.filter((u) => !prose.includes(u));
          sub.doubtful = sub.doubtful.filter((d) => !prose.some((u) => u.name === d));
          if (sub.units.length === 0) continue;
        }
      }
      out.longestDuty = Math.max(out.longestDuty, sub.dutyLength);
      out.modal ||= sub.modal;
      out.doubtful.push(...sub.doubtful);
      if (sub.role === null) {
        pending.push(...sub.units);
        continue;
      }
      out.marked++;
      const role = sub.role === "lead" ? "lead" : (fieldRole ?? sub.role);
      for (const u of [...pending, ...sub.units]) out.units.push({ name: u.name, role: u.role ?? role });
      pending.length = 0;
    }
    for (const u of pending) out.units.push({ name: u.name, role: u.role ?? fieldRole });
  }
}

/** Owner clauses are short; a longer text is prose, and is not read as one (this also bounds the work). */
const MAX_CLAUSE = 1000;

/** Notices repeat their owner clauses and cells item after item; a parsed clause is never mutated. */
const parsedClauses = new Map<string, Parsed>();
const PARSED_CLAUSES_MAX = 2048;

function parseClause(text: string): Parsed {
  const hit = parsedClauses.get(text);
  if (hit) return hit;
  const parsed = readClause(text);
  if (parsedClauses.size >= PARSED_CLAUSES_MAX) parsedClauses.clear();
  parsedClauses.set(text, parsed);
  return parsed;
}

function readClause(text: string): Parsed {
  const out: Parsed = { units: [], labelled: false, marked: 0, doubtful: [], noise: 0, longestDuty: 0, modal: false, labelAtStart: false, firstIsLead: false };
  if (text.length > MAX_CLAUSE) return out;
  out.firstIsLead = FIRST_IS_LEAD_RE.test(text);
  const s = withoutConventionStatements(text).trim();
  const labelled = labelledFields(s);
  if (labelled) {
    out.labelled = true;
    out.labelAtStart = labelled.prefix === "";
    if (labelled.prefix !== "") readRoleText(labelled.prefix, null, out);
    for (const f of labelled.fields) if (f.owner && f.value !== "") readRoleText(f.value, f.role, out);
    return out;
  }
  readRoleText(s, null, out);
  return out;
}

/** Decide the roles still open and build the assignment. */
function assign(text: string, parsed: Parsed, conv: OwnerConventions, column: OwnerColumn | null): OwnerAssignment | null {
  const units = parsed.units.map((u) => ({ ...u, role: column === "lead" ? "lead" : (u.role ?? (column === "responsible" ? "responsible" : null)) }));
  if (units.length === 0) return null;
  const assignment: OwnerAssignment = { lead: [], responsible: [], text };
  const firstIsLead = (conv.firstIsLead || parsed.firstIsLead) && column !== "lead" && !units.some((u) => u.role === "lead");
  units.forEach((u, i) => {
    const role: Role = firstIsLead ? (i === 0 ? "lead" : "responsible") : (u.role ?? "responsible");
    const list = role === "lead" ? assignment.lead : assignment.responsible;
    if (!list.includes(u.name)) list.push(u.name);
  });
  if (firstIsLead) assignment.firstIsLead = true;
  if (parsed.doubtful.length > 0) assignment.unsplit = true;
  return assignment;
}

/** A line that stops mid-name (区各有关) continues on the next line of a flattened cell. */
const FRAGMENT_END_RE = /(?:有关|相关|各|所属|直属)$/u;

/** Clause text shared by all entry points: a line break after a separator or inside a broken name is dropped. */
function normaliseClause(s: string): string {
  return s
    .replace(/\r/gu, "")
    .replace(/([、，,；;])[ \t]*\n\s*/gu, "$1")
    .replace(/\n\s*/gu, (_match, offset: number, all: string) => (FRAGMENT_END_RE.test(all.slice(Math.max(0, offset - 6), offset)) ? "" : "\n"))
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A bare place word (试点地区, 示范区) names no unit; 各县区 does. */
const WEAK_SUFFIX_RE = /^(?!各)[^、]*[市县区州盟旗镇乡村]$/u;

/**
 * Parentheticals that are not owner clauses even when they contain a unit-like word. A bare list (no label,
 * no duty word) must consist of clear unit names and not be a lone generic word (（部门）, （街道）).
 */
function isOwnerLike(parsed: Parsed): boolean {
  if (parsed.units.length === 0) return false;
  if (parsed.labelled || parsed.marked > 0) return true;
  const names = parsed.units.map((u) => u.name);
  const lone = names.length === 1 && (GENERIC_RE.test(names[0]) || FRAGMENT_RE.test(names[0]));
  return parsed.noise === 0 && parsed.doubtful.length === 0 && !lone && !names.some((n) => WEAK_SUFFIX_RE.test(n));
}

/** 区政府办公室（区政务公开办）: a bare unit in brackets right after a unit name is its other name. */
const NAME_BEFORE_RE = /(?:局|办|委|厅|室|中心|政府|部门|单位|机关)$/u;

const TRAILING_JUNK = "。．.；;，,、";

/** The bracketed group ending at `close` (an index of a closing bracket), or null when unbalanced. */
function openerOf(s: string, close: number): number | null {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = s.charAt(i);
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return null;
}

const GROUP_CLOSE = "）)〕】]";

export function findTrailingOwnerClause(
  itemText: string,
  conv: OwnerConventions = NO_CONVENTIONS,
): { assignment: OwnerAssignment; start: number; end: number } | null {
  let end = trimEndChars(itemText, TRAILING_JUNK).length;
  // The owner clause is the last parenthetical, or the one before a trailing note such as （2021年底前完成）.
  for (let attempt = 0; attempt < 2 && end > 0; attempt++) {
    const close = end - 1;
    if (!GROUP_CLOSE.includes(itemText.charAt(close))) return null;
    const open = openerOf(itemText, close);
    if (open === null) return null;
    const inner = itemText.slice(open + 1, close).trim();
    if (!mayNameOwners(inner)) {
      end = itemText.slice(0, open).trimEnd().length;
      continue;
    }
    const parsed = parseClause(normaliseClause(inner));
    const alias = parsed.marked === 0 && !parsed.labelled && NAME_BEFORE_RE.test(itemText.slice(0, open).trimEnd());
    if (!alias && isOwnerLike(parsed)) {
      const assignment = assign(inner, parsed, conv, null);
      if (assignment) return { assignment, start: open, end: close + 1 };
    }
    end = itemText.slice(0, open).trimEnd().length;
  }
  return null;
}

/**
 * A cheap first look before a bracket is parsed: an owner clause has a role word or ends like a
 * unit name. （以下简称《条例》）, （试行）, （2015-2020年） and most asides fail it at once.
 */
function mayNameOwners(inner: string): boolean {
  return ROLE_HINT_RE.test(inner) || inner.split(/[、，,；;\s]+/u).some((piece) => UNIT_SUFFIX_RE.test(withoutTrailingBrackets(trimEndChars(piece, "。等"))));
}
const ROLE_HINT_RE = new RegExp(`${LEAD}|${alt(RESPONSIBLE_WORDS)}|单位|部门|指导|会同|分工`, "u");

/** Brackets that can hold an owner clause (not 《》 or quotes). */
const GROUP_OPEN = "（(〔【[";
/** One item's text holds a handful of parentheticals; past this many it is not an item (this also bounds the work). */
const MAX_GROUPS = 200;
/** Where a sentence ends: before a bare unit list in brackets that is not the trailing clause. */
const SENTENCE_END = "。；;！？!?\n";

/** The outermost non-empty bracket pairs of `s`, in order (a stray opener does not hide the pairs after it). */
function outermostGroups(s: string): { open: number; close: number }[] {
  const stack: number[] = [];
  const groups: { open: number; close: number }[] = [];
  // Jump from bracket to bracket: most of an item's text holds none.
  for (const m of s.matchAll(BRACKET_RE)) {
    const i = m.index;
    if (OPEN.includes(m[0])) stack.push(i);
    else if (stack.length > 0) {
      const open = stack.pop()!;
      if (i === open + 1) continue;
      while (groups.length > 0 && groups[groups.length - 1].open > open) groups.pop();
      groups.push({ open, close: i });
    }
  }
  return groups;
}

function charBefore(s: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && /\s/u.test(s.charAt(j)) && s.charAt(j) !== "\n") j--;
  return j < 0 ? "\n" : s.charAt(j);
}

/**
 * Every owner parenthetical in `text`, in order: trailing ones and those inside the body ("…规划信息。（市规划国土委负责落实）推进…",
 * "…迭代升级。（牵头单位：区发改委；责任单位：各街道）、重塑…"). Non-owner parentheticals (（以下简称…）, （试行）, （2015-2020年）,
 * another name of a unit) are told apart as in findTrailingOwnerClause; a bare unit list without label or duty word
 * counts only as the trailing clause or right after a sentence.
 */
export function findOwnerClauses(
  text: string,
  conv: OwnerConventions = NO_CONVENTIONS,
): Array<{ assignment: OwnerAssignment; start: number; end: number }> {
  const found: Array<{ assignment: OwnerAssignment; start: number; end: number }> = [];
  const trailing = findTrailingOwnerClause(text, conv);
  let read = 0;
  for (const { open, close } of outermostGroups(text)) {
    if (trailing && trailing.start === open) {
      found.push(trailing);
      continue;
    }
    if (!GROUP_OPEN.includes(text.charAt(open)) || !GROUP_CLOSE.includes(text.charAt(close))) continue;
    const inner = text.slice(open + 1, close).trim();
    if (inner === "" || inner.length > MAX_CLAUSE || !mayNameOwners(inner)) continue;
    if (++read > MAX_GROUPS) break;
    const parsed = parseClause(normaliseClause(inner));
    if (!isOwnerLike(parsed)) continue;
    // A bare unit list inside the text must stand after a sentence (…规划信息。（市规划国土委、市交通委）推进…):
    // elsewhere it is more often another name (街道办事处（管委会）) or an example list.
    if (parsed.marked === 0 && !parsed.labelled) {
      if (NAME_BEFORE_RE.test(text.slice(Math.max(0, open - 8), open).trimEnd())) continue;
      if (!SENTENCE_END.includes(charBefore(text, open))) continue;
    }
    const assignment = assign(inner, parsed, conv, null);
    if (assignment) found.push({ assignment, start: open, end: close + 1 });
  }
  // Unbalanced brackets earlier in the text can hide the trailing clause from the forward scan.
  if (trailing && !found.includes(trailing) && found.every((f) => f.end <= trailing.start || f.start >= trailing.end)) {
    found.push(trailing);
    found.sort((a, b) => a.start - b.start);
  }
  return found;
}

/** Several owner clauses of one item as one assignment: units in order of appearance, each once per role. */
export function mergeOwnerAssignments(parts: OwnerAssignment[]): OwnerAssignment | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  const merged: OwnerAssignment = {
    lead: [...new Set(parts.flatMap((p) => p.lead))],
    responsible: [...new Set(parts.flatMap((p) => p.responsible))],
    text: parts.map((p) => p.text).join("；"),
  };
  if (parts.some((p) => p.firstIsLead)) merged.firstIsLead = true;
  if (parts.some((p) => p.unsplit)) merged.unsplit = true;
  return merged;
}

/** An unlabelled owner line: short, one sentence, every clause a unit list with a brief duty. */
const MAX_LINE = 80;
const MAX_DUTY = 20;
/** "X组成若干个小组分别对各县开展督查": a sentence about what X does to something, not an owner line. */
const ACTS_ON_RE = /对[^，。；]{2,30}?(?:开展|进行|实施|组织|予以)/u;

export function parseOwnerLine(line: string, conv: OwnerConventions = NO_CONVENTIONS): OwnerAssignment | null {
  let text = trimEndChars(normaliseClause(line), TRAILING_JUNK);
  if (text === "") return null;
  const last = text.length - 1;
  const wrapped = GROUP_CLOSE.includes(text.charAt(last)) && openerOf(text, last) === 0;
  if (wrapped) text = text.slice(1, -1).trim();
  const parsed = parseClause(text);
  // A parenthetical or labelled line says it is about owners; a bare line must look like nothing else.
  if (wrapped || parsed.labelAtStart) return isOwnerLike(parsed) ? assign(text, parsed, conv, null) : null;
  if (text.length > MAX_LINE || /[。！？]/u.test(text) || ACTS_ON_RE.test(text)) return null;
  if (parsed.marked === 0 || parsed.noise > 0 || parsed.doubtful.length > 0 || parsed.modal || parsed.longestDuty > MAX_DUTY) return null;
  return assign(text, parsed, conv, null);
}

export function parseOwnerCell(cell: string, column: OwnerColumn, conv: OwnerConventions = NO_CONVENTIONS): OwnerAssignment | null {
  const text = trimEndChars(normaliseClause(cell), TRAILING_JUNK);
  if (text === "" || /^[-—–/／\\无]+$/u.test(text)) return null;
  const parsed = parseClause(text);
  const assignment = assign(text, parsed, conv, column);
  if (assignment) return assignment;
  // An owner column holds owners by definition: keep the text whole and say it was not split.
  const role: Role = column === "lead" ? "lead" : "responsible";
  return { lead: role === "lead" ? [text] : [], responsible: role === "lead" ? [] : [text], text, unsplit: true };
}

const LABEL_START_RE = /^(?:[（(]?[一二三四五六七八九十百\d]{1,4}[）)、.．]|第[一二三四五六七八九十百\d]{1,4}[条章节项部分])/u;
const HEADER_RE = new RegExp(`^(?:(?:${LEAD}|${alt(RESPONSIBLE_WORDS)})(?:${OFFICE})|责任分工|完成时限|时限要求|完成时间|主要内容|序号)$`, "u");

export function looksLikeUnitList(line: string): boolean {
  const text = trimEndChars(normaliseClause(line), "、，,");
  if (text === "" || text.length > 150) return false;
  if (/[。！？!?：:]/u.test(text) || LABEL_START_RE.test(text) || HEADER_RE.test(text)) return false;
  if (/\d{4}年|\d{1,2}月|[一二三四五六七八九十]{1,3}月/u.test(text)) return false;
  if (FRAGMENT_RE.test(text) || GENERIC_RE.test(text)) return true;
  const parsed = parseClause(text);
  return parsed.units.length > 0 && parsed.noise === 0 && parsed.doubtful.length === 0 && !parsed.modal && parsed.longestDuty <= MAX_DUTY;
}

export function splitUnits(list: string): string[] {
  const parsed = parseClause(normaliseClause(list));
  const names: string[] = [];
  for (const u of parsed.units) if (!names.includes(u.name)) names.push(u.name);
  return names;
}
