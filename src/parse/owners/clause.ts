/**
 * The one clause reader every shape shares: a clause (the inside of a parenthetical, an owner line, a cell) →
 * units with their roles and the signs a shape's acceptance rule looks at (labels, duty words, noise, doubt).
 * Every regex uses bounded repetition or literal alternation, and every loop is linear.
 */

import { alt } from "../lexicon/words.js";
import { CONNECTOR_WORDS, DUTY_MARKERS, LEAD, LEAD_START_RE, OFFICE, RESPONSIBLE_WORDS, SUPPORT_WORDS, type DutyMarker } from "../lexicon/roles.js";
import { MODAL_WORDS } from "../lexicon/units.js";
import { statesFirstIsLead, withoutConventionStatements, type OwnerConventions } from "./conventions.js";
import { maskNested, splitMasked, trimChars, trimEndChars } from "./nesting.js";
import { FRAGMENT_RE, GENERIC_RE, LEADING_AGENT_RE, SCOPE_NOTE_RE, TIME_NOTE_RE, isProse, isUnitName, splitList, type Role, type UnitPiece } from "./unit-list.js";

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

/** An owner column's role from its header: 牵头单位 / 责任单位 (配合, 落实 …) / 责任分工 (the cell says who leads). */
export type OwnerColumn = "lead" | "responsible" | "mixed";

// ---------------------------------------------------------------------------------------------
// Duty words: X牵头, X负责落实, X按职责分别落实, X会同Y负责 …

function markerSource(m: DutyMarker): string {
  const after = m.notAfter ? `(?<![${m.notAfter}])` : "";
  const before = m.notBefore ? `(?!${m.notBefore.join("|")})` : "";
  return `${after}${m.word}${before}`;
}
const ROLE_MARKER_RE = new RegExp([...DUTY_MARKERS].sort((a, b) => b.word.length - a.word.length).map(markerSource).join("|"), "gu");
const CONNECTOR_RE = new RegExp(`^(?:${alt(CONNECTOR_WORDS)})`, "u");
const SUPPORT_RE = new RegExp(`^(?:${alt(SUPPORT_WORDS)})`, "u");
const LEAD_WITHIN_RE = new RegExp(`^[^，,；;]{0,8}?(?:${LEAD})`, "u");
const MODAL_END_RE = new RegExp(`(?:${alt(MODAL_WORDS)})$`, "u");
/** Any role or office word: text without one cannot name owners except as a bare unit list. */
export const ROLE_HINT_RE = new RegExp(`${LEAD}|${alt(RESPONSIBLE_WORDS)}|单位|部门|指导|会同|分工`, "u");

/** Whether `s` has a duty word at all (a necessary condition for a marked clause). */
export function hasDutyWord(s: string): boolean {
  ROLE_MARKER_RE.lastIndex = 0;
  return ROLE_MARKER_RE.test(s);
}

function roleOfDuty(tail: string): Role {
  if (SUPPORT_RE.test(tail)) return "responsible";
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
const OWNER_LABEL_END_RE = new RegExp(`(?:${LEAD}|协同|配合|具体|主要)?(?:${LEAD}|${alt(RESPONSIBLE_WORDS)})(?:${OFFICE}|领导|人)?$`, "u");
const LABEL_COLON_RE = /[：:]|【[^【】]{1,8}】/gu;
const LABEL_HINT_RE = /[：:【]/u;
const FIELD_JUNK = "、，,；;。";

interface Field {
  role: Role | null;
  value: string;
  owner: boolean;
}

/** Cut a clause at its labels. Returns null when it has no owner label. `prefix` is the text before the first label. */
function labelledFields(s: string): { fields: Field[]; prefix: string } | null {
  if (!LABEL_HINT_RE.test(s)) return null;
  const masked = maskNested(s);
  const labels: { start: number; end: number; role: Role | null; owner: boolean }[] = [];
  for (const m of s.matchAll(LABEL_COLON_RE)) {
    const at = m.index;
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
// Whole clauses

export interface Parsed {
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
  /** It names owners at all (see `isOwnerLike`). */
  ownerLike: boolean;
}

const SENTENCE_SEP_RE = /[；;。\n]+/gu;
const COMMA_SEP_RE = /[，,]+/gu;

/**
 * Read a clause without labels (or one label's value). Bare lists take the role of the next clause with a
 * duty word (各乡镇，各部门按照职责分别落实), else the field's role; an explicit 牵头 beats the field's role.
 */
function readRoleText(text: string, fieldRole: Role | null, out: Parsed): void {
  for (const segment of splitMasked(text, maskNested(text), SENTENCE_SEP_RE)) {
    const pending: UnitPiece[] = [];
    for (const part of splitMasked(segment, maskNested(segment), COMMA_SEP_RE)) {
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
export const MAX_CLAUSE = 1000;

/** Notices repeat their owner clauses and cells item after item; a parsed clause is never mutated. */
const parsedClauses = new Map<string, Parsed>();
const PARSED_CLAUSES_MAX = 4096;

/** The clause read once per distinct text. */
export function parseClause(text: string): Parsed {
  // Longer texts are read as no clause at once, and kept out of the cache.
  if (text.length > MAX_CLAUSE) return readClause(text);
  const hit = parsedClauses.get(text);
  if (hit) return hit;
  const parsed = readClause(text);
  if (parsedClauses.size >= PARSED_CLAUSES_MAX) parsedClauses.clear();
  parsedClauses.set(text, parsed);
  return parsed;
}

function readClause(text: string): Parsed {
  const out: Parsed = { units: [], labelled: false, marked: 0, doubtful: [], noise: 0, longestDuty: 0, modal: false, labelAtStart: false, firstIsLead: false, ownerLike: false };
  readInto(text, out);
  out.ownerLike = isOwnerLike(out);
  return out;
}

function readInto(text: string, out: Parsed): void {
  if (text.length > MAX_CLAUSE) return;
  out.firstIsLead = statesFirstIsLead(text);
  const s = withoutConventionStatements(text).trim();
  const labelled = labelledFields(s);
  if (labelled) {
    out.labelled = true;
    out.labelAtStart = labelled.prefix === "";
    if (labelled.prefix !== "") readRoleText(labelled.prefix, null, out);
    for (const f of labelled.fields) if (f.owner && f.value !== "") readRoleText(f.value, f.role, out);
    return;
  }
  readRoleText(s, null, out);
}

/** Decide the roles still open and build the assignment. */
export function assign(text: string, parsed: Parsed, conv: OwnerConventions, column: OwnerColumn | null): OwnerAssignment | null {
  if (parsed.units.length === 0) return null;
  const assignment: OwnerAssignment = { lead: [], responsible: [], text };
  const roleOf = (u: UnitPiece): Role | null => (column === "lead" ? "lead" : (u.role ?? (column === "responsible" ? "responsible" : null)));
  // "列第一位者为牵头单位" ranks the units of a list: a single unit has no one to lead.
  const firstIsLead = (conv.firstIsLead || parsed.firstIsLead) && column !== "lead" && parsed.units.length > 1 && !parsed.units.some((u) => roleOf(u) === "lead");
  parsed.units.forEach((u, i) => {
    const role: Role = firstIsLead ? (i === 0 ? "lead" : "responsible") : (roleOf(u) ?? "responsible");
    const list = role === "lead" ? assignment.lead : assignment.responsible;
    if (!list.includes(u.name)) list.push(u.name);
  });
  if (firstIsLead) assignment.firstIsLead = true;
  if (parsed.doubtful.length > 0) assignment.unsplit = true;
  return assignment;
}

/** A bare place word (试点地区, 示范区) names no unit; 各县区 does. */
const WEAK_SUFFIX_RE = /^(?!各)[^、]*[市县区州盟旗镇乡村]$/u;

/**
 * Whether a read clause names owners at all: a label or a duty word does; a bare list must consist of clear
 * unit names and not be a lone generic word (（部门）, （街道）) or a place (试点地区).
 */
function isOwnerLike(parsed: Parsed): boolean {
  if (parsed.units.length === 0) return false;
  if (parsed.labelled || parsed.marked > 0) return true;
  const names = parsed.units.map((u) => u.name);
  const lone = names.length === 1 && (GENERIC_RE.test(names[0]) || FRAGMENT_RE.test(names[0]));
  return parsed.noise === 0 && parsed.doubtful.length === 0 && !lone && !names.some((n) => WEAK_SUFFIX_RE.test(n));
}

/** A line that stops mid-name (区各有关) continues on the next line of a flattened cell. */
const FRAGMENT_END_RE = /(?:有关|相关|各|所属|直属)$/u;

/** Clause text shared by all shapes: a line break after a separator or inside a broken name is dropped. */
export function normaliseClause(s: string): string {
  if (!s.includes("\n") && !s.includes("\r")) return s.trim();
  return s
    .replace(/\r/gu, "")
    .replace(/([、，,；;])[ \t]*\n\s*/gu, "$1")
    .replace(/\n\s*/gu, (_match, offset: number, all: string) => (FRAGMENT_END_RE.test(all.slice(Math.max(0, offset - 6), offset)) ? "" : "\n"))
    .trim();
}
