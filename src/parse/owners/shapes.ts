/**
 * Owner clauses as a registry of shapes. Each shape says where its clauses stand and, beside it, when a clause
 * read there counts as owners: a cheap look before anything is read (`mayHold`: most text has no bracket, role
 * word or unit and stops there) and a rule on the read clause (`accepts`). All shapes read clauses with one
 * reader (`clause.ts`) and split units with one splitter (`unit-list.ts`).
 */

import { HEADER_NAMES } from "../lexicon/headers.js";
import { NO_CONVENTIONS, type OwnerConventions } from "./conventions.js";
import { MAX_CLAUSE, ROLE_HINT_RE, assign, hasDutyWord, normaliseClause, parseClause, type OwnerAssignment, type OwnerColumn, type Parsed } from "./clause.js";
import { charBefore, firstGroupCloser, isNoteGroup, isSpace, openerOf, outermostGroups, trimEndChars } from "./nesting.js";
import { FRAGMENT_RE, GENERIC_RE, hasUnitLikePiece } from "./unit-list.js";
import { GROUP_CLOSERS, PAREN_CLOSERS, PAREN_OPEN } from "../lexicon/brackets.js";

/** A bracketed group of an item's text. */
interface Parenthetical {
  text: string;
  open: number;
  close: number;
  inner: string;
}

interface Line {
  text: string;
  /** The whole line is one parenthetical (its brackets removed from `text`). */
  wrapped: boolean;
}

interface ShapeRule<Candidate, Read = Parsed> {
  /** A cheap look before the clause is read. */
  mayHold: (candidate: Candidate) => boolean;
  /** Whether the clause read from the candidate counts as its owners. */
  accepts: (read: Read, candidate: Candidate) => boolean;
}

/** 区政府办公室（区政务公开办）: a bare unit in brackets right after a unit name is its other name. */
const NAME_BEFORE_RE = /(?:局|办|委|厅|室|中心|政府|部门|单位|机关)$/u;

/** Whether the text before `at` (white space skipped, within `window` characters) ends like a unit name. */
function nameEndsAt(text: string, at: number, window = at): boolean {
  const stop = Math.max(0, at - window);
  let end = at;
  while (end > stop && isSpace(text.charCodeAt(end - 1))) end--;
  // Only the last two characters can hold a suffix: the regex never runs over a long text.
  return NAME_BEFORE_RE.test(text.slice(Math.max(stop, end - 2), end));
}

/** Where a sentence ends: before a bare unit list in brackets that is not the trailing clause. */
const SENTENCE_END = "。；;！？!?\n";
/** An unlabelled owner line: short, one sentence, every clause a unit list with a brief duty. */
const MAX_LINE = 80;
const MAX_DUTY = 20;
/** "X组成若干个小组分别对各县开展督查": a sentence about what X does to something, not an owner line. */
const ACTS_ON_RE = /对[^，。；]{2,30}?(?:开展|进行|实施|组织|予以)/u;
const LABEL_HINT_RE = /[：:【]/u;
const SENTENCE_STOP_RE = /[。！？]/u;
const NO_OWNER_RE = /^[-—–/／\\无]+$/u;
/** A numbering label at the start of a line: not a unit list. */
const LABEL_START_RE = new RegExp(`^(?:${PAREN_OPEN}?[一二三四五六七八九十百\\d]{1,4}[${PAREN_CLOSERS}、.．]|第[一二三四五六七八九十百\\d]{1,4}[条章节项部分])`, "u");
const HEADER_NAME_SET: ReadonlySet<string> = new Set(HEADER_NAMES);
const DATE_RE = /\d{4}年|\d{1,2}月|[一二三四五六七八九十]{1,3}月/u;
/** Words an owner cell written as prose starts its lead with (区司法局牵头…工作，区各…主体具体落实). */
const PROSE_HINT_RE = /牵头|负责|落实/u;
const MAX_PROSE_CELL = 200;
const MAX_UNIT_LIST = 150;

/** An owner clause has a role word or a piece that ends like a unit name. */
function mayNameOwners(inner: string): boolean {
  return ROLE_HINT_RE.test(inner) || hasUnitLikePiece(inner);
}

/** Notices repeat their parentheticals (（牵头单位：…）, （一）, （试行）): each inside is looked at once. */
const bracketClauses = new Map<string, Parsed | null>();
const BRACKET_CLAUSES_MAX = 4096;

/** The inside of a parenthetical read as a clause, or null when it has no role word and no unit-like piece. */
function bracketClause(inner: string): Parsed | null {
  // An inside longer than a clause names no owners (parseClause reads it as empty): not looked at, not kept.
  if (inner.length > MAX_CLAUSE) return null;
  let parsed = bracketClauses.get(inner);
  if (parsed === undefined) {
    parsed = mayNameOwners(inner) ? parseClause(normaliseClause(inner)) : null;
    if (bracketClauses.size >= BRACKET_CLAUSES_MAX) bracketClauses.clear();
    bracketClauses.set(inner, parsed);
  }
  return parsed;
}

/** A bare list (no label, no duty word) in brackets after a unit name is its other name, not its owners. */
const bare = (p: Parsed) => p.marked === 0 && !p.labelled;

/** A unit list with nothing else: no noise, no doubtful piece, no sentence subject, brief duties. */
const plainUnits = (p: Parsed) => p.noise === 0 && p.doubtful.length === 0 && !p.modal && p.longestDuty <= MAX_DUTY;

/**
 * Each shape's rule. A parenthetical's inside is read by `bracketClause`, which first looks for a role word or a
 * unit-like piece (（以下简称《条例》）, （试行）, （2015-2020年） fail it at once).
 */
export const SHAPES = {
  /** （牵头单位：X；落实单位：Y） or （X牵头，Y配合） closing an item, or before a trailing note. */
  trailingParenthetical: {
    mayHold: (c) => c.inner !== "",
    accepts: (p, c) => p.ownerLike && !(bare(p) && nameEndsAt(c.text, c.open)),
  } satisfies ShapeRule<Parenthetical>,
  /** "…规划信息。（市规划国土委负责落实）推进…": a labelled or marked one anywhere; a bare list only after a sentence. */
  inlineParenthetical: {
    mayHold: (c) => c.inner !== "" && c.inner.length <= MAX_CLAUSE,
    accepts: (p, c) => p.ownerLike && (!bare(p) || (!nameEndsAt(c.text, c.open, 8) && SENTENCE_END.includes(charBefore(c.text, c.open)))),
  } satisfies ShapeRule<Parenthetical>,
  /** 牵头单位：X / （X负责） on a line of its own, or a short bare line "X牵头，Y配合". */
  ownerLine: {
    mayHold: (c) => c.text !== "" && (c.wrapped || LABEL_HINT_RE.test(c.text) || (c.text.length <= MAX_LINE && !SENTENCE_STOP_RE.test(c.text) && hasDutyWord(c.text))),
    accepts: (p, c) =>
      c.wrapped || p.labelAtStart
        ? p.ownerLike
        : c.text.length <= MAX_LINE && !SENTENCE_STOP_RE.test(c.text) && !ACTS_ON_RE.test(c.text) && p.marked > 0 && plainUnits(p),
  } satisfies ShapeRule<Line>,
  /** A cell of an owner column: it holds owners by definition, so one without units is kept whole (and flagged). */
  ownerCell: {
    mayHold: (c) => c.text !== "" && !NO_OWNER_RE.test(c.text),
    accepts: (p) => p.units.length > 0,
  } satisfies ShapeRule<{ text: string }>,
  /** A cell of a flattened table told by its look: units only (区发改委、区财政局; 区各有关 + 部门). */
  unitListCell: {
    mayHold: (c) =>
      c.text !== "" && c.text.length <= MAX_UNIT_LIST && !/[。！？!?：:]/u.test(c.text) && !LABEL_START_RE.test(c.text) && !HEADER_NAME_SET.has(c.text) && !DATE_RE.test(c.text),
    accepts: (p) => p.units.length > 0 && plainUnits(p),
  } satisfies ShapeRule<{ text: string }>,
  /** "区司法局牵头…工作，区各…主体具体落实": an owner cell written as prose, which starts with its lead. */
  proseCell: {
    mayHold: (c) => c.text.length <= MAX_PROSE_CELL && PROSE_HINT_RE.test(c.text),
    accepts: (owners, c) => owners.lead.length > 0 && c.text.startsWith(owners.lead[0]),
  } satisfies ShapeRule<{ text: string }, OwnerAssignment>,
} as const;

const TRAILING_JUNK = "。．.；;，,、";

export function findTrailingOwnerClause(
  itemText: string,
  conv: OwnerConventions = NO_CONVENTIONS,
): { assignment: OwnerAssignment; start: number; end: number } | null {
  let end = trimEndChars(itemText, TRAILING_JUNK).length;
  // The owner clause is the last parenthetical, or the one before a trailing note such as （2021年底前完成）.
  for (let attempt = 0; attempt < 2 && end > 0; attempt++) {
    const close = end - 1;
    if (!GROUP_CLOSERS.includes(itemText.charAt(close))) return null;
    const open = openerOf(itemText, close);
    if (open === null) return null;
    const candidate = { text: itemText, open, close, inner: itemText.slice(open + 1, close).trim() };
    const parsed = SHAPES.trailingParenthetical.mayHold(candidate) ? bracketClause(candidate.inner) : null;
    if (parsed) {
      if (SHAPES.trailingParenthetical.accepts(parsed, candidate)) {
        const assignment = assign(candidate.inner, parsed, conv, null);
        if (assignment) return { assignment, start: open, end: close + 1 };
      }
    }
    end = itemText.slice(0, open).trimEnd().length;
  }
  return null;
}

/** One item's text holds a handful of parentheticals; past this many it is not an item (this also bounds the work). */
const MAX_GROUPS = 200;

/**
 * Every owner parenthetical in `text`, in order: the trailing one and those inside the body
 * ("…迭代升级。（牵头单位：区发改委；责任单位：各街道）、重塑…"). Non-owner parentheticals (（以下简称…）, （试行）,
 * （2015-2020年）, another name of a unit) are told apart by each shape's rule.
 */
export function findOwnerClauses(
  text: string,
  conv: OwnerConventions = NO_CONVENTIONS,
): Array<{ assignment: OwnerAssignment; start: number; end: number }> {
  const firstCloser = firstGroupCloser(text);
  if (firstCloser < 0) return [];
  const trailing = findTrailingOwnerClause(text, conv);
  // The trailing clause holds the text's only closer: no other group can name owners, and no scan is needed.
  if (trailing && firstCloser === trailing.end - 1) return [trailing];
  const found: Array<{ assignment: OwnerAssignment; start: number; end: number }> = [];
  let read = 0;
  for (const group of outermostGroups(text)) {
    if (trailing && trailing.start === group.open) {
      found.push(trailing);
      continue;
    }
    if (!isNoteGroup(text, group)) continue;
    const candidate = { text, open: group.open, close: group.close, inner: text.slice(group.open + 1, group.close).trim() };
    if (!SHAPES.inlineParenthetical.mayHold(candidate)) continue;
    const parsed = bracketClause(candidate.inner);
    if (!parsed) continue;
    if (++read > MAX_GROUPS) break;
    if (!SHAPES.inlineParenthetical.accepts(parsed, candidate)) continue;
    const assignment = assign(candidate.inner, parsed, conv, null);
    if (assignment) found.push({ assignment, start: group.open, end: group.close + 1 });
  }
  // Unbalanced brackets earlier in the text can hide the trailing clause from the forward scan.
  if (trailing && !found.includes(trailing) && found.every((f) => f.end <= trailing.start || f.start >= trailing.end)) {
    found.push(trailing);
    found.sort((a, b) => a.start - b.start);
  }
  return found;
}

export function parseOwnerLine(line: string, conv: OwnerConventions = NO_CONVENTIONS): OwnerAssignment | null {
  let text = trimEndChars(normaliseClause(line), TRAILING_JUNK);
  const last = text.length - 1;
  const wrapped = last > 0 && GROUP_CLOSERS.includes(text.charAt(last)) && openerOf(text, last) === 0;
  if (wrapped) text = text.slice(1, -1).trim();
  const candidate = { text, wrapped };
  if (!SHAPES.ownerLine.mayHold(candidate)) return null;
  const parsed = parseClause(text);
  return SHAPES.ownerLine.accepts(parsed, candidate) ? assign(text, parsed, conv, null) : null;
}

export function parseOwnerCell(cell: string, column: OwnerColumn, conv: OwnerConventions = NO_CONVENTIONS): OwnerAssignment | null {
  const text = trimEndChars(normaliseClause(cell), TRAILING_JUNK);
  if (!SHAPES.ownerCell.mayHold({ text })) return null;
  const parsed = parseClause(text);
  if (SHAPES.ownerCell.accepts(parsed)) return assign(text, parsed, conv, column);
  // An owner column holds owners by definition: keep the text whole and say it was not split.
  return column === "lead" ? { lead: [text], responsible: [], text, unsplit: true } : { lead: [], responsible: [text], text, unsplit: true };
}

/** A flattened table's cell that holds only units. */
export function looksLikeUnitList(line: string): boolean {
  const text = trimEndChars(normaliseClause(line), "、，,");
  if (!SHAPES.unitListCell.mayHold({ text })) return false;
  if (FRAGMENT_RE.test(text) || GENERIC_RE.test(text)) return true;
  return SHAPES.unitListCell.accepts(parseClause(text));
}

/** A flattened table's cell written as prose that names its owners, lead first: its owners, else null. */
export function readOwnerProse(cell: string): OwnerAssignment | null {
  const candidate = { text: cell.trim() };
  if (!SHAPES.proseCell.mayHold(candidate)) return null;
  const owners = parseOwnerCell(candidate.text, "mixed");
  return owners && SHAPES.proseCell.accepts(owners, candidate) ? owners : null;
}

/** The units of a list, each once, as written. */
export function splitUnits(list: string): string[] {
  const parsed = parseClause(normaliseClause(list));
  const names: string[] = [];
  for (const u of parsed.units) if (!names.includes(u.name)) names.push(u.name);
  return names;
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

const CARRIED_END_RE = new RegExp(`[。；;${PAREN_CLOSERS}]|$`, "u");
const CARRIED_UNITS_RE = /以下[^。；;]{0,20}?(?:均需|均由|均要|需|由)([^。；;]{2,80}?)(?:负责|落实|承担|执行|配合)[^。；;]{0,20}?不再/u;

/**
 * What a carry-over statement carries: "以下任务均需各区市政府、开发区管委落实，不再一一列出" names
 * the units that also act on every following item (not the clause's lead); "下同" carries the
 * whole clause (null).
 */
export function carriedOverUnits(clauseText: string): { units: string[]; text: string } | null {
  const m = CARRIED_UNITS_RE.exec(clauseText);
  if (!m) return null;
  const end = clauseText.slice(m.index).search(CARRIED_END_RE);
  return { units: splitUnits(m[1]), text: clauseText.slice(m.index, m.index + end) };
}
