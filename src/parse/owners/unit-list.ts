/**
 * The one unit splitter every clause shape shares: a list of units (、，,； and 及/和/与/会 joins, names run
 * together, 等 tails, （牵头） role notes) → the units as written.
 */

import { alt } from "../lexicon/words.js";
import { LEAD, LEAD_START_RE, OFFICE } from "../lexicon/roles.js";
import {
  AGENT_WORDS,
  BARE_COLLECTIVES,
  ETC_NOUNS,
  GENERIC_NOUNS,
  JOIN_WORDS,
  NOT_ETC_BEFORE,
  NOT_JOIN_AFTER_HUI,
  NOT_UNIT_STARTS,
  OFFICE_ENDINGS_BEFORE_JOIN,
  RUN_TOGETHER_ENDS,
  RUN_TOGETHER_STARTS,
  SCOPE_NOTE_STARTS,
  TRAILING_UNIT_WORDS,
  endsWithUnitSuffix,
} from "../lexicon/units.js";
import { PAREN_CLOSE, PAREN_OPEN } from "../lexicon/brackets.js";
import { maskNested, splitMasked, trimEndChars } from "./nesting.js";

export type Role = "lead" | "responsible";

export interface UnitPiece {
  name: string;
  role: Role | null;
}

const COLLECTIVE_RE = new RegExp(`^(?:${alt(BARE_COLLECTIVES)})$`, "u");
const NOT_UNIT_START_RE = new RegExp(`^(?:${alt(NOT_UNIT_STARTS)})`, "u");
export const SCOPE_NOTE_RE = new RegExp(`^(?:${alt(SCOPE_NOTE_STARTS)})`, "u");
/** A completion time written among the units: 6月底完成, 2022年6月底前完成, 长期坚持. */
export const TIME_NOTE_RE =
  /[\d〇零一二三四五六七八九十两](?:年|月|日|号|季度|个?工作日|小时|天)|年底|年末|年内|[上下]半年|季度|[上中下]旬|完成|办结|长期|常态化|持续推进/u;
/** Sentence punctuation or 的: a piece holding one is prose, not a name. */
const PROSE_MARK_RE = /[，。；：:！？“”"《》]|的/u;

/** A bare administrative level that shares the head noun of the next piece: 各市、县人民政府. */
const BARE_ADMIN_RE = /^各?[市县区镇乡旗州]$/u;
const ADMIN_HEAD_RE = new RegExp(`^[市县区镇乡旗州](?:人民政府|政府|党委|委|级|两级|三级|${PAREN_OPEN})`, "u");
/** Generic head nouns: a whole cell only as the tail of a name broken by a flattened table ("区各有关" + "部门"). */
export const GENERIC_RE = new RegExp(`^(?:${alt(GENERIC_NOUNS)})$`, "u");
/** The head of such a broken name, kept as written when its tail is lost (区政府办,各有关). */
export const FRAGMENT_RE = /^[省市区县]?各?(?:有关|相关)$|^各$/u;

/** Drop a bracketed tail for suffix checks: 各县（市、区） → 各县, 市府办〔市大数据局〕 → 市府办. */
const TRAILING_BRACKETS_RE = /[（(〔【][^（()）〔〕【】]{0,20}[）)〕】]$/u;
function withoutTrailingBrackets(s: string): string {
  const last = s.charAt(s.length - 1);
  return last === "）" || last === ")" || last === "〕" || last === "】" ? s.replace(TRAILING_BRACKETS_RE, "") : s;
}

/** Whether a piece ends like a unit name, ignoring a bracketed tail. */
export function endsLikeUnit(s: string): boolean {
  return endsWithUnitSuffix(withoutTrailingBrackets(s));
}

/** A piece that reads as a sentence or a note, not as a name the unit check does not know. */
export function isProse(s: string): boolean {
  return s.length > 30 || NOT_UNIT_START_RE.test(s) || SCOPE_NOTE_RE.test(s) || TIME_NOTE_RE.test(s) || PROSE_MARK_RE.test(s);
}

export function isUnitName(s: string): boolean {
  if (s.startsWith("涉及")) return s.length <= 80 && endsWithUnitSuffix(s);
  if (s.length < 2 || s.length > 30) return false;
  if (PROSE_MARK_RE.test(s) || NOT_UNIT_START_RE.test(s) || SCOPE_NOTE_RE.test(s)) return false;
  return endsLikeUnit(s) || COLLECTIVE_RE.test(s) || FRAGMENT_RE.test(s);
}

const LIST_SEP_RE = /[、，,；;／/\s…⋯]+/gu;
/** 和 / 及 / 与, and 会 after an office (宣传处会办公室: 宣传处 with 办公室; 社会, 委员会 and 会同 are not joins). */
const JOIN_WORD_RE = new RegExp(`${alt(JOIN_WORDS)}|(?<=[${OFFICE_ENDINGS_BEFORE_JOIN}])会(?!${NOT_JOIN_AFTER_HUI.join("|")})`, "gu");
const JOIN_HINT_RE = new RegExp(`${alt(JOIN_WORDS)}|会`, "u");
/** Names written one after another (市行政审批局市司法局): a new name starts at 省/市/区/县 after 局 or 厅. */
const RUN_TOGETHER_RE = new RegExp(`(?<=[${RUN_TOGETHER_ENDS}])(?=[${RUN_TOGETHER_STARTS}])`, "gu");
/** 等 / 等有关单位 / 等行业主管部门 closing a list; 高等 / 平等 are words. */
const ETC_RE = new RegExp(`(?<![${NOT_ETC_BEFORE}])等(?:[^、，,；;]{0,10}?(?:${alt(ETC_NOUNS)}))?$`, "u");
const TRAILING_MODAL_RE = new RegExp(`(?:${alt(TRAILING_UNIT_WORDS)})$`, "u");
export const LEADING_AGENT_RE = new RegExp(`^(?:${alt(AGENT_WORDS)})`, "u");
/** （牵头） after a unit marks its role inside a list. */
const UNIT_ROLE_NOTE_RE = new RegExp(`${PAREN_OPEN}((?:${LEAD})(?:${OFFICE})?|(?:配合|协办|参与|负责)(?:${OFFICE})?)${PAREN_CLOSE}$`, "u");

/** Split a piece on 和/及/与 only where both sides are units (省直各部门和各市县人民政府, not 规划和自然资源分局). */
function splitOnJoinWords(piece: string): string[] {
  if (!JOIN_HINT_RE.test(piece)) return [piece];
  for (const m of piece.matchAll(JOIN_WORD_RE)) {
    const i = m.index;
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
    } else if (cur.startsWith("涉及") && !endsWithUnitSuffix(cur)) {
      let j = i + 1;
      while (j < limit && !endsWithUnitSuffix(pieces[j])) j++;
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
  if (!name.startsWith("涉及") && name.includes("等")) name = name.replace(ETC_RE, "");
  name = name.replace(TRAILING_MODAL_RE, "").trim();
  return { name, role };
}

/** A unit list without role words → units, as written. */
export function splitList(list: string): UnitPiece[] {
  const s = list.trim();
  const pieces = splitMasked(s, maskNested(s), LIST_SEP_RE).flatMap(splitOnJoinWords).flatMap(splitRunTogether);
  return rejoin(pieces)
    .map(cleanUnit)
    .filter((u) => u.name !== "");
}

/**
 * A cheap first look before a bracket is read: an owner clause has a role word or a piece that ends like a
 * unit name. （以下简称《条例》）, （试行）, （2015-2020年） and most asides fail it at once.
 */
export function hasUnitLikePiece(inner: string): boolean {
  for (const piece of inner.split(/[、，,；;\s]+/u)) if (endsLikeUnit(trimEndChars(piece, "。等"))) return true;
  return false;
}
